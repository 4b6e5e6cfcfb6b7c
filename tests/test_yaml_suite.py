"""Every case of the YAML test suite, fed in as a record file, ends in data or a
positioned diagnostic: never a traceback. Invalid cases always get a diagnostic."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import YAML_SUITE
from shsv.checks.registry import Context
from shsv.cli import app
from shsv.layout import RecordFile
from shsv.validate import check_file

CASES = sorted(p.parent for p in YAML_SUITE.rglob("in.yaml"))
CONTEXT = Context(as_of=date(2020, 1, 1))


def _name(case: Path) -> str:
    return case.relative_to(YAML_SUITE).as_posix()


def test_the_whole_suite_is_here() -> None:
    assert len(CASES) == 402
    assert sum((case / "error").exists() for case in CASES) == 94


@pytest.mark.parametrize("fast", [True, False], ids=["fast", "exact"])
@pytest.mark.parametrize("case", CASES, ids=_name)
def test_case_gives_positioned_diagnostics_or_a_record(case: Path, fast: bool) -> None:
    raw = (case / "in.yaml").read_bytes()
    file = RecordFile(Path("data/councils/case.yaml"), "data/councils/case.yaml", "councils")
    result = check_file(file, raw, CONTEXT, fast=fast)
    for d in result.diagnostics:
        assert d.line >= 1 and d.column >= 1
        assert d.code[0] in "YSRD" and d.message
    if (case / "error").exists():
        assert result.diagnostics, f"invalid YAML accepted without a diagnostic: {_name(case)}"


def test_the_suite_through_the_cli(tmp_path: Path) -> None:
    data = tmp_path / "data" / "councils"
    data.mkdir(parents=True)
    for i, case in enumerate(CASES):
        (data / f"case-{i}.yaml").write_bytes((case / "in.yaml").read_bytes())
    result = CliRunner().invoke(app, ["validate", "--root", str(tmp_path), "--format", "json"])
    assert result.exit_code == 1, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert '"summary"' in result.stdout
