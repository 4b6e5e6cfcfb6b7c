"""``shsv fmt``: canonical layout, nothing lost, nothing written unsafely."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from typer.testing import CliRunner

from conftest import ROOT, minimal, write_tree
from hostile import mutated_bytes, reformat_keeps_everything
from shsv.cli import app
from shsv.fmt import comments, reformat

RUNNER = CliRunner()

MESSY = """\
# yaml-language-server: $schema=../../schemas/council.schema.json


id: lancaster-city-council     # the id is the file name
name:   Lancaster City Council
short_names:
- LCC
tier: 'district'   # quoted, and stays quoted
website: "https://www.lancaster.gov.uk"
# a comment on a line of its own
call_in_days: 5
"""
CANONICAL = """\
# yaml-language-server: $schema=../../schemas/council.schema.json


id: lancaster-city-council     # the id is the file name
name: Lancaster City Council
short_names:
  - LCC
tier: 'district'   # quoted, and stays quoted
website: "https://www.lancaster.gov.uk"
# a comment on a line of its own
call_in_days: 5
"""


def fmt(*args: str) -> tuple[int, str, str]:
    result = RUNNER.invoke(app, ["fmt", *args])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return result.exit_code, result.stdout, result.stderr


# The minimal repository, its list written in the canonical layout.
PROGRAMME = "id: shared-services\ntitle: Shared services\npartners:\n  - lancaster-city-council\n"


def repo(tmp_path: Path, files: dict[str, str | bytes]) -> Path:
    base = {**minimal(), "data/programmes/shared-services.yaml": PROGRAMME}
    return write_tree(tmp_path / "repo", {**base, **files})


COUNCIL = "data/councils/lancaster-city-council.yaml"


def test_the_shipped_data_is_canonical() -> None:
    code, out, err = fmt("--check", "--root", str(ROOT))
    assert (code, out) == (0, ""), out + err
    assert err.startswith("0 files would be reformatted, ")


def test_a_messy_file_is_made_canonical_keeping_comments_order_and_quotes(
    tmp_path: Path,
) -> None:
    root = repo(tmp_path, {COUNCIL: MESSY})
    code, out, err = fmt("--root", str(root))
    assert (code, out) == (0, f"reformatted {COUNCIL}\n"), err
    assert err == "1 file reformatted, 2 unchanged\n"
    assert (root / COUNCIL).read_text() == CANONICAL
    assert fmt("--root", str(root))[:2] == (0, "")  # idempotent
    assert (root / COUNCIL).read_text() == CANONICAL
    assert RUNNER.invoke(app, ["validate", "--root", str(root)]).exit_code == 0


def test_check_lists_and_writes_nothing(tmp_path: Path) -> None:
    root = repo(tmp_path, {COUNCIL: MESSY})
    before = (root / COUNCIL).stat()
    code, out, err = fmt("--check", "--root", str(root))
    assert (code, out) == (1, f"would reformat {COUNCIL}\n")
    assert err == "1 file would be reformatted, 2 unchanged\n"
    after = (root / COUNCIL).stat()
    assert (root / COUNCIL).read_text() == MESSY
    assert (before.st_mtime_ns, before.st_ino) == (after.st_mtime_ns, after.st_ino)


def test_the_ruamel_crash_is_reported_and_the_file_left(tmp_path: Path) -> None:
    # ruamel.yaml's round trip raises NotImplementedError on this ordinary file
    text = "id: lancaster-city-council\nname:  # the full name\n  Lancaster City Council\n\n"
    text += "tier: district\n"
    root = repo(tmp_path, {COUNCIL: text})
    code, out, err = fmt("--root", str(root))
    assert code == 1 and out == ""
    assert err.startswith(f"{COUNCIL}:2:8: cannot reformat: ruamel.yaml cannot keep this comment")
    assert err.endswith("0 files reformatted, 2 unchanged, 1 left as it is (see above)\n")
    assert (root / COUNCIL).read_text() == text


def test_broken_and_hostile_files_are_reported_by_position_and_left(tmp_path: Path) -> None:
    files = {
        "data/councils/tagged.yaml": "id: x\nname: !!python/object/apply:os.system [ls]\n",
        "data/councils/broken.yaml": "id: x\nname: [a, b\n",
        "data/councils/tabbed.yaml": "id: x\nname:\n\t- a\n",
        "data/councils/binary.yaml": b"id: x\nname: \xff\n",
        "data/councils/messy.yaml": "id: messy\nlist:\n- a\n",
    }
    root = repo(tmp_path, files)
    code, out, err = fmt("--root", str(root))
    assert code == 1
    assert out == "reformatted data/councils/messy.yaml\n"
    assert err.splitlines() == [
        "data/councils/binary.yaml:2:7: Y103 byte 0xff is not valid UTF-8; save the file as UTF-8",
        "data/councils/broken.yaml:3:1: Y101 YAML syntax error: while parsing a flow sequence "
        "did not find expected ',' or ']'",
        "data/councils/tabbed.yaml:3:1: Y104 indentation uses a tab; indent with spaces",
        "data/councils/tagged.yaml:2:7: Y107 tag !!python/object/apply:os.system is refused; "
        "remove it",
        "1 file reformatted, 3 unchanged, 4 left as they are (see above)",
    ]
    for rel, content in files.items():
        if "messy" not in rel:
            raw = content if isinstance(content, bytes) else content.encode()
            assert (root / rel).read_bytes() == raw


def test_a_comment_it_would_lose_stops_the_write(tmp_path: Path) -> None:
    text = "id: messy\nlist: [a,  # the first\n  b]\nother:\n- c\n"
    root = repo(tmp_path, {"data/councils/messy.yaml": text})
    code, out, err = fmt("--root", str(root))
    assert code == 1 and out == ""
    assert err.startswith(
        "data/councils/messy.yaml:2:12: reformatting would lose or move this comment"
    )
    assert (root / "data/councils/messy.yaml").read_text() == text


def test_paths_pick_files_and_folders(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = repo(
        tmp_path,
        {"data/councils/a.yaml": "id: a\nl:\n- x\n", "data/meetings/b.yaml": "id: b\nl:\n- x\n"},
    )
    monkeypatch.chdir(root)
    assert fmt("--check", "data/councils/a.yaml")[:2] == (
        1,
        "would reformat data/councils/a.yaml\n",
    )
    assert fmt("--check", "data/meetings")[:2] == (1, "would reformat data/meetings/b.yaml\n")
    code, _, err = fmt("--check", "data/nothing.yaml")
    assert code == 2 and "data/nothing.yaml: no such file or folder" in err
    code, _, err = fmt("--check", str(tmp_path))
    assert code == 2 and "is outside the data repository" in err


def test_a_link_out_of_the_repository_is_not_followed(tmp_path: Path) -> None:
    outside = tmp_path / "outside.yaml"
    outside.write_text("id: outside\nl:\n- x\n")
    root = repo(tmp_path, {})
    (root / "data/councils/outside.yaml").symlink_to(outside)
    code, _, err = fmt("--root", str(root))
    assert code == 1
    assert "data/councils/outside.yaml:1:1: Y117 the file is a link to outside" in err
    assert outside.read_text() == "id: outside\nl:\n- x\n"


def test_dates_that_do_not_exist_are_formatted_as_text(tmp_path: Path) -> None:
    # ruamel.yaml would read 2011-02-30 as a timestamp, and fail
    text = "id: m\ndate: 2011-02-30\nl:\n- x\n"
    assert reformat(text.encode()) == "id: m\ndate: 2011-02-30\nl:\n  - x\n"


@pytest.mark.parametrize(
    ("text", "canonical"),
    [
        ("\n\n# top\n\nid: x\n", "# top\n\nid: x\n"),
        ("id: x\r\nname: y\r\n", "id: x\nname: y\n"),
        ("id: x\nname: y", "id: x\nname: y\n"),
        ("id: x\nname: y\n\n\n", "id: x\nname: y\n"),
        ("---\nid: x\n", "id: x\n"),
        ("id: x\nmap:\n    a: 1\n    b:\n        - x\n", "id: x\nmap:\n  a: 1\n  b:\n    - x\n"),
        ("id: x\ntext: |\n  line\n\n  more\n", "id: x\ntext: |\n  line\n\n  more\n"),
        ("id: x\ntext: |+\n  kept\n\n", "id: x\ntext: |+\n  kept\n\n...\n"),
        ("id: x\nl: [a,   b]\n", "id: x\nl: [a, b]\n"),
        ("id: x   \nk: 'it''s'  \n", "id: x\nk: 'it''s'\n"),
        ("id: x\nlong: " + "word " * 100 + "end\n", "id: x\nlong: " + "word " * 100 + "end\n"),
    ],
)
def test_canonical_layout(text: str, canonical: str) -> None:
    assert reformat(text.encode()) == canonical
    assert reformat(canonical.encode()) == canonical


def test_comments_are_found_outside_strings_and_block_scalars() -> None:
    text = "# a\nid: x # b\nk: '#no'\nl: |\n  # no\n# c\nm: x#no\n"
    assert comments(text) == [(1, 1, "# a"), (2, 7, "# b"), (6, 1, "# c")]


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow], database=None
)
@given(mutated_bytes())
def test_reformatting_never_raises_and_loses_nothing(case: tuple[str, bytes]) -> None:
    _, raw = case
    reformat_keeps_everything(raw)  # asserts what the formatter must keep


def test_a_failed_write_is_reported_and_the_run_goes_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import errno

    from shsv import atomic

    root = repo(tmp_path, {"data/councils/a.yaml": "id: a\nl:\n- x\n", COUNCIL: MESSY})

    def full(handle: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(atomic.os, "fsync", full)
    code, out, err = fmt("--root", str(root))
    assert (code, out) == (1, "")
    assert err.count("No space left on device; the existing file is unchanged") == 2
    assert (root / COUNCIL).read_text() == MESSY
    assert sorted(p.name for p in (root / "data/councils").iterdir()) == [
        "a.yaml",
        "lancaster-city-council.yaml",
    ]


def test_a_folder_stands_for_the_records_validate_reads_each_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    messy = "id: a\nl:\n- x\n"
    root = repo(
        tmp_path,
        {
            "data/councils/a.yaml": messy,
            "data/councils/.old/b.yaml": messy,
            "data/councils/notes.txt": messy,
        },
    )
    monkeypatch.chdir(root)
    code, out, err = fmt("--check", "data/councils", "data/councils/a.yaml", str(root / "data"))
    assert (code, out) == (1, "would reformat data/councils/a.yaml\n")
    assert err == "1 file would be reformatted, 3 unchanged\n"
    assert fmt("--check", "data/councils/.old")[:2] == (0, "")
