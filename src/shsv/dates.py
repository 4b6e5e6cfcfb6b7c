"""Dates as papers write them: a day, a month, a quarter, a season, a year, a range.

A ``DateSpan`` keeps the text exactly as written and the window of days it covers.
Something planned for a fuzzy date is due at the end of its window.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum


class Precision(StrEnum):
    DAY = "day"
    MONTH = "month"
    QUARTER = "quarter"
    SEASON = "season"
    HALF = "half"
    YEAR = "year"
    FINANCIAL_YEAR = "financial-year"
    RANGE = "range"
    BY = "by"


class DateError(ValueError):
    """The text is not a date shsv reads, or not a real calendar date."""


@dataclass(frozen=True, slots=True)
class DateSpan:
    """A written date and the window of days it covers (``start`` None: open start)."""

    text: str
    start: date | None
    end: date
    precision: Precision

    @property
    def due(self) -> date:
        return self.end

    @property
    def exact(self) -> bool:
        return self.precision is Precision.DAY

    def __str__(self) -> str:
        return self.text


MONTHS = {name.lower(): number for number, name in enumerate(calendar.month_name) if name}
MONTHS.update({name.lower(): number for number, name in enumerate(calendar.month_abbr) if name})
# (first month, last month, year offset of the last month)
SEASONS = {
    "early": (1, 4, 0),
    "mid": (5, 8, 0),
    "late": (9, 12, 0),
    "spring": (3, 5, 0),
    "summer": (6, 8, 0),
    "autumn": (9, 11, 0),
    "winter": (12, 2, 1),
}
FORMS = (
    "YYYY-MM-DD, '26 July 2011', 'May 2012' or 2012-05, 'Q1 2010', 'H2 2014', "
    "'early 2010' (early/mid/late/spring/summer/autumn/winter), 2010, '2010/11', "
    "'by 2011-04-19', or a range 'A/B'"
)

_YEAR = r"(\d{4})"
# ASCII: \d would otherwise take any script's digits ('٢٠١٢'), which the JSON Schema
# pattern refuses, and int() reads them as 2012.
_PATTERNS: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern, re.IGNORECASE | re.ASCII), kind)
    for pattern, kind in (
        (rf"{_YEAR}-(\d{{2}})-(\d{{2}})", "iso-day"),
        (rf"(\d{{1,2}})(?:st|nd|rd|th)? ([a-z]+),? {_YEAR}", "day"),
        (rf"{_YEAR}-(\d{{2}})", "iso-month"),
        (rf"([a-z]+),? {_YEAR}", "month-or-season"),
        (rf"q([0-9]) {_YEAR}|{_YEAR}[- ]q([0-9])", "quarter"),
        (rf"h([0-9]) {_YEAR}", "half"),
        (rf"{_YEAR}/(\d{{2}})", "financial-year"),
        (_YEAR, "year"),
    )
)


FIRST_YEAR, LAST_YEAR = 1900, 2200
"""The years a record's date may name. Far beyond them a date is a typo, and at the
ends of the calendar (year 1, year 9999) the day after or 28 days before would not
exist, which every check and export would otherwise have to guard against."""


def _check_years(text: str, years: list[int]) -> None:
    for year in years:
        if not FIRST_YEAR <= year <= LAST_YEAR:
            raise DateError(
                f"{text!r}: the year {year} is outside {FIRST_YEAR} to {LAST_YEAR}; check it"
            )


def _day(year: int, month: int, day: int) -> date:
    try:
        return date(year, month, day)
    except ValueError:
        raise DateError(f"{year:04d}-{month:02d}-{day:02d} is not a real calendar date") from None


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _months(
    text: str, year: int, first: int, last: int, offset: int, precision: Precision
) -> DateSpan:
    return DateSpan(text, date(year, first, 1), _month_end(year + offset, last), precision)


def _simple(text: str) -> DateSpan:
    """One non-range date form."""
    for pattern, kind in _PATTERNS:
        match = pattern.fullmatch(text)
        if match:
            groups = [g for g in match.groups() if g is not None]
            _check_years(text, [int(g) for g in groups if len(g) == 4 and g.isdigit()])
            return _from_match(text, kind, groups)
    raise DateError(f"{text!r} is not a date shsv reads; write it as {FORMS}")


def _from_match(text: str, kind: str, groups: list[str]) -> DateSpan:
    if kind == "iso-day":
        day = _day(int(groups[0]), int(groups[1]), int(groups[2]))
        return DateSpan(text, day, day, Precision.DAY)
    if kind == "day":
        month = MONTHS.get(groups[1].lower())
        if month is None:
            raise DateError(f"{groups[1]!r} in {text!r} is not a month")
        day = _day(int(groups[2]), month, int(groups[0]))
        return DateSpan(text, day, day, Precision.DAY)
    if kind == "iso-month":
        year, month = int(groups[0]), int(groups[1])
        if not 1 <= month <= 12:
            raise DateError(f"month {month} in {text!r} is not 01 to 12")
        return _months(text, year, month, month, 0, Precision.MONTH)
    if kind == "month-or-season":
        word, year = groups[0].lower(), int(groups[1])
        if word in MONTHS:
            return _months(text, year, MONTHS[word], MONTHS[word], 0, Precision.MONTH)
        if word in SEASONS:
            first, last, offset = SEASONS[word]
            return _months(text, year, first, last, offset, Precision.SEASON)
        raise DateError(f"{groups[0]!r} in {text!r} is not a month or a season")
    if kind == "quarter":
        quarter, year = (int(groups[0]), int(groups[1]))
        if text[:1].isdigit():
            year, quarter = quarter, year
        if not 1 <= quarter <= 4:
            raise DateError(f"quarter {quarter} in {text!r} is not 1 to 4")
        return _months(text, year, 3 * quarter - 2, 3 * quarter, 0, Precision.QUARTER)
    if kind == "half":
        half, year = int(groups[0]), int(groups[1])
        if half not in (1, 2):
            raise DateError(f"half {half} in {text!r} is not 1 or 2")
        return _months(text, year, 6 * half - 5, 6 * half, 0, Precision.HALF)
    if kind == "financial-year":
        year, next_two = int(groups[0]), int(groups[1])
        if (year + 1) % 100 != next_two:
            raise DateError(f"{text!r} is not a financial year; write e.g. 2010/11")
        return DateSpan(text, date(year, 4, 1), date(year + 1, 3, 31), Precision.FINANCIAL_YEAR)
    year = int(groups[0])
    return DateSpan(text, date(year, 1, 1), date(year, 12, 31), Precision.YEAR)


_RANGE = re.compile(r"(.+?)\s*/\s*(.+)|between (.+) and (.+)", re.IGNORECASE)
_FINANCIAL_YEAR = _PATTERNS[6][0]
_BY = re.compile(r"by (.+)", re.IGNORECASE)
_SPACE = re.compile(r"\s+")


def parse(text: str) -> DateSpan:
    """Read a written date; raise ``DateError`` with what to write instead."""
    cleaned = _SPACE.sub(" ", text.strip())
    if not cleaned:
        raise DateError(f"a date is empty; write it as {FORMS}")
    if _FINANCIAL_YEAR.fullmatch(cleaned):  # 2010/11 is a financial year, not a range
        return DateSpan(text, *_fields(_simple(cleaned)))
    by = _BY.fullmatch(cleaned)
    if by:
        bound = _simple(by.group(1))
        return DateSpan(text, None, bound.end, Precision.BY)
    span = _RANGE.fullmatch(cleaned)
    if span:
        first_text, last_text = (g for g in span.groups() if g is not None)
        first, last = _simple(first_text), _simple(last_text)
        if last.end < first.end or (first.start and last.end < first.start):
            raise DateError(f"the range {text!r} ends before it starts")
        return DateSpan(text, first.start, last.end, Precision.RANGE)
    simple = _simple(cleaned)
    return DateSpan(text, *_fields(simple))


def _fields(span: DateSpan) -> tuple[date | None, date, Precision]:
    return (span.start, span.end, span.precision)


def parse_day(text: str) -> date:
    """An exact day written YYYY-MM-DD."""
    match = _PATTERNS[0][0].fullmatch(text.strip())
    if not match:
        raise DateError(f"{text!r} is not a day; write it as YYYY-MM-DD")
    _check_years(text, [int(match.group(1))])
    return _day(int(match.group(1)), int(match.group(2)), int(match.group(3)))


def clear_days_between(earlier: date, later: date) -> int:
    """Days strictly between two dates: neither the first nor the last day counts."""
    return max((later - earlier).days - 1, 0)


def add_days(day: date, days: int) -> date:
    return day + timedelta(days=days)


def _any_case(word: str) -> str:
    # JSON Schema patterns are ECMAScript regexes, which have no inline (?i) flag.
    return "".join(f"[{c.lower()}{c.upper()}]" if c.isalpha() else re.escape(c) for c in word)


def _json_pattern() -> str:
    """An ECMAScript regex for editors' JSON Schemas that every date ``parse`` reads matches.

    It is a little looser than ``parse`` to stay short (it allows '26 spring 2011',
    'between 2010', a 30 February, a range that ends before it starts); ``shsv
    validate`` has the last word on those.
    """
    abbrs = [calendar.month_abbr[n] for n in range(1, 13)]
    months = [
        _any_case(abbr) + (f"(?:{_any_case(full[len(abbr) :])})?" if full != abbr else "")
        for abbr, full in zip(abbrs, calendar.month_name[1:], strict=True)
    ]
    name = "(?:" + "|".join([*months, *(_any_case(s) for s in SEASONS)]) + ")"
    year, gap = "[0-9]{4}", r"\s+"
    ordinal = "(?:" + "|".join(_any_case(s) for s in ("st", "nd", "rd", "th")) + ")"
    one = (
        "(?:"
        + "|".join(
            (
                f"{year}-(?:0[1-9]|1[0-2])(?:-(?:0[1-9]|[12][0-9]|3[01]))?",
                f"(?:(?:0?[1-9]|[12][0-9]|3[01]){ordinal}?{gap})?{name},?{gap}{year}",
                f"[qQ][1-4]{gap}{year}|{year}(?:-|{gap})[qQ][1-4]|[hH][12]{gap}{year}",
                f"{year}(?:/[0-9]{{2}})?",
            )
        )
        + ")"
    )
    lead = f"(?:(?:{_any_case('by')}|{_any_case('between')}){gap})?"
    joint = rf"(?:\s*/\s*|{gap}{_any_case('and')}{gap})"
    return rf"^\s*{lead}{one}(?:{joint}{one})?\s*$"


JSON_PATTERN = _json_pattern()
"""What a JSON Schema says a written date looks like (see ``_json_pattern``)."""
