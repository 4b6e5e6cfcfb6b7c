"""The table layout: slipped items show their original date, bars sit on the axis, widths hold."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from conftest import Workspace
from shsv.repository import Repository
from shsv.timeline.axis import Axis, labels
from shsv.timeline.table import bar_width, layout, plain
from shsv.timeline.view import make_view

REPO = {
    "data/programmes/p.yaml": {"id": "p", "title": "Shared back office"},
    "data/milestones/business-case.yaml": {
        "id": "business-case",
        "title": "Business case agreed",
        "programme": "p",
        "planned": "Q1 2010",
        "replanned": [{"date": "Q3 2010", "recorded": "2010-03-15"}],
    },
    "data/milestones/go-live.yaml": {
        "id": "go-live",
        "title": "Service goes live",
        "programme": "p",
        "planned": "2011-04-01",
        "cancelled": {"date": "2010-11-30"},
    },
}


def table(root: Path, as_of: str, width: int = 80) -> str:
    day = date.fromisoformat(as_of)
    repo = Repository.load(root, day)
    return plain(make_view(repo, day), width)


def test_a_slipped_item_shows_its_new_date_and_its_original_one(workspace: Workspace) -> None:
    root = workspace(REPO)
    out = table(root, "2010-06-01")
    assert out.splitlines()[3:9] == [
        "Shared back office [p]",
        "  Summary: 0 done, 0 overdue, 1 on track, 1 slipped; next: Business case",
        "    agreed (Q3 2010, slipped)",
        "  status      date          2010    2011 item",
        "  » slipped   Q3 2010       ░░███        Business case agreed",
        "                                         re-planned; originally Q1 2010",
    ]
    cancelled = table(root, "2010-12-01").splitlines()[-2:]
    assert cancelled == [
        "  ⊘ cancelled 2010-11-30         █ ░     Service goes live",
        "                                         planned 2011-04-01",
    ]


def test_bars_widen_with_the_terminal_and_narrow_ones_still_render(
    workspace: Workspace,
) -> None:
    assert (bar_width(80), bar_width(132), bar_width(400)) == (12, 33, 60)
    root = workspace(REPO)
    for width in (20, 60, 100, 200):
        out = table(root, "2010-06-01", width)
        assert max(len(line) for line in out.splitlines()) <= max(width, 60)
        assert "Business case agreed" in out.replace("\n" + " " * 41, " ")


def test_labels_point_off_the_axis_when_the_as_of_day_lies_outside_it() -> None:
    axis = Axis(date(2010, 1, 1), date(2012, 12, 31), 12)
    assert labels(axis, date(2011, 6, 1)) == "2010    2012"
    assert labels(axis, date(2014, 6, 1)) == "2010   2012▸"
    assert labels(axis, date(2009, 6, 1)) == "◂2010   2012"
    one_year = Axis(date(2014, 1, 1), date(2014, 12, 31), 12)
    assert labels(one_year, date(2012, 6, 1)) == "◂2014       "
    assert labels(one_year, date(2016, 6, 1)) == "2014       ▸"


def test_an_empty_repository_says_so(workspace: Workspace) -> None:
    repo = Repository.load(workspace({}), date(2012, 6, 1))
    lines = layout(make_view(repo, date(2012, 6, 1)))
    assert lines[-1] == [("No programmes in the records.", "")]
