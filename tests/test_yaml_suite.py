"""Every case of the YAML test suite, fed in as a record file, ends in data or a
positioned diagnostic: never a traceback. Each invalid case is refused by the reader
itself (a Y code at a line and column) on both reading paths, and the two paths agree
on every case."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import ROOT, YAML_SUITE
from shsv.checks.registry import Context
from shsv.cli import app
from shsv.fastread import read_fast
from shsv.layout import RecordFile
from shsv.validate import check_file
from shsv.yamlread import Document, Problem, read

CASES = sorted(p.parent for p in YAML_SUITE.rglob("in.yaml"))
CONTEXT = Context(as_of=date(2020, 1, 1))


def _name(case: Path) -> str:
    return case.relative_to(YAML_SUITE).as_posix()


def test_the_whole_suite_is_here() -> None:
    assert len(CASES) == 402
    assert sum((case / "error").exists() for case in CASES) == 94


@pytest.mark.parametrize("case", CASES, ids=_name)
def test_case_gives_positioned_diagnostics_or_a_record(case: Path) -> None:
    raw = (case / "in.yaml").read_bytes()
    file = RecordFile("data/councils/case.yaml", "data/councils/case.yaml", "councils")
    fast, exact = (check_file(file, raw, CONTEXT, fast=fast) for fast in (True, False))
    assert fast.diagnostics == exact.diagnostics, "the reading paths disagree"
    for d in exact.diagnostics:
        assert d.line >= 1 and d.column >= 1
        assert d.code[0] in "YSRD" and d.message
    if (case / "error").exists():
        assert exact.diagnostics, f"invalid YAML accepted without a diagnostic: {_name(case)}"


@pytest.mark.parametrize("case", CASES, ids=_name)
def test_the_reader_refuses_every_invalid_case(case: Path) -> None:
    raw = (case / "in.yaml").read_bytes()
    exact, fast = read(raw), read_fast(raw)
    if b"!!" in raw:
        assert fast is None  # tags are refused, never silently dropped
    if (case / "error").exists():
        assert isinstance(exact, Problem) and exact.code.startswith("Y"), exact
        assert exact.line >= 1 and exact.column >= 1
        assert fast is None
    elif fast is not None:  # what the fast path reads, the exact reader reads the same
        assert isinstance(exact, Document), exact
        assert repr(fast) == repr(exact.data)


def test_the_fast_path_still_runs() -> None:
    """Guards against a suspicion filter so wide that the fast path never runs: it
    reads every shipped record and the plain cases of the suite (most of the suite is
    top-level scalars and lists, anchors, tags and block scalars, which go to the exact
    reader)."""
    shipped = sorted((ROOT / "data").rglob("*.yaml"))
    assert all(read_fast(path.read_bytes()) is not None for path in shipped)
    valid = [case for case in CASES if not (case / "error").exists()]
    fast = sum(read_fast((case / "in.yaml").read_bytes()) is not None for case in valid)
    assert fast >= 20, fast


def test_the_suite_through_the_cli(tmp_path: Path) -> None:
    data = tmp_path / "data" / "councils"
    data.mkdir(parents=True)
    for i, case in enumerate(CASES):
        (data / f"case-{i}.yaml").write_bytes((case / "in.yaml").read_bytes())
    result = CliRunner().invoke(app, ["validate", "--root", str(tmp_path), "--format", "json"])
    assert result.exit_code == 1, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert '"summary"' in result.stdout
