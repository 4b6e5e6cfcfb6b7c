"""The fast path agrees with the exact reader: the same data, and the same findings at
the same line and column, over the shipped data and a generated corpus with every kind
of breakage (every case of the YAML test suite: tests/test_yaml_suite.py). And its
quick scan for suspicious text gives the same answer as the patterns it stands in for,
and the one pass that lets most files skip the scan (shsv.prescan) finds something
wherever the scan does."""

from __future__ import annotations

import os
import re
from datetime import date
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from conftest import ROOT, YAML_SUITE
from generated import breakage, generated
from hostile import reads_the_same
from shsv import prescan
from shsv.checks.registry import Context
from shsv.fastread import (
    _LEAD,
    _LINE_START_HINT,
    _LINE_START_PATTERN,
    _SUSPECT,
    _every_block,
    _odd_block,
    _odd_flow,
    read_fast,
    suspect,
)
from shsv.layout import RecordFile, discover
from shsv.validate import check_file
from shsv.yamlread import Document, precheck, read

CONTEXT = Context(as_of=date(2020, 1, 1))


def _agree(file: RecordFile, raw: bytes) -> bool:
    """Asserts the two paths agree on ``raw``; returns whether the fast path took it."""
    fast = read_fast(raw)
    if fast is not None:
        reads_the_same(fast, read(raw))
    quick = check_file(file, raw, CONTEXT, fast=True).diagnostics
    slow = check_file(file, raw, CONTEXT, fast=False).diagnostics
    assert quick == slow, file.rel
    return fast is not None


def test_shipped_data() -> None:
    files = discover(ROOT)
    taken = [_agree(file, file.path.read_bytes()) for file in files]
    assert len(files) == 53 and sum(taken) >= 45


def test_an_alias_needs_no_scan_yet_is_never_taken() -> None:
    # The scan lets "*" pass (Markdown bold starts many a line of a block scalar):
    # yaml-rs refuses an alias whose anchor is missing, and an anchor sends the file
    # to the exact reader, so an alias never reaches the data.
    bold = b"id: x\ntext: |\n  **For decision:** the report\n"
    assert read_fast(bold) == {"id": "x", "text": "**For decision:** the report\n"}
    for raw in (b"id: *x\n", b"id: x\nb: [*x]\n", b"a: &x 1\nb: *x\n", b"a: **b**\n"):
        assert read_fast(raw) is None
        assert not isinstance(read(raw), Document)  # refused, with a position


@pytest.fixture(scope="module")
def broken_corpus(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    root = tmp_path_factory.mktemp("corpus")
    return root, generated(root, 60, broken=0.3)


def test_generated_corpus_with_every_kind_of_breakage(
    broken_corpus: tuple[Path, dict[str, str]],
) -> None:
    root, broken = broken_corpus
    assert set(broken.values()) == set(breakage.WAYS)
    taken = [_agree(file, file.path.read_bytes()) for file in discover(root)]
    assert sum(taken) > len(taken) * 0.8  # the fast path really is the usual one


def _reference(text: str) -> bool:
    return precheck(text) is not None or bool(re.search(_SUSPECT, text))


def _nests_deep(line: str) -> bool:
    """20 characters of indentation and list dashes, or a list in a list on one line."""
    lead = _LEAD.match(line)
    assert lead is not None
    return lead.end() >= 20 or re.match(r" *(?:- +)*- +-", line) is not None


def _quiet_only_when_clean(text: str, raw: bytes | None = None) -> None:
    """The one pass (shsv.prescan) finds nothing only where the scans it stands in for
    find nothing either, and no line may nest deep."""
    raw = text.encode() if raw is None else raw
    if prescan.quiet(raw):
        assert not _odd_flow(text), text
        assert text.startswith(("|", ">")) or not _odd_block(text), text
        assert not suspect(raw, text), text
        assert not any(_nests_deep(line) for line in text.split("\n")), text


ALPHABET = list(
    " \t\n\r-?:&*!%.\\0123456789abnulrtesfNTFxXoOBE_'\"[]{},#|>~"
    "\u00a0\u0085\u202e\u2066\x00\x1b\x7f£’\ufeff"
)


@settings(max_examples=3000, deadline=None)
@given(st.text(alphabet=st.sampled_from(ALPHABET), max_size=160), st.booleans())
@example("- " * 40 + "x", False)
@example("a:\n" + "  " * 40 + "b", False)
@example("x\n" + "? " * 20 + ": " * 20 + "y", False)
@example("---\na: 1", True)
@example("a: 1\n...\n", False)
@example("%YAML 1.2\n---\n", False)
@example("a: &x 1\nb: *x", False)
@example("a: Finance & Resources\nb: R&D", False)
@example("a: 1234567890123456789", False)
@example('a: "\\x07"', False)
@example("a: 2e0622e03f.txt\nb: 0bf5092f3c.pdf\nc: [1e100, 0x1F]", False)
@example("a: 1e999\nb: 0b11: x", False)
def test_quick_scan_gives_the_same_answer(text: str, bom: bool) -> None:
    raw = ("\ufeff" if bom else "").encode() + text.encode("utf-8")
    assert suspect(raw, text) == _reference(text)
    _quiet_only_when_clean(text, raw)


def test_quick_scan_over_real_files(broken_corpus: tuple[Path, dict[str, str]]) -> None:
    root, _ = broken_corpus
    raws = [f.path.read_bytes() for f in discover(ROOT) + discover(root)]
    raws += [p.read_bytes() for p in YAML_SUITE.rglob("in.yaml")]
    for raw in raws:
        try:
            text = raw.decode("utf-8").removeprefix("\ufeff")
        except UnicodeDecodeError:
            continue
        assert suspect(raw, text) == _reference(text)
        _quiet_only_when_clean(text, raw)


_PIECES = ["", " ", "  ", "\t", "- ", "-", "? ", "?", ": ", ":", "[a]", "[a, b]", "{", "}",
           "null", "Null", "~", "true", "False", "-1", "+2", ".5", "0x1F", "1e3", "key",
           "number", "text", "&a", "*a", "!!str", "---", "...", "%", "#", "'q'", '"q"',
           "1234567890123456789", "\\t", "\\x07", "£", "’", "2e0622e03f", "0bf5",
           ".txt", "1e100", "0x1F", "_"]  # fmt: skip


@settings(max_examples=3000, deadline=None)
@given(st.lists(st.lists(st.sampled_from(_PIECES), max_size=6).map("".join), max_size=8))
def test_quick_scan_on_line_shaped_text(lines: list[str]) -> None:
    text = "\n".join(lines)
    assert suspect(text.encode(), text) == _reference(text)
    _quiet_only_when_clean(text)


@pytest.mark.parametrize(
    ("line", "deep"),
    [
        (" " * 20 + "a: 1", True),
        (" " * 18 + "- a", True),  # 20 characters of indentation and dashes
        ("  - - a", True),  # a list in a list on one line
        ("-   - a", True),
        (" " * 19 + "a: 1", False),
        ("  - a: x - - y", False),  # text, not nesting
        ("  text: >-", False),
    ],
)
def test_lines_that_may_nest_deep_are_found(line: str, deep: bool) -> None:
    """Such a line makes the fast path count the data's depth rather than trust the
    text's shape (see fastread._within)."""
    assert (_LINE_START_HINT(f"id: x\n{line}\n") is not None) is deep


@settings(max_examples=3000, deadline=None)
@given(st.lists(st.lists(st.sampled_from([p for p in _PIECES if "\t" not in p]), max_size=8)
                .map("".join), min_size=2, max_size=8))  # fmt: skip
@example(["id: x", " " * 18 + "- a"])
@example(["id: x", "  - - a"])
def test_the_line_start_hint_misses_no_line(lines: list[str]) -> None:
    """It fires for every line after the first that may nest deep (20 characters of
    indentation and dashes, or "- -") or that a line-start pattern matches. Tabs are
    left out: a file with one is suspect before the hint counts."""
    text = "\n".join(lines)
    for line in lines[1:]:
        if _nests_deep(line) or _LINE_START_PATTERN.match(line):
            assert _LINE_START_HINT(text) is not None, line
    _quiet_only_when_clean(text)


def test_data_nested_up_to_the_limit_is_counted() -> None:
    nested = "".join(f"{' ' * i}k{i}:\n" for i in range(19)) + " " * 19 + "- " * 14 + "x\n"
    data = read_fast(nested.encode())
    depth, value = 0, data
    while isinstance(value, dict | list):
        depth, value = (
            depth + 1,
            next(iter(value.values())) if isinstance(value, dict) else value[0],
        )
    exact = read(nested.encode())
    assert depth == 33 and isinstance(exact, Document) and exact.data == data


_BLOCK_PIECES = ["", " ", "  ", "\t", "- ", "-", "a", "a: ", "key: ", "|", ">", "|-", ">+",
                 "|2", " #c", "x", " >-", "- >", "- k: >", "'>'"]  # fmt: skip


@settings(max_examples=3000, deadline=None)
@given(st.lists(st.lists(st.sampled_from(_BLOCK_PIECES), max_size=6).map("".join), max_size=6))
@example(["a: >-", "  text", "- >", "  more", "- k: >", "    deeper"])
@example(["a: >", "b: x"])
def test_quick_block_scan_gives_the_same_answer(lines: list[str]) -> None:
    text = "\n".join(lines)
    if not text.startswith(("|", ">")):  # a scalar at the top: refused either way
        assert _odd_block(text) == _every_block(text)
    _quiet_only_when_clean(text)
    _quiet_only_when_clean(text + "\n")


_FLOW_PIECES = ["[", "]", ",", ", ", " ", "a", "ab", "x y", "£5", "é", "’", "€", "\u00a0",
                "\u2003", "\u3000", "\u1680", "\x85", ":", "#", "-", "?", "'", "{", "\n",
                "key: ", "- ", "|", ">"]  # fmt: skip


@settings(max_examples=3000, deadline=None)
@given(st.lists(st.sampled_from(_FLOW_PIECES), max_size=14).map("".join))
@example("a: [ab, cd]\n")
@example("a: [é]\n")
@example("a: [\u00a0ab]\n")
@example("a: [ab, \u3000x]\n")
@example("a: [£5, ab,]\n")
@example("a: [ab")
def test_the_one_pass_finds_every_odd_flow_list(text: str) -> None:
    _quiet_only_when_clean(text)


NO_RE2 = "RE2 (the optional 'fast' extra, google-re2) is not installed: the one pass is off"


def test_the_one_pass_is_installed() -> None:
    if prescan.search() is None:
        assert os.environ.get("SHSV_CI") != "1", NO_RE2  # CI installs every extra
        pytest.skip(NO_RE2)


@pytest.mark.parametrize(
    "text",
    [
        "a: !!str x\n",
        "a: &x 1\n",
        "a:\tb\n",
        "a: [é]\n",
        "a: [b c d, e\n",
        "a: 0x1F\n",
        "a: 1_000\n",
        "a: 1e999\n",
        "a: >\nb: x\n",
        "a: |2\n   x\n",
        "- k: |\n  x\n",
        "  a: |\n  x\n",
        "a: |\n\n b\n",
        " " * 18 + "- a\n",
        "- - a\n",
        "? a\n",
        "---\na: 1\n",
    ],
)
def test_the_one_pass_finds_what_it_must(text: str) -> None:
    if prescan.search() is None:
        pytest.skip(NO_RE2)
    assert not prescan.quiet(text.encode())


def test_the_one_pass_lets_a_usual_record_through(
    broken_corpus: tuple[Path, dict[str, str]],
) -> None:
    if prescan.search() is None:
        pytest.skip(NO_RE2)
    root, broken = broken_corpus
    clean = [f for f in discover(root) if f.rel not in broken]
    quiet = [prescan.quiet(f.path.read_bytes()) for f in clean]
    assert len(clean) > 40 and sum(quiet) == len(clean)
    shipped = [prescan.quiet(f.path.read_bytes()) for f in discover(ROOT)]
    assert sum(shipped) >= len(shipped) // 2


_SHIPPED = [f.path.read_bytes().decode() for f in discover(ROOT)]
_ENDS = [" |", " >-", " |-", " >", ": |", ": >-", " [a]", " [ab, cd]", " [é]", " &x", " #",
         "- ", " - x", " 0x1F", ""]  # fmt: skip
_EDIT = st.tuples(
    st.sampled_from(["shift", "end", "blank", "spaces", "copy", "delete", "swap"]),
    st.floats(0, 1, exclude_max=True),
    st.floats(0, 1, exclude_max=True),
    st.sampled_from(_ENDS),
    st.sampled_from([-4, -2, -1, 1, 2, 4]),
)


@settings(max_examples=2000, deadline=None)
@given(st.sampled_from(range(len(_SHIPPED))), st.lists(_EDIT, min_size=1, max_size=3))
def test_the_one_pass_on_edited_records(
    index: int, edits: list[tuple[str, float, float, str, int]]
) -> None:
    """Real records edited as people edit them: a line indented more or less, a header
    or a list added at a line's end, lines added, copied, removed or swapped."""
    lines = _SHIPPED[index].split("\n")
    for op, at, other, end, shift in edits:
        i, j = int(at * len(lines)), int(other * len(lines))
        line = lines[i]
        if op == "shift":
            lead = len(line) - len(line.lstrip(" "))
            lines[i] = " " * max(0, lead + shift) + line.lstrip(" ")
        elif op == "end":
            lines[i] = line + end
        elif op in ("blank", "spaces"):
            lines.insert(i, "" if op == "blank" else " " * abs(shift))
        elif op == "copy":
            lines.insert(i, lines[j])
        elif op == "delete" and len(lines) > 1:
            del lines[i]
        elif op == "swap":
            lines[i], lines[j] = lines[j], lines[i]
    _quiet_only_when_clean("\n".join(lines))
