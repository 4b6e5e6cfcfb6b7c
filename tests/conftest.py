"""Shared fixtures: data repositories built from dicts, and paths to the test data."""

from __future__ import annotations

import os
import textwrap
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
TESTS = Path(__file__).resolve().parent
SEEDS = TESTS / "data" / "seeds"
YAML_SUITE = TESTS / "data" / "yaml-test-suite"

Workspace = Callable[[dict[str, Any]], Path]

# CLI tests read case folders inside the source tree: no cache is written there. The
# cache's own tests turn it back on in temporary repositories.
os.environ["SHSV_NO_CACHE"] = "1"


def write_tree(root: Path, files: dict[str, Any]) -> Path:
    """Write ``{relative path: text or data}`` under ``root``; data is dumped as YAML."""
    (root / "data").mkdir(parents=True, exist_ok=True)
    for rel, content in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        elif isinstance(content, str):
            path.write_text(textwrap.dedent(content).lstrip("\n"), encoding="utf-8")
        else:
            path.write_text(
                yaml.safe_dump(content, sort_keys=False, allow_unicode=True), encoding="utf-8"
            )
    return root


@pytest.fixture
def workspace(tmp_path: Path) -> Workspace:
    """Build a data repository in a temporary folder from a dict of files."""

    def build(files: dict[str, Any]) -> Path:
        return write_tree(tmp_path / "repo", files)

    return build


# A minimal valid repository that tests extend or break.
COUNCIL = {"id": "lancaster-city-council", "name": "Lancaster City Council", "tier": "district"}
MEETING = {
    "id": "lancaster-cabinet-2012-06-20",
    "council": "lancaster-city-council",
    "body": "Cabinet",
    "date": "2012-06-20",
}
PROGRAMME = {
    "id": "shared-services",
    "title": "Shared services",
    "partners": ["lancaster-city-council"],
}


def minimal() -> dict[str, Any]:
    return {
        "data/councils/lancaster-city-council.yaml": dict(COUNCIL),
        "data/meetings/lancaster-cabinet-2012-06-20.yaml": dict(MEETING),
        "data/programmes/shared-services.yaml": dict(PROGRAMME),
    }
