"""The position-keeping reader: YAML 1.2 core values, positions, and what it refuses."""

from __future__ import annotations

import pytest

from shsv.yamlread import Document, Problem, read


def ok(text: str) -> Document:
    doc = read(text.encode("utf-8"))
    assert isinstance(doc, Document), doc
    return doc


def refused(raw: bytes | str) -> Problem:
    problem = read(raw.encode("utf-8") if isinstance(raw, str) else raw)
    assert isinstance(problem, Problem), problem
    return problem


def test_yaml_1_2_core_schema() -> None:
    doc = ok(
        "a: yes\nb: true\nc: '100'\nd: 100\ne: 2011-07-26\nf: ~\ng: 0o17\nh: 0x1F\n"
        "i: 1.5\nj: No\nk: 1_000\n"
    )
    assert doc.data == {
        "a": "yes",
        "b": True,
        "c": "100",
        "d": 100,
        "e": "2011-07-26",
        "f": None,
        "g": 15,
        "h": 31,
        "i": 1.5,
        "j": "No",
        "k": "1_000",
    }


def test_positions_of_keys_and_values() -> None:
    doc = ok("id: x\nbody:\n  - number: '1'\n    text: £5 é\n")
    assert doc.position(("id",)) == (1, 5)
    assert doc.position(("id",), key=True) == (1, 1)
    assert doc.position(("body", 0, "text")) == (4, 11)
    assert doc.position(("body", 0, "text"), key=True) == (4, 5)
    # a place that does not exist falls back to its nearest ancestor
    assert doc.position(("body", 0, "missing")) == (3, 5)


def test_ruamel_crash_case_reads() -> None:
    # ruamel's round-trip loader raises NotImplementedError on this ordinary file.
    doc = ok("key:  # note\n  value\n\nother: 1\n")
    assert doc.data == {"key": "value", "other": 1}


@pytest.mark.parametrize(
    ("text", "code", "line", "column"),
    [
        ("a: 1\na: 2\n", "Y102", 2, 1),
        ("a: &x 1\nb: *x\n", "Y106", 1, 4),
        ("a: !!python/object:os.system x\n", "Y107", 1, 4),
        ("a: !foo bar\n", "Y107", 1, 4),
        ("<<: {a: 1}\n", "Y108", 1, 1),
        ("a: 1\n---\nb: 2\n", "Y105", 2, 1),
        ("a: [1, 2\n", "Y101", 2, 1),
        ("a:\n\t- b\n", "Y104", 2, 1),
        ("", "Y113", 1, 1),
        ("# only a comment\n", "Y113", 1, 1),
        ("- a\n- b\n", "Y114", 1, 1),
        ("1: x\n", "Y115", 1, 1),
        ("? [a]\n: b\n", "Y115", 1, 3),
        ("a: 12345678901234567890\n", "Y116", 1, 4),
        ("a: " + "9" * 5000 + "\n", "Y116", 1, 4),
        ("name: ab\u202ecd\n", "Y112", 1, 9),
        ('name: "ab\\u202ecd"\n', "Y112", 1, 7),
        ("name: a\x07b\n", "Y112", 1, 8),
        ('name: "\\ud800"\n', "Y101", 1, 10),
    ],
)
def test_refusals_are_positioned(text: str, code: str, line: int, column: int) -> None:
    problem = refused(text)
    assert (problem.code, problem.line, problem.column) == (code, line, column), problem


def test_invalid_utf8_is_positioned() -> None:
    problem = refused(b"a: 1\nb: caf\xe9\n")
    assert (problem.code, problem.line, problem.column) == ("Y103", 2, 7)


def test_utf16_is_refused() -> None:
    assert refused("a: 1\n".encode("utf-16")).code == "Y103"


def test_bom_is_allowed() -> None:
    assert read(b"\xef\xbb\xbfa: 1\n") == Document(
        {"a": 1}, {(): (1, 1), ("a",): (1, 4)}, {("a",): (1, 1)}
    )


def test_libyamls_own_nesting_limit_is_the_depth_finding() -> None:
    """libyaml 0.2.6 stops at 1,000 levels of flow nesting while scanning ahead, before
    any event reaches shsv's depth limit; the finding is Y110 all the same."""
    import yaml

    from shsv.yamlread import _syntax_problem

    mark = yaml.Mark("<unicode string>", 1002, 1, 1002, None, None)
    error = yaml.scanner.ScannerError(
        "while increasing flow level", mark, "exceeded maximum nesting depth", mark
    )
    problem = _syntax_problem(error)
    assert (problem.code, problem.line, problem.column) == ("Y110", 2, 1003)
    assert problem.message == "nested more than 48 levels deep"
