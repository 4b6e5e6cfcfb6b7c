"""Records as flat tables, for analysts: one table a kind, plus tables for their lists.

Derived from the model, so a new field appears without changes here:

- ``records``: every id with its kind, title, date and file; references that may name
  several kinds (a partner is a council or an organisation) point here.
- one table per kind (``reports``): a column per field. A nested mapping is spread
  over ``field_subfield`` columns; a date keeps its text and gains ``_start`` and
  ``_end`` (ISO days, the window it covers); a list is a JSON text column; and
  ``full_text`` holds every word of the record, for full-text search.
- ``<kind>_<field>`` (``programmes_partners``, ``arrangements_status``): one row per
  item of a list of references or of mappings, with its parent and ``position``.
- ``sources``: every record's sources.
"""

from __future__ import annotations

import json
import types
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from typing import Annotated, Any, Literal, Union, get_args, get_origin

from pydantic import BaseModel

from shsv.dates import DateSpan
from shsv.listing import date_of, title_of
from shsv.model import KIND_NAMES, KINDS, Record
from shsv.model.refs import ref_kinds
from shsv.repository import Repository

Shape = Literal["value", "date", "mapping", "values", "refs", "mappings"]
FULL_TEXT = "full_text"
"""Every word of a record, for full-text search; only the database needs it."""


@dataclass(frozen=True, slots=True)
class Field:
    name: str
    shape: Shape
    sql: type = str
    """The SQL affinity of a value: str, int or float."""
    ref: str | None = None
    """The table a reference points at."""
    model: type[BaseModel] | None = None


@dataclass(slots=True)
class Table:
    name: str
    columns: dict[str, type]
    pk: str | tuple[str, ...]
    foreign_keys: list[tuple[str, str, str]] = field(default_factory=list)
    rows: list[dict[str, Any]] = field(default_factory=list)
    search: list[str] = field(default_factory=list)
    """Columns for full-text search."""


def _unwrap(annotation: Any) -> tuple[Any, int]:
    """The innermost type, and how many lists deep it is."""
    lists = 0
    while True:
        origin = get_origin(annotation)
        if origin is Annotated:
            annotation = get_args(annotation)[0]
        elif origin in (Union, types.UnionType):
            members = [a for a in get_args(annotation) if a is not type(None)]
            models = [m for m in map(_base, members) if _is_model(m)]
            # "Text or mapping": the mapping's model; its text form fills its 'text'.
            # A union of plain types is kept as text.
            annotation = members[0] if len(members) == 1 else models[0] if models else str
        elif origin is list:
            lists += 1
            annotation = get_args(annotation)[0]
        else:
            return annotation, lists


def _base(annotation: Any) -> Any:
    return _unwrap(annotation)[0]


def _is_model(value: Any) -> bool:
    return isinstance(value, type) and issubclass(value, BaseModel)


@cache
def fields(model: type[BaseModel]) -> tuple[Field, ...]:
    out = []
    for name, info in model.model_fields.items():
        base, lists = _unwrap(info.annotation)
        kinds = ref_kinds(info)
        ref = (f"{kinds[0]}s" if len(kinds) == 1 else "records") if kinds else None
        sql = base if base in (int, float) else int if base is bool else str
        if lists > 1 or (lists and not ref and not _is_model(base)):
            out.append(Field(name, "values"))
        elif lists:
            out.append(Field(name, "refs" if ref else "mappings", ref=ref, model=base))
        elif _is_model(base):
            out.append(Field(name, "mapping", model=base))
        elif base in (DateSpan, date):
            out.append(Field(name, "date"))
        else:
            out.append(Field(name, "value", sql, ref))
    return tuple(out)


def columns(model: type[BaseModel], prefix: str = "") -> dict[str, type]:
    out: dict[str, type] = {}
    for f in fields(model):
        name = prefix + f.name
        if f.shape == "mapping" and f.model:
            out.update(columns(f.model, f"{name}_"))
        elif f.shape == "date":
            out.update({name: str, f"{name}_start": str, f"{name}_end": str})
        else:
            out[name] = f.sql
    return out


def values(
    item: BaseModel | str | None, model: type[BaseModel], prefix: str = ""
) -> dict[str, Any]:
    """One row's cells for ``item`` (None: all empty; text: the 'text' of its mapping form)."""
    if isinstance(item, str):
        item = model.model_construct(text=item)
    out: dict[str, Any] = {}
    for f in fields(model):
        name, value = prefix + f.name, getattr(item, f.name, None)
        if f.shape == "mapping" and f.model:
            out.update(values(value, f.model, f"{name}_"))
        elif f.shape == "date":
            out.update(_date_cells(name, value))
        elif f.shape in ("values", "refs", "mappings"):
            out[name] = _json(value or [])
        else:
            out[name] = value
    return out


def _date_cells(name: str, value: DateSpan | date | None) -> dict[str, str | None]:
    if isinstance(value, DateSpan):
        start = value.start.isoformat() if value.start else None
        return {name: value.text, f"{name}_start": start, f"{name}_end": value.end.isoformat()}
    day = value.isoformat() if value else None
    return {name: day, f"{name}_start": day, f"{name}_end": day}


def _json(value: Any) -> str:
    if isinstance(value, list):
        value = [v.model_dump(mode="json") if isinstance(v, BaseModel) else v for v in value]
    return json.dumps(value, ensure_ascii=False, default=str)


def _words(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    items = value.values() if isinstance(value, dict) else value if isinstance(value, list) else []
    return [word for item in items for word in _words(item)]


def build(repo: Repository) -> list[Table]:
    """Every table, with its rows, for the records in ``repo``."""
    records = Table(
        "records",
        {"id": str, "kind": str, "title": str, "date": str, "path": str},
        "id",
    )
    sources = _child("sources", "record", "records", _field(Record, "sources"))
    tables = [records, sources.table]
    for folder, model in KINDS.items():
        kind = KIND_NAMES[model]
        table = Table(folder, {**columns(model), "path": str, FULL_TEXT: str}, "id")
        label = [c for c in ("title", "name", "body") if c in table.columns][:1]
        table.search = [*label, FULL_TEXT]
        table.foreign_keys = [
            (f.name, f.ref, "id") for f in fields(model) if f.ref and f.shape == "value"
        ]
        children = [
            _child(f"{folder}_{f.name}", kind, folder, f)
            for f in fields(model)
            if f.shape in ("refs", "mappings") and f.name not in Record.model_fields
        ]
        for record in repo.of_kind(model):
            path = repo.paths.get(record.id)
            records.rows.append(
                {"id": record.id, "kind": kind, "title": title_of(repo, record),
                 "date": date_of(repo, record), "path": path}
            )  # fmt: skip
            text = "\n".join(_words(record.model_dump(mode="json")))
            table.rows.append({**values(record, model), "path": path, FULL_TEXT: text})
            sources.fill(record.id, record.sources)
            for child in children:
                child.fill(record.id, getattr(record, child.field))
        tables += [table, *(child.table for child in children)]
    return tables


def _field(model: type[BaseModel], name: str) -> Field:
    return next(f for f in fields(model) if f.name == name)


@dataclass(slots=True)
class _Child:
    """The table of a list field's items, and how each item becomes a row of it."""

    table: Table
    field: str
    parent: str
    """The column holding the id of the record the list is in."""
    column: str | None = None
    """For a list of references: the column holding each id."""
    model: type[BaseModel] | None = None
    """For a list of mappings: the model whose fields become the columns."""

    def fill(self, parent: str, items: list[Any]) -> None:
        for position, item in enumerate(items, 1):
            row: dict[str, Any] = {self.parent: parent, "position": position}
            if self.column:
                row[self.column] = item
            elif self.model:
                row.update(values(item, self.model))
            self.table.rows.append(row)


def _child(name: str, parent: str, parent_table: str, f: Field) -> _Child:
    table = Table(name, {parent: str, "position": int}, (parent, "position"))
    table.foreign_keys.append((parent, parent_table, "id"))
    child = _Child(table, f.name, parent)
    if f.shape == "refs" and f.ref:
        child.column = f.name.removesuffix("s") if f.name != "follows" else f.name
        table.columns[child.column] = str
        table.foreign_keys.append((child.column, f.ref, "id"))
    elif f.model:
        child.model = f.model
        extra = columns(f.model)
        assert not set(extra) & set(table.columns), (name, extra)
        table.columns.update(extra)
        table.foreign_keys += [
            (g.name, g.ref, "id") for g in fields(f.model) if g.ref and g.shape == "value"
        ]
    return child
