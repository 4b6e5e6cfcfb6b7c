"""What a template sees: a typed, documented view of one paper and the records it names.

The records keep the paper's structure with some freedom of form (a paragraph may be
plain text or a mapping with a number and bullets). This module resolves references
(the meetings, councils, the reports it follows) and gives every part one shape, so
templates never test what form the data took. Pure: records in, a ``Paper`` out.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from shsv.dates import DateSpan
from shsv.errors import RecordError
from shsv.model import Council, Decision, Meeting, Report
from shsv.model.parts import (
    Appendix,
    BackgroundPapers,
    Contact,
    ListItem,
    OptionsQuestion,
    Paragraph,
    Recommendation,
    Section,
    Table,
)
from shsv.repository import R, Repository

Kind = Literal["paper", "minute"]


@dataclass(frozen=True, slots=True)
class Entry:
    """A bullet or recommendation: its text, its own number if any, and nested entries."""

    text: str
    number: str | None = None
    items: tuple[Entry, ...] = ()


@dataclass(frozen=True, slots=True)
class Para:
    """A paragraph: number as printed (may be None), Markdown text, bullets or a table."""

    number: str | None
    text: str | None
    items: tuple[Entry, ...] = ()
    ordered: bool = False
    table: Table | None = None


@dataclass(frozen=True, slots=True)
class Part:
    """A section of the paper. ``heading`` is as written (None: the style names it from
    ``role``); ``level`` is its depth (1 for a top-level section)."""

    number: str | None
    heading: str | None
    role: str | None
    note: str | None
    paragraphs: tuple[Para, ...]
    options: tuple[OptionsQuestion, ...]
    parts: tuple[Part, ...]
    level: int


@dataclass(frozen=True, slots=True)
class MeetingView:
    """A meeting the paper goes to, or the meeting that took the decision."""

    id: str
    body: str
    council: str
    """The council's name."""
    date: DateSpan | None
    agenda_item: str | None = None
    purpose: str | None = None
    """decision, comment or information, when the record says."""


@dataclass(frozen=True, slots=True)
class Cited:
    """An earlier report this one follows: its title and the date of its last meeting."""

    id: str
    title: str
    date: DateSpan | None


@dataclass(frozen=True, slots=True)
class Paper:
    """The whole context of one rendering. Templates receive it as ``paper``.

    For a report (``kind`` "paper"), ``report`` is set; for a decision (``kind``
    "minute"), ``decision`` is set and ``report`` is the report it considered, if any.
    """

    kind: Kind
    style: str
    format: str
    """md or html (a PDF is rendered from the html)."""
    title: str
    council: Council
    """The council that publishes the paper (a minute: whose meeting took the decision)."""
    report: Report | None
    decision: Decision | None
    councils: tuple[Council, ...] = ()
    """Other councils a joint paper also goes to."""
    meetings: tuple[MeetingView, ...] = ()
    """For a paper: the meetings it goes to; for a minute: the one meeting."""
    recommendations: tuple[Entry, ...] = ()
    parts: tuple[Part, ...] = ()
    """The body, in the paper's order."""
    follows: tuple[Cited, ...] = ()
    officers: tuple[Contact, ...] = ()
    members: tuple[Contact, ...] = ()
    exempt_paragraph: int | None = None
    """Set when the paper itself is not for publication (Schedule 12A paragraph)."""
    background: BackgroundPapers | None = None
    appendices: tuple[Appendix, ...] = field(default=())

    @property
    def meeting(self) -> MeetingView | None:
        """The first meeting (a minute's meeting)."""
        return self.meetings[0] if self.meetings else None

    def has_role(self, role: str) -> bool:
        """Whether a section with this role appears anywhere in the body."""
        return any(_has_role(part, role) for part in self.parts)


def _has_role(part: Part, role: str) -> bool:
    return part.role == role or any(_has_role(child, role) for child in part.parts)


def entry(value: str | ListItem | Recommendation) -> Entry:
    if isinstance(value, str):
        return Entry(value)
    number = value.number if isinstance(value, Recommendation) else None
    return Entry(value.text, number, tuple(entry(item) for item in value.items))


def para(value: str | Paragraph) -> Para:
    if isinstance(value, str):
        return Para(None, value)
    return Para(
        value.number,
        value.text,
        tuple(entry(item) for item in value.items),
        value.ordered,
        value.table,
    )


def part(section: Section, level: int = 1) -> Part:
    return Part(
        number=section.number,
        heading=section.heading,
        role=section.role,
        note=section.note,
        paragraphs=tuple(para(p) for p in section.paragraphs),
        options=tuple(section.options),
        parts=tuple(part(child, level + 1) for child in section.subsections),
        level=level,
    )


def _need(repo: Repository, record_id: str, model: type[R], who: str) -> R:
    """The record ``who`` refers to, or a record error when it is missing or unsound."""
    found = repo.find(record_id, model)
    if found is None:
        raise RecordError(
            f"{who} refers to {record_id}, which is missing or has errors; run shsv validate"
        )
    return found


def _view(meeting: Meeting, council: Council, **extra: str | None) -> MeetingView:
    return MeetingView(meeting.id, meeting.body, council.name, meeting.date, **extra)


def _meeting(repo: Repository, meeting_id: str, who: str, **extra: str | None) -> MeetingView:
    meeting = _need(repo, meeting_id, Meeting, who)
    return _view(meeting, _need(repo, meeting.council, Council, meeting_id), **extra)


def for_report(
    repo: Repository, report: Report, council: Council, style: str, format: str
) -> Paper:
    """The context for a report rendered as a cabinet paper; ``council`` publishes it."""
    who = f"report {report.id}"
    follows = []
    for cited_id in report.follows:
        cited = _need(repo, cited_id, Report, who)
        follows.append(Cited(cited.id, cited.title, repo.report_date(cited)))
    return Paper(
        kind="paper",
        style=style,
        format=format,
        title=report.title,
        council=council,
        report=report,
        decision=None,
        councils=tuple(_need(repo, c, Council, who) for c in report.councils),
        meetings=tuple(
            _meeting(repo, ref.meeting, who, agenda_item=ref.agenda_item, purpose=ref.purpose)
            for ref in report.meetings
        ),
        recommendations=tuple(entry(r) for r in report.recommendations),
        parts=tuple(part(s) for s in report.body),
        follows=tuple(follows),
        officers=tuple(c for c in report.contacts if c.kind == "officer"),
        members=tuple(c for c in report.contacts if c.kind == "member"),
        exempt_paragraph=report.exempt.paragraph if report.exempt else None,
        background=report.background_papers,
        appendices=tuple(report.appendices),
    )


def for_decision(
    repo: Repository,
    decision: Decision,
    meeting: Meeting,
    council: Council,
    style: str,
    format: str,
) -> Paper:
    """The context for a decision rendered as a minute or decision notice, taken at
    ``meeting`` of ``council``."""
    considered = None
    if decision.report is not None:
        considered = _need(repo, decision.report, Report, f"decision {decision.id}")
    return Paper(
        kind="minute",
        style=style,
        format=format,
        title=decision.title,
        council=council,
        report=considered,
        decision=decision,
        meetings=(_view(meeting, council, agenda_item=decision.agenda_item),),
        exempt_paragraph=considered.exempt.paragraph if considered and considered.exempt else None,
    )


def meeting_of(repo: Repository, decision: Decision) -> Meeting:
    """The meeting that took the decision."""
    return _need(repo, decision.meeting, Meeting, f"decision {decision.id}")


def publisher(repo: Repository, record: Report | Meeting) -> Council:
    """The council whose house style a paper is printed in: a report's own council, or
    for a decision, that of the meeting which took it."""
    who = f"report {record.id}" if isinstance(record, Report) else record.id
    return _need(repo, record.council, Council, who)
