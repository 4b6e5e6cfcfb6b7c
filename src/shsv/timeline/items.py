"""What a timeline is made of: dated items, each tied to the record (and line) it comes from.

An item holds dates only as the records give them; its status is never stored here but
computed for an as-of date by ``shsv.timeline.status``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from shsv.dates import DateSpan, Precision


class Kind(StrEnum):
    MILESTONE = "milestone"
    MEETING = "meeting"
    """A report taken at a meeting."""
    DECISION = "decision"
    """A decision record, or one decision taken by several partner councils."""
    EFFECTIVE = "effective"
    """A decision takes effect once its call-in period has passed."""
    FORWARD_PLAN = "forward-plan"
    STATUS_CHANGE = "status-change"
    STARTED = "started"
    FORMED = "formed"


class Status(StrEnum):
    DONE = "done"
    ON_TRACK = "on-track"
    DUE_SOON = "due-soon"
    OVERDUE = "overdue"
    SLIPPED = "slipped"
    CANCELLED = "cancelled"
    FALLEN = "fallen"
    UNDATED = "undated"

    @property
    def word(self) -> str:
        """How the table prints it: 'on track', not 'on-track'."""
        return self.value.replace("-", " ")


STATUS_WORDS = {
    "exploring": "exploring",
    "business-case": "business case",
    "negotiating": "negotiating",
    "agreed": "agreed",
    "live": "live",
    "deferred": "deferred",
    "fallen": "fallen",
}
"""An arrangement's status as a sentence writes it."""


@dataclass(frozen=True, slots=True)
class Replan:
    """A new date for the item, known from ``recorded`` on (always, when not recorded)."""

    date: DateSpan
    recorded: DateSpan | None = None


@dataclass(frozen=True, slots=True)
class Closure:
    """The item was cancelled, or fell, on ``date``: for good, or ``until`` the day it
    was taken up again (a milestone whose arrangement fell and was revived)."""

    status: Status
    date: DateSpan
    until: DateSpan | None = None


@dataclass(frozen=True, slots=True)
class Part:
    """One partner council's share of a decision taken by several councils."""

    council: str
    name: str
    meeting: str | None
    """The council's deciding meeting, when the records name one."""
    held: DateSpan | None
    """When that meeting is held."""
    effective: date | None = None
    """The day the decision takes effect after call-in, when the council gives a period."""

    @property
    def complete_on(self) -> date | None:
        if self.held is None:
            return None
        return self.effective or self.held.end


@dataclass(frozen=True, slots=True)
class Item:
    """One dated thing on a programme's timeline."""

    id: str
    """Unique within its programme and stable: derived from record ids."""
    kind: Kind
    title: str
    programme: str | None
    arrangement: str | None
    record: str
    """The id of the record that holds the item's date."""
    path: str
    line: int
    planned: DateSpan | None = None
    replans: tuple[Replan, ...] = ()
    actual: DateSpan | None = None
    """When it happened, as the records say (a meeting's date, a milestone's done date)."""
    closures: tuple[Closure, ...] = ()
    parts: tuple[Part, ...] = ()
    note: str | None = None
    location: str | None = None


def day_span(day: date) -> DateSpan:
    """An exact day as a span, written YYYY-MM-DD."""
    return DateSpan(day.isoformat(), day, day, Precision.DAY)
