"""The command line through Typer's runner: exact output and exit codes."""

from __future__ import annotations

import gc
import json
import re
import subprocess
import sys
import weakref
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import PROGRAMME, ROOT, TESTS, minimal, write_tree
from shsv import __version__, collector
from shsv.cli import app
from shsv.rules import RULES

CASES = TESTS / "cases"


def invoke(*args: str, env: dict[str, str] | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, list(args), env=env or {"GITHUB_ACTIONS": ""})
    return result.exit_code, result.stdout, result.stderr


def test_valid_repository_exits_0() -> None:
    code, out, _ = invoke("validate", "--root", str(CASES / "valid" / "minimal"))
    assert (code, out) == (0, "✓ no problems (4 files, 4 records checked)\n")


def test_findings_exit_1_with_text_grouped_by_file() -> None:
    root = CASES / "invalid" / "forward-plan-20-days"
    code, out, _ = invoke("validate", "--root", str(root))
    assert code == 1
    assert out == (
        "data/reports/a-key-decision.yaml\n"
        "  6:14: error D401 key decision published in the forward plan only 19 clear days "
        "before the meeting on 2012-06-20; 28 are needed unless the general exception or "
        "special urgency procedure is recorded (regs 9-11)\n"
        "✗ 1 error, 0 warnings in 1 file (5 files, 5 records checked)\n"
    )


def test_json_is_the_documented_contract() -> None:
    code, out, _ = invoke(
        "validate", "--root", str(CASES / "invalid" / "duplicate-key"), "--format", "json"
    )
    assert code == 1
    assert json.loads(out) == {
        "diagnostics": [
            {
                "path": "data/councils/lancaster-city-council.yaml",
                "line": 4,
                "column": 1,
                "code": "Y102",
                "severity": "error",
                "message": "duplicate key 'name'; a key may appear once",
            }
        ],
        "summary": {"files": 4, "records": 3, "errors": 1, "warnings": 0},
    }


def test_github_format_escapes_and_is_default_in_actions(tmp_path: Path) -> None:
    files = minimal()
    files["data/councils/a,b%c.yaml"] = 'id: x\nname: X\ntier: district\n"50%\\nkey": 1\n'
    root = write_tree(tmp_path / "repo", files)
    code, out, _ = invoke("validate", "--root", str(root), env={"GITHUB_ACTIONS": "true"})
    assert code == 1
    assert out.splitlines() == [
        "::error file=data/councils/a%2Cb%25c.yaml,line=4,col=1,title=S201::S201 unknown "
        "field '50%25%0Akey'; check its spelling or remove it",
        "shsv: 1 error, 0 warnings (4 files, 3 records)",
    ]


def test_warnings_pass_unless_strict() -> None:
    root = str(CASES / "invalid" / "forward-plan-date-missing")
    assert invoke("validate", "--root", root)[0] == 0
    assert invoke("validate", "--root", root, "--strict")[0] == 1


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ("validate", "--format", "xml"),
            "--format must be one of text, json, github, gitlab, junit, not 'xml'",
        ),
        (("validate", "--format", "jsn"), "did you mean json?"),
        (("validate", "--as-of", "2012-13-01"), "--as-of: 2012-13-01 is not a real calendar"),
        (("list", "reprots"), "did you mean reports?"),
    ],
)
def test_usage_errors_exit_2(args: tuple[str, ...], message: str) -> None:
    code, _, err = invoke(*args, "--root", str(CASES / "valid" / "minimal"))
    assert code == 2
    assert message in err


def test_no_data_folder_exits_2(tmp_path: Path) -> None:
    code, _, err = invoke("validate", "--root", str(tmp_path))
    assert code == 2
    assert "has no data/ folder" in err


def test_rules_lists_every_code() -> None:
    code, out, _ = invoke("rules")
    assert code == 0
    for rule in RULES:
        assert f"{rule.code}  {rule.name}" in out
    assert json.loads(invoke("rules", "--format", "json")[1])[0]["code"] == "Y101"


def test_version_and_module_entry_point() -> None:
    assert invoke("--version")[1] == f"shsv {__version__}\n"
    done = subprocess.run(
        [sys.executable, "-m", "shsv", "--version"],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
    )
    assert done.stdout == f"shsv {__version__}\n"


def _shsv(*args: str) -> subprocess.CompletedProcess[str]:
    """The real command, as a user runs it (``main``, not the test runner's app)."""
    command = [sys.executable, "-m", "shsv", *args]
    return subprocess.run(command, capture_output=True, text=True, check=False, cwd=ROOT)


def test_the_command_ends_with_its_output_whole_and_its_own_exit_code(tmp_path: Path) -> None:
    """``main`` ends the process without Python's teardown: everything printed must
    still arrive, more than a pipe's buffer of it, and the code must be the command's."""
    councils = tmp_path / "data" / "councils"
    councils.mkdir(parents=True)
    for n in range(400):
        (councils / f"c{n}.yaml").write_text("id: [\n", encoding="utf-8")
    done = _shsv("validate", "--root", str(tmp_path), "--format", "json", "--no-cache")
    assert done.returncode == 1, done.stderr
    assert len(done.stdout) > 1 << 16
    found = json.loads(done.stdout)["diagnostics"]
    assert [d["code"] for d in found] == ["Y101"] * 400
    usage = _shsv("validate", "--root", str(tmp_path / "nowhere"))
    assert (usage.returncode, usage.stdout) == (2, "")
    assert "has no data/ folder" in usage.stderr
    clean = _shsv("validate", "--root", str(ROOT), "--no-cache")
    assert (clean.returncode, clean.stderr) == (0, "")
    assert "0 errors" in clean.stdout
    # rich's output too: the same as the test runner's, whole
    timeline = _shsv("timeline", "--root", str(ROOT), "--as-of", "2012-06-01")
    expected = invoke("timeline", "--root", str(ROOT), "--as-of", "2012-06-01")
    assert (timeline.returncode, timeline.stdout) == expected[:2]
    assert len(timeline.stdout) > 1000


def test_a_working_set_left_is_kept_only_by_a_process_that_ends_at_once(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """``main`` ends the process at once, so what a run leaves it is never freed; a
    library caller's (this test's) is freed as usual."""

    class Large:
        pass

    monkeypatch.setattr(collector, "_left", None)
    left = Large()
    freed = weakref.ref(left)
    collector.leave(left)
    del left
    assert freed() is None
    collector.end_at_once()
    left = Large()
    kept = weakref.ref(left)
    try:
        collector.leave(left)
        del left
        assert kept() is not None
        assert gc.get_freeze_count() > 0  # out of the collector's way too
    finally:
        gc.unfreeze()


def test_rules_explains_one_code_with_its_law_and_checks() -> None:
    code, out, _ = invoke("rules", "d404")
    assert code == 0
    assert out.startswith("D404 agenda-notice (error)\n")
    assert "Law: Local Government Act 1972, section 100B." in out
    assert "Checked on each meeting: Agenda papers are open to inspection" in out
    assert invoke("rules", "X999")[0] == 2


def test_list_in_a_pipe_is_plain_columns() -> None:
    code, out, _ = invoke("list", "meetings", "--root", str(ROOT))
    lines = out.splitlines()
    assert code == 0
    assert lines[0].split() == ["id", "title", "date", "path", "sources"]
    assert len(lines) == 9
    assert all(line == line.rstrip() for line in lines)
    assert re.search(
        r"^lancaster-city-council-cabinet-2011-07-26 +Cabinet, Lancaster City "
        r"Council +2011-07-26 +data/meetings/",
        out,
        re.M,
    )


def test_list_in_colour_prints_titles_as_they_are(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A title is data, not rich markup: "[phase 2]" was dropped as an unknown style,
    ":smile:" became an emoji, and "[/]" stopped the command with a traceback."""
    title = "Shared services [phase 2] a [/] b :smile:"
    files = minimal()
    files["data/programmes/shared-services.yaml"] = dict(PROGRAMME, title=title)
    root = write_tree(tmp_path, files)
    monkeypatch.setattr("shsv.cli.catalogue.use_color", lambda: True)
    env = {"GITHUB_ACTIONS": "", "COLUMNS": "200", "FORCE_COLOR": "1", "NO_COLOR": ""}
    code, out, err = invoke("list", "programmes", "--root", str(root), env=env)
    assert code == 0, err
    assert title in out
    assert "\x1b[" in out  # in colour indeed


@pytest.mark.parametrize("kind", ["Reports", "REPORT", "report", "reports"])
def test_every_command_reads_kind_in_any_case_singular_or_plural(kind: str, tmp_path: Path) -> None:
    code, out, err = invoke("list", kind, "--root", str(ROOT), "--format", "json")
    assert code == 0, err
    assert len(json.loads(out)) == 8
    code, out, err = invoke("schema", kind, "-o", "-")
    assert code == 0, err
    assert json.loads(out)["title"] == "shsv report record"
    root = write_tree(tmp_path / "repo", minimal())
    code, out, err = invoke(
        "new", kind, "--title", "T", "--council", "lancaster-city-council", "--root", str(root)
    )
    assert (code, out) == (0, "created data/reports/t.yaml\n"), err
