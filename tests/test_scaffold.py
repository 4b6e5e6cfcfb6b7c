"""shsv init and shsv new: repositories and records that validate as soon as written."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from conftest import ROOT
from shsv import jsonschemas, skeleton, yamlread
from shsv import schema as phase_one
from shsv.cli import app, scaffold
from shsv.model import KINDS
from shsv.yamlread import FORBIDDEN

BIN = Path(sys.executable).parent


def invoke(*args: str, input: str | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, list(args), input=input, env={"GITHUB_ACTIONS": ""})
    return result.exit_code, result.stdout, result.stderr


def run(
    *args: str | Path, cwd: Path, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(a) for a in args],
        cwd=cwd,
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, **(env or {})},
    )


def init(target: Path) -> Path:
    code, out, err = invoke(
        "init", str(target), "--council", "Lancaster City Council", "--tier", "district"
    )
    assert code == 0, err
    assert out == (
        f"created a data repository in {target} (14 files); next: cd {target} && shsv validate\n"
    )
    return target


def test_init_makes_a_repository_that_validates_clean(tmp_path: Path) -> None:
    repo = init(tmp_path / "records")
    written = sorted(p.relative_to(repo).as_posix() for p in repo.rglob("*") if p.is_file())
    assert written == sorted(
        [
            ".github/workflows/shsv.yml",
            ".gitignore",
            ".pre-commit-config.yaml",
            "README.md",
            "data/councils/lancaster-city-council.yaml",
            "templates/README.md",
            *(f"schemas/{name}" for name in jsonschemas.render_all()),
        ]
    )
    assert invoke("validate", "--root", str(repo)) == (
        0,
        "✓ no problems (1 file, 1 record checked)\n",
        "",
    )
    assert invoke("schema", "--check", "--root", str(repo))[0] == 0
    gitignore = (repo / ".gitignore").read_text(encoding="utf-8").splitlines()
    assert ".shsv-cache/" in gitignore and "build/" in gitignore
    council = (repo / "data/councils/lancaster-city-council.yaml").read_text(encoding="utf-8")
    assert council.startswith(
        "# yaml-language-server: $schema=../../schemas/council.schema.json\n"
        "id: lancaster-city-council\nname: Lancaster City Council\ntier: district\n"
    )
    assert "lancaster-city-council" in (repo / "README.md").read_text(encoding="utf-8")


def test_init_workflow_is_a_valid_github_workflow(tmp_path: Path) -> None:
    repo = init(tmp_path / "records")
    workflow = repo / ".github/workflows/shsv.yml"
    for schema in ("vendor.github-workflows", "custom.github-workflows-require-timeout"):
        done = run(
            sys.executable, "-m", "check_jsonschema", "--builtin-schema", schema, workflow, cwd=repo
        )
        assert done.returncode == 0, done.stdout + done.stderr
    text = workflow.read_text(encoding="utf-8")
    assert "shsv schema --check" in text and "run: shsv validate" in text


def test_init_pre_commit_config_runs_shsv_validate(tmp_path: Path) -> None:
    if shutil.which("git") is None:
        if os.environ.get("SHSV_CI"):
            pytest.fail("git is missing in CI; the pre-commit hook cannot be run end to end")
        pytest.skip("NOT RUN: git is not installed, so pre-commit cannot run the hook")
    repo = init(tmp_path / "records")
    env = {
        "PRE_COMMIT_HOME": str(tmp_path / "cache"),
        "PATH": f"{BIN}{os.pathsep}{os.environ['PATH']}",
        "GITHUB_ACTIONS": "",
    }
    pre_commit = (sys.executable, "-m", "pre_commit")
    assert run(*pre_commit, "validate-config", ".pre-commit-config.yaml", cwd=repo).returncode == 0
    assert run("git", "init", "-q", cwd=repo).returncode == 0
    assert run("git", "add", ".", cwd=repo).returncode == 0
    done = run(*pre_commit, "run", "--all-files", cwd=repo, env=env)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "shsv validate" in done.stdout and "Passed" in done.stdout
    council = repo / "data/councils/lancaster-city-council.yaml"
    council.write_text(council.read_text(encoding="utf-8") + "websit: x\n", encoding="utf-8")
    assert run("git", "add", ".", cwd=repo).returncode == 0
    done = run(*pre_commit, "run", "--all-files", cwd=repo, env=env)
    assert done.returncode == 1
    assert "S201 unknown field 'websit'" in done.stdout


def test_pre_commit_hooks_manifest_is_valid() -> None:
    done = run(
        sys.executable, "-m", "pre_commit", "validate-manifest", ".pre-commit-hooks.yaml", cwd=ROOT
    )
    assert done.returncode == 0, done.stdout + done.stderr
    (hook,) = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert {k: hook[k] for k in ("id", "entry", "language", "pass_filenames", "files")} == {
        "id": "shsv-validate",
        "entry": "shsv validate",
        "language": "python",
        "pass_filenames": False,
        "files": "^data/",
    }


def test_init_refuses_what_it_would_overwrite_and_writes_nothing(tmp_path: Path) -> None:
    target = tmp_path / "records"
    (target / ".git").mkdir(parents=True)
    (target / "LICENSE").write_text("MIT\n", encoding="utf-8")
    (target / "README.md").write_text("mine\n", encoding="utf-8")
    code, _, err = invoke("init", str(target), "--council", "A Council", "--tier", "district")
    assert code == 2
    assert "already has README.md; shsv init overwrites nothing" in err
    assert sorted(p.name for p in target.iterdir()) == [".git", "LICENSE", "README.md"]
    (target / "README.md").unlink()
    assert invoke("init", str(target), "--council", "A Council", "--tier", "district")[0] == 0
    assert (target / "LICENSE").read_text(encoding="utf-8") == "MIT\n"
    code, _, err = invoke("init", str(target), "--council", "A Council", "--tier", "district")
    assert code == 2 and "already holds a data/ folder" in err
    (tmp_path / "file").write_text("", encoding="utf-8")
    code, _, err = invoke("init", str(tmp_path / "file"), "--council", "A", "--tier", "district")
    assert code == 2 and "is a file" in err


def test_init_needs_its_answers_off_a_terminal_and_asks_on_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    code, _, err = invoke("init", str(tmp_path / "a"))
    assert code == 2 and "--council is needed (or run on a terminal to be asked)" in err
    assert not (tmp_path / "a").exists()
    code, _, err = invoke("init", str(tmp_path / "a"), "--council", "X", "--tier", "parish")
    assert code == 2 and "--tier must be one of county, district" in err
    monkeypatch.setattr(scaffold, "interactive", lambda: True)
    code, out, _ = invoke(
        "init", str(tmp_path / "b"), input="Preston City Council\ndistrct\ndistrict\n"
    )
    assert code == 0, out
    assert "please give one of: county, district" in out
    assert (tmp_path / "b/data/councils/preston-city-council.yaml").is_file()


# Required fields of each kind, with the records they refer to already in place.
NEW = {
    "council": ["--name", "Preston City Council", "--tier", "district"],
    "organisation": ["--name", "One Connect Limited", "--type", "joint-venture-company"],
    "programme": ["--title", "Shared Services Programme"],
    "arrangement": ["--title", "Revenues and Benefits", "--programme", "shared-services-programme"],
    "meeting": ["--council", "lancaster-city-council", "--body", "Cabinet", "--id", "cabinet-2012"],
    "report": ["--title", "Shared Services: an update", "--council", "lancaster-city-council"],
    "decision": ["--title", "Revenues and Benefits minute", "--meeting", "cabinet-2012"],
    "milestone": ["--title", "Full business cases", "--programme", "shared-services-programme"],
}
NEW_FILES = {
    "council": "preston-city-council",
    "organisation": "one-connect-limited",
    "programme": "shared-services-programme",
    "arrangement": "revenues-and-benefits",
    "meeting": "cabinet-2012",
    "report": "shared-services-an-update",
    "decision": "revenues-and-benefits-minute",
    "milestone": "full-business-cases",
}


def uncommented(text: str) -> str:
    """The skeleton with every optional field filled in with its placeholder."""
    head, optional = text.split(
        "# Optional fields: delete the '# ' before a field to fill it in.\n"
    )
    return head + "".join(line.removeprefix("# ") + "\n" for line in optional.splitlines())


def test_new_writes_every_kind_valid_and_each_optional_field_fits(tmp_path: Path) -> None:
    repo = init(tmp_path / "records")
    for kind, options in NEW.items():
        code, out, err = invoke("new", kind, *options, "--root", str(repo))
        rel = f"data/{kind}s/{NEW_FILES[kind]}.yaml"
        assert (code, out) == (0, f"created {rel}\n"), err
        text = (repo / rel).read_text(encoding="utf-8")
        assert text.startswith(jsonschemas.modeline(rel) + f"\nid: {NEW_FILES[kind]}\n")
        doc = yamlread.read(uncommented(text).encode("utf-8"))
        assert not isinstance(doc, yamlread.Problem), doc
        record, findings = phase_one.check(KINDS[f"{kind}s"], doc.data)
        assert record is not None, (kind, findings)
    # A new decision is schema-valid; the statutory check still asks for its options.
    assert invoke("validate", "--root", str(repo)) == (
        0,
        "data/decisions/revenues-and-benefits-minute.yaml\n"
        "  3:1: warning D413 the decision records no options; reg 12 asks for the "
        "alternative options considered and rejected\n"
        "! 0 errors, 1 warning in 1 file (9 files, 9 records checked)\n",
        "",
    )
    files = sorted((repo / "data").rglob("*.yaml"))
    done = run(
        sys.executable,
        "-m",
        "check_jsonschema",
        "--schemafile",
        repo / "schemas/report.schema.json",
        *[f for f in files if "/reports/" in f.as_posix()],
        cwd=repo,
    )
    assert done.returncode == 0, done.stdout


def test_new_refuses_to_overwrite_or_to_reuse_an_id(tmp_path: Path) -> None:
    repo = init(tmp_path / "records")
    args = ("new", "programme", "--title", "Shared Services", "--root", str(repo))
    assert invoke(*args)[0] == 0
    path = repo / "data/programmes/shared-services.yaml"
    before = path.read_bytes()
    code, _, err = invoke(*args)
    assert code == 2 and "a programme already has the id shared-services" in err
    code, _, err = invoke(
        "new",
        "council",
        "--name",
        "X",
        "--tier",
        "district",
        "--id",
        "shared-services",
        "--root",
        str(repo),
    )
    assert code == 2 and "a programme already has the id shared-services" in err
    assert path.read_bytes() == before


@pytest.mark.parametrize("bad", ["../escape", "a/b", "con", "Upper", "a--b", "x" * 81, ".hidden"])
def test_new_refuses_ids_that_are_not_slugs(tmp_path: Path, bad: str) -> None:
    repo = init(tmp_path / "records")
    code, _, err = invoke("new", "programme", "--title", "T", "--id", bad, "--root", str(repo))
    assert code == 2 and "is not a valid id" in err
    assert sorted(p.name for p in (repo / "data").iterdir()) == ["councils"]


def test_new_output_stdout_folder_and_wrong_places(tmp_path: Path) -> None:
    repo = init(tmp_path / "records")
    base = (
        "new",
        "report",
        "--title",
        "An update",
        "--council",
        "lancaster-city-council",
        "--root",
        str(repo),
    )
    code, out, _ = invoke(*base, "-o", "-")
    assert code == 0 and out.startswith(
        "# yaml-language-server: $schema=../../schemas/report.schema.json\nid: an-update\n"
    )
    assert not (repo / "data/reports").exists()
    sub = repo / "data/reports/lancaster/2012"
    sub.mkdir(parents=True)
    code, out, _ = invoke(*base, "-o", str(sub))
    assert (code, out) == (0, "created data/reports/lancaster/2012/an-update.yaml\n")
    assert (
        (sub / "an-update.yaml")
        .read_text(encoding="utf-8")
        .startswith("# yaml-language-server: $schema=../../../../schemas/report.schema.json\n")
    )
    code, _, err = invoke(*base, "--id", "b", "-o", str(sub / "c.yaml"))
    assert code == 2 and "the file for b is named b.yaml, not c.yaml" in err
    code, _, err = invoke(*base, "--id", "b", "-o", str(repo / "data/councils"))
    assert code == 2 and "records of this kind live under" in err
    assert invoke("validate", "--root", str(repo))[0] == 0


def test_new_needs_its_fields_off_a_terminal_and_asks_on_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    repo = init(tmp_path / "records")
    code, _, err = invoke("new", "report", "--root", str(repo))
    assert code == 2 and "a new report needs --title and --council" in err
    code, _, err = invoke(
        "new", "report", "--council", "nobody", "--title", "T", "--root", str(repo)
    )
    assert code == 2 and "--council: no council has the id nobody" in err
    code, _, err = invoke("new", "council", "--title", "T", "--root", str(repo))
    assert code == 2 and "a new council does not take --title; it takes --id, --name, --tier" in err
    code, _, err = invoke("new", "councl", "--root", str(repo))
    assert code == 2 and "did you mean councils?" in err
    monkeypatch.setattr(scaffold, "interactive", lambda: True)
    code, out, _ = invoke(
        "new", "report", "--root", str(repo), input="Shared Services\nlancaster-city-council\n"
    )
    assert code == 0 and out.endswith("created data/reports/shared-services.yaml\n")


@given(st.text(max_size=40).filter(lambda t: t.strip() and not FORBIDDEN.search(t)))
def test_a_scalar_reads_back_as_the_same_text(value: str) -> None:
    doc = yamlread.read(f"key: {skeleton.scalar(value)}\n".encode())
    assert not isinstance(doc, yamlread.Problem), (value, doc)
    assert doc.data == {"key": value}


def test_slug_makes_ids_from_names() -> None:
    assert skeleton.slug("Cambridge City Council") == "cambridge-city-council"
    assert skeleton.slug("  Société  Générale -- Ltd. ") == "societe-generale-ltd"
    assert skeleton.slug("../../etc/passwd") == "etc-passwd"
    assert len(skeleton.slug("word " * 40)) <= 80


def test_init_refuses_to_write_through_a_link_that_leads_out(tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    target = tmp_path / "records"
    target.mkdir()
    (target / ".github").symlink_to(outside, target_is_directory=True)
    code, _, err = invoke("init", str(target), "--council", "A Council", "--tier", "district")
    assert code == 2 and "leads outside" in err
    assert list(outside.iterdir()) == []
    assert not (target / "data").exists()


def test_new_output_through_dot_dot_or_a_link_lands_in_its_kind(tmp_path: Path) -> None:
    repo = init(tmp_path / "records")
    base = ("new", "report", "--title", "T", "--council", "lancaster-city-council")
    (repo / "data/reports").mkdir()
    code, out, err = invoke(
        *base, "--id", "a", "--root", str(repo), "-o", str(repo / "data/../data/reports")
    )
    assert (code, out) == (0, "created data/reports/a.yaml\n"), err
    code, out, err = invoke(
        *base, "--id", "b", "--root", str(repo), "-o", str(repo / "data/councils/../reports/")
    )
    assert (code, out) == (0, "created data/reports/b.yaml\n"), err
    link = tmp_path / "link"
    link.symlink_to(repo)
    code, out, err = invoke(
        *base, "--id", "c", "--root", str(link), "-o", str(link / "data/reports/c.yaml")
    )
    assert (code, out) == (0, "created data/reports/c.yaml\n"), err
    for name in ("a", "b", "c"):
        first = (repo / f"data/reports/{name}.yaml").read_text(encoding="utf-8").split("\n")[0]
        assert first == "# yaml-language-server: $schema=../../schemas/report.schema.json"
    assert invoke("validate", "--root", str(repo))[0] == 0
    code, _, err = invoke(
        *base, "--id", "d", "--root", str(repo), "-o", str(repo / "data/reports/../councils")
    )
    assert code == 2 and "records of this kind live under" in err and "Traceback" not in err


def test_init_checks_the_council_with_its_record_and_names_a_file_in_the_way(
    tmp_path: Path,
) -> None:
    code, _, err = invoke(
        "init",
        str(tmp_path / "a"),
        "--council",
        "X",
        "--council-id",
        "Bad Id",
        "--tier",
        "district",
    )
    assert code == 2 and "not a valid council: id: 'Bad Id' is not a valid id" in err
    assert not (tmp_path / "a").exists()
    target = tmp_path / "b"
    target.mkdir()
    (target / "templates").write_text("mine\n", encoding="utf-8")
    code, _, err = invoke("init", str(target), "--council", "X", "--tier", "district")
    assert code == 1 and "Traceback" not in err
    assert f"{target / 'templates'} is a file; give a folder for the files" in err
    assert (target / "templates").read_text(encoding="utf-8") == "mine\n"
