"""shsv report: the seed papers come back from their records, in their own layouts."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import ROOT, SEEDS
from fidelity import fidelity
from shsv.cli import app
from shsv.render import Options, render
from shsv.repository import Repository

SEED_RECORDS = {
    "000_a96001623f51547d.txt": "lancaster-2011-07-26-shared-services-programme",
    "001_1f2b0b2771e4fabc.txt": "lancaster-revenues-and-benefits-minute",
    "002_7463baab5be351af.txt": "lancaster-2012-05-29-shared-services-one-connect-limited",
    "003_1ddfd054126de6fc.txt": "huntingdonshire-2014-10-23-shared-services",
    "004_775524e003f43d33.txt": "cambridgeshire-2009-12-15-local-government-shared-services",
}
GOLDEN = Path(__file__).parent / "golden" / "report"
UPDATE = os.environ.get("SHSV_UPDATE_GOLDEN") == "1"


@pytest.fixture(scope="module")
def repo() -> Repository:
    return Repository.load(ROOT, date(2026, 1, 1))


def paper(repo: Repository, record_id: str, format: str = "md", **options: str) -> str:
    document = render(repo, record_id, Options(format=format, **options))  # type: ignore[arg-type]
    assert isinstance(document, str)
    return document


def compare_golden(name: str, actual: str) -> None:
    """Compare whole with the reviewed file; SHSV_UPDATE_GOLDEN=1 rewrites it."""
    path = GOLDEN / name
    if UPDATE:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(actual, encoding="utf-8")
    assert path.exists(), f"no golden file {path.name}; run with SHSV_UPDATE_GOLDEN=1 and review"
    assert actual == path.read_text(encoding="utf-8"), f"{name} differs from its golden file"


@pytest.mark.parametrize("seed", sorted(SEED_RECORDS))
def test_fidelity_to_the_seed_paper(repo: Repository, seed: str) -> None:
    """At least 95% of the seed paper's word 5-grams appear in the Markdown."""
    score, missing = fidelity((SEEDS / seed).read_text(), paper(repo, SEED_RECORDS[seed]))
    print(f"fidelity {seed}: {score:.1%}")
    assert score >= 0.95, f"{seed}: {score:.1%}; missing e.g. {missing[:5]}"


@pytest.mark.parametrize("format", ["md", "html"])
@pytest.mark.parametrize("record_id", sorted(SEED_RECORDS.values()))
def test_golden(repo: Repository, record_id: str, format: str) -> None:
    compare_golden(f"{record_id}.{format}", paper(repo, record_id, format))


def test_every_report_and_decision_renders_in_every_style(repo: Repository) -> None:
    """Including the reports known only from a citation, which hold little."""
    from shsv.model import Decision, Report

    records = [*repo.of_kind(Report), *repo.of_kind(Decision)]
    assert len(records) == 9
    for record in records:
        for style in ("generic", "lancaster", "huntingdonshire", "cambridgeshire"):
            for format in ("md", "html"):
                rendered = paper(repo, record.id, format, style=style).lower()
                assert record.title.split()[0].lower() in rendered


def test_house_style_comes_from_the_council(repo: Repository) -> None:
    hunts = paper(repo, "huntingdonshire-2014-10-23-shared-services")
    assert hunts.startswith("Public Key Decision - Yes\n\nHUNTINGDONSHIRE DISTRICT COUNCIL\n")
    assert "## 2. WHAT IS THIS REPORT ABOUT/PURPOSE?" in hunts
    cambs = paper(repo, "cambridgeshire-2009-12-15-local-government-shared-services")
    assert cambs.startswith("Agenda Item No: 9\n\n# LOCAL GOVERNMENT SHARED SERVICES\n")
    assert "| Date: | 15th December 2009 |" in cambs
    assert "## 10.0 ENGAGEMENT & CONSULTATION" in cambs
    lancaster = paper(repo, "lancaster-2012-05-29-shared-services-one-connect-limited")
    assert lancaster.startswith("CABINET\n\n# Shared Services Programme – One Connect Limited\n")
    assert "- ☒ Referral from Officers" in lancaster
    assert "## SECTION 151 OFFICER'S COMMENTS" in lancaster


def test_style_option_overrides_the_council(repo: Repository) -> None:
    generic = paper(repo, "huntingdonshire-2014-10-23-shared-services", style="generic")
    assert generic.startswith("# Shared Services\n")
    assert "Decision: Key decision" in generic


def test_options_table(repo: Repository) -> None:
    md = paper(repo, "lancaster-2012-05-29-shared-services-one-connect-limited")
    assert (
        "| | Option 1: Accept Officer Recommendations | Option 2: Put forward alternatives |"
    ) in md
    assert "| **Disadvantages** |  | Depends on alternatives. |" in md
    html = paper(repo, "lancaster-2012-05-29-shared-services-one-connect-limited", "html")
    assert '<th scope="col">Option 1: Accept Officer Recommendations</th>' in html
    assert '<th scope="row">Risks</th>' in html


def test_exempt_background_papers_are_never_named(workspace_report: Path) -> None:
    repo = Repository.load(workspace_report, date(2026, 1, 1))
    for format in ("md", "html"):
        text = paper(repo, "a-paper", format)
        assert "NOT FOR PUBLICATION — Schedule 12A paragraph 3" in text
        assert "Secret valuation of the depot" not in text
        assert "Appendix X" in text and "Confidential prices" not in text
        assert "exempt under paragraph 1 of Schedule 12A" in text


@pytest.fixture
def workspace_report(workspace):  # type: ignore[no-untyped-def]
    from conftest import minimal

    files = minimal()
    files["data/reports/a-paper.yaml"] = {
        "id": "a-paper",
        "title": "Depot sale",
        "council": "lancaster-city-council",
        "meetings": [{"meeting": "lancaster-cabinet-2012-06-20"}],
        "exempt": {"paragraph": 3},
        "background_papers": {
            "papers": [
                {"title": "Secret valuation of the depot", "exempt_paragraph": 1},
                {"title": "Public plan", "url": "https://example.org/plan"},
            ]
        },
        "appendices": [{"label": "X", "title": "Confidential prices", "exempt_paragraph": 3}],
    }
    return workspace(files)


runner = CliRunner()


def cli(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_cli_writes_to_stdout_and_to_a_file(tmp_path: Path) -> None:
    record = SEED_RECORDS["000_a96001623f51547d.txt"]
    code, out, _ = cli("report", record, "--root", str(ROOT))
    assert code == 0 and out.startswith("CABINET\n")
    target = tmp_path / "paper.html"
    code, out, _ = cli("report", record, "--root", str(ROOT), "-f", "html", "-o", str(target))
    assert code == 0 and out == ""
    assert target.read_text().startswith("<!DOCTYPE html>")
    code, out, _ = cli("report", record, "--root", str(ROOT), "-o", "-")
    assert code == 0 and out.startswith("CABINET\n")


def test_cli_usage_errors() -> None:
    root = str(ROOT)
    code, _, err = cli("report", "no-such-paper", "--root", root)
    assert code == 2 and "no report has the id no-such-paper" in err
    code, _, err = cli("report", "lancaster-city-council", "--root", root)
    assert code == 2 and "not a report or a decision" in err
    record = SEED_RECORDS["000_a96001623f51547d.txt"]
    code, _, err = cli("report", record, "--root", root, "-f", "pdf")
    assert code == 2 and "give -o FILE.pdf" in err
    code, _, err = cli("report", record, "--root", root, "-f", "docx")
    assert code == 2 and "--format must be one of md, html, pdf" in err
    code, _, err = cli("report", record, "--root", root, "--style", "lancastr")
    assert code == 2 and "not a house style" in err and "lancaster" in err
    code, _, err = cli("report", "--root", root)
    assert code == 2 and "give a report or decision ID" in err


def test_report_whose_record_has_errors_exits_1(workspace) -> None:  # type: ignore[no-untyped-def]
    from conftest import minimal

    files = minimal()
    files["data/reports/broken.yaml"] = "id: broken\ntitle: Broken\ncolour: red\ncouncil: x\n"
    root = workspace(files)
    code, _, err = cli("report", "broken", "--root", str(root))
    assert code == 1
    assert "data/reports/broken.yaml:3:1: S201 unknown field 'colour'" in err
    assert "run shsv validate" in err


def test_all_into_a_file_is_refused(tmp_path: Path) -> None:
    taken = tmp_path / "papers"
    taken.write_text("keep me", encoding="utf-8")
    code, _, err = cli("report", "--all", "--root", str(ROOT), "-o", str(taken))
    assert code == 1 and "Traceback" not in err
    assert f"{taken} is a file; give a folder for the files" in err
    assert taken.read_text(encoding="utf-8") == "keep me"


def test_all_writes_every_paper(tmp_path: Path) -> None:
    code, _, err = cli("report", "--all", "--root", str(ROOT), "-f", "md", "-o", str(tmp_path))
    assert code == 0, err
    written = sorted(p.name for p in tmp_path.iterdir())
    assert len(written) == 9 and all(name.endswith(".md") for name in written)
    assert f"{SEED_RECORDS['001_1f2b0b2771e4fabc.txt']}.md" in written


def test_all_renders_every_paper_it_can(workspace, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """A paper that fails is named with its message; the others are still written."""
    from conftest import minimal

    files = minimal()
    files["data/reports/a-paper.yaml"] = {
        "id": "a-paper",
        "title": "A paper",
        "council": "lancaster-city-council",
        "meetings": [{"meeting": "no-such-meeting"}],
    }
    files["data/reports/b-paper.yaml"] = {
        "id": "b-paper",
        "title": "B paper",
        "council": "lancaster-city-council",
    }
    files["data/reports/c-paper.yaml"] = {**files["data/reports/b-paper.yaml"], "id": "c-paper"}
    out = tmp_path / "papers"
    code, _, err = cli("report", "--all", "--root", str(workspace(files)), "-o", str(out))
    assert code == 1 and "Traceback" not in err
    assert (
        "shsv: error: a-paper: report a-paper refers to no-such-meeting, which is missing "
        "or has errors; run shsv validate\n"
    ) in err
    assert f"2 papers written to {out}\n" in err
    assert err.endswith("shsv: error: 1 of 3 papers failed; see above\n")
    assert sorted(p.name for p in out.iterdir()) == ["b-paper.md", "c-paper.md"]


def test_options_are_checked_before_the_records_are_read(tmp_path: Path) -> None:
    """A wrong option is named at once, even where no data repository is."""
    nowhere = str(tmp_path)
    code, _, err = cli("report", "any-id", "--root", nowhere, "-f", "pdf")
    assert code == 2 and "give -o FILE.pdf" in err and "data repository" not in err
    code, _, err = cli("report", "any-id", "--root", nowhere, "-f", "pdf", "-o", "-")
    assert code == 2 and "give -o FILE.pdf" in err
    code, _, err = cli("report", "--all", "--root", nowhere)
    assert code == 2 and "--all writes one file per paper: give -o FOLDER" in err
    code, _, err = cli("report", "--all", "--root", nowhere, "-o", "-")
    assert code == 2 and "give -o FOLDER" in err
    assert list(tmp_path.iterdir()) == []
