"""Broken and hostile record files: each gives data or a diagnostic at its place, on
both reading paths, never an exception."""

from __future__ import annotations

import os
import time
from datetime import date
from pathlib import Path

import pytest

from conftest import minimal, write_tree
from hostile import check_everything, key_not_text
from shsv import workdays
from shsv.checks.registry import Context
from shsv.fastread import read_fast
from shsv.layout import RecordFile
from shsv.validate import check_file, run
from shsv.yamlread import DEFAULT_LIMITS, Document, Problem, read, read_bytes

COUNCIL = "data/councils/x.yaml"
MEETING = "data/meetings/m.yaml"


def council(name: str = "X", extra: str = "") -> bytes:
    return f"id: x\nname: {name}\ntier: district\n{extra}".encode()


@pytest.mark.parametrize(
    ("rel", "raw", "expected"),
    [
        # invalid calendar dates, plain and written out
        (
            MEETING,
            b"id: m\ncouncil: x\nbody: Cabinet\ndate: 2011-02-30\n",
            (4, 7, "S205", "2011-02-30 is not a real calendar date"),
        ),
        (
            MEETING,
            b"id: m\ncouncil: x\nbody: Cabinet\ndate: 29 February 2011\n",
            (4, 7, "S205", "2011-02-29 is not a real calendar date"),
        ),
        (
            MEETING,
            b"id: m\ncouncil: x\nbody: Cabinet\ndate: '2011-13-01'\n",
            (4, 7, "S205", "not a real calendar date"),
        ),
        (
            MEETING,
            b"id: m\ncouncil: x\nbody: Cabinet\ndate: winter 9999\n",
            (4, 7, "S205", "outside 1900 to 2200"),
        ),
        (
            MEETING,
            b"id: m\ncouncil: x\nbody: Cabinet\ndate: '0000'\n",
            (4, 7, "S205", "outside 1900 to 2200"),
        ),
        # lone surrogates: as UTF-8 bytes (invalid UTF-8) and as an escape
        (COUNCIL, b"id: x\nname: ab\xed\xa0\x80cd\ntier: district\n", (2, 9, "Y103", "0xed")),
        (COUNCIL, council('"ab\\ud800cd"'), (2, 12, "Y101", "escape")),
        # control and bidirectional-override characters in ids and names
        (COUNCIL, "id: ab\u202ecd\nname: X\ntier: district\n".encode(), (1, 7, "Y112", "U+202E")),
        (COUNCIL, council("ab\u2067cd"), (2, 9, "Y112", "U+2067")),
        (COUNCIL, council("a\x1bb"), (2, 8, "Y112", "U+001B")),
        (COUNCIL, b'id: "x\\x1b"\nname: X\ntier: district\n', (1, 5, "Y112", "U+001B")),
        (COUNCIL, b'id: "x\\u200f"\nname: X\ntier: district\n', (1, 5, "S206", "not a valid id")),
        (COUNCIL, council("a\u0085b"), (2, 8, "Y112", "U+0085")),
        # 5000-digit numbers: integer, negative, float, and an overflowing exponent
        (
            COUNCIL,
            council(extra="call_in_days: " + "9" * 5000 + "\n"),
            (4, 15, "Y116", "out of range"),
        ),
        (COUNCIL, council(extra="call_in_days: -" + "9" * 5000 + "\n"), (4, 15, "Y116", "-99")),
        (COUNCIL, council(extra="call_in_days: " + "9" * 5000 + ".5\n"), (4, 15, "Y116", "")),
        (COUNCIL, council(extra="call_in_days: 1e999\n"), (4, 15, "Y116", "1e999")),
        (COUNCIL, council(extra="x" * 5000 + ": 1\n"), (4, 5001, "Y101", "")),
    ],
)
def test_hostile_values_get_positioned_diagnostics(
    rel: str, raw: bytes, expected: tuple[int, int, str, str]
) -> None:
    found = check_everything(rel, raw)  # both paths, both phases, and they agree
    line, column, code, words = expected
    assert [(d.line, d.column, d.code) for d in found] == [(line, column, code)], found
    assert words in found[0].message


@pytest.mark.parametrize(
    ("text", "line", "column", "words"),
    [
        # libyaml accepts these four; the YAML specification and its test suite do not
        ('key: "value"# not a comment\n', 1, 13, "space before the #"),
        ("key: 'value'#c\n", 1, 13, "space before the #"),
        ("key: [a, b]#c\n", 1, 12, "space before the #"),
        ("block: ># comment\n  text\n", 1, 8, "header"),
        ("flow: [a,\nb]\n", 2, 1, "indented more than 0"),
        ('quoted: "a\nb"\n', 2, 1, "indented more than 0"),
        ('list:\n  - "a\n  b"\n', 3, 1, "indented more than 2"),
        ("block: >\n \n   \n  # x\n", 4, 1, "more spaces than its first line"),
    ],
)
def test_what_libyaml_lets_through_is_refused(
    text: str, line: int, column: int, words: str
) -> None:
    problem = read(text.encode())
    assert isinstance(problem, Problem), problem
    assert (problem.code, problem.line, problem.column) == ("Y101", line, column)
    assert words in problem.message
    assert read_fast(text.encode()) is None


@pytest.mark.parametrize(
    ("text", "data"),
    [
        ("key: [\n  a,\n  b\n]\n", {"key": ["a", "b"]}),
        ("key: [a,\n# a comment\n  b]\n", {"key": ["a", "b"]}),
        ('key: "a\n  b"\n', {"key": "a b"}),
        ("key: 'a\n\n  b'\n", {"key": "a\nb"}),
        ("key: >\n  a\n  b\n", {"key": "a b\n"}),
        ("key: |2\n   a\n", {"key": " a\n"}),
        ("key: >  # a comment\n  a\n", {"key": "a\n"}),
        ("key: |\n\n  a\n", {"key": "\na\n"}),
        ("key: x#y\n", {"key": "x#y"}),
    ],
)
def test_valid_neighbours_of_those_still_read(text: str, data: object) -> None:
    doc = read(text.encode())
    assert isinstance(doc, Document), doc
    assert doc.data == data
    fast = read_fast(text.encode())
    assert fast is None or fast == data


@pytest.mark.parametrize(
    ("value", "exact"),
    [
        ("1_000", "1_000"),
        ("0b11", "0b11"),
        ("-0x1", "-0x1"),
        ("+0o7", "+0o7"),
        ("_5", "_5"),
        ("0X1F", "0X1F"),
        ("0x1F", 31),
        ("1e3", 1000.0),
        ("000_a96001623f51547d.txt", "000_a96001623f51547d.txt"),
        # found by fuzzing: yaml-rs reads these as floats
        ("004_775524e00", "004_775524e00"),
        ("2e_5", "2e_5"),
        ("3E13_", "3E13_"),
    ],
)
def test_the_paths_agree_on_numbers(value: str, exact: object) -> None:
    raw = f"key: {value}\n".encode()
    doc = read(raw)
    assert isinstance(doc, Document) and doc.data == {"key": exact}
    fast = read_fast(raw)
    assert fast is None or repr(fast) == repr(doc.data)


def test_a_pipe_is_not_read(tmp_path: Path) -> None:
    fifo = tmp_path / "x.yaml"
    os.mkfifo(fifo)
    problem = read_bytes(fifo)  # would block for ever if it were opened for reading
    assert isinstance(problem, Problem) and problem.code == "Y117"


def test_a_folder_is_not_read(tmp_path: Path) -> None:
    (tmp_path / "x.yaml").mkdir()
    problem = read_bytes(tmp_path / "x.yaml")
    assert isinstance(problem, Problem) and problem.code == "Y117"


def test_a_huge_file_is_refused_without_reading_it(tmp_path: Path) -> None:
    huge = tmp_path / "x.yaml"
    with huge.open("wb") as stream:  # sparse: 20 GB that take no room on disk
        stream.truncate(20 * 1024**3)
    started = time.perf_counter()
    problem = read_bytes(huge)
    assert time.perf_counter() - started < 1
    assert isinstance(problem, Problem) and problem.code == "Y109"
    assert "21,474,836,480 bytes" in problem.message
    assert f"{DEFAULT_LIMITS.max_bytes:,}" in problem.message


def test_a_file_is_read_in_one_buffer_of_its_size(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Not a buffer of the whole size limit for every small file."""
    path = tmp_path / "x.yaml"
    path.write_bytes(b"id: x\n")
    asked: list[int] = []
    real = os.read

    def counting(fd: int, size: int) -> bytes:
        asked.append(size)
        return real(fd, size)

    monkeypatch.setattr(os, "read", counting)
    assert read_bytes(path) == b"id: x\n"
    assert asked == [7, 1]  # its size and one byte more, then the end


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="no /proc here")
def test_a_file_longer_than_its_size_is_read_to_its_end() -> None:
    """Files in /proc say they hold nothing: what they do hold is read all the same."""
    raw = read_bytes(Path("/proc/self/status"))
    assert isinstance(raw, bytes) and b"\nPid:" in raw and raw.endswith(b"\n")


@pytest.mark.parametrize(
    "line",
    [
        "l: [a" + " " * 500_000,  # a flow list never closed, and blanks
        "l: a" + " | #" * 125_000,  # thousands of places that look like block headers
    ],
    ids=["unclosed-list", "header-like"],
)
def test_the_quick_scans_take_time_in_proportion_to_a_line(line: str) -> None:
    raw = f"id: x\n{line}\n  more\n".encode()
    started = time.perf_counter()
    assert read_fast(raw) is None  # the exact reader decides
    assert time.perf_counter() - started < 1


def test_a_pipe_in_the_repository_does_not_hang_validate(tmp_path: Path) -> None:
    root = write_tree(tmp_path / "repo", minimal())
    os.mkfifo(root / "data" / "councils" / "pipe.yaml")
    outcome = run(root, Context(as_of=date(2026, 1, 1)))
    assert [(d.path, d.code) for d in outcome.diagnostics] == [("data/councils/pipe.yaml", "Y117")]


def test_dates_centuries_apart_are_checked_quickly(tmp_path: Path) -> None:
    """A clear-days check must not walk day by day through three centuries."""
    files = minimal()
    files["data/meetings/lancaster-cabinet-2012-06-20.yaml"] = {
        **files["data/meetings/lancaster-cabinet-2012-06-20.yaml"],
        "date": "2199-12-30",
        "agenda_published": "1900-01-01",
    }
    root = write_tree(tmp_path / "repo", files)
    started = time.perf_counter()
    outcome = run(root, Context(as_of=date(2026, 1, 1)))
    assert time.perf_counter() - started < 2
    assert {d.code for d in outcome.diagnostics} <= {"D415"}


def test_a_general_exception_centuries_before_its_meeting_is_checked_quickly(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Its notice needs five clear working days: counting stops at five."""
    looked_at: list[date] = []
    is_working_day = workdays.is_working_day

    def counted(day: date) -> bool:
        looked_at.append(day)
        return is_working_day(day)

    monkeypatch.setattr(workdays, "is_working_day", counted)
    files = minimal()
    meeting = files["data/meetings/lancaster-cabinet-2012-06-20.yaml"]
    files["data/meetings/lancaster-cabinet-2012-06-20.yaml"] = {**meeting, "date": "2200-12-31"}
    files["data/reports/a-key-decision.yaml"] = {
        "id": "a-key-decision",
        "title": "Revenues and Benefits",
        "council": "lancaster-city-council",
        "programme": "shared-services",
        "meetings": [{"meeting": meeting["id"]}],
        "decision_type": "key",
        "urgency": {"procedure": "general-exception", "notice_published": "1900-01-01"},
    }
    root = write_tree(tmp_path / "repo", files)
    started = time.perf_counter()
    outcome = run(root, Context(as_of=date(2026, 1, 1)))
    assert time.perf_counter() - started < 2
    assert [(d.path, d.code) for d in outcome.diagnostics] == []
    assert 0 < len(looked_at) < 30  # five working days, and the weekends between


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        # found by the long fuzz run: libyaml counts a bare CR as a line break
        (b"\r>", (2, 1, "Y114")),
        (b"a: [b,\rc]\r", (2, 1, "Y101")),
        (b"a: >\r \r   \r  # x\r", (4, 1, "Y101")),
        ("a: [b,\u2028c]\n".encode(), (2, 1, "Y101")),
    ],
)
def test_lines_are_counted_as_libyaml_counts_them(
    raw: bytes, expected: tuple[int, int, str]
) -> None:
    problem = read(raw)
    assert isinstance(problem, Problem)
    assert (problem.line, problem.column, problem.code) == expected


@pytest.mark.parametrize("newline", ["\r\n", "\r", "\u2028", "\u2029"])
def test_only_lf_files_go_the_fast_way(newline: str) -> None:
    """The fast path's scan sees lines at LF only; any other line break could hide
    deep nesting from it (a bare-CR file 100,000 levels deep crashed yaml-rs)."""
    raw = f"id: x{newline}name: y\n".encode()
    assert read_fast(raw) is None
    assert read_fast(b"id: x\nname: y\n") == {"id": "x", "name": "y"}


@pytest.mark.parametrize(
    "text",
    [
        "a: |\n",  # an empty block scalar: yaml-rs reads a line break
        "a: >\nb: 1\n",
        "a: ! x\n",  # the non-specific tag
        "- ! x\n",
    ],
)
def test_the_fast_path_leaves_these_to_the_exact_reader(text: str) -> None:
    assert read_fast(text.encode()) is None


@pytest.mark.parametrize("text", ["68: x\n", "id: x\na:\n  1.5: x\n", "~: x\n", "True: x\n"])
def test_a_key_that_is_not_text_gets_the_exact_readers_finding(text: str) -> None:
    """yaml-rs reads such a key as a number, null or a boolean, as the core schema does;
    the schema refuses it, and the finding is the exact reader's, with its place."""
    raw = text.encode()
    fast = read_fast(raw)
    assert fast is not None and key_not_text(fast)
    file = RecordFile("data/councils/x.yaml", "data/councils/x.yaml", "councils")
    context = Context(as_of=date(2020, 1, 1))
    quick, slow = (check_file(file, raw, context, fast=fast).diagnostics for fast in (True, False))
    assert quick == slow and [d.code for d in quick] == ["Y115"]


@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"])
def test_text_problems_are_placed_on_the_lines_libyaml_sees(newline: str) -> None:
    bad_byte = read(f"a: 1{newline}b: caf".encode() + b"\xe9\n")
    bidi = read(f"a: 1{newline}b: x\u202ey\n".encode())
    assert isinstance(bad_byte, Problem) and isinstance(bidi, Problem)
    assert (bad_byte.line, bad_byte.column, bad_byte.code) == (2, 7, "Y103")
    assert (bidi.line, bidi.column, bidi.code) == (2, 5, "Y112")


@pytest.mark.parametrize("cache", [False, True], ids=["no-cache", "cache"])
def test_validate_neither_hangs_on_a_pipe_nor_reads_a_huge_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, cache: bool
) -> None:
    """Through every reading path validate has (its own quick read, the cache's)."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "user-cache"))
    root = write_tree(tmp_path / "repo", minimal())
    os.mkfifo(root / "data" / "councils" / "pipe.yaml")
    with (root / "data" / "councils" / "huge.yaml").open("wb") as stream:
        stream.truncate(20 * 1024**3)
    started = time.perf_counter()
    for _ in range(2):  # the second run meets the cache the first one wrote
        outcome = run(root, Context(as_of=date(2026, 1, 1)), cache=cache)
        assert [(d.path, d.code) for d in outcome.diagnostics] == [
            ("data/councils/huge.yaml", "Y109"),
            ("data/councils/pipe.yaml", "Y117"),
        ]
    assert time.perf_counter() - started < 5
