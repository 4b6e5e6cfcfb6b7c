"""Phase two: checks across records, run on small per-record summaries.

A summary keeps only what these checks need (id, references with their places, a few
dates), so a national-scale repository is checked without holding every record.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from operator import attrgetter

from shsv.dates import DateSpan, clear_days_between
from shsv.findings import Finding
from shsv.model import KIND_NAMES, Meeting, Milestone, Record, Report
from shsv.model.refs import Ref, refs
from shsv.workdays import clear_working_days
from shsv.yamlbase import Loc

NOTICE_DAYS = 28
GENERAL_EXCEPTION_DAYS = 5
REGS = "the 2012 Executive Arrangements Regulations"


@dataclass(frozen=True, slots=True)
class KeyDecision:
    published: date | None
    urgency: str | None
    urgency_notice: date | None
    urgency_agreed: bool
    meetings: tuple[tuple[Loc, str], ...]
    """The meetings that take the decision, with where the report names them."""


@dataclass(frozen=True, slots=True)
class Summary:
    rel: str
    kind: str
    id: str
    refs: tuple[Ref, ...]
    date: DateSpan | None = None
    key: KeyDecision | None = None
    started: DateSpan | None = None
    actual: DateSpan | None = None


def summarise(record: Record, rel: str) -> Summary:
    kind = KIND_NAMES[type(record)]
    found = tuple(refs(record))
    if isinstance(record, Meeting):
        return Summary(rel, kind, record.id, found, date=record.date)
    if isinstance(record, Milestone):
        return Summary(rel, kind, record.id, found, started=record.started, actual=record.actual)
    if isinstance(record, Report) and record.decision_type == "key":
        return Summary(rel, kind, record.id, found, key=_key_decision(record))
    return Summary(rel, kind, record.id, found)


def _key_decision(report: Report) -> KeyDecision:
    deciding = [
        (("meetings", i, "meeting"), ref.meeting)
        for i, ref in enumerate(report.meetings)
        if ref.purpose == "decision"
    ]
    if not deciding:
        deciding = [
            (("meetings", i, "meeting"), ref.meeting)
            for i, ref in enumerate(report.meetings)
            if ref.purpose is None
        ]
    urgency = report.urgency
    return KeyDecision(
        published=report.forward_plan.published if report.forward_plan else None,
        urgency=urgency.procedure if urgency else None,
        urgency_notice=urgency.notice_published if urgency else None,
        urgency_agreed=bool(urgency and urgency.agreed_by),
        meetings=tuple(deciding),
    )


Located = tuple[str, Finding]


def check_all(summaries: list[Summary], broken: frozenset[str] = frozenset()) -> list[Located]:
    """Every cross-record finding, each with the file it belongs to.

    ``broken`` holds the ids (file names) of records that exist but failed phase one:
    references to them are not reported again as unknown.
    """
    by_id: dict[str, Summary] = {}
    found: list[Located] = []
    for summary in sorted(summaries, key=_REL):
        first = by_id.setdefault(summary.id, summary)
        if first is not summary:
            found.append(
                (
                    summary.rel,
                    Finding("R302", ("id",), f"id {summary.id} is already used by {first.rel}"),
                )
            )
    get = by_id.get
    for summary in summaries:
        # One plain loop over every reference: nearly all are sound, and a finding is
        # worded only for one that is not.
        for loc, target_id, kinds in summary.refs:
            target = get(target_id)
            if target is None or target.kind not in kinds:
                finding = _unsound(loc, target_id, kinds, target, broken)
                if finding:
                    found.append((summary.rel, finding))
        if summary.key:
            found.extend((summary.rel, f) for f in _notice(summary.key, by_id))
    found.extend(_milestones(summaries, by_id))
    return found


_REL = attrgetter("rel")


def _unsound(
    loc: Loc, target_id: str, kinds: tuple[str, ...], target: Summary | None, broken: frozenset[str]
) -> Finding | None:
    """The finding for a reference to no record, or to one of a kind it cannot name."""
    wanted = " or ".join(kinds)
    if target is not None:
        return Finding(
            "R304",
            loc,
            f"{target_id} is a {target.kind} ({target.rel}), but a {wanted} is needed here",
        )
    if target_id in broken:
        return None  # its own file's diagnostics say what is wrong
    return Finding(
        "R301", loc, f"no {wanted} has the id {target_id}; check the spelling or add its record"
    )


def _notice(key: KeyDecision, by_id: dict[str, Summary]) -> Iterator[Finding]:
    for loc, meeting_id in key.meetings:
        meeting = by_id.get(meeting_id)
        if meeting is None or meeting.kind != "meeting":
            continue  # reported as a reference problem
        if meeting.date is None or not meeting.date.exact:
            yield Finding(
                "D411",
                loc,
                f"meeting {meeting_id} has no exact date, so the "
                "28 clear days' notice of this key decision cannot be "
                "checked; give the meeting's date as YYYY-MM-DD",
            )
            continue
        yield from _notice_for(key, loc, meeting.date.end)


def _notice_for(key: KeyDecision, loc: Loc, day: date) -> Iterator[Finding]:
    if key.urgency == "special-urgency":
        if not key.urgency_agreed:
            yield Finding(
                "D401",
                ("urgency",),
                "special urgency needs the agreement of the "
                f"scrutiny chair or chair of the council recorded (reg 11 of {REGS})",
                on_key=True,
            )
        return
    if key.urgency == "general-exception":
        notice = key.urgency_notice
        needed = GENERAL_EXCEPTION_DAYS
        if notice is None or clear_working_days(notice, day, stop_at=needed) < needed:
            yield Finding(
                "D401",
                ("urgency",),
                "the general exception needs notice at least "
                f"five clear days before the meeting (reg 10 of {REGS})",
                on_key=True,
            )
        return
    if key.published is None:
        yield Finding(
            "D402",
            loc,
            "key decision: record forward_plan.published, the day it "
            "entered the forward plan, so its notice can be checked",
        )
        return
    days = clear_days_between(key.published, day)
    if days < NOTICE_DAYS:
        yield Finding(
            "D401",
            loc,
            f"key decision published in the forward plan only {days} "
            f"clear days before the meeting on {day.isoformat()}; "
            f"{NOTICE_DAYS} are needed unless the general exception or special "
            "urgency procedure is recorded (regs 9-11)",
        )


def _milestones(summaries: list[Summary], by_id: dict[str, Summary]) -> Iterator[Located]:
    graph: dict[str, list[tuple[Loc, str]]] = defaultdict(list)
    for summary in summaries:
        if summary.kind != "milestone":
            continue
        for loc, target_id, kinds in summary.refs:
            target = by_id.get(target_id)
            if kinds != ("milestone",) or target is None or target.kind != "milestone":
                continue
            graph[summary.id].append((loc, target_id))
            if (
                summary.actual
                and target.actual
                and summary.actual.end < (target.actual.start or target.actual.end)
            ):
                yield (
                    summary.rel,
                    Finding(
                        "D412",
                        loc,
                        f"done {summary.actual}, before {target_id}, which it "
                        f"depends on, was done ({target.actual})",
                    ),
                )
    for milestone, loc, cycle in _cycles(graph):
        yield (
            by_id[milestone].rel,
            Finding("R305", loc, "dependencies form a cycle: " + " -> ".join(cycle)),
        )


def _cycles(graph: dict[str, list[tuple[Loc, str]]]) -> Iterator[tuple[str, Loc, list[str]]]:
    """Each dependency edge that closes a cycle, found without recursion."""
    state: dict[str, int] = {}  # 1 on the path, 2 finished
    for root in sorted(graph):
        if root in state:
            continue
        path: list[str] = [root]
        stack: list[Iterator[tuple[Loc, str]]] = [iter(graph[root])]
        state[root] = 1
        while stack:
            edge = next(stack[-1], None)
            if edge is None:
                state[path.pop()] = 2
                stack.pop()
                continue
            loc, target = edge
            if state.get(target) == 1:
                yield path[-1], loc, [*path[path.index(target) :], target]
            elif target not in state:
                state[target] = 1
                path.append(target)
                stack.append(iter(graph.get(target, [])))
