"""Every command that writes a file leaves the old file byte-identical, and no
temporary file, when the write fails part-way (a full disk, an interrupt)."""

from __future__ import annotations

import errno
import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import ROOT
from shsv import atomic
from shsv.cli import app

OLD = b"the old content, which must survive\n"
REPORT = "lancaster-2011-07-26-shared-services-programme"
COUNCIL = "data/councils/lancaster-city-council.yaml"


def _full_disk(handle: int) -> None:
    raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))


def _interrupt(handle: int) -> None:
    raise KeyboardInterrupt


# name: (arguments given the repository and the output folder, the file it replaces)
WRITES: dict[str, tuple[Callable[[Path, Path], list[str]], Callable[[Path, Path], Path]]] = {
    "report": (
        lambda root, out: ["report", REPORT, "--root", str(root), "-f", "html", "-o", str(out)],
        lambda root, out: out,
    ),
    "export": (
        lambda root, out: ["export", "--root", str(root), "-f", "json", "-o", str(out)],
        lambda root, out: out,
    ),
    "timeline": (
        lambda root, out: ["timeline", "--root", str(root), "-f", "ics", "-o", str(out)],
        lambda root, out: out,
    ),
    "schema": (
        lambda root, out: ["schema", "council", "--root", str(root), "-o", str(out.parent)],
        lambda root, out: out.parent / "council.schema.json",
    ),
    "fmt": (
        lambda root, out: ["fmt", "--root", str(root), str(root / COUNCIL)],
        lambda root, out: root / COUNCIL,
    ),
}


@pytest.fixture
def repository(tmp_path: Path) -> Path:
    root = tmp_path / "repo"
    shutil.copytree(ROOT / "data", root / "data")
    return root


@pytest.mark.parametrize("failure", [_full_disk, _interrupt], ids=["full-disk", "interrupt"])
@pytest.mark.parametrize("command", sorted(WRITES))
def test_a_failed_write_leaves_the_old_file(
    repository: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    command: str,
    failure: Callable[[int], None],
) -> None:
    arguments, replaced = WRITES[command]
    out = tmp_path / "out" / "file.out"
    out.parent.mkdir()
    target = replaced(repository, out)
    # an old file that the command would replace (fmt: a record it would reformat)
    old = OLD if command != "fmt" else b"id: lancaster-city-council\nlist:\n- x\n"
    target.write_bytes(old)
    before = sorted(p.name for p in target.parent.iterdir())
    monkeypatch.setattr(atomic.os, "fsync", failure)
    result = CliRunner().invoke(app, arguments(repository, out))
    if failure is _full_disk:
        assert result.exit_code == 1, result.output
        assert "No space left on device" in result.stderr
    else:
        assert result.exit_code == 130, result.output  # as after Ctrl-C
    assert target.read_bytes() == old
    assert sorted(p.name for p in target.parent.iterdir()) == before


def test_the_writes_above_do_write_when_nothing_fails(tmp_path: Path) -> None:
    """So the failures above are failures of the write, not of the command."""
    for command, (arguments, replaced) in sorted(WRITES.items()):
        root = tmp_path / command / "repo"
        shutil.copytree(ROOT / "data", root / "data")
        out = tmp_path / command / "file.out"
        target = replaced(root, out)
        old = OLD if command != "fmt" else b"id: lancaster-city-council\nlist:\n- x\n"
        target.write_bytes(old)
        result = CliRunner().invoke(app, arguments(root, out))
        assert result.exit_code == 0, (command, result.output)
        assert target.read_bytes() != old, command


def test_new_never_replaces_a_record(repository: Path) -> None:
    path = repository / "data" / "programmes" / "shared-services.yaml"
    path.write_bytes(OLD)
    arguments = ["new", "programme", "--root", str(repository), "--id", "shared-services"]
    result = CliRunner().invoke(app, [*arguments, "--title", "Shared services"])
    assert result.exit_code != 0
    assert path.read_bytes() == OLD
