"""Reporters: text for people; for CI, GitHub annotations, GitLab Code Quality, JUnit XML."""

from __future__ import annotations

import json
import re
from xml.etree import ElementTree as ET

from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from conftest import TESTS
from shsv.cli import app
from shsv.diagnostics import Diagnostic, Severity
from shsv.reporters import REPORTERS, Totals

CASES = TESTS / "cases"
ERROR = Diagnostic("data/reports/r.yaml", 6, 14, "D401", Severity.ERROR, "only 19 clear days")
WARNING = Diagnostic("data/reports/r.yaml", 9, 3, "D402", Severity.WARNING, "no date")


def report(name: str, *diagnostics: Diagnostic, files: int = 5) -> str:
    found = sorted(diagnostics)
    return REPORTERS[name](found, Totals.of(found, files, files), False)


def test_text_prints_data_as_it_is_in_colour_or_not() -> None:
    """A path or message is data: markup, emoji codes, backslashes and tabs in it are
    printed as they are (rich, given them as markup, turned ":x:" into an emoji and
    doubled a last backslash). Colour adds styles, and a terminal's tab stops, and
    nothing else."""
    odd = Diagnostic(
        "data/a:x:\tb[bold].yaml", 3, 2, "S201", Severity.ERROR, "[red]v[/] :smile: \\"
    )
    found = sorted([odd, WARNING])
    totals = Totals.of(found, 5, 4)
    plain = REPORTERS["text"](found, totals, False)
    assert plain == (
        "data/a:x:\tb[bold].yaml\n"
        "  3:2: error S201 [red]v[/] :smile: \\\n"
        "data/reports/r.yaml\n"
        "  9:3: warning D402 no date\n"
        "✗ 1 error, 1 warning in 2 files (5 files, 4 records checked)\n"
    )
    coloured = REPORTERS["text"](found, totals, True)
    assert "\x1b[31merror\x1b[0m" in coloured and "\x1b[1mS201\x1b[0m" in coloured
    assert re.sub("\x1b\\[[0-9;]*m", "", coloured) == plain.expandtabs(8)
    clean = REPORTERS["text"]([], Totals.of([], 4, 4), False)
    assert clean == "✓ no problems (4 files, 4 records checked)\n"


# GitHub's rules for workflow commands: in the message, % CR LF are escaped; in
# properties (file=, title=), also : and , because they separate the properties.
def github_unescape(value: str) -> str:
    table = {"%25": "%", "%0D": "\r", "%0A": "\n", "%3A": ":", "%2C": ","}
    return re.sub("%(25|0D|0A|3A|2C)", lambda m: table[m.group()], value)


def test_github_escapes_data_and_properties_by_githubs_rules() -> None:
    hostile = Diagnostic(
        "data/a:b,c%d.yaml", 2, 1, "S201", Severity.ERROR, "50% of 'x'\r\nnext: a, b"
    )
    lines = report("github", hostile).splitlines()
    assert lines[0] == (
        "::error file=data/a%3Ab%2Cc%25d.yaml,line=2,col=1,title=S201::"
        "S201 50%25 of 'x'%0D%0Anext: a, b"
    )
    assert lines[1] == "shsv: 1 error, 0 warnings (5 files, 5 records)"
    assert report("github", WARNING).startswith("::warning file=data/reports/r.yaml,line=9,")


@given(st.text(alphabet=st.sampled_from("ab%:,\r\n 0ADC3"), max_size=30))
def test_github_escaping_round_trips(text: str) -> None:
    diagnostic = Diagnostic(f"data/{text}.yaml", 1, 1, "S201", Severity.ERROR, text)
    line = report("github", diagnostic).split("\n")[0]
    props, message = line.removeprefix("::error ").split("::", 1)
    assert "\r" not in line and message == message.replace("\n", "")
    assert github_unescape(message) == f"S201 {text}"
    file = props.split(",")[0].removeprefix("file=")
    assert ":" not in file and "," not in file
    assert github_unescape(file) == f"data/{text}.yaml"


def test_gitlab_code_quality_fields() -> None:
    issues = json.loads(report("gitlab", ERROR, WARNING))
    at = "data/reports/r.yaml"
    assert [(i["check_name"], i["severity"], i["location"], i["description"]) for i in issues] == [
        ("D401", "major", {"path": at, "lines": {"begin": 6}}, "D401 only 19 clear days"),
        ("D402", "minor", {"path": at, "lines": {"begin": 9}}, "D402 no date"),
    ]
    assert all(re.fullmatch("[0-9a-f]{64}", i["fingerprint"]) for i in issues)
    assert json.loads(report("gitlab")) == []


def test_gitlab_fingerprints_are_stable_and_survive_line_shifts() -> None:
    first = json.loads(report("gitlab", ERROR, WARNING))
    again = json.loads(report("gitlab", ERROR, WARNING))
    assert first == again
    moved = Diagnostic(
        ERROR.path, ERROR.line + 3, ERROR.column, ERROR.code, ERROR.severity, ERROR.message
    )
    shifted = json.loads(report("gitlab", moved, WARNING))
    assert {i["check_name"]: i["fingerprint"] for i in shifted} == {
        i["check_name"]: i["fingerprint"] for i in first
    }
    assert shifted[1]["location"]["lines"]["begin"] == 9
    # Two identical findings in one file keep two fingerprints.
    twin = Diagnostic(ERROR.path, 40, 1, ERROR.code, ERROR.severity, ERROR.message)
    twins = json.loads(report("gitlab", ERROR, twin))
    assert len({i["fingerprint"] for i in twins}) == 2
    other_file = Diagnostic("data/reports/s.yaml", 6, 14, "D401", Severity.ERROR, ERROR.message)
    assert json.loads(report("gitlab", other_file))[0]["fingerprint"] != first[0]["fingerprint"]


def test_junit_errors_fail_and_warnings_pass_with_their_text() -> None:
    text = report("junit", ERROR, WARNING)
    assert text.startswith('<?xml version="1.0" encoding="UTF-8"?>\n<testsuites')
    root = ET.fromstring(text.split("\n", 1)[1])
    suite = root.find("testsuite")
    assert suite is not None
    assert {k: suite.get(k) for k in ("tests", "failures", "errors", "skipped")} == {
        "tests": "2",
        "failures": "1",
        "errors": "0",
        "skipped": "0",
    }
    first, second = suite.findall("testcase")
    assert first.get("classname") == "data/reports/r.yaml"
    assert first.get("name") == "D401 data/reports/r.yaml:6:14"
    failure = first.find("failure")
    assert failure is not None and failure.get("type") == "D401"
    assert failure.get("message") == "only 19 clear days"
    assert failure.text == "data/reports/r.yaml:6:14: error D401 only 19 clear days"
    assert second.find("failure") is None
    assert second.findtext("system-out") == "data/reports/r.yaml:9:3: warning D402 no date"


def test_junit_clean_run_is_one_passing_case() -> None:
    root = ET.fromstring(report("junit", files=4).split("\n", 1)[1])
    cases = root.findall("testsuite/testcase")
    assert [(c.get("classname"), c.get("name")) for c in cases] == [("shsv", "validate")]
    assert cases[0].findtext("system-out") == "no problems (4 files, 4 records checked)"
    assert root.get("tests") == "1" and root.get("failures") == "0"


def test_junit_stays_well_formed_with_characters_xml_cannot_hold() -> None:
    nasty = Diagnostic("data/x\x01.yaml", 1, 1, "S201", Severity.ERROR, "key '\x00<&>\"'")
    root = ET.fromstring(report("junit", nasty).split("\n", 1)[1])
    failure = root.find("testsuite/testcase/failure")
    assert failure is not None and failure.get("message") == "key '\\x00<&>\"'"


def test_validate_formats_on_the_command_line() -> None:
    root = str(CASES / "invalid" / "forward-plan-20-days")
    runner = CliRunner()
    gitlab = runner.invoke(app, ["validate", "--root", root, "-f", "gitlab"])
    assert gitlab.exit_code == 1
    assert [i["location"] for i in json.loads(gitlab.stdout)] == [
        {"path": "data/reports/a-key-decision.yaml", "lines": {"begin": 6}}
    ]
    junit = runner.invoke(app, ["validate", "--root", root, "-f", "junit"])
    assert junit.exit_code == 1
    assert ET.fromstring(junit.stdout.split("\n", 1)[1]).get("failures") == "1"
