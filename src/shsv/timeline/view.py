"""Items judged on a day, grouped by programme and arrangement, with a summary each.

This is what every output format renders: the table, json and ics see the same rows.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date

from shsv.dates import DateSpan
from shsv.errors import UsageError
from shsv.model import Arrangement, Programme
from shsv.repository import Repository
from shsv.timeline import status as judge
from shsv.timeline.build import build
from shsv.timeline.items import Item, Status

PENDING = frozenset({Status.ON_TRACK, Status.DUE_SOON, Status.SLIPPED})
"""Statuses of items still to come: the 'next' item of a programme is one of them."""


@dataclass(frozen=True, slots=True)
class Row:
    item: Item
    status: Status
    shown: DateSpan | None
    """The date to print: when it was done or closed, else when it is now planned."""
    due: date | None


@dataclass(frozen=True, slots=True)
class Group:
    """A programme's own items (``arrangement`` None), or one arrangement's."""

    arrangement: str | None
    title: str | None
    rows: tuple[Row, ...]


@dataclass(frozen=True, slots=True)
class Summary:
    counts: dict[Status, int]
    next: Row | None


@dataclass(frozen=True, slots=True)
class ProgrammeView:
    id: str | None
    title: str
    groups: tuple[Group, ...]
    summary: Summary
    all_rows: tuple[Row, ...]
    """Every row, whatever the --status filter: the summary and the axis use them."""

    @property
    def rows(self) -> list[Row]:
        return [row for group in self.groups for row in group.rows]


@dataclass(frozen=True, slots=True)
class View:
    as_of: date
    within: int
    programmes: tuple[ProgrammeView, ...]
    statuses: frozenset[Status] | None = None

    @property
    def rows(self) -> list[Row]:
        return [row for programme in self.programmes for row in programme.rows]

    @property
    def overdue(self) -> int:
        """Overdue items in the chosen programmes, whatever the --status filter."""
        return sum(p.summary.counts.get(Status.OVERDUE, 0) for p in self.programmes)


def row(item: Item, as_of: date, within: int) -> Row:
    return Row(
        item,
        judge.status(item, as_of, within),
        judge.shown_date(item, as_of),
        judge.due(item, as_of),
    )


def summarise(rows: list[Row]) -> Summary:
    counts = Counter(r.status for r in rows)
    pending = [r for r in rows if r.status in PENDING and r.due is not None]
    upcoming = min(pending, key=lambda r: (r.due, r.item.id), default=None)
    return Summary({s: counts[s] for s in Status if counts[s]}, upcoming)


def check_ids(repo: Repository, ids: list[str]) -> None:
    """Refuse an id that names no programme, saying which ids exist."""
    known = [p.id for p in repo.of_kind(Programme)]
    for wanted in ids:
        if wanted not in known:
            listed = ", ".join(known) or "none"
            raise UsageError(f"no programme has the id {wanted}; the programmes are: {listed}")


def _earliest(items: list[Item]) -> date:
    ends = [
        span.end
        for item in items
        for span in (item.planned, item.actual, *(r.date for r in item.replans))
        if span is not None
    ]
    return min(ends, default=date.max)


def _wanted(key: str | None, items: list[Item], ids: list[str] | None) -> bool:
    if ids:
        return key in ids
    return key is not None or bool(items)  # items outside any programme, if there are some


def make_view(
    repo: Repository,
    as_of: date,
    *,
    within: int = judge.DEFAULT_WITHIN,
    ids: list[str] | None = None,
    statuses: frozenset[Status] | None = None,
) -> View:
    """Judge every item the records hold on ``as_of``; keep the chosen programmes (all
    when ``ids`` is empty) and, when ``statuses`` is given, only rows with one of those
    statuses."""
    check_ids(repo, ids or [])
    by_programme: dict[str | None, list[Item]] = {p.id: [] for p in repo.of_kind(Programme)}
    for item in build(repo):
        by_programme.setdefault(item.programme, []).append(item)
    chosen = [(key, found) for key, found in by_programme.items() if _wanted(key, found, ids)]
    chosen.sort(key=lambda pair: (_earliest(pair[1]), pair[0] or ""))
    views = tuple(_programme(repo, key, found, as_of, within, statuses) for key, found in chosen)
    return View(as_of, within, views, statuses)


def _programme(
    repo: Repository,
    key: str | None,
    items: list[Item],
    as_of: date,
    within: int,
    statuses: frozenset[Status] | None,
) -> ProgrammeView:
    rows = sorted(
        (row(i, as_of, within) for i in items), key=lambda r: judge.sort_key(r.item, as_of)
    )
    shown = [r for r in rows if statuses is None or r.status in statuses]
    arrangements = sorted({r.item.arrangement for r in shown if r.item.arrangement})
    groups = [Group(None, None, tuple(r for r in shown if r.item.arrangement is None))]
    for arrangement_id in arrangements:
        found = repo.find(arrangement_id, Arrangement)
        title = found.title if found else arrangement_id
        members = tuple(r for r in shown if r.item.arrangement == arrangement_id)
        groups.append(Group(arrangement_id, title, members))
    programme = repo.find(key, Programme) if key else None
    title = programme.title if programme else key or "Not in a programme"
    return ProgrammeView(
        key, title, tuple(g for g in groups if g.rows), summarise(rows), tuple(rows)
    )
