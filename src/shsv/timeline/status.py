"""An item's status on a given day: a pure function of the item and the as-of date.

Something counts as having happened once the whole window of its date has passed (a
meeting "in January 2012" has happened from 31 January), and something planned for a
fuzzy date is due at the end of its window. The as-of day itself counts as passed:
an item due on the as-of day is not yet overdue, and one done that day is done.
"""

from __future__ import annotations

from datetime import date

from shsv.dates import DateSpan
from shsv.timeline.items import Closure, Item, Status

DEFAULT_WITHIN = 28
"""Days ahead within which an item is 'due soon'."""


def passed(span: DateSpan, as_of: date) -> bool:
    return span.end <= as_of


def current_plan(item: Item, as_of: date) -> DateSpan | None:
    """The date the item is planned for as known on ``as_of``: the latest re-plan
    recorded by then, else the original plan, else (for facts such as a meeting that
    simply has a date) the date it happened."""
    known = [r.date for r in item.replans if r.recorded is None or passed(r.recorded, as_of)]
    if known:
        return known[-1]
    return item.planned or item.actual


def slipped(item: Item, as_of: date) -> bool:
    """Whether a re-plan is known on ``as_of``."""
    return any(r.recorded is None or passed(r.recorded, as_of) for r in item.replans)


def due(item: Item, as_of: date) -> date | None:
    """The day the item is due, as known on ``as_of``; None when undated."""
    plan = current_plan(item, as_of)
    return plan.due if plan else None


def closure(item: Item, as_of: date) -> Closure | None:
    """The first cancellation or fall that has happened by ``as_of`` and not yet ended
    (an arrangement taken up again by then ends its milestones' fall)."""
    happened = [
        c
        for c in item.closures
        if passed(c.date, as_of) and (c.until is None or not passed(c.until, as_of))
    ]
    return min(happened, key=lambda c: c.date.end) if happened else None


def status(item: Item, as_of: date, within: int = DEFAULT_WITHIN) -> Status:
    """Done, cancelled, fallen, overdue, slipped, due soon, on track or undated.

    Done comes first, so a done item stays done as time passes; then a closure; then
    the plan as known on the day. Overdue only once the due day has passed.
    """
    if item.actual is not None and passed(item.actual, as_of):
        return Status.DONE
    closed = closure(item, as_of)
    if closed is not None:
        return closed.status
    when = due(item, as_of)
    if when is None:
        return Status.UNDATED
    if as_of > when:
        return Status.OVERDUE
    if slipped(item, as_of):
        return Status.SLIPPED
    if (when - as_of).days <= within:
        return Status.DUE_SOON
    return Status.ON_TRACK


def shown_date(item: Item, as_of: date) -> DateSpan | None:
    """The date a reader looks for: when it was done, closed, or is now planned."""
    if item.actual is not None and passed(item.actual, as_of):
        return item.actual
    closed = closure(item, as_of)
    if closed is not None:
        return closed.date
    return current_plan(item, as_of)


def sort_key(item: Item, as_of: date) -> tuple[int, date, str]:
    """Dated items by date (undated last), then by id for a stable order."""
    shown = shown_date(item, as_of)
    return (0, shown.end, item.id) if shown else (1, date.max, item.id)
