"""Records -> timeline items: every dated thing the records hold, with its source line.

Milestones, the start of programmes, the formation of partner organisations and the
changes of each arrangement's status are built here; meetings, decisions and notices
in ``shsv.timeline.papers``. Undated things stay in, shown as undated, so a gap in
the records is visible rather than hidden.
"""

from __future__ import annotations

from collections.abc import Iterator

from shsv.dates import DateSpan
from shsv.model import Arrangement, Decision, Milestone, Organisation, Programme
from shsv.model.parts import StatusChange
from shsv.repository import Repository
from shsv.timeline.items import STATUS_WORDS, Closure, Item, Kind, Replan, Status
from shsv.timeline.papers import paper_items
from shsv.timeline.source import Source


def build(repo: Repository) -> list[Item]:
    """Every timeline item the records hold, in no particular order."""
    source = Source(repo)
    return [
        *_programme_items(source),
        *_formed_items(source),
        *_status_items(source),
        *_milestone_items(source),
        *paper_items(source),
    ]


def _programme_items(source: Source) -> Iterator[Item]:
    for programme in source.repo.of_kind(Programme):
        if programme.started:
            yield source.item(
                programme.id,
                ("started",),
                id=f"{programme.id}/started",
                kind=Kind.STARTED,
                title="Programme began",
                programme=programme.id,
                arrangement=None,
                actual=programme.started,
                note=programme.origin,
            )


def _formed_items(source: Source) -> Iterator[Item]:
    """An organisation's formation, under each programme it takes part in."""
    parties = _parties(source.repo)
    for organisation in source.repo.of_kind(Organisation):
        if organisation.formed is None:
            continue
        for programme_id in sorted(p for p, found in parties.items() if organisation.id in found):
            yield source.item(
                organisation.id,
                ("formed",),
                id=f"{organisation.id}/formed",
                kind=Kind.FORMED,
                title=f"{organisation.name} formed",
                programme=programme_id,
                arrangement=None,
                actual=organisation.formed,
                note=organisation.purpose,
            )


def _parties(repo: Repository) -> dict[str, set[str]]:
    """Each programme's partners, lead and owner, and those of its arrangements."""
    parties = {
        p.id: {*p.partners, *(x for x in (p.lead, p.owner) if x)} for p in repo.of_kind(Programme)
    }
    for a in repo.of_kind(Arrangement):
        found = parties.setdefault(a.programme, set())
        found.update(a.partners, (x for x in (a.provider, a.lead) if x))
    return parties


def change_date(source: Source, change: StatusChange) -> DateSpan | None:
    """A status change's date, or the date of the decision or report that made it."""
    if change.date:
        return change.date
    if change.decision:
        decision = source.repo.find(change.decision, Decision)
        return source.meeting_date(decision.meeting) if decision else None
    return source.report_date(change.report) if change.report else None


def _status_items(source: Source) -> Iterator[Item]:
    for arrangement in source.repo.of_kind(Arrangement):
        for i, change in enumerate(arrangement.status):
            when = change_date(source, change)
            # A change is a fact once its day has passed; a fall closes the item instead.
            fallen = change.status == "fallen" and when is not None
            yield source.item(
                arrangement.id,
                ("status", i),
                id=f"{arrangement.id}/status-{i + 1}",
                kind=Kind.STATUS_CHANGE,
                title=f"Status: {STATUS_WORDS[change.status]}",
                programme=arrangement.programme,
                arrangement=arrangement.id,
                planned=when if fallen else None,
                actual=None if fallen else when,
                closures=(Closure(Status.FALLEN, when),) if fallen and when else (),
            )


def _falls(source: Source, arrangement: Arrangement) -> tuple[Closure, ...]:
    """Each time the arrangement fell, until a later status that is not fallen took it
    up again. A fall ended by a status the records do not date is left out: its
    milestones went on again, from a day nobody recorded."""
    falls: list[Closure] = []
    fell: DateSpan | None = None
    for change in arrangement.status:
        when = change_date(source, change)
        if change.status == "fallen":
            fell = fell or when
        elif fell is not None:
            if when is not None:
                falls.append(Closure(Status.FALLEN, fell, when))
            fell = None
    if fell is not None:
        falls.append(Closure(Status.FALLEN, fell))
    return tuple(falls)


def _milestone_items(source: Source) -> Iterator[Item]:
    falls = {a.id: _falls(source, a) for a in source.repo.of_kind(Arrangement)}
    for milestone in source.repo.of_kind(Milestone):
        closures = tuple(
            Closure(status, closed.date)
            for status, closed in (
                (Status.CANCELLED, milestone.cancelled),
                (Status.FALLEN, milestone.fallen),
            )
            if closed is not None
        )
        if not closures and milestone.arrangement:  # it falls with its arrangement
            closures = falls.get(milestone.arrangement, ())
        field = "planned" if milestone.planned else "actual" if milestone.actual else "title"
        yield source.item(
            milestone.id,
            (field,),
            id=milestone.id,
            kind=Kind.MILESTONE,
            title=milestone.title,
            programme=milestone.programme,
            arrangement=milestone.arrangement,
            planned=milestone.planned,
            replans=tuple(Replan(r.date, r.recorded) for r in milestone.replanned),
            actual=milestone.actual,
            closures=closures,
        )
