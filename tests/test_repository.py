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
    lazy = Repository.open(ROOT, AS_OF, cache=False)
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
    repo = Repository.open(root, AS_OF, cache=False)
    records = LazyRecords(root, repo.paths, keep=5)
    for n in range(30):
        assert records[f"council-{n}"].id == f"council-{n}"
    assert len(records._held) == 5  # the most recently used, no more
    assert len(records) == 33


def test_a_record_changed_since_validation_reads_as_missing(workspace: Any) -> None:
    root: Path = workspace(minimal())
    repo = Repository.open(root, AS_OF, cache=False)
    (root / "data/councils/lancaster-city-council.yaml").write_text("id: [broken\n")
    assert repo.records.get("lancaster-city-council") is None
    assert repo.find("lancaster-city-council", Council) is None


def test_a_reports_date_is_its_last_dated_meeting(workspace: Any) -> None:
    files = minimal()
    undated = {"id": "undated-cabinet", "council": "lancaster-city-council", "body": "Cabinet"}
    files["data/meetings/undated-cabinet.yaml"] = undated
    refs = ["lancaster-cabinet-2012-06-20", "undated-cabinet", "no-such-meeting"]
    files["data/reports/a-paper.yaml"] = {
        "id": "a-paper",
        "title": "A paper",
        "council": "lancaster-city-council",
        "meetings": [{"meeting": ref} for ref in refs],
    }
    files["data/reports/b-paper.yaml"] = {
        "id": "b-paper",
        "title": "B paper",
        "council": "lancaster-city-council",
        "meetings": [{"meeting": "undated-cabinet"}],
    }
    repo = Repository.load(workspace(files), AS_OF)
    paper = repo.get("a-paper", Report)
    date_of = repo.report_date(paper)
    assert date_of is not None and date_of.text == "2012-06-20"
    assert repo.report_date(repo.get("b-paper", Report)) is None
    assert [r.id for r in repo.each(Report)] == ["a-paper", "b-paper"]


def test_lazy_through_the_cache_agrees_with_the_whole_load(
    workspace: Any, tmp_path: Path, monkeypatch: Any
) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "user-cache"))  # a key of its own
    files = minimal()
    files["data/reports/a-paper.yaml"] = {
        "id": "a-paper",
        "title": "A paper",
        "council": "lancaster-city-council",
        "meetings": [{"meeting": "lancaster-cabinet-2012-06-20"}, {"meeting": "no-such"}],
    }
    root: Path = workspace(files)
    whole = Repository.load(root, AS_OF)
    assert [d.code for d in whole.errors] == ["R301"]
    Repository.open(root, AS_OF, cache=False)
    assert not (root / ".shsv-cache").exists()
    for _ in range(2):  # the first run fills the cache, the second answers from it
        lazy = Repository.open(root, AS_OF)
        assert (root / ".shsv-cache" / "validate.bin").is_file()
        assert lazy.diagnostics == whole.diagnostics and lazy.paths == whole.paths
        assert {i: lazy.records[i] for i in lazy.records} == dict(whole.records)
        assert lazy.of_kind(Report) == whole.of_kind(Report)
