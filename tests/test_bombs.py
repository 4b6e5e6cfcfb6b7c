"""Resource bombs are refused quickly, in little memory, on both reading paths, and
never crash the process (each runs in a child process, so a segfault would show)."""

from __future__ import annotations

from pathlib import Path

import pytest

from bombs import BOMBS, measure

# The bounds are 1 s and 100 MB; measured figures are far below (see
# benchmarks/bombs.py). The time bound leaves room for a slow, shared CI machine.
SECONDS = 1.0
MEGABYTES = 100


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("bombs")


@pytest.mark.parametrize("path", ["fast", "exact"])
@pytest.mark.parametrize("name", sorted(BOMBS))
def test_bomb_is_refused(folder: Path, name: str, path: str) -> None:
    result = measure(name, folder, path)
    assert result["returncode"] == 0, result["stderr"]
    assert result["codes"] == [BOMBS[name][1]], result
    assert isinstance(result["seconds"], float) and result["seconds"] < SECONDS, result
    assert isinstance(result["megabytes"], float) and result["megabytes"] < MEGABYTES, result
