"""The repository loaded whole and opened lazily give the same records and findings."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from conftest import ROOT, minimal
from shsv.model import Council, Meeting, Report
from shsv.repository import LazyRecords, Repository

AS_OF = date(2026, 1, 1)


def test_lazy_and_whole_agree_on_the_shipped_data() -> None:
    whole = Repository.load(ROOT, AS_OF)
    lazy = Repository.open(ROOT, AS_OF)
    assert isinstance(lazy.records, LazyRecords)
    assert lazy.diagnostics == whole.diagnostics and lazy.paths == whole.paths
    assert sorted(lazy.records) == sorted(whole.records)
    for record_id, record in whole.records.items():
        assert lazy.records[record_id] == record
    for model in (Council, Meeting, Report):
        assert lazy.of_kind(model) == whole.of_kind(model)
        assert lazy.ids_of(model) == [r.id for r in whole.of_kind(model)]


def test_only_the_records_asked_for_are_held(workspace: Any) -> None:
    files = minimal()
    for n in range(30):
        files[f"data/councils/council-{n}.yaml"] = {
            "id": f"council-{n}",
            "name": f"Council {n}",
            "tier": "district",
        }
    root = workspace(files)
    repo = Repository.open(root, AS_OF)
    records = LazyRecords(root, repo.paths, keep=5)
    for n in range(30):
        assert records[f"council-{n}"].id == f"council-{n}"
    assert len(records._held) == 5  # the most recently used, no more
    assert len(records) == 33


def test_a_record_changed_since_validation_reads_as_missing(workspace: Any) -> None:
    root: Path = workspace(minimal())
    repo = Repository.open(root, AS_OF)
    (root / "data/councils/lancaster-city-council.yaml").write_text("id: [broken\n")
    assert repo.records.get("lancaster-city-council") is None
    assert repo.find("lancaster-city-council", Council) is None
