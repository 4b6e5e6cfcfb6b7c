"""The benchmark's corpus generator, for tests: small generated repositories."""

from __future__ import annotations

import sys
from pathlib import Path

from conftest import ROOT

sys.path.insert(0, str(ROOT / "benchmarks"))

import breakage
import generate

__all__ = ["breakage", "generate", "generated"]


def generated(out: Path, reports: int, broken: float = 0.0, seed: int = 1) -> dict[str, str]:
    """Write a repository under ``out``; return its broken files as {path: way}."""
    generate.write(out, reports, broken, seed)
    listing = out / "broken.txt"
    if not listing.exists():
        return {}
    return dict(line.split("\t") for line in listing.read_text(encoding="utf-8").splitlines())
