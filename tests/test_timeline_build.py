"""Records -> timeline items: joint decisions, call-in, re-plans, falls, notices, lines."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest

from conftest import Workspace
from shsv.errors import UsageError
from shsv.repository import Repository
from shsv.timeline.build import build
from shsv.timeline.export import row_json
from shsv.timeline.items import Closure, Kind, Status
from shsv.timeline.view import Row, make_view


def council(cid: str, **extra: Any) -> dict[str, Any]:
    return {"id": cid, "name": cid.replace("-", " ").title(), "tier": "district", **extra}


def meeting(mid: str, council_id: str, day: str, body: str = "Cabinet") -> dict[str, Any]:
    return {"id": mid, "council": council_id, "body": body, "date": day}


def files(*records: tuple[str, dict[str, Any]]) -> dict[str, Any]:
    return {f"data/{folder}/{r['id']}.yaml": r for folder, r in records}


JOINT = [
    ("councils", council("a-council", call_in_days=5)),
    ("councils", council("b-council")),
    ("councils", council("c-council")),
    ("meetings", meeting("a-cabinet", "a-council", "2014-12-23")),
    ("meetings", meeting("b-cabinet", "b-council", "2014-12-10")),
    ("meetings", meeting("c-scrutiny", "c-council", "2014-12-01", "Scrutiny Panel")),
    ("programmes", {"id": "joint", "title": "Joint programme"}),
]


def joint_report(*meetings: dict[str, Any], **extra: Any) -> tuple[str, dict[str, Any]]:
    return (
        "reports",
        {
            "id": "joint-report",
            "title": "Joint report",
            "council": "a-council",
            "councils": ["b-council", "c-council"],
            "programme": "joint",
            "meetings": list(meetings),
            **extra,
        },
    )


A = {"meeting": "a-cabinet", "purpose": "decision"}
B = {"meeting": "b-cabinet", "purpose": "decision"}
C_COMMENT = {"meeting": "c-scrutiny", "purpose": "comment"}


def judge(root: Path, as_of: str, **options: Any) -> dict[str, Row]:
    day = date.fromisoformat(as_of)
    repo = Repository.load(root, day)
    assert repo.errors == []
    view = make_view(repo, day, **options)
    return {row.item.id: row for row in view.rows}


def test_a_joint_decision_waits_for_every_partner(workspace: Workspace) -> None:
    root = workspace(files(*JOINT, joint_report(A, B, C_COMMENT)))
    rows = judge(root, "2015-06-01")
    decision = rows["joint-report/decision"]
    assert decision.item.kind is Kind.DECISION
    assert decision.status is Status.UNDATED  # C's deciding meeting is not recorded
    assert [(p.council, p.meeting) for p in decision.item.parts] == [
        ("a-council", "a-cabinet"),
        ("b-council", "b-cabinet"),
        ("c-council", None),
    ]
    assert decision.item.note is not None
    assert "C Council: no deciding meeting recorded" in decision.item.note
    # Each meeting the report goes to is an item of its own, the comment one included.
    assert rows["joint-report/c-scrutiny"].status is Status.DONE


def test_a_joint_decision_is_done_after_the_last_partner_and_its_call_in(
    workspace: Workspace,
) -> None:
    later = ("meetings", meeting("c-cabinet", "c-council", "2014-12-22"))
    root = workspace(files(*JOINT, later, joint_report(A, B, {"meeting": "c-cabinet"})))
    decision = judge(root, "2015-01-01")["joint-report/decision"]
    # A decided on 23 December; five working days of call-in skip Christmas, Boxing Day,
    # the weekend and New Year's Day, so it takes effect on 2 January 2015.
    assert decision.item.parts[0].effective == date(2015, 1, 2)
    assert decision.status is Status.DUE_SOON
    assert decision.shown is not None and decision.shown.text == "2015-01-02"
    assert judge(root, "2015-01-02")["joint-report/decision"].status is Status.DONE
    assert judge(root, "2014-12-22")["joint-report/decision"].status is Status.DUE_SOON
    assert judge(root, "2014-11-01")["joint-report/decision"].status is Status.ON_TRACK


def test_a_minuted_decision_takes_effect_after_call_in_from_publication(
    workspace: Workspace,
) -> None:
    decision = {
        "id": "a-decision",
        "title": "Shared ICT",
        "meeting": "a-cabinet",
        "report": "a-report",
        "published": "2014-12-24",
    }
    report = {
        "id": "a-report",
        "title": "Shared ICT",
        "council": "a-council",
        "programme": "joint",
        "meetings": [A],
        "decision_type": "non-key",
        "forward_plan": {"reference": "FP/1", "published": "2014-11-01"},
    }
    root = workspace(files(*JOINT, ("reports", report), ("decisions", decision)))
    rows = judge(root, "2015-01-04")
    assert "a-report/a-cabinet" not in rows  # the decision stands for the meeting
    assert rows["a-decision"].status is Status.DONE
    effective = rows["a-decision/effective"]
    assert effective.item.actual is not None and effective.item.actual.text == "2015-01-05"
    assert effective.status is Status.DUE_SOON
    assert effective.item.line == 5  # the published: line of the decision
    notice = rows["a-report/forward-plan"]
    assert (notice.item.kind, notice.status, notice.item.title) == (
        Kind.FORWARD_PLAN,
        Status.DONE,
        "Forward plan notice FP/1: Shared ICT",
    )


ARRANGEMENT = {
    "id": "shared-ict",
    "title": "Shared ICT",
    "programme": "joint",
    "status": [
        {"status": "negotiating", "date": "2012-01-10"},
        {"status": "fallen", "date": "2012-05-29", "reason": "No cost model works."},
    ],
}


def milestone(mid: str, **fields: Any) -> tuple[str, dict[str, Any]]:
    return ("milestones", {"id": mid, "title": mid.title(), "programme": "joint", **fields})


def test_milestones_slip_are_cancelled_and_fall_with_their_arrangement(
    workspace: Workspace,
) -> None:
    root = workspace(
        files(
            *JOINT,
            ("arrangements", ARRANGEMENT),
            milestone("go-live", arrangement="shared-ict", planned="Q3 2012"),
            milestone(
                "business-case",
                planned="Q1 2010",
                replanned=[{"date": "May 2010", "recorded": "2010-03-15"}],
            ),
            milestone("pilot", planned="2010-06-30", cancelled={"date": "2010-02-01"}),
            milestone("undated-step"),
        )
    )
    early = judge(root, "2010-03-20")
    assert early["business-case"].status is Status.SLIPPED
    assert early["business-case"].shown is not None
    assert early["business-case"].shown.text == "May 2010"
    assert early["business-case"].item.line == 4  # its planned: line
    assert early["pilot"].status is Status.CANCELLED
    assert early["undated-step"].status is Status.UNDATED
    assert judge(root, "2012-05-01")["go-live"].status is Status.ON_TRACK
    late = judge(root, "2012-06-01")
    assert late["go-live"].status is Status.FALLEN
    assert late["shared-ict/status-1"].status is Status.DONE
    assert late["shared-ict/status-2"].status is Status.FALLEN
    assert late["shared-ict/status-2"].item.line == 7


def test_a_milestone_goes_on_when_its_arrangement_is_taken_up_again(
    workspace: Workspace,
) -> None:
    revived = {
        **ARRANGEMENT,
        "status": [*ARRANGEMENT["status"], {"status": "negotiating", "date": "2013-01-10"}],
    }
    root = workspace(
        files(
            *JOINT,
            ("arrangements", revived),
            milestone("go-live", arrangement="shared-ict", planned="Q3 2013"),
            milestone("pilot", arrangement="shared-ict", planned="Q3 2012"),
        )
    )
    assert judge(root, "2013-06-01")["go-live"].status is Status.ON_TRACK
    # Between the fall and the revival its milestones are fallen, as without a revival.
    for as_of in ("2012-05-29", "2012-06-01", "2012-08-01", "2013-01-09"):
        rows = judge(root, as_of)
        assert (rows["pilot"].status, rows["go-live"].status) == (Status.FALLEN, Status.FALLEN)
        assert rows["pilot"].shown is not None and rows["pilot"].shown.text == "2012-05-29"
    assert judge(root, "2012-05-28")["pilot"].status is Status.ON_TRACK
    revival = judge(root, "2013-01-10")  # the day it was taken up again counts as passed
    assert revival["pilot"].status is Status.OVERDUE  # Q3 2012 went by while it was down
    assert revival["go-live"].status is Status.ON_TRACK


def test_a_milestone_falls_each_time_its_arrangement_falls(workspace: Workspace) -> None:
    twice = {
        **ARRANGEMENT,
        "status": [
            *ARRANGEMENT["status"],
            {"status": "negotiating", "date": "2013-01-10"},
            {"status": "fallen", "date": "2014-03-01"},
        ],
    }
    root = workspace(
        files(
            *JOINT,
            ("arrangements", twice),
            milestone("go-live", arrangement="shared-ict", planned="2015-06-30"),
        )
    )
    seen = {day: judge(root, day)["go-live"] for day in ("2012-06-01", "2013-06-01", "2014-06-01")}
    assert [row.status for row in seen.values()] == [Status.FALLEN, Status.ON_TRACK, Status.FALLEN]
    fell = seen["2014-06-01"].shown
    assert fell is not None and fell.text == "2014-03-01"
    closed = row_json(seen["2014-06-01"], date(2014, 6, 1))["closed"]
    assert [(c["text"], c["until"] and c["until"]["text"]) for c in closed] == [
        ("2012-05-29", "2013-01-10"),
        ("2014-03-01", None),
    ]
    assert [(c.date.text, c.until.text if c.until else None) for c in go_live_closures(root)] == [
        ("2012-05-29", "2013-01-10"),
        ("2014-03-01", None),
    ]


def test_a_fall_ended_on_a_day_nobody_recorded_is_left_out(workspace: Workspace) -> None:
    undated = {**ARRANGEMENT, "status": [*ARRANGEMENT["status"], {"status": "negotiating"}]}
    root = workspace(
        files(
            *JOINT,
            ("arrangements", undated),
            milestone("go-live", arrangement="shared-ict", planned="Q3 2013"),
        )
    )
    assert go_live_closures(root) == ()
    assert judge(root, "2012-06-01")["go-live"].status is Status.ON_TRACK


def go_live_closures(root: Path) -> tuple[Closure, ...]:
    """The closures the go-live milestone was built with."""
    repo = Repository.load(root, date(2015, 1, 1))
    return next(item for item in build(repo) if item.id == "go-live").closures


def test_status_filter_and_programme_choice(workspace: Workspace) -> None:
    root = workspace(
        files(
            *JOINT,
            ("programmes", {"id": "other", "title": "Other"}),
            milestone("late-step", planned="2010-01-31"),
            milestone("next-step", planned="2010-03-01"),
        )
    )
    rows = judge(root, "2010-02-15", statuses=frozenset({Status.OVERDUE}))
    assert list(rows) == ["late-step"]
    repo = Repository.load(root, date(2010, 2, 15))
    view = make_view(repo, date(2010, 2, 15), ids=["joint"])
    assert [p.id for p in view.programmes] == ["joint"]
    summary = view.programmes[0].summary
    assert summary.counts == {Status.OVERDUE: 1, Status.DUE_SOON: 1}
    assert summary.next is not None and summary.next.item.id == "next-step"
    assert view.overdue == 1
    with pytest.raises(UsageError, match="no programme has the id nope; the programmes are: "):
        make_view(repo, date(2010, 2, 15), ids=["nope"])
