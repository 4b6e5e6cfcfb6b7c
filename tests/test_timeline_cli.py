"""``shsv timeline`` through the CLI: goldens compared whole, round trips, exit codes."""

from __future__ import annotations

import importlib
import json
import os
import re
from datetime import date
from pathlib import Path

import pytest
from icalendar import Calendar
from typer.testing import CliRunner

from conftest import ROOT, TESTS, Workspace
from shsv.cli import app
from shsv.dates import parse

GOLDEN = TESTS / "golden" / "timeline"
UPDATE = os.environ.get("SHSV_UPDATE_GOLDEN") == "1"  # then review the diff before committing
ANSI = re.compile(r"\x1b\[[0-9;]*m")


def run(*args: str, env: dict[str, str] | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, ["timeline", "--root", str(ROOT), *args], env=env)
    # The runner turns CRLF into LF in .stdout; the bytes are what a pipe receives.
    return result.exit_code, result.stdout_bytes.decode("utf-8"), result.stderr


def golden(name: str, actual: str) -> None:
    path = GOLDEN / name
    if UPDATE:
        path.write_text(actual, encoding="utf-8", newline="")
    with path.open(encoding="utf-8", newline="") as stream:  # keep CRLF as written
        assert actual == stream.read()


@pytest.mark.parametrize("as_of", ["2012-06-01", "2014-10-15"])
def test_table_golden_in_a_pipe(as_of: str) -> None:
    code, out, _ = run("--as-of", as_of)
    assert code == 0
    golden(f"table-{as_of}.txt", out)
    assert not ANSI.search(out)
    assert max(len(line) for line in out.splitlines()) <= 80


# The module, not the Typer app that shsv.cli exports under the same name.
APP_MODULE = importlib.import_module("shsv.cli.app")


def test_colour_only_on_a_terminal_and_never_under_no_color() -> None:
    color = APP_MODULE._color
    assert color(True, {}) is True
    assert color(False, {}) is False
    assert color(True, {"NO_COLOR": "1"}) is False
    assert color(True, {"NO_COLOR": ""}) is True  # set but empty counts as unset
    assert color(False, {"NO_COLOR": ""}) is False


def test_no_color_gives_the_plain_table_even_on_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    color = APP_MODULE._color
    # A stdout that says it is a terminal, seen only by the colour decision.
    monkeypatch.setattr(APP_MODULE, "_color", lambda isatty, environ: color(True, environ))
    env = {"FORCE_COLOR": "1", "COLUMNS": "132"}
    _, coloured, _ = run("--as-of", "2012-06-01", env={**env, "NO_COLOR": ""})
    assert ANSI.search(coloured)  # the terminal gets colour...
    code, out, _ = run("--as-of", "2012-06-01", env={**env, "NO_COLOR": "1"})
    assert code == 0  # ...unless NO_COLOR is set: then the same text as in a pipe
    assert out == (GOLDEN / "table-2012-06-01.txt").read_text(encoding="utf-8")


def test_on_a_terminal_the_table_has_colour_and_fits_its_width(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr("shsv.cli.timeline.use_color", lambda: True)
    env = {"FORCE_COLOR": "1", "COLUMNS": "132", "NO_COLOR": ""}
    code, out, _ = run("--as-of", "2012-06-01", env=env)
    assert code == 0
    assert ANSI.search(out)
    text = ANSI.sub("", out)
    assert max(len(line) for line in text.splitlines()) <= 132
    assert "✗ fallen" in text and "! overdue" in text and "│" in text
    # A wider terminal gets longer bars: 33 cells at 132 columns, 12 at 80.
    assert "2010" + " " * 25 + "2012 item" in text


def test_json_golden_and_round_trip() -> None:
    code, out, _ = run("--as-of", "2012-06-01", "--format", "json")
    assert code == 0
    golden("timeline-2012-06-01.json", out)
    document = json.loads(out)
    assert document["as_of"] == "2012-06-01"
    for item in document["items"]:
        assert set(item) >= {"programme", "arrangement", "id", "title", "kind"}
        assert set(item) >= {"planned", "actual", "status", "path", "line"}
        for key in ("planned", "actual"):
            if item[key] is not None:  # the text as written gives back the same range
                span = parse(item[key]["text"])
                start = span.start.isoformat() if span.start else None
                assert (item[key]["start"], item[key]["end"]) == (start, span.end.isoformat())
        # path and line point at a line of the record's file that names its date or id
        lines = (ROOT / item["path"]).read_text(encoding="utf-8").splitlines()
        assert 1 <= item["line"] <= len(lines)
    kinds = {item["kind"] for item in document["items"]}
    assert kinds == {"started", "formed", "meeting", "decision", "milestone", "status-change"}


def test_ics_golden_parses_back_with_stable_uids() -> None:
    code, out, _ = run("--as-of", "2014-10-15", "--format", "ics")
    assert code == 0
    assert "\r\n" in out  # RFC 5545 lines end in CRLF
    golden("timeline-2014-10-15.ics", out)
    calendar = Calendar.from_ical(out)
    events = list(calendar.walk("VEVENT"))
    uids = [str(e["uid"]) for e in events]
    assert len(uids) == len(set(uids)) == 11  # the dated meetings and milestones
    assert "lgss-report-to-cabinet-early-2010@shsv" in uids
    by_uid = {str(e["uid"]): e for e in events}
    early = by_uid["lgss-report-to-cabinet-early-2010@shsv"]
    assert early.decoded("dtstart") == date(2010, 4, 30)  # early 2010 is due at its end
    assert str(early["status"]) == "TENTATIVE"
    assert str(early["summary"]).endswith("(early 2010)")
    # Another day changes statuses, never UIDs or dates.
    _, again, _ = run("--as-of", "2020-01-01", "--format", "ics")
    later = {str(e["uid"]): e for e in Calendar.from_ical(again).walk("VEVENT")}
    assert set(later) == set(by_uid)
    assert all(later[u].decoded("dtstart") == by_uid[u].decoded("dtstart") for u in later)


def test_the_readme_examples_are_real_output() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("<!-- section:timeline -->")[1].split("<!-- /section:timeline -->")[0]
    examples = re.findall(r"\$ shsv timeline ([^\[\n].*)\n((?:(?!\$ |```).*\n)*)", section)
    assert len(examples) == 2  # the synopsis (with [OPTIONS]) is not an example
    for args, expected in examples:
        code, out, _ = run(*args.split())
        assert out == expected
        assert code == (1 if "--fail-on" in args else 0)


def test_fail_on_overdue_exits_1_only_when_something_is_overdue() -> None:
    assert run("--as-of", "2012-06-01", "--fail-on", "overdue")[0] == 1  # LGSS early 2010
    assert run("--as-of", "2009-12-20", "--fail-on", "overdue")[0] == 0
    lancaster = "lancaster-shared-services-programme"
    assert run(lancaster, "--as-of", "2012-06-01", "--fail-on", "overdue")[0] == 0
    assert run("--as-of", "2012-06-01")[0] == 0  # without --fail-on, overdue is not failure


def test_status_filter_shows_only_those_items() -> None:
    code, out, _ = run("--as-of", "2012-06-01", "--status", "overdue,fallen")
    assert code == 0
    marks = [line.split()[1] for line in out.splitlines() if line[2:3] in "✓○◔!»⊘✗?" and line[2:3]]
    assert sorted(marks) == ["fallen", "fallen", "overdue"]
    _, none, _ = run("--as-of", "2012-06-01", "--status", "due soon")
    assert none.splitlines()[-1] == "No items with status due-soon."


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["nope"], "no programme has the id nope; the programmes are: lancaster-shared-services"),
        (["--as-of", "2012-02-30"], "--as-of: 2012-02-30 is not a real calendar date"),
        (["--as-of", "June 2012"], "--as-of: 'June 2012' is not a day; write it as YYYY-MM-DD"),
        (["--as-of", "٢٠١٢-٠٥-٢٩"], "--as-of: '٢٠١٢-٠٥-٢٩' is not a day; write it as YYYY-MM-DD"),
        (["--status", "late"], "--status must be one of done, on-track, due-soon, overdue"),
        (["--format", "csv"], "--format must be one of table, json, ics, not 'csv'"),
        (["--fail-on", "fallen"], "--fail-on must be one of overdue, not 'fallen'"),
        (["--within", "-1"], "--within must be 0 or more days, not -1"),
    ],
)
def test_usage_errors_exit_2_with_a_message(args: list[str], message: str) -> None:
    code, out, err = run(*args)
    assert (code, out) == (2, "")
    assert err.startswith(f"shsv: error: {message}")


def test_output_writes_the_same_text_to_a_file(tmp_path: Path) -> None:
    target = tmp_path / "timeline.ics"
    code, out, _ = run("--as-of", "2014-10-15", "--format", "ics", "--output", str(target))
    assert (code, out) == (0, "")
    assert target.read_bytes() == (GOLDEN / "timeline-2014-10-15.ics").read_bytes()
    missing = tmp_path / "no-such-folder" / "t.txt"
    code, _, err = run("--output", str(missing))
    assert code == 1 and "does not exist" in err


def test_records_with_errors_are_left_out_with_a_note(workspace: Workspace) -> None:
    root = workspace(
        {
            "data/programmes/p.yaml": {"id": "p", "title": "P"},
            "data/milestones/m.yaml": {"id": "m", "title": "M", "programme": "p", "planned": "Q5"},
            "data/milestones/n.yaml": {
                "id": "n",
                "title": "N",
                "programme": "p",
                "planned": "2010",
            },
        }
    )
    result = CliRunner().invoke(
        app, ["timeline", "--root", str(root), "--as-of", "2010-06-01", "-f", "json"]
    )
    assert result.exit_code == 0
    assert [item["id"] for item in json.loads(result.stdout)["items"]] == ["n"]
    assert "1 error(s) in the records; records with errors are left out" in result.stderr
