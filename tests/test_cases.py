"""Case folders: each is a data repository with the exact diagnostics it must give.

``tests/cases/{valid,invalid}/<case>/`` holds ``data/`` and ``expected.txt`` (one
``path:line:column: CODE`` a line; empty for a valid case). New folders are picked up
automatically. The cases are judged as of 2026-01-01.
"""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

import pytest

from conftest import TESTS
from shsv.checks.registry import Context
from shsv.rules import RULES
from shsv.validate import run

CASES = sorted(p.parent for p in (TESTS / "cases").glob("*/*/expected.txt"))
AS_OF = Context(as_of=date(2026, 1, 1))
# Codes whose cases would need files too large or too odd to keep in git; each has
# its own test elsewhere (named beside it).
ELSEWHERE = {
    "Y109": "test_robustness.py::test_file_too_large",
    "Y111": "test_robustness.py::test_too_many_values",
    "Y117": "test_robustness.py::test_link_out_of_the_repository",
}


def _expected(case: Path) -> list[str]:
    return [line for line in (case / "expected.txt").read_text().splitlines() if line]


@pytest.mark.parametrize("fast", [True, False], ids=["fast", "exact"])
@pytest.mark.parametrize("case", CASES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_case(case: Path, fast: bool) -> None:
    outcome = run(case, AS_OF, fast=fast)
    got = [f"{d.path}:{d.line}:{d.column}: {d.code}" for d in outcome.diagnostics]
    assert got == _expected(case)
    if case.parent.name == "valid":
        assert not got


def test_every_code_has_a_case() -> None:
    covered = {line.rsplit(" ", 1)[1] for case in CASES for line in _expected(case)}
    missing = {rule.code for rule in RULES} - covered - set(ELSEWHERE)
    assert not missing, f"codes without a case folder: {sorted(missing)}"


def test_case_folders_have_no_stray_files() -> None:
    for case in CASES:
        names = set(os.listdir(case))
        assert names <= {"data", "expected.txt", "templates"}, case
