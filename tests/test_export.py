"""shsv export: CSV tables, one JSON document, a SQLite database that Datasette opens."""

from __future__ import annotations

import asyncio
import csv
import io
import json
import sqlite3
import sys
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import ROOT, minimal, write_tree
from shsv import schema as phase_one
from shsv.cli import app
from shsv.model import KINDS
from shsv.repository import Repository

SEED_RECORDS = 53


def invoke(*args: str) -> tuple[int, str | bytes, str]:
    result = CliRunner().invoke(app, [*args, "--root", str(ROOT)])
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture(scope="module")
def database(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("export") / "shsv.sqlite"
    code, out, err = invoke("export", "--format", "sqlite", "-o", str(path))
    assert (code, out) == (0, f"exported {SEED_RECORDS} records to {path}\n"), err
    return path


def test_sqlite_opens_with_every_record(database: Path) -> None:
    db = sqlite3.connect(database)
    assert db.execute("select count(*) from records").fetchone() == (SEED_RECORDS,)
    counts = {kind: db.execute(f"select count(*) from {kind}").fetchone()[0] for kind in KINDS}
    assert sum(counts.values()) == SEED_RECORDS and counts["reports"] == 8
    assert db.execute(
        "select actual, actual_start, actual_end from milestones where id = 'lancaster-ojeu-notice'"
    ).fetchone() == ("by 2011-04-19", None, "2011-04-19")
    assert db.execute(
        "select forward_plan_published, decision_type from reports "
        "where id = 'huntingdonshire-2014-10-23-shared-services'"
    ).fetchone() == (None, "key")


def test_sqlite_declares_foreign_keys_and_they_hold(database: Path) -> None:
    db = sqlite3.connect(database)

    def keys(table: str) -> set[tuple[str, str, str]]:
        return {(row[3], row[2], row[4]) for row in db.execute(f"pragma foreign_key_list({table})")}

    assert keys("reports") == {("council", "councils", "id"), ("programme", "programmes", "id")}
    assert keys("programmes_partners") == {
        ("programme", "programmes", "id"),
        ("partner", "records", "id"),
    }
    assert ("decision", "decisions", "id") in keys("arrangements_status")
    assert keys("sources") == {("record", "records", "id")}
    assert db.execute("pragma foreign_key_check").fetchall() == []
    partners = db.execute(
        "select partner from programmes_partners where programme = "
        "'three-council-shared-services' order by position"
    ).fetchall()
    assert partners == [
        ("huntingdonshire-district-council",),
        ("cambridge-city-council",),
        ("south-cambridgeshire-district-council",),
    ]


def test_sqlite_full_text_search_finds_a_seed_report(database: Path) -> None:
    db = sqlite3.connect(database)
    found = db.execute(
        "select id from reports where rowid in "
        "(select rowid from reports_fts where reports_fts match 'OJEU') order by id"
    ).fetchall()
    assert found == [
        ("lancaster-2011-04-19-shared-services-progress",),
        ("lancaster-2011-07-26-shared-services-programme",),
    ]
    assert db.execute(
        "select count(*) from milestones_fts where milestones_fts match 'OJEU'"
    ).fetchone() == (1,)


def test_datasette_opens_it_searches_and_labels(database: Path) -> None:
    from datasette.app import Datasette

    async def ask() -> tuple[object, object, object]:
        ds = Datasette([str(database)])
        await ds.invoke_startup()
        base = f"/{database.stem}"
        search = await ds.client.get(f"{base}/reports.json?_search=OJEU&_shape=array&_col=title")
        labels = await ds.client.get(
            f"{base}/milestones.json?_shape=array&_labels=on&_col=programme"
            "&id=lancaster-ojeu-notice"
        )
        tables = await ds.client.get(f"{base}.json")
        return search.json(), labels.json(), tables.json()

    search, labels, tables = asyncio.run(ask())
    assert [row["id"] for row in search] == [  # type: ignore[union-attr]
        "lancaster-2011-04-19-shared-services-progress",
        "lancaster-2011-07-26-shared-services-programme",
    ]
    assert labels == [
        {
            "id": "lancaster-ojeu-notice",
            "programme": {
                "value": "lancaster-shared-services-programme",
                "label": "Lancaster City Council Shared Services Programme",
            },
        }
    ]
    fts = {t["name"]: t["fts_table"] for t in tables["tables"]}  # type: ignore[index]
    assert all(fts[kind] == f"{kind}_fts" for kind in KINDS)


def test_json_is_every_record_as_kept() -> None:
    code, out, _ = invoke("export", "--format", "json", "-o", "-")
    assert code == 0
    document = json.loads(out)
    assert list(document["records"]) == list(KINDS)
    assert len(document["files"]) == SEED_RECORDS
    assert (
        document["files"]["lancaster-ojeu-notice"] == "data/milestones/lancaster-ojeu-notice.yaml"
    )
    repo = Repository.load(ROOT, date.today())
    for folder, records in document["records"].items():
        for data in records:
            record, findings = phase_one.check(KINDS[folder], data)
            assert record == repo.records[data["id"]], findings


def test_csv_writes_a_file_per_table(tmp_path: Path) -> None:
    out = tmp_path / "csv"
    code, stdout, _ = invoke("export", "-f", "csv", "-o", str(out))
    assert code == 0 and stdout.startswith("exported 32 table(s) to ")
    assert {"records.csv", "reports.csv", "programmes_partners.csv", "sources.csv"} <= {
        p.name for p in out.iterdir()
    }
    with (out / "milestones.csv").open(encoding="utf-8", newline="") as stream:
        rows = list(csv.DictReader(stream))
    assert len(rows) == 6 and "full_text" not in rows[0]
    ojeu = next(r for r in rows if r["id"] == "lancaster-ojeu-notice")
    assert (ojeu["actual"], ojeu["actual_start"], ojeu["actual_end"]) == (
        "by 2011-04-19",
        "",
        "2011-04-19",
    )
    with (out / "records.csv").open(encoding="utf-8", newline="") as stream:
        assert len(list(csv.DictReader(stream))) == SEED_RECORDS


def test_csv_to_stdout_is_one_table() -> None:
    code, out, _ = invoke("export", "-f", "csv", "-o", "-", "--table", "decisions_resolutions")
    assert code == 0
    rows = list(csv.reader(io.StringIO(str(out))))
    assert rows[0] == ["decision", "position", "number", "text"]
    assert [r[2] for r in rows[1:]] == ["1", "2", "3"]
    code, _, err = invoke("export", "-f", "csv", "-o", "-")
    assert code == 2 and "with -o - give --table" in err
    code, _, err = invoke("export", "-f", "csv", "-o", "-", "--table", "reprots")
    assert code == 2 and "did you mean reports?" in err


def test_sqlite_to_stdout_is_the_database() -> None:
    result = CliRunner().invoke(app, ["export", "-f", "sqlite", "-o", "-", "--root", str(ROOT)])
    assert result.exit_code == 0
    db = sqlite3.connect(":memory:")
    db.deserialize(result.stdout_bytes)
    assert db.execute("select count(*) from records").fetchone() == (SEED_RECORDS,)


def test_missing_sqlite_utils_names_the_extra(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setitem(sys.modules, "sqlite_utils", None)
    code, _, err = invoke("export", "-f", "sqlite", "-o", str(tmp_path / "x.sqlite"))
    assert code == 2
    assert "needs sqlite-utils, in the optional 'export' extra: pip install 'shsv[export]'" in err
    assert not (tmp_path / "x.sqlite").exists()


def test_records_with_errors_stop_the_export_unless_skipped(tmp_path: Path) -> None:
    files = minimal()
    files["data/programmes/broken.yaml"] = "id: broken\ntitel: x\n"
    root = write_tree(tmp_path / "repo", files)
    runner = CliRunner()
    args = ["export", "-f", "json", "-o", "-", "--root", str(root)]
    result = runner.invoke(app, args)
    assert result.exit_code == 1
    assert "error(s) in the records, e.g. data/programmes/broken.yaml:" in result.stderr
    result = runner.invoke(app, [*args, "--skip-invalid"])
    assert result.exit_code == 0
    assert "records with errors are left out" in result.stderr
    assert [p["id"] for p in json.loads(result.stdout)["records"]["programmes"]] == [
        "shared-services"
    ]


def test_export_replaces_a_file_whole_and_reports_a_missing_folder(tmp_path: Path) -> None:
    target = tmp_path / "out.json"
    target.write_text("old", encoding="utf-8")
    assert invoke("export", "-f", "json", "-o", str(target))[0] == 0
    assert json.loads(target.read_text(encoding="utf-8"))["shsv"]
    code, _, err = invoke("export", "-f", "json", "-o", str(tmp_path / "no" / "out.json"))
    assert code == 1 and "does not exist" in err
    code, _, err = invoke("export", "-f", "csv", "-o", str(target))
    assert code == 2 and "is a file" in err


def test_an_empty_repository_exports_empty_tables(tmp_path: Path) -> None:
    root = write_tree(tmp_path / "repo", {})
    result = CliRunner().invoke(app, ["export", "-f", "sqlite", "-o", "-", "--root", str(root)])
    assert result.exit_code == 0, result.stderr
    db = sqlite3.connect(":memory:")
    db.deserialize(result.stdout_bytes)
    assert db.execute(
        "select count(*) from reports_fts where reports_fts match 'x'"
    ).fetchone() == (0,)


@pytest.mark.parametrize("format", ["json", "sqlite"])
def test_table_is_a_usage_error_outside_csv(format: str, tmp_path: Path) -> None:
    target = tmp_path / f"out.{format}"
    code, out, err = invoke("export", "-f", format, "-o", str(target), "--table", "reports")
    assert (code, out) == (2, "")
    assert f"--table picks one csv table; --format {format} writes every table" in err
    assert not target.exists()


def test_ref_kinds_sees_through_optional_and_lists() -> None:
    from shsv.model import Programme, Report
    from shsv.model.refs import ref_kinds

    assert ref_kinds(Report.model_fields["council"]) == ("council",)
    assert ref_kinds(Report.model_fields["programme"]) == ("programme",)
    assert ref_kinds(Programme.model_fields["partners"]) == ("council", "organisation")
    assert ref_kinds(Report.model_fields["title"]) is None


def test_a_union_of_plain_types_is_a_text_column() -> None:
    from pydantic import BaseModel

    from shsv.tables import Field, columns, fields

    class Odd(BaseModel):
        either: int | str
        maybe: list[int | float] | None = None

    assert fields(Odd) == (Field("either", "value"), Field("maybe", "values"))
    assert columns(Odd) == {"either": str, "maybe": str}
