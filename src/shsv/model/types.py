"""Field types shared by every record: ids, text, dates, and the strict base model."""

from __future__ import annotations

import re
from datetime import date
from typing import Annotated, Any

from pydantic import (
    BaseModel,
    ConfigDict,
    Discriminator,
    Field,
    PlainSerializer,
    PlainValidator,
    StringConstraints,
    Tag,
    WithJsonSchema,
)
from pydantic_core import PydanticCustomError

from shsv import dates
from shsv.atomic import DEVICES

SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
_SLUG = re.compile(SLUG_PATTERN)
MAX_ID = 80
"""The longest id, in characters."""


class Strict(BaseModel):
    """Unknown fields are errors; no coercion: 'yes' is not true and '100' is not 100."""

    model_config = ConfigDict(
        extra="forbid", strict=True, frozen=True, allow_inf_nan=False, populate_by_name=True
    )


def is_id(value: str) -> bool:
    """Whether ``value`` may be an id: a slug of at most ``MAX_ID`` characters that is no
    device name (an id names its record's file)."""
    return len(value) <= MAX_ID and bool(_SLUG.fullmatch(value)) and value not in DEVICES


def _check_id(value: Any) -> str:
    if not isinstance(value, str):
        raise PydanticCustomError("shsv_type", "an id is text, such as lancaster-city-council")
    if not is_id(value):
        raise PydanticCustomError(
            "shsv_id",
            "'{value}' is not a valid id: use lower-case letters, digits and single hyphens "
            f"(at most {MAX_ID} characters, not a reserved file name)",
            {"value": value[:90]},
        )
    return value


ID_JSON_SCHEMA: dict[str, Any] = {
    "type": "string",
    "pattern": SLUG_PATTERN,
    "maxLength": MAX_ID,
    # Only the device names a slug can spell; the pattern refuses the others.
    "not": {"enum": sorted(name for name in DEVICES if _SLUG.fullmatch(name))},
}
"""What an id is, for editors: the same rule as ``_check_id``."""

Id = Annotated[str, PlainValidator(_check_id), WithJsonSchema(ID_JSON_SCHEMA)]
"""A stable lower-case slug: a record's own id, or a reference to another record."""

Text = Annotated[str, StringConstraints(min_length=1, max_length=100_000)]
"""Plain text, kept as written."""

Markdown = Annotated[str, StringConstraints(min_length=1, max_length=100_000)]
"""Text that may use inline Markdown (**bold**, *italic*, [links](https://...))."""

Email = Annotated[str, StringConstraints(pattern=r"^[^@\s]+@[^@\s]+\.[^@\s]+$", max_length=254)]
Telephone = Annotated[str, StringConstraints(pattern=r"^\+?[0-9][0-9 ()-]{5,30}$")]
# A bare " in the class: the JSON Schema copy is an ECMAScript regex, where \" is invalid.
Url = Annotated[str, StringConstraints(pattern=r'^https?://[^\s<>"]+$', max_length=2000)]
Percent = Annotated[float, Field(ge=0, le=100)]
SchedulePara = Annotated[int, Field(ge=1, le=7)]


def _fuzzy(value: Any) -> dates.DateSpan:
    if not isinstance(value, str):
        raise PydanticCustomError("shsv_type", "a date is text such as 2011-07-26 or 'Q1 2010'")
    try:
        return dates.parse(value)
    except dates.DateError as exc:
        raise PydanticCustomError("shsv_date", str(exc)) from None


def _day(value: Any) -> date:
    if not isinstance(value, str):
        raise PydanticCustomError("shsv_type", "a day is text written YYYY-MM-DD")
    try:
        return dates.parse_day(value)
    except dates.DateError as exc:
        raise PydanticCustomError("shsv_date", str(exc)) from None


FuzzyDate = Annotated[
    dates.DateSpan,
    PlainValidator(_fuzzy),
    PlainSerializer(lambda span: span.text, return_type=str),
    WithJsonSchema(
        {
            "type": "string",
            "pattern": dates.JSON_PATTERN,
            "description": f"A date as written: {dates.FORMS}",
        }
    ),
]
"""A date with its precision, kept as the paper wrote it."""

Day = Annotated[
    date,
    PlainValidator(_day),
    PlainSerializer(lambda day: day.isoformat(), return_type=str),
    # The reader strips spaces around a day, so the pattern allows them too.
    WithJsonSchema({"type": "string", "pattern": r"^\s*\d{4}-\d{2}-\d{2}\s*$"}),
]
"""An exact day, written YYYY-MM-DD."""

# Tags for "text or mapping" unions; unusual names so they never clash with a field.
TEXT_FORM = "as-text"
MAP_FORM = "as-mapping"
UNION_TAGS = frozenset({TEXT_FORM, MAP_FORM})


def _shape(value: Any) -> str | None:
    if isinstance(value, str):
        return TEXT_FORM
    if isinstance(value, (dict, BaseModel)):
        return MAP_FORM
    return None


SHAPE = Discriminator(
    _shape,
    custom_error_type="shsv_shape",
    custom_error_message="expected text or a mapping of fields",
)
"""Tells a short text form from the fuller mapping form of the same field."""
TextForm = Annotated[Markdown, Tag(TEXT_FORM)]
