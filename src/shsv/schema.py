"""Phase one for a record's data: the pydantic schema, its errors turned into findings."""

from __future__ import annotations

from typing import Any

from pydantic import ValidationError
from pydantic_core import ErrorDetails

from shsv.findings import Finding, dotted
from shsv.model import Record
from shsv.model.types import UNION_TAGS

_EXPECTED = {
    "string_type": "text",
    "int_type": "a whole number",
    "float_type": "a number",
    "bool_type": "true or false",
    "list_type": "a list",
    "dict_type": "a mapping of fields",
    "model_type": "a mapping of fields",
    "model_attributes_type": "a mapping of fields",
    "shsv_shape": "text or a mapping of fields",
}


def describe(value: Any) -> str:
    """Name a YAML value's type the way a person writing YAML would."""
    if value is None:
        return "nothing (an empty value)"
    if isinstance(value, bool):
        return f"{str(value).lower()} (true/false)"
    if isinstance(value, (int, float)):
        return f"the number {value!r}"
    if isinstance(value, str):
        shown = value if len(value) <= 40 else value[:37] + "..."
        return f"the text {shown!r}"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return type(value).__name__


def check(model: type[Record], data: Any) -> tuple[Record | None, list[Finding]]:
    """Validate ``data`` as ``model``: the record, or the findings that stop it."""
    try:
        return model.model_validate(data), []
    except ValidationError as exc:
        return None, [_finding(error) for error in exc.errors(include_url=False)]


def _finding(error: ErrorDetails) -> Finding:
    loc = tuple(part for part in error["loc"] if part not in UNION_TAGS)
    kind = error["type"]
    field = dotted(loc)
    if kind == "extra_forbidden":
        return Finding(
            "S201",
            loc,
            f"unknown field '{loc[-1]}'{_within(loc)}; check its spelling or remove it",
            on_key=True,
        )
    if kind == "missing":
        return Finding(
            "S202", loc[:-1], f"missing required field '{loc[-1]}'{_within(loc)}", on_key=True
        )
    if kind in _EXPECTED or kind == "shsv_type":
        expected = _EXPECTED.get(kind)
        wanted = f"should be {expected}" if expected else error["msg"]
        return Finding("S203", loc, f"{field} {wanted}, not {describe(error['input'])}")
    if kind == "shsv_date":
        return Finding("S205", loc, f"{field}: {error['msg']}")
    if kind == "shsv_id":
        return Finding("S206", loc, f"{field}: {error['msg']}")
    return Finding("S204", loc, f"{field}: {_plain(error['msg'])}")


def _within(loc: tuple[Any, ...]) -> str:
    parent = dotted(loc[:-1])
    return "" if parent == "the record" else f" in {parent}"


def _plain(message: str) -> str:
    """pydantic's 'Input should be ...' reads better as 'should be ...'."""
    return message.replace("Input should be", "should be").replace("String should", "should")
