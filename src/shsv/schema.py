"""Phase one for a record's data: the pydantic schema, its errors turned into findings."""

from __future__ import annotations

from typing import Any

from pydantic import ValidationError
from pydantic_core import ErrorDetails

from shsv.findings import Finding, dotted
from shsv.model import Record
from shsv.model.native import FAST_FORM
from shsv.model.types import MAP_FORM, TEXT_FORM, UNION_TAGS, id_problem

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
        # The validator itself: model_validate only passes it its default arguments.
        return model.__pydantic_validator__.validate_python(data), []
    except ValidationError as exc:
        return None, [_finding(error) for error in _chosen(exc.errors(include_url=False))]


def _chosen(errors: list[ErrorDetails]) -> list[ErrorDetails]:
    """The errors of the union branches each value's type chose.

    pydantic-core reports every branch of a union that failed. A fast check's errors
    are never shown; of a "text or mapping" field's, those of the text form when the
    value is text, of the mapping form when it is not, or one shape error when it is
    neither (as a discriminator on the value's type would have reported).
    """
    not_text = {e["loc"][:-1] for e in errors if _ends(e, TEXT_FORM, "string_type")}
    not_mapping = {e["loc"][:-1] for e in errors if _ends(e, MAP_FORM, "model_type")}
    shaped: set[tuple[int | str, ...]] = set()
    chosen: list[ErrorDetails] = []
    for error in errors:
        loc = error["loc"]
        if FAST_FORM in loc:
            continue
        for index, part in enumerate(loc):
            if part not in (TEXT_FORM, MAP_FORM):
                continue
            where = loc[:index]
            if where in not_text and where in not_mapping:  # neither form: one error
                if where not in shaped:
                    shaped.add(where)
                    chosen.append(_shape_error(where, error["input"]))
                break
            if (part == TEXT_FORM) == (where in not_text):  # the form the value is not
                break
        else:
            chosen.append(error)
    return chosen


def _ends(error: ErrorDetails, tag: str, kind: str) -> bool:
    return error["type"] == kind and bool(error["loc"]) and error["loc"][-1] == tag


def _shape_error(loc: tuple[int | str, ...], value: Any) -> ErrorDetails:
    message = "expected text or a mapping of fields"
    return {"type": "shsv_shape", "loc": loc, "msg": message, "input": value}


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
        return Finding("S206", loc, f"{field}: {id_problem(error['input'])}")
    return Finding("S204", loc, f"{field}: {_plain(error['msg'])}")


def _within(loc: tuple[Any, ...]) -> str:
    parent = dotted(loc[:-1])
    return "" if parent == "the record" else f" in {parent}"


def _plain(message: str) -> str:
    """pydantic's 'Input should be ...' reads better as 'should be ...'."""
    return message.replace("Input should be", "should be").replace("String should", "should")
