"""The benchmark's generated repository: realistic, clean, and broken on request in
ways that shsv catches, each in the file it broke."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from generated import breakage, generate, generated
from shsv.checks.registry import Context
from shsv.layout import discover
from shsv.model import KINDS
from shsv.validate import run

AS_OF = Context(as_of=date(2026, 1, 1))


@pytest.fixture(scope="module")
def clean(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("clean")
    generated(root, 60)
    return root


def test_it_validates_clean(clean: Path) -> None:
    outcome = run(clean, AS_OF)
    assert outcome.diagnostics == []
    assert {file.folder for file in discover(clean)} == set(KINDS)


def test_reports_are_the_size_of_real_papers(clean: Path) -> None:
    reports = sorted((clean / "data" / "reports").glob("*.yaml"))
    assert len(reports) == 60
    sizes = [len(p.read_bytes()) for p in reports]
    lines = [p.read_bytes().count(b"\n") for p in reports]
    assert all(8_000 <= size <= 12_000 for size in sizes)
    assert all(150 <= n <= 320 for n in lines)
    assert sum(200 <= n <= 300 for n in lines) >= 0.9 * len(lines)
    text = "".join(p.read_text(encoding="utf-8") for p in reports)
    assert "£" in text and "’" in text and "'s " in text


def test_the_same_seed_gives_the_same_repository(tmp_path: Path) -> None:
    generated(tmp_path / "a", 5)
    generated(tmp_path / "b", 5)
    files = [p.relative_to(tmp_path / "a") for p in sorted((tmp_path / "a").rglob("*.yaml"))]
    assert files
    for rel in files:
        assert (tmp_path / "a" / rel).read_bytes() == (tmp_path / "b" / rel).read_bytes()


def test_every_broken_file_is_caught_for_its_reason(tmp_path: Path) -> None:
    broken = generated(tmp_path, 40, broken=0.25)
    assert set(broken.values()) == set(breakage.WAYS)
    found: dict[str, set[str]] = {}
    for d in run(tmp_path, AS_OF).diagnostics:
        found.setdefault(d.path, set()).add(d.code)
    for path, way in broken.items():
        assert breakage.WAYS[way][0] in found.get(path, set()), (path, way)
    assert set(found) == set(broken)  # and nothing else was disturbed


def test_the_command_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    generate.main([str(tmp_path), "--reports", "3", "--broken", "0.1"])
    assert "files" in capsys.readouterr().out
    assert len((tmp_path / "broken.txt").read_text().splitlines()) >= 1
