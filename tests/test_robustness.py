"""Limits and unreadable files that case folders cannot hold."""

from __future__ import annotations

import time
from datetime import date
from pathlib import Path

from conftest import MEETING, minimal, write_tree
from shsv.checks.registry import Context
from shsv.layout import discover
from shsv.validate import check_file, cross_diagnostics, run
from shsv.yamlread import Problem, read

AS_OF = Context(as_of=date(2026, 1, 1))


def test_file_too_large() -> None:
    raw = b"id: x\nnotes:\n" + b"  - " + b"x" * 1_100_000 + b"\n"
    problem = read(raw)
    assert isinstance(problem, Problem)
    assert (problem.code, problem.line, problem.column) == ("Y109", 1, 1)


def test_too_many_values() -> None:
    raw = ("id: x\n" + "".join(f"k{i}: {i}\n" for i in range(100_000))).encode()
    started = time.perf_counter()
    problem = read(raw)
    assert isinstance(problem, Problem)
    assert problem.code in {"Y109", "Y111"}
    small = ("id: x\nnotes: [" + ", ".join("1" for _ in range(60_000)) + "]\n").encode()
    problem = read(small)
    assert isinstance(problem, Problem) and problem.code == "Y111"
    # 50,000 values: the root, three keys and values, then 49,995 list items fit
    assert (problem.line, problem.column) == (2, 9 + 3 * 49_995)
    assert time.perf_counter() - started < 5


def test_link_out_of_the_repository(tmp_path: Path) -> None:
    outside = tmp_path / "outside.yaml"
    outside.write_text("id: secret\nname: Secret\ntier: district\n")
    root = write_tree(tmp_path / "repo", minimal())
    (root / "data" / "councils" / "secret.yaml").symlink_to(outside)
    outcome = run(root, AS_OF)
    found = [(d.path, d.code) for d in outcome.diagnostics]
    assert found == [("data/councils/secret.yaml", "Y117")]


def test_a_folder_named_like_a_record_is_not_read(tmp_path: Path) -> None:
    root = write_tree(tmp_path / "repo", minimal())
    (root / "data" / "councils" / "broken.yaml").mkdir()  # a folder named like a file
    (root / "data" / "councils" / "broken.yaml" / "x.txt").write_text("")
    outcome = run(root, AS_OF)
    assert outcome.diagnostics == []


def test_a_file_gone_before_its_findings_are_placed(tmp_path: Path) -> None:
    """Phase two reads a file again to place its findings; by then it may be gone."""
    files = minimal()
    files["data/meetings/lancaster-cabinet-2012-06-20.yaml"] = dict(MEETING, council="nowhere")
    root = write_tree(tmp_path / "repo", files)
    summaries = [check_file(file, file.path.read_bytes(), AS_OF).summary for file in discover(root)]
    placed = cross_diagnostics(root, [s for s in summaries if s is not None])
    rel = "data/meetings/lancaster-cabinet-2012-06-20.yaml"
    assert [(d.path, d.code) for d in placed] == [(rel, "R301")]
    (root / rel).unlink()
    gone = cross_diagnostics(root, [s for s in summaries if s is not None])
    assert [(d.path, d.line, d.column, d.code) for d in gone] == [(rel, 1, 1, "Y117")]
    assert "cannot read the file" in gone[0].message
