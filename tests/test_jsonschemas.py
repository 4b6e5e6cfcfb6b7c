"""JSON Schemas for editors: committed = generated, and check-jsonschema agrees with shsv."""

from __future__ import annotations

import contextlib
import json
import os
import re
import stat
import subprocess
import sys
import threading
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import regress
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from conftest import ROOT, minimal, write_tree
from shsv import dates, jsonschemas
from shsv.cli import app
from shsv.kinds import FOLDERS, NAMES
from shsv.model import KIND_NAMES as MODEL_KIND_NAMES
from shsv.model import KINDS

SCHEMAS = ROOT / "schemas"


def check_jsonschema(schema: Path, *files: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "check_jsonschema", "--schemafile", str(schema), *map(str, files)],
        capture_output=True,
        text=True,
        check=False,
    )


def test_committed_schemas_equal_the_generated_ones() -> None:
    generated = jsonschemas.render_all()
    assert sorted(p.name for p in SCHEMAS.iterdir()) == sorted(generated)
    for name, text in generated.items():
        assert (SCHEMAS / name).read_text(encoding="utf-8") == text, (
            f"schemas/{name} is out of date: run shsv schema"
        )


def test_cli_knows_every_kind() -> None:
    assert tuple(MODEL_KIND_NAMES[model] for model in KINDS.values()) == NAMES
    assert tuple(KINDS) == FOLDERS


def test_schemas_are_valid_draft_07() -> None:
    for path in SCHEMAS.iterdir():
        schema = json.loads(path.read_text(encoding="utf-8"))
        assert schema["$schema"] == "http://json-schema.org/draft-07/schema#"
        assert "$defs" not in json.dumps(schema)
        jsonschema.Draft7Validator.check_schema(schema)
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "check_jsonschema",
            "--check-metaschema",
            *map(str, SCHEMAS.iterdir()),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr


def _walk(node: Any) -> Any:
    yield node
    children = node.values() if isinstance(node, dict) else node if isinstance(node, list) else []
    for child in children:
        yield from _walk(child)


def test_no_ref_has_siblings_draft_07_would_ignore() -> None:
    for path in SCHEMAS.iterdir():
        for node in _walk(json.loads(path.read_text(encoding="utf-8"))):
            if isinstance(node, dict) and "$ref" in node:
                assert set(node) == {"$ref"}, (path.name, node)


def test_field_docstrings_become_descriptions() -> None:
    milestone = json.loads((SCHEMAS / "milestone.schema.json").read_text(encoding="utf-8"))
    assert milestone["properties"]["actual"]["description"] == "When it was done."
    # Inherited from Record.
    assert milestone["properties"]["sources"]["description"].startswith("The public documents")


@pytest.mark.parametrize("folder", list(KINDS))
def test_every_shipped_record_passes_check_jsonschema(folder: str) -> None:
    files = sorted((ROOT / "data" / folder).rglob("*.yaml"))
    assert files
    kind = MODEL_KIND_NAMES[KINDS[folder]]
    done = check_jsonschema(SCHEMAS / jsonschemas.file_name(kind), *files)
    assert done.returncode == 0, done.stdout + done.stderr


def test_unknown_field_fails_check_jsonschema_and_shsv(tmp_path: Path) -> None:
    files = minimal()
    files["data/councils/lancaster-city-council.yaml"] = (
        "id: lancaster-city-council\nname: Lancaster City Council\ntier: district\nwebsit: x\n"
    )
    root = write_tree(tmp_path / "repo", files)
    record = root / "data/councils/lancaster-city-council.yaml"
    done = check_jsonschema(SCHEMAS / "council.schema.json", record)
    assert done.returncode == 1
    assert "'websit' was unexpected" in done.stdout
    shsv = CliRunner().invoke(app, ["validate", "--root", str(root), "-f", "json"])
    assert [d["code"] for d in json.loads(shsv.stdout)["diagnostics"]] == ["S201"]


COUNCIL = {"id": "lancaster-city-council", "name": "Lancaster City Council", "tier": "district"}
MILESTONE = {"id": "m", "title": "A step", "programme": "p", "planned": "Q1 2010"}


@pytest.mark.parametrize(
    ("kind", "data", "accepted"),
    [
        ("council", COUNCIL, True),
        ("council", {**COUNCIL, "tier": "parish"}, False),
        ("council", {**COUNCIL, "tier": None}, False),
        ("council", {**COUNCIL, "id": "con"}, False),
        ("council", {**COUNCIL, "id": "Lancaster"}, False),
        ("council", {**COUNCIL, "website": "https://a.example/x"}, True),
        ("council", {**COUNCIL, "website": 'https://a.example/"x'}, False),
        ("council", {**COUNCIL, "website": "ftp://a.example/"}, False),
        ("council", {**COUNCIL, "short_names": "LCC"}, False),
        ("council", {k: v for k, v in COUNCIL.items() if k != "name"}, False),
        ("milestone", MILESTONE, True),
        ("milestone", {**MILESTONE, "planned": "Jully 2010"}, False),
        ("milestone", {**MILESTONE, "planned": "by 2011-04-19"}, True),
        ("milestone", {**MILESTONE, "planned": "2011-13-01"}, False),
        ("milestone", {**MILESTONE, "actual": 2010}, False),
        ("milestone", {**MILESTONE, "replanned": [{"date": "H2 2014"}]}, True),
        ("milestone", {**MILESTONE, "replanned": [{"date": "H2 2014", "why": "x"}]}, False),
    ],
)
def test_schema_and_model_agree(kind: str, data: dict[str, Any], accepted: bool) -> None:
    from shsv import schema as phase_one

    model = next(m for m in KINDS.values() if MODEL_KIND_NAMES[m] == kind)
    validator = jsonschema.Draft7Validator(jsonschemas.generate(model))
    assert validator.is_valid(data) is accepted
    record, _ = phase_one.check(model, data)
    assert (record is not None) is accepted


def test_report_text_or_mapping_unions() -> None:
    from shsv.model import Report

    validator = jsonschema.Draft7Validator(jsonschemas.generate(Report))
    report = {"id": "r", "title": "T", "council": "c"}
    assert validator.is_valid({**report, "recommendations": ["Note it.", {"text": "Agree."}]})
    assert not validator.is_valid({**report, "recommendations": [{"txt": "Agree."}]})
    assert not validator.is_valid({**report, "recommendations": [3]})
    body = [{"paragraphs": ["p", {"number": "1.1", "items": ["a", {"text": "b", "items": ["c"]}]}]}]
    assert validator.is_valid({**report, "body": body})


ECMA = regress.Regex(dates.JSON_PATTERN, flags="u")
PYTHON = re.compile(dates.JSON_PATTERN)

PIECES = st.sampled_from(
    [
        "2011-07-26", "2011-02-30", "26", "3rd", "July", "jul", "Sept", "sep", "MAY", "2012",
        "2012-05", "2012-13", "Q1", "q4", "Q5", "H2", "h3", "early", "Mid", "autumn", "winter",
        "2010/11", "2010/12", "by", "BY", "between", "and", "/", " / ", ",", " ", "  ", "\t",
        "-", "x", "0", "32",
    ]
)  # fmt: skip


@given(st.lists(PIECES, max_size=7).map(lambda parts: " ".join(parts)))
def test_date_pattern_accepts_every_date_shsv_reads(text: str) -> None:
    for candidate in (text, text.replace(" ", ""), text.replace(" / ", "/")):
        try:
            dates.parse(candidate)
        except dates.DateError:
            continue
        assert ECMA.find(candidate) is not None, candidate
        assert PYTHON.search(candidate), candidate


@pytest.mark.parametrize(
    "text",
    [
        "",
        "July",
        "Jully 2011",
        "32 July 2011",
        "Q5 2010",
        "2010-13",
        "soon",
        "2010/2",
        "٢٠١٢-٠٥-٢٩",  # Arabic-Indic digits
    ],
)
def test_date_pattern_refuses_what_is_no_date(text: str) -> None:
    assert ECMA.find(text) is None
    with pytest.raises(dates.DateError):
        dates.parse(text)


def test_modeline_is_relative_to_the_file() -> None:
    assert jsonschemas.modeline("data/councils/x.yaml") == (
        "# yaml-language-server: $schema=../../schemas/council.schema.json"
    )
    assert jsonschemas.modeline("data/reports/lancaster/2011/x.yaml") == (
        "# yaml-language-server: $schema=../../../../schemas/report.schema.json"
    )
    with pytest.raises(ValueError, match="not a record file"):
        jsonschemas.modeline("data/x.yaml")


def test_with_modeline_adds_or_corrects_the_first_line_only() -> None:
    line = "# yaml-language-server: $schema=../../schemas/council.schema.json"
    rel = "data/councils/x.yaml"
    assert jsonschemas.with_modeline("id: x\n", rel) == f"{line}\nid: x\n"
    wrong = "# yaml-language-server: $schema=../schemas/report.schema.json\nid: x\n"
    assert jsonschemas.with_modeline(wrong, rel) == f"{line}\nid: x\n"
    assert jsonschemas.with_modeline(f"{line}\nid: x\n", rel) == f"{line}\nid: x\n"
    assert jsonschemas.with_modeline("\ufeffid: x\r\n", rel) == f"\ufeff{line}\r\nid: x\r\n"


def invoke(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_schema_command_writes_checks_and_prints(tmp_path: Path) -> None:
    out = tmp_path / "out"
    code, stdout, _ = invoke("schema", "-o", str(out))
    assert code == 0 and stdout == f"wrote 8 schema file(s) to {out}\n"
    assert {p.name: p.read_text(encoding="utf-8") for p in out.iterdir()} == (
        jsonschemas.render_all()
    )
    assert invoke("schema", "--check", "-o", str(out))[0] == 0
    (out / "report.schema.json").write_text("{}", encoding="utf-8")
    (out / "council.schema.json").unlink()
    code, _, stderr = invoke("schema", "--check", "-o", str(out))
    assert code == 1
    assert "council.schema.json, report.schema.json" in stderr
    code, stdout, _ = invoke("schema", "reports", "-o", "-")
    assert code == 0 and stdout == (SCHEMAS / "report.schema.json").read_text(encoding="utf-8")
    code, stdout, _ = invoke("schema", "-o", "-")
    assert sorted(json.loads(stdout)) == sorted(jsonschemas.render_all())
    code, _, stderr = invoke("schema", "repot", "-o", "-")
    assert code == 2 and "did you mean report?" in stderr


def test_schema_link_points_every_record_at_its_schema(tmp_path: Path) -> None:
    files = minimal()
    files["data/reports/lancaster/2012/r.yaml"] = (
        "id: r\ntitle: A report\ncouncil: lancaster-city-council\n"
    )
    root = write_tree(tmp_path / "repo", files)
    code, stdout, _ = invoke("schema", "--link", "--root", str(root))
    assert code == 0 and stdout.endswith("pointed 4 record file(s) at their schemas\n")
    first = (root / "data/reports/lancaster/2012/r.yaml").read_text(encoding="utf-8")
    assert first.startswith("# yaml-language-server: $schema=../../../../schemas/report.schema")
    assert (root / "schemas/report.schema.json").is_file()
    assert invoke("schema", "--link", "--root", str(root))[1].endswith(
        "pointed 0 record file(s) at their schemas\n"
    )
    code, stdout, _ = invoke("validate", "--root", str(root))
    assert (code, stdout) == (0, "✓ no problems (4 files, 4 records checked)\n")
    record = root / "data/reports/lancaster/2012/r.yaml"
    assert check_jsonschema(root / "schemas/report.schema.json", record).returncode == 0


def test_every_shipped_record_points_at_its_schema() -> None:
    for path in sorted((ROOT / "data").rglob("*.yaml")):
        rel = path.relative_to(ROOT).as_posix()
        first = path.read_text(encoding="utf-8").split("\n", 1)[0]
        assert first == jsonschemas.modeline(rel), rel


def test_modeline_takes_the_kind_it_is_given_and_a_bad_path_is_a_usage_error() -> None:
    from shsv.errors import UsageError

    assert jsonschemas.modeline("data/reports/../x.yaml", "report") == (
        "# yaml-language-server: $schema=../schemas/report.schema.json"
    )
    with pytest.raises(UsageError, match="is not a record file under data/<kind>/"):
        jsonschemas.modeline("data/../reports/x.yaml")


def test_schema_link_keeps_crlf_and_bom_and_skips_what_it_cannot_read(tmp_path: Path) -> None:
    files = minimal()
    root = write_tree(tmp_path / "repo", files)
    crlf = root / "data/programmes/crlf.yaml"
    crlf.write_bytes(b"\xef\xbb\xbfid: crlf\r\ntitle: Windows line ends\r\n")
    pipe = root / "data/programmes/pipe.yaml"
    if hasattr(os, "mkfifo"):
        os.mkfifo(pipe)
    # A reader that blocks on the pipe gets its end after a while: the test then fails
    # (the pipe is replaced by a file) instead of hanging.
    opener = threading.Timer(10, _open_writing_end, [pipe])
    opener.daemon = True
    opener.start()
    code, stdout, stderr = invoke("schema", "--link", "--root", str(root))
    opener.cancel()
    assert code == 0, stderr
    assert stdout.endswith("pointed 4 record file(s) at their schemas\n")
    assert not pipe.exists() or stat.S_ISFIFO(pipe.lstat().st_mode)
    assert crlf.read_bytes() == (
        b"\xef\xbb\xbf# yaml-language-server: $schema=../../schemas/programme.schema.json\r\n"
        b"id: crlf\r\ntitle: Windows line ends\r\n"
    )
    assert invoke("schema", "--link", "--root", str(root))[1].endswith(
        "pointed 0 record file(s) at their schemas\n"
    )


def _open_writing_end(pipe: Path) -> None:
    with contextlib.suppress(OSError):  # no reader waits on it
        os.close(os.open(pipe, os.O_WRONLY | os.O_NONBLOCK))


def test_schema_check_counts_an_unreadable_schema_file_as_out_of_date(tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert invoke("schema", "-o", str(out))[0] == 0
    (out / "report.schema.json").write_bytes(b"\xff\xfe not UTF-8")
    (out / "council.schema.json").unlink()
    (out / "council.schema.json").mkdir()
    code, _, stderr = invoke("schema", "--check", "-o", str(out))
    assert code == 1 and "Traceback" not in stderr
    assert "2 schema file(s)" in stderr
    assert "council.schema.json, report.schema.json; run shsv schema" in stderr
    assert invoke("schema", "milestone", "--check", "-o", str(out))[0] == 0
    code, _, stderr = invoke("schema", "Reports", "--check", "-o", str(out))
    assert code == 1 and stderr.endswith(": report.schema.json; run shsv schema to rewrite them\n")
