"""Domain and statutory rules that one record can be held to on its own."""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Iterator
from datetime import date

from shsv.checks.registry import Context, check
from shsv.dates import DateSpan
from shsv.findings import Finding
from shsv.model import Arrangement, Decision, Meeting, Milestone, Report
from shsv.model.parts import OptionsQuestion, Section
from shsv.workdays import clear_working_days
from shsv.yamlbase import Loc

SCHEDULE_12A = "Schedule 12A to the Local Government Act 1972"


def _paragraph(value: int | None, loc: Loc, what: str) -> Iterator[Finding]:
    if value is None:
        yield Finding(
            "D403",
            loc,
            f"{what} is exempt but names no paragraph of {SCHEDULE_12A}; "
            "give the paragraph (1 to 7)",
            on_key=True,
        )
    elif not 1 <= value <= 7:
        yield Finding(
            "D403",
            loc,
            f"paragraph {value} is not one of the seven paragraphs "
            f"(1 to 7) of Part 1 of {SCHEDULE_12A}",
        )


@check(Report, "D403")
def exempt_paragraph(report: Report, context: Context) -> Iterable[Finding]:
    """A paper, background paper or appendix marked exempt names its paragraph 1-7 of
    Part 1 of Schedule 12A to the Local Government Act 1972."""
    if report.exempt is not None:
        yield from _paragraph(report.exempt.paragraph, ("exempt", "paragraph"), "the paper")
    papers = report.background_papers
    if papers is not None:
        if papers.exempt_paragraph is not None:
            yield from _paragraph(
                papers.exempt_paragraph, ("background_papers", "exempt_paragraph"), ""
            )
        for i, paper in enumerate(papers.papers):
            if paper.exempt_paragraph is not None:
                yield from _paragraph(
                    paper.exempt_paragraph,
                    ("background_papers", "papers", i, "exempt_paragraph"),
                    "",
                )
    for i, appendix in enumerate(report.appendices):
        if appendix.exempt_paragraph is not None:
            yield from _paragraph(
                appendix.exempt_paragraph, ("appendices", i, "exempt_paragraph"), ""
            )


@check(Meeting, "D404", "D411")
def agenda_notice(meeting: Meeting, context: Context) -> Iterable[Finding]:
    """Agenda papers are open to inspection at least five clear days before the meeting
    (Local Government Act 1972, s100B); clear days leave out the day of publication, the
    day of the meeting, weekends and bank holidays in England."""
    published = meeting.agenda_published
    if published is None:
        return
    if meeting.date is None or not meeting.date.exact:
        yield Finding(
            "D411",
            ("date",),
            "the meeting date must be an exact day "
            "(YYYY-MM-DD) to check the five clear days' notice of its agenda",
            on_key=meeting.date is None,
        )
        return
    days = clear_working_days(published, meeting.date.end, stop_at=5)
    if days < 5:
        yield Finding(
            "D404",
            ("agenda_published",),
            f"the agenda was published {days} clear day(s) before the meeting on "
            f"{meeting.date.end.isoformat()}; section 100B needs at least five",
        )


def _person(name: str) -> str:
    return re.sub(r"\W+|\bcouncillor\b|\bcllr\b", "", name.lower())


@check(Decision, "D405")
def mover_seconder(decision: Decision, context: Context) -> Iterable[Finding]:
    """The mover and the seconder of a motion are two different members."""
    if (
        decision.moved_by
        and decision.seconded_by
        and _person(decision.moved_by) == _person(decision.seconded_by)
    ):
        yield Finding(
            "D405",
            ("seconded_by",),
            f"{decision.seconded_by} cannot second their own motion; "
            "name the member who seconded it",
        )


@check(Decision, "D406")
def vote_count(decision: Decision, context: Context) -> Iterable[Finding]:
    """A vote recorded as unanimous has no votes against and no abstentions."""
    vote = decision.vote
    if vote is None or not vote.unanimous:
        return
    for field in ("against", "abstained"):
        value = getattr(vote, field)
        if value:
            did = "voted against" if field == "against" else "abstained"
            yield Finding(
                "D406",
                ("vote", field),
                f"the vote is recorded as unanimous but {value} member(s) {did}; "
                "correct the counts or 'unanimous'",
            )
    if vote.in_favour == 0:
        yield Finding(
            "D406", ("vote", "in_favour"), "a unanimous vote has at least one member in favour"
        )


def _preferred(questions: list[OptionsQuestion], loc: Loc, found: list[Finding]) -> None:
    for i, question in enumerate(questions):
        if question.preferred is None:
            continue
        numbers = [option.number for option in question.options]
        if question.preferred not in numbers:
            offered = ", ".join(str(n) for n in numbers)
            found.append(
                Finding(
                    "D407",
                    (*loc, i, "preferred"),
                    f"preferred option {question.preferred} is not among the options "
                    f"offered ({offered})",
                )
            )


def _section_options(sections: list[Section], loc: Loc, found: list[Finding]) -> None:
    # Plain loops into one list, descending only where there is something to look at:
    # this walks every section of every paper.
    for i, section in enumerate(sections):
        if section.options:
            _preferred(section.options, (*loc, i, "options"), found)
        if section.subsections:
            _section_options(section.subsections, (*loc, i, "subsections"), found)


@check(Report, "D407")
def report_preferred_option(report: Report, context: Context) -> Iterable[Finding]:
    """The preferred option is one of the options offered."""
    found: list[Finding] = []
    _section_options(report.body, ("body",), found)
    return found


@check(Decision, "D407", "D413")
def decision_options(decision: Decision, context: Context) -> Iterable[Finding]:
    """The preferred option is one of those offered, and the record of the decision
    gives the alternatives considered (2012 Regulations, reg 12)."""
    found: list[Finding] = []
    _preferred(decision.options, ("options",), found)
    if not decision.options:
        found.append(
            Finding(
                "D413",
                ("title",),
                "the decision records no options; reg 12 asks for the alternative "
                "options considered and rejected",
                on_key=True,
            )
        )
    return found


@check(Arrangement, "D410", "D414", "D416")
def arrangement_rules(arrangement: Arrangement, context: Context) -> Iterable[Finding]:
    """Cost shares add up to 100%; the lead authority and every cost-sharer is a
    partner; the status history runs in date order."""
    if arrangement.cost_shares:
        total = sum(share.percent for share in arrangement.cost_shares)
        if abs(total - 100) > 0.05:
            yield Finding("D410", ("cost_shares",), f"cost shares add up to {total:g}%, not 100%")
    partners = set(arrangement.partners)
    if partners:
        if arrangement.lead and arrangement.lead not in partners:
            yield Finding(
                "D414",
                ("lead",),
                f"lead {arrangement.lead} is not one of the partners; add it to partners",
            )
        for i, share in enumerate(arrangement.cost_shares):
            if share.partner not in partners:
                yield Finding(
                    "D414",
                    ("cost_shares", i, "partner"),
                    f"{share.partner} shares costs but is not one of the partners",
                )
    dated = [(i, change.date) for i, change in enumerate(arrangement.status) if change.date]
    for (_, before), (i, after) in itertools.pairwise(dated):
        if after.end < before.end:
            yield Finding(
                "D416",
                ("status", i, "date"),
                f"status dated {after} comes after one dated {before}; keep the "
                "history oldest first",
            )


def _after(span: DateSpan | None, as_of: date) -> bool:
    return span is not None and span.start is not None and span.start > as_of


@check(Milestone, "D412", "D415")
def milestone_dates(milestone: Milestone, context: Context) -> Iterable[Finding]:
    """A milestone is not done before it started, and is not done after the as-of date."""
    started, actual = milestone.started, milestone.actual
    if started and actual and actual.end < (started.start or started.end):
        yield Finding("D412", ("actual",), f"done {actual} is before it started ({started})")
    if _after(actual, context.as_of):
        yield Finding(
            "D415",
            ("actual",),
            f"recorded as done {actual}, after the as-of date {context.as_of.isoformat()}",
        )
