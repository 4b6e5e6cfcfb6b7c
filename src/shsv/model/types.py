"""Field types shared by every record: ids, text, dates, and the strict base model."""

from __future__ import annotations

import functools
import re
from datetime import date
from typing import Annotated, Any

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    PlainSerializer,
    PlainValidator,
    StringConstraints,
    Tag,
    WithJsonSchema,
)
from pydantic_core import PydanticCustomError, core_schema

from shsv import dates
from shsv.atomic import DEVICES
from shsv.model import native

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


ID_TYPE_MESSAGE = "should be text, such as lancaster-city-council"
ID_RULE = (
    "is not a valid id: use lower-case letters, digits and single hyphens "
    f"(at most {MAX_ID} characters, not a reserved file name)"
)


def id_problem(value: str) -> str:
    """What is wrong with ``value``, which ``is_id`` refuses."""
    return f"'{value[:90]}' {ID_RULE}"


# The slug pattern less the device names, as one regex pydantic-core can run: a slug
# with a hyphen is never a device name, a single word must not be one.
_ID_REGEX = (
    r"^(?:[a-z0-9]+(?:-[a-z0-9]+)+|"
    + native.words_except("a-z0-9", sorted(name for name in DEVICES if _SLUG.fullmatch(name)))
    + ")$"
)
ID_CHECK = native.Native(
    core_schema.chain_schema(
        [
            core_schema.custom_error_schema(
                core_schema.str_schema(strict=True),
                custom_error_type="shsv_type",
                custom_error_message=ID_TYPE_MESSAGE,
            ),
            core_schema.custom_error_schema(
                core_schema.str_schema(pattern=_ID_REGEX, max_length=MAX_ID),
                custom_error_type="shsv_id",
                custom_error_message=ID_RULE,
            ),
        ]
    )
)
"""``is_id`` inside pydantic-core; ``shsv.schema`` words its errors with ``id_problem``."""


ID_JSON_SCHEMA: dict[str, Any] = {
    "type": "string",
    "pattern": SLUG_PATTERN,
    "maxLength": MAX_ID,
    # Only the device names a slug can spell; the pattern refuses the others.
    "not": {"enum": sorted(name for name in DEVICES if _SLUG.fullmatch(name))},
}
"""What an id is, for editors: the same rule as ``is_id``."""

Id = Annotated[str, ID_CHECK, WithJsonSchema(ID_JSON_SCHEMA)]
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


# The same dates recur across a repository's files (a meeting's, a financial year), and
# a DateSpan is immutable, so one parse serves them all; a refused date is not kept.
_parse_date = functools.lru_cache(maxsize=4096)(dates.parse)


def _fuzzy(value: Any) -> dates.DateSpan:
    if not isinstance(value, str):
        raise PydanticCustomError("shsv_type", "should be text such as 2011-07-26 or 'Q1 2010'")
    try:
        return _parse_date(value)
    except dates.DateError as exc:
        raise PydanticCustomError("shsv_date", str(exc)) from None


def _day(value: Any) -> date:
    if not isinstance(value, str):
        raise PydanticCustomError("shsv_type", "should be text written YYYY-MM-DD")
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

# A day as most files write it, read by pydantic-core. The pattern and the bounds keep
# out what its lax date parsing takes and ``parse_day`` does not (a timestamp, a time,
# a year out of range), so the two agree on every day it takes; anything else (spaces
# around, an impossible day, an error to word) goes to ``_day``.
_ISO_DAY = core_schema.chain_schema(
    [
        core_schema.str_schema(strict=True, pattern=r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"),
        core_schema.date_schema(
            strict=False,
            ge=date(dates.FIRST_YEAR, 1, 1),
            le=date(dates.LAST_YEAR, 12, 31),
        ),
    ]
)

Day = Annotated[
    date,
    native.fast_or_exact(_ISO_DAY, _day),
    PlainSerializer(lambda day: day.isoformat(), return_type=str),
    # The reader strips spaces around a day, so the pattern allows them too.
    WithJsonSchema({"type": "string", "pattern": r"^\s*\d{4}-\d{2}-\d{2}\s*$"}),
]
"""An exact day, written YYYY-MM-DD."""

# Tags for "text or mapping" unions; unusual names so they never clash with a field.
TEXT_FORM = "as-text"
MAP_FORM = "as-mapping"
UNION_TAGS = frozenset({TEXT_FORM, MAP_FORM, native.EXACT_FORM})
"""Labels of union branches, which a field's place in the record leaves out."""

SHAPE = native.LeftToRight()
"""Tells a short text form (tried first) from the fuller mapping form of the same field."""
TextForm = Annotated[Markdown, Tag(TEXT_FORM)]
