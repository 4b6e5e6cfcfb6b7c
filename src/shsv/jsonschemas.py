"""JSON Schemas for editors: one draft-07 schema per kind of record.

The YAML language server (VS Code, Neovim, Emacs, ...) understands draft-07, and a
record file points at its schema with a first line such as
``# yaml-language-server: $schema=../../schemas/report.schema.json``. The schemas are
generated from the pydantic model, so they cannot drift from what ``shsv validate``
checks; the model's own ``WithJsonSchema`` annotations describe ids and dates, and
"text or mapping" fields come out as ``oneOf`` a string or an object. Field
docstrings become descriptions, which editors show on hover.
"""

from __future__ import annotations

import ast
import inspect
import json
import posixpath
import textwrap
from functools import cache
from typing import Any

from pydantic import BaseModel
from pydantic.json_schema import GenerateJsonSchema, JsonSchemaValue
from pydantic_core import core_schema

from shsv.errors import UsageError
from shsv.model import KIND_NAMES, KINDS, Record
from shsv.model.types import Strict

DRAFT_07 = "http://json-schema.org/draft-07/schema#"
FOLDER = "schemas"
MODELINE = "# yaml-language-server: $schema="


def file_name(kind: str) -> str:
    """``report`` -> ``report.schema.json``."""
    return f"{kind}.schema.json"


def modeline(rel: str, kind: str | None = None) -> str:
    """The first line for the record file at ``rel`` (relative to the repository root)
    holding a record of ``kind`` (default: the kind whose folder ``rel`` is in)."""
    folder = posixpath.dirname(rel) or "."
    return MODELINE + posixpath.relpath(f"{FOLDER}/{file_name(kind or _kind_of(rel))}", folder)


def with_modeline(text: str, rel: str) -> str:
    """``text`` with its schema line first: added, or corrected when it points elsewhere."""
    bom = "\ufeff" if text.startswith("\ufeff") else ""
    newline = "\r\n" if "\r\n" in text else "\n"
    body = text.removeprefix(bom)
    if body.startswith(MODELINE):
        body = body.split("\n", 1)[1] if "\n" in body else ""
    return f"{bom}{modeline(rel)}{newline}{body}"


class NotARecordFileError(UsageError, ValueError):
    """A path that is not a record file under ``data/<kind>/``: a usage error with its
    message, should one reach the command line, and a ValueError to a caller."""


def _kind_of(rel: str) -> str:
    parts = rel.split("/")
    if len(parts) < 3 or parts[0] != "data" or parts[1] not in KINDS:
        raise NotARecordFileError(f"{rel} is not a record file under data/<kind>/")
    return KIND_NAMES[KINDS[parts[1]]]


class _Draft07(GenerateJsonSchema):
    """pydantic's generator, speaking draft-07 and carrying field docstrings."""

    schema_dialect = DRAFT_07

    def get_default_value(self, schema: core_schema.WithDefaultSchema) -> Any:
        # Lists default through a factory (cheaper than copying a shared []), but an
        # editor should still show that they default to empty.
        if schema.get("default_factory") is list:
            return []
        return super().get_default_value(schema)

    def model_schema(self, schema: core_schema.ModelSchema) -> JsonSchemaValue:
        json_schema = super().model_schema(schema)
        model: type[BaseModel] = schema["cls"]
        docs = field_docs(model)
        for name, prop in json_schema.get("properties", {}).items():
            if name in docs:
                prop.setdefault("description", docs[name])
        return json_schema


@cache
def field_docs(cls: type[BaseModel]) -> dict[str, str]:
    """Each field's docstring (the string literal under it), inherited ones included."""
    docs: dict[str, str] = {}
    for klass in reversed(cls.__mro__):
        if not (isinstance(klass, type) and issubclass(klass, Strict)) or klass is Strict:
            continue
        body = ast.parse(textwrap.dedent(inspect.getsource(klass))).body[0]
        assert isinstance(body, ast.ClassDef)
        for field, after in zip(body.body, body.body[1:], strict=False):
            if (
                isinstance(field, ast.AnnAssign)
                and isinstance(field.target, ast.Name)
                and isinstance(after, ast.Expr)
                and isinstance(after.value, ast.Constant)
                and isinstance(after.value.value, str)
            ):
                docs[field.target.id] = inspect.cleandoc(after.value.value)
    return docs


def generate(model: type[Record]) -> dict[str, Any]:
    """The draft-07 schema for one kind of record."""
    schema = model.model_json_schema(
        ref_template="#/definitions/{model}", schema_generator=_Draft07, mode="validation"
    )
    kind = KIND_NAMES[model]
    out: dict[str, Any] = {"$schema": DRAFT_07, "title": f"shsv {kind} record"}
    # draft-07 keeps shared parts under "definitions" ("$defs" came with 2019-09).
    definitions = schema.pop("$defs", None)
    schema.pop("title", None)
    out.update(schema)
    if definitions:
        out["definitions"] = definitions
    return out


def render(model: type[Record]) -> str:
    return json.dumps(generate(model), indent=2, ensure_ascii=False) + "\n"


def render_all() -> dict[str, str]:
    """``{file name: schema text}`` for every kind, in the order of ``KINDS``."""
    return {file_name(KIND_NAMES[model]): render(model) for model in KINDS.values()}
