"""References between records, declared once in the field types and found by walking.

A reference field is typed ``Ref[...]`` (an id plus the kinds it may name); ``refs()``
walks any record and yields each reference with its place, so the cross-record checks
need no list of which field points where.
"""

from __future__ import annotations

import types
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from typing import Annotated, Any, Union, get_args, get_origin

from pydantic import BaseModel, WithJsonSchema
from pydantic.fields import FieldInfo

from shsv.model.types import ID_CHECK, ID_JSON_SCHEMA
from shsv.yamlbase import Loc


@dataclass(frozen=True, slots=True)
class RefTo:
    """Marks an id field as naming a record of one of ``kinds``."""

    kinds: tuple[str, ...]


_ID_SCHEMA = WithJsonSchema(ID_JSON_SCHEMA)
_ID = ID_CHECK

CouncilRef = Annotated[str, _ID, RefTo(("council",)), _ID_SCHEMA]
PartnerRef = Annotated[str, _ID, RefTo(("council", "organisation")), _ID_SCHEMA]
ProgrammeRef = Annotated[str, _ID, RefTo(("programme",)), _ID_SCHEMA]
ArrangementRef = Annotated[str, _ID, RefTo(("arrangement",)), _ID_SCHEMA]
MeetingRefId = Annotated[str, _ID, RefTo(("meeting",)), _ID_SCHEMA]
ReportRef = Annotated[str, _ID, RefTo(("report",)), _ID_SCHEMA]
DecisionRef = Annotated[str, _ID, RefTo(("decision",)), _ID_SCHEMA]
MilestoneRef = Annotated[str, _ID, RefTo(("milestone",)), _ID_SCHEMA]


Ref = tuple[Loc, str, tuple[str, ...]]
"""A reference: where it is written, the id it names, and the kinds that id may name.
A plain tuple: every file's summary holds several, and the cache pickles them, so
they are made, pickled and unpickled at C speed, with no ``__init__`` to run."""


def _parts(annotation: Any) -> Iterator[Any]:
    """Every type inside an annotation: through Optional, list and Annotated."""
    yield annotation
    origin = get_origin(annotation)
    if origin is Annotated:
        yield from _parts(get_args(annotation)[0])
        yield from get_args(annotation)[1:]
    elif origin in (list, Union, types.UnionType):
        for arg in get_args(annotation):
            yield from _parts(arg)


def ref_kinds(info: FieldInfo) -> tuple[str, ...] | None:
    """The kinds of record a field's ids may name (a single id, an optional one or a list
    of them), or None when the field holds no reference."""
    parts = [*info.metadata, *_parts(info.annotation)]
    return next((part.kinds for part in parts if isinstance(part, RefTo)), None)


@cache
def _plan(model: type[BaseModel]) -> tuple[tuple[str, tuple[str, ...] | None], ...]:
    """(field, kinds) for reference fields; (field, None) for fields holding models
    that themselves contain references."""
    plan: list[tuple[str, tuple[str, ...] | None]] = []
    for name, info in model.model_fields.items():
        kinds = ref_kinds(info)
        if kinds:
            plan.append((name, kinds))
        elif any(
            isinstance(p, type) and issubclass(p, BaseModel) and p is not model and _plan(p)
            for p in _parts(info.annotation)
        ):
            plan.append((name, None))
    return tuple(plan)


def refs(model: BaseModel, loc: Loc = ()) -> Iterator[Ref]:
    """Each reference in ``model`` with its place in the record's data."""
    found: list[Ref] = []
    _gather(model, loc, found)
    return iter(found)


def _gather(model: BaseModel, loc: Loc, found: list[Ref]) -> None:
    # One list filled by plain loops, not nested generators: this walk runs for every
    # file of a run.
    for name, kinds in _plan(type(model)):
        value = getattr(model, name)
        if isinstance(value, list):
            for index, item in enumerate(value):
                if kinds and isinstance(item, str):
                    found.append(((*loc, name, index), item, kinds))
                elif isinstance(item, BaseModel):
                    _gather(item, (*loc, name, index), found)
        elif kinds and isinstance(value, str):
            found.append(((*loc, name), value, kinds))
        elif isinstance(value, BaseModel):
            _gather(value, (*loc, name), found)
