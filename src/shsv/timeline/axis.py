"""A programme's time axis in whole years, and each item's bar on it.

A bar is a list of cells, each a role; the table gives each role its character and,
on a terminal, its colour. Bars use whole-year axes so that columns line up with the
year labels and two programmes' bars read the same way.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from shsv.dates import DateSpan
from shsv.timeline.view import Row


class Cell(StrEnum):
    BLANK = " "
    PLAN = "█"
    """The date the item was done, closed, or is now planned for."""
    ORIGINAL = "░"
    """The original plan, when the item slipped, was done late or was closed."""
    MARKER = "│"
    """The as-of date."""


@dataclass(frozen=True, slots=True)
class Axis:
    start: date
    end: date
    width: int

    def column(self, day: date) -> int:
        days = (self.end - self.start).days + 1
        offset = (day - self.start).days * self.width // days
        return min(max(offset, 0), self.width - 1)

    def contains(self, day: date) -> bool:
        return self.start <= day <= self.end


def spans(row: Row) -> Iterable[DateSpan]:
    item = row.item
    yield from (s for s in (item.planned, item.actual) if s is not None)
    yield from (r.date for r in item.replans)
    yield from (c.date for c in item.closures)


def axis_for(rows: Iterable[Row], width: int) -> Axis | None:
    """Whole years from the earliest to the latest date of the rows; None if undated."""
    dated = [span for row in rows for span in spans(row)]
    if not dated:
        return None
    first = min(span.start or span.end for span in dated)
    last = max(span.end for span in dated)
    return Axis(date(first.year, 1, 1), date(last.year, 12, 31), width)


def _paint(cells: list[Cell], axis: Axis, span: DateSpan, role: Cell) -> None:
    begin = axis.column(span.start or span.end)
    for column in range(begin, axis.column(span.end) + 1):
        cells[column] = role


def bar(row: Row, axis: Axis, as_of: date) -> list[Cell]:
    cells = [Cell.BLANK] * axis.width
    if axis.contains(as_of):
        cells[axis.column(as_of)] = Cell.MARKER
    planned = row.item.planned
    if planned is not None and planned != row.shown:
        _paint(cells, axis, planned, Cell.ORIGINAL)
    if row.shown is not None:
        _paint(cells, axis, row.shown, Cell.PLAN)
    return cells


def labels(axis: Axis, as_of: date) -> str:
    """The first and last year over the bar, with an arrow when the as-of date lies
    off the axis (◂ before it, ▸ after it)."""
    before, after = as_of < axis.start, as_of > axis.end
    left = ("◂" if before else "") + str(axis.start.year)
    right = str(axis.end.year) + ("▸" if after else "")
    if axis.end.year != axis.start.year and len(left) + len(right) + 1 <= axis.width:
        return left + right.rjust(axis.width - len(left))
    if after and len(left) + 1 <= axis.width:
        return left + "▸".rjust(axis.width - len(left))
    return left[: axis.width].ljust(axis.width)
