"""Hostile inputs shared by the tests and the long fuzz run in ``fuzz/``.

Strategies that mutate the shipped records (as bytes, and as data) and raw bytes;
``check_everything``: one input through both reading paths and the whole of phase one
(schema and record checks) and phase two (checks across records), asserting that
every outcome is data or a positioned diagnostic, and that both paths agree; and
``reformat_keeps_everything``: the formatter's properties for one input.
"""

from __future__ import annotations

import math
import re
from datetime import date
from pathlib import Path
from typing import Any

import yaml
from hypothesis import strategies as st

from shsv.checks.cross import check_all
from shsv.checks.registry import Context
from shsv.diagnostics import Diagnostic
from shsv.fastread import read_fast
from shsv.fmt import comments, reformat
from shsv.layout import RecordFile
from shsv.rules import BY_CODE
from shsv.validate import check_file
from shsv.yamlread import Document, Problem, read

ROOT = Path(__file__).resolve().parent.parent
KIND_OF = {path: path.parent.name for path in sorted((ROOT / "data").rglob("*.yaml"))}
SEED_FILES = {f"data/{path.parent.name}/{path.name}": path.read_bytes() for path in sorted(KIND_OF)}
SEED_NAMES = sorted(SEED_FILES)


def _seed_summaries() -> list[Any]:
    out = []
    for rel, raw in SEED_FILES.items():
        file = RecordFile(rel, rel, rel.split("/")[1])
        result = check_file(file, raw, Context(as_of=date(2026, 1, 1)))
        assert result.summary is not None, rel
        out.append(result.summary)
    return out


SEED_SUMMARIES = _seed_summaries()

# Pieces that have broken YAML readers before: indicators, tags, anchors, escapes,
# odd characters, huge and impossible numbers and dates, bidirectional overrides.
TOKENS: list[bytes] = [
    b"\n",
    b" ",
    b"  ",
    b"\t",
    b"\r\n",
    b"\r",
    "\u2028".encode(),
    b"#",
    b" # c",
    b":",
    b": ",
    b"- ",
    b"? ",
    b"[",
    b"]",
    b"{",
    b"}",
    b",",
    b"'",
    b'"',
    b"|",
    b">",
    b"|-\n",
    b"&a ",
    b"*a",
    b"<<: ",
    b"!!python/object/apply:os.system ['touch CANARY']",
    b"!!str ",
    b"!foo ",
    b"%YAML 1.1\n",
    b"---\n",
    b"...\n",
    b"\\",
    b'"\\ud800"',
    b'"\\x07"',
    b'"\\u202e"',
    b"\xed\xa0\x80",
    b"\xe2\x80\xae",
    b"\x00",
    b"\x85",
    b"\xef\xbb\xbf",
    b"\xff",
    b"9" * 5000,
    b"1_000",
    b"0b11",
    b"-0o7",
    b".nan",
    b"-.inf",
    b"1e999",
    b"2011-02-30",
    b"0000-01-01",
    b"9999-12-31",
    b"Q5 2010",
    b"winter 9999",
    b"2010/11",
    b"yes",
    b"~",
    b"null",
    b"true",
    b"[" * 60,
    b"- " * 60,
    b"{a: " * 60,
    b"{{ 7*7 }}",
    b"<script>alert(1)</script>",
]


@st.composite
def mutated_bytes(draw: st.DrawFn) -> tuple[str, bytes]:
    """A shipped record with a few byte-level edits."""
    rel = draw(st.sampled_from(SEED_NAMES))
    raw = bytearray(SEED_FILES[rel])
    for _ in range(draw(st.integers(1, 6))):
        at = draw(st.integers(0, len(raw)))
        action = draw(st.sampled_from(["insert", "replace", "delete", "line"]))
        if action == "delete":
            del raw[at : at + draw(st.integers(1, 40))]
        elif action == "line":  # duplicate a line, or indent it differently
            start = raw.rfind(b"\n", 0, at) + 1
            end = raw.find(b"\n", at)
            end = len(raw) if end < 0 else end + 1
            line = bytes(raw[start:end])
            raw[start:end] = draw(st.sampled_from([line * 2, b"  " + line, line.lstrip(), b""]))
        else:
            piece = draw(
                st.sampled_from(TOKENS)
                if draw(st.integers(0, 9))
                else st.binary(min_size=1, max_size=4)
            )
            raw[at : at + (len(piece) if action == "replace" else 0)] = piece
    return rel, bytes(raw)


ODD_VALUES: list[Any] = [
    None,
    True,
    0,
    -1,
    10**18,
    1.5,
    math.inf,
    "",
    " ",
    "x" * 300,
    "yes",
    "2011-02-30",
    "2011-02-29",
    "2012-02-29",
    "0001-01-01",
    "0000-01-01",
    "9999-12-31",
    "by 9999-12-31",
    "winter 9999",
    "9999/00",
    "Q4 9999",
    "H2 9999",
    "2011-07-26/2011-07-25",
    "31 February 2011",
    "../../etc/passwd",
    "/etc/passwd",
    "con",
    "a" * 81,
    "ab\u202ecd",
    "<script>alert(1)</script>",
    "[x](javascript:alert(1))",
    "{{ ''.__class__.__mro__ }}",
    [],
    [None],
    {},
    {"x": 1},
]


_DATE_LIKE = re.compile(r"[0-9]{4}|.* [0-9]{4}$")
ODD_DATES = [
    "2011-02-30",
    "2011-02-29",
    "2012-02-29",
    "2011-13-01",
    "0001-01-01",
    "0000-01-01",
    "9999-12-31",
    "1900-01-01",
    "2100-01-01",
    "by 9999-12-31",
    "by 0001-01-01",
    "0001-01-01/9999-12-31",
    "winter 9999",
    "winter 0000",
    "spring 0001",
    "9999/00",
    "0000/01",
    "Q4 9999",
    "Q1 0001",
    "H2 9999",
    "December 9999",
    "January 0001",
    "31 December 9999",
    "1 January 0001",
    "9999",
    "0000",
    "2011-07-26/2011-07-25",
    "31 February 2011",
    "between 2011 and 2010",
]


def _leaves(data: Any, loc: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    out = [loc]
    if isinstance(data, dict):
        for key, value in data.items():
            out.extend(_leaves(value, (*loc, key)))
    elif isinstance(data, list):
        for i, value in enumerate(data):
            out.extend(_leaves(value, (*loc, i)))
    return out


def _replace(data: Any, loc: tuple[Any, ...], value: Any, delete: bool) -> Any:
    if not loc:
        return value
    parent = data
    for part in loc[:-1]:
        parent = parent[part]
    if delete:
        del parent[loc[-1]]
    else:
        parent[loc[-1]] = value
    return data


@st.composite
def mutated_data(draw: st.DrawFn) -> tuple[str, bytes]:
    """A shipped record with fields replaced, removed or given odd values, dumped as
    plain YAML, so it gets through the reader and exercises the schema and the checks."""
    rel = draw(st.sampled_from(SEED_NAMES))
    doc = read(SEED_FILES[rel])
    assert isinstance(doc, Document)
    data = doc.data
    for _ in range(draw(st.integers(1, 4))):
        places = _leaves(data)[1:]
        if not places:
            break
        loc = draw(st.sampled_from(places))
        other = draw(st.sampled_from(places))
        old = _get(data, loc)
        value: Any = draw(
            st.one_of(
                st.sampled_from(ODD_DATES)
                if isinstance(old, str) and _DATE_LIKE.match(old)
                else st.sampled_from(ODD_VALUES),
                st.sampled_from(ODD_VALUES),
                st.text(max_size=20),
                st.integers(),
                st.just(_get(data, other)),
            )
        )
        data = _replace(data, loc, _copy(value), draw(st.booleans()))
    text = yaml.safe_dump(data, sort_keys=False, allow_unicode=True)
    return rel, text.encode("utf-8", "surrogatepass")


def _get(data: Any, loc: tuple[Any, ...]) -> Any:
    for part in loc:
        data = data[part]
    return data


def _copy(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _copy(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_copy(v) for v in value]
    return value


raw_bytes = st.tuples(
    st.sampled_from(SEED_NAMES), st.binary(max_size=400) | st.text(max_size=200).map(str.encode)
)
anything = st.one_of(mutated_bytes(), mutated_data(), raw_bytes)


def reads_the_same(fast: Any, exact: Document | Problem) -> None:
    """Asserts that the fast path read what the exact reader reads: the same data, or,
    where the exact reader refuses a key that is not text (Y115), data with such a key,
    which no record schema accepts (so the file's findings come from the exact reader)."""
    if isinstance(exact, Problem) and exact.code == "Y115":
        assert key_not_text(fast), f"the fast path read a file refused for its keys: {exact}"
        return
    assert isinstance(exact, Document), f"fast path read what the exact reader refuses: {exact}"
    assert repr(fast) == repr(exact.data), "the reading paths disagree on the data"


def key_not_text(value: Any) -> bool:
    """Whether any mapping in ``value`` has a key that is not text."""
    if isinstance(value, dict):
        return any(not isinstance(k, str) or key_not_text(v) for k, v in value.items())
    return isinstance(value, list) and any(key_not_text(item) for item in value)


def check_everything(rel: str, raw: bytes, as_of: date = date(2020, 1, 1)) -> list[Diagnostic]:
    """Both reading paths and both phases over one input; asserts every outcome is
    data or positioned diagnostics, and that the paths agree. Any other exception
    propagates, which is what the fuzz looks for."""
    file = RecordFile(rel, rel, rel.split("/")[1])
    context = Context(as_of=as_of)
    exact = read(raw)
    fast = read_fast(raw)
    if fast is not None:
        reads_the_same(fast, exact)
    results = [check_file(file, raw, context, fast=fast) for fast in (True, False)]
    assert results[0].diagnostics == results[1].diagnostics, "the reading paths disagree"
    diagnostics = results[0].diagnostics
    if isinstance(exact, Problem):
        assert [(d.line, d.column, d.code) for d in diagnostics] == [
            (exact.line, exact.column, exact.code)
        ]
    summary = results[1].summary
    if summary is not None:
        others = [s for s in SEED_SUMMARIES if s.rel != rel]
        for where, finding in check_all([*others, summary]):
            assert finding.code in BY_CODE and finding.message, (where, finding)
    for d in diagnostics:
        assert d.line >= 1 and d.column >= 1, d
        assert d.code in BY_CODE and d.message, d
    return diagnostics


def reformat_keeps_everything(raw: bytes) -> bool:
    """Asserts the formatter's properties for one input: it refuses only with a
    positioned problem, reformats only what the reader accepts, and what it writes
    reads back as the same data with the same comments and is its own layout. Returns
    whether it reformatted the input."""
    before = read(raw)
    out = reformat(raw)
    if isinstance(out, Problem):
        assert out.line >= 1 and out.column >= 1 and out.message
        return False
    assert isinstance(before, Document)
    after = read(out.encode())
    assert isinstance(after, Document) and repr(after.data) == repr(before.data)
    text = raw.decode("utf-8").removeprefix("\ufeff")
    assert [c for *_, c in comments(out)] == [c for *_, c in comments(text)]
    assert reformat(out.encode()) == out, "the layout does not settle"
    return True
