"""Timeline items from papers: meetings, decisions, call-in and forward-plan notices.

A report taken at a meeting is one item per meeting. A report that goes to several
councils (a joint report) also makes one decision item, complete only when every
partner council's deciding meeting has happened and, where the council's record gives
a call-in period, that period has passed.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from shsv.dates import DateSpan
from shsv.model import Arrangement, Council, Decision, Meeting, Report
from shsv.model.parts import MeetingRef, StatusChange
from shsv.timeline.items import STATUS_WORDS, Item, Kind, Part, day_span
from shsv.timeline.source import Source
from shsv.workdays import add_working_days

DECIDING = (None, "decision")
"""Meeting purposes that take a decision (a purpose left out counts as deciding)."""


def paper_items(source: Source) -> Iterator[Item]:
    decisions = source.repo.of_kind(Decision)
    minuted = {(d.report, d.meeting): d for d in decisions}
    resolved: dict[str, list[tuple[Arrangement, StatusChange]]] = {}
    for arrangement in source.repo.of_kind(Arrangement):
        for change in arrangement.status:
            if change.decision:
                resolved.setdefault(change.decision, []).append((arrangement, change))
    for report in source.repo.of_kind(Report):
        programme = _programme_of_report(source, report)
        for i, ref in enumerate(report.meetings):
            if (report.id, ref.meeting) not in minuted:  # the decision item stands for it
                yield from _meeting_items(source, report, i, ref, programme)
        if report.councils:
            yield _joint_decision(source, report, programme, minuted)
        yield from _notices(source, report, programme)
    for decision in decisions:
        yield from _decision_items(source, decision, resolved.get(decision.id, []))


def _programme_of_report(source: Source, report: Report) -> str | None:
    if report.programme:
        return report.programme
    for arrangement_id in report.arrangements:
        arrangement = source.repo.find(arrangement_id, Arrangement)
        if arrangement:
            return arrangement.programme
    return None


def _where(source: Source, meeting: Meeting | None, meeting_id: str) -> str:
    if meeting is None:
        return meeting_id
    return f"{meeting.body}, {source.council_name(meeting.council)}"


def _effective(source: Source, council_id: str, start: date | None) -> date | None:
    """The day a decision takes effect, when the council's call-in period is known."""
    council = source.repo.find(council_id, Council)
    if council is None or council.call_in_days is None or start is None:
        return None
    return add_working_days(start, council.call_in_days)


def _exact(span: DateSpan | None) -> date | None:
    return span.start if span is not None and span.exact else None


def _meeting_items(
    source: Source, report: Report, index: int, ref: MeetingRef, programme: str | None
) -> Iterator[Item]:
    meeting = source.repo.find(ref.meeting, Meeting)
    common = {"programme": programme, "arrangement": None}
    yield source.item(
        report.id,
        ("meetings", index),
        id=f"{report.id}/{ref.meeting}",
        kind=Kind.MEETING,
        title=f"{_where(source, meeting, ref.meeting)}: {report.title}",
        planned=meeting.date if meeting else None,
        actual=meeting.date if meeting else None,
        location=meeting.venue if meeting else None,
        **common,
    )
    if meeting is None or ref.purpose != "decision" or report.councils:
        return
    effective = _effective(source, meeting.council, _exact(meeting.date))
    if effective:
        yield source.item(
            report.id,
            ("meetings", index),
            id=f"{report.id}/{ref.meeting}/effective",
            kind=Kind.EFFECTIVE,
            title=f"Decision takes effect after call-in: {report.title}",
            actual=day_span(effective),
            **common,
        )


def _part(
    source: Source, report: Report, council_id: str, minuted: dict[tuple[str | None, str], Decision]
) -> Part:
    name = source.council_name(council_id)
    deciding = [
        (ref, meeting)
        for ref in report.meetings
        if ref.purpose in DECIDING
        and (meeting := source.repo.find(ref.meeting, Meeting))
        and meeting.council == council_id
    ]
    if not deciding:
        return Part(council_id, name, None, None)
    ref, meeting = deciding[-1]
    minute = minuted.get((report.id, ref.meeting))
    start = minute.published if minute and minute.published else _exact(meeting.date)
    effective = _effective(source, council_id, start) if meeting.date else None
    return Part(council_id, name, meeting.id, meeting.date, effective)


def _joint_decision(
    source: Source,
    report: Report,
    programme: str | None,
    minuted: dict[tuple[str | None, str], Decision],
) -> Item:
    councils = dict.fromkeys([report.council, *report.councils])
    parts = tuple(_part(source, report, c, minuted) for c in councils)
    when: DateSpan | None = None
    if all(p.held for p in parts):  # complete on the last partner's (effective) decision
        last = max(parts, key=lambda p: p.complete_on or date.min)
        when = day_span(last.effective) if last.effective else last.held
    return source.item(
        report.id,
        ("councils",),
        id=f"{report.id}/decision",
        kind=Kind.DECISION,
        title=f"Decision by {len(parts)} councils: {report.title}",
        programme=programme,
        arrangement=None,
        planned=when,
        actual=when,
        parts=parts,
        note="; ".join(_part_note(source, p) for p in parts),
    )


def _part_note(source: Source, part: Part) -> str:
    if part.meeting is None:
        return f"{part.name}: no deciding meeting recorded"
    meeting = source.repo.find(part.meeting, Meeting)
    body = meeting.body if meeting else part.meeting
    when = part.held.text if part.held else "date not recorded"
    effective = f", effective {part.effective.isoformat()}" if part.effective else ""
    return f"{part.name}: {body} {when}{effective}"


def _notices(source: Source, report: Report, programme: str | None) -> Iterator[Item]:
    common = {"programme": programme, "arrangement": None}
    plan = report.forward_plan
    if plan and plan.published:
        reference = f" {plan.reference}" if plan.reference else ""
        yield source.item(
            report.id,
            ("forward_plan", "published"),
            id=f"{report.id}/forward-plan",
            kind=Kind.FORWARD_PLAN,
            title=f"Forward plan notice{reference}: {report.title}",
            actual=day_span(plan.published),
            **common,
        )
    urgency = report.urgency
    if urgency and urgency.notice_published:
        procedure = urgency.procedure.replace("-", " ").capitalize()
        yield source.item(
            report.id,
            ("urgency", "notice_published"),
            id=f"{report.id}/urgency-notice",
            kind=Kind.FORWARD_PLAN,
            title=f"{procedure} notice: {report.title}",
            actual=day_span(urgency.notice_published),
            **common,
        )


def _decision_items(
    source: Source, decision: Decision, resolved: list[tuple[Arrangement, StatusChange]]
) -> Iterator[Item]:
    """A decision record on its meeting's day, noting the status changes it made."""
    repo = source.repo
    meeting = repo.find(decision.meeting, Meeting)
    report = repo.find(decision.report, Report) if decision.report else None
    programme = _programme_of_report(source, report) if report else None
    programme = programme or next((a.programme for a, _ in resolved), None)
    common = {"programme": programme, "arrangement": None}
    note = "; ".join(f"{a.title}: {STATUS_WORDS[c.status]}" for a, c in resolved)
    yield source.item(
        decision.id,
        ("meeting",),
        id=decision.id,
        kind=Kind.DECISION,
        title=f"{_where(source, meeting, decision.meeting)} decides: {decision.title}",
        planned=meeting.date if meeting else None,
        actual=meeting.date if meeting else None,
        note=note or None,
        location=meeting.venue if meeting else None,
        **common,
    )
    start = decision.published or (_exact(meeting.date) if meeting else None)
    effective = _effective(source, meeting.council, start) if meeting else None
    if effective:
        yield source.item(
            decision.id,
            ("published",) if decision.published else ("meeting",),
            id=f"{decision.id}/effective",
            kind=Kind.EFFECTIVE,
            title=f"Decision takes effect after call-in: {decision.title}",
            actual=day_span(effective),
            **common,
        )
