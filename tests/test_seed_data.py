"""The shipped data: all five seed papers, valid, with provenance."""

from __future__ import annotations

import json
from datetime import date

from typer.testing import CliRunner

from conftest import ROOT, SEEDS
from shsv.checks.registry import Context
from shsv.cli import app
from shsv.model import Decision, Report
from shsv.repository import Repository
from shsv.validate import run

SEED_FILES = sorted(p.name for p in SEEDS.glob("*.txt"))


def test_shipped_data_validates_clean_on_both_paths() -> None:
    for fast in (True, False):
        outcome = run(ROOT, Context(as_of=date(2026, 1, 1)), fast=fast)
        found = [(d.path, d.code) for d in outcome.diagnostics]
        # The Huntingdonshire paper is a key decision but gives no forward-plan date.
        assert found == [("data/reports/huntingdonshire-2014-10-23-shared-services.yaml", "D402")]


def test_every_record_names_its_source_and_every_seed_is_used() -> None:
    repo = Repository.load(ROOT, date(2026, 1, 1))
    assert len(repo.records) == repo.files
    used = set()
    for record in repo.records.values():
        assert record.sources, f"{record.id} has no sources"
        used.update(source.document for source in record.sources)
    assert set(SEED_FILES) <= used


def test_list_reports_and_decisions_show_the_seed_papers() -> None:
    runner = CliRunner()
    reports = json.loads(
        runner.invoke(app, ["list", "reports", "--root", str(ROOT), "--format", "json"]).stdout
    )
    seeds = {row["id"]: row["sources"][0]["document"] for row in reports}
    assert {
        seeds[i]
        for i in (
            "lancaster-2011-07-26-shared-services-programme",
            "lancaster-2012-05-29-shared-services-one-connect-limited",
            "huntingdonshire-2014-10-23-shared-services",
            "cambridgeshire-2009-12-15-local-government-shared-services",
        )
    } == {
        "000_a96001623f51547d.txt",
        "002_7463baab5be351af.txt",
        "003_1ddfd054126de6fc.txt",
        "004_775524e003f43d33.txt",
    }
    decisions = json.loads(
        runner.invoke(app, ["list", "decisions", "--root", str(ROOT), "--format", "json"]).stdout
    )
    assert [(row["id"], row["sources"]) for row in decisions] == [
        (
            "lancaster-revenues-and-benefits-minute",
            [{"document": "001_1f2b0b2771e4fabc.txt", "title": "Shared Services Programme"}],
        ),
    ]


def test_seed_papers_keep_their_numbering_and_parts() -> None:
    repo = Repository.load(ROOT, date(2026, 1, 1))
    cambridgeshire = repo.get("cambridgeshire-2009-12-15-local-government-shared-services", Report)
    assert [s.number for s in cambridgeshire.body] == [f"{n}.0" for n in range(1, 11)]
    assert [c.kind for c in cambridgeshire.contacts] == ["officer", "member"]
    minute = repo.get("lancaster-revenues-and-benefits-minute", Decision)
    assert [len(q.options) for q in minute.options] == [3, 2]
    assert [r.number for r in minute.resolutions] == [1, 2, 3]
    assert minute.vote is not None and minute.vote.unanimous
    one_connect = repo.get("lancaster-2012-05-29-shared-services-one-connect-limited", Report)
    assert one_connect.background_papers is not None
    assert one_connect.background_papers.exempt_paragraph == 3
