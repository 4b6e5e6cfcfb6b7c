"""The registry's per-class table and the numbering checks' shortcuts: never a finding
lost, never a check missed."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from shsv.checks import registry
from shsv.checks.numbering import _at, _in_section, decision_numbering, gaps, report_numbering
from shsv.findings import Finding
from shsv.model import Council, Decision, Record, Report
from shsv.model.parts import Paragraph, Section
from shsv.yamlread import Loc

CONTEXT = registry.Context(as_of=date(2026, 1, 1))
COUNCIL = Council.model_validate({"id": "a-council", "name": "A Council", "tier": "district"})


def test_run_follows_a_check_registered_after_it_ran(monkeypatch: pytest.MonkeyPatch) -> None:
    assert registry.run(COUNCIL, CONTEXT) == []
    monkeypatch.setattr(registry, "CHECKS", registry.CHECKS)  # put back after the test

    @registry.check(Council, "D410")
    def named(council: Council, context: registry.Context) -> Iterator[Finding]:
        yield Finding("D410", ("name",), council.name)

    assert registry.run(COUNCIL, CONTEXT) == [Finding("D410", ("name",), "A Council")]
    monkeypatch.undo()
    assert registry.run(COUNCIL, CONTEXT) == []


def test_run_applies_the_checks_of_a_kind_and_its_bases_in_order(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(registry, "CHECKS", ())

    @registry.check(Council, "D410")
    def first(council: Council, context: registry.Context) -> Iterator[Finding]:
        yield Finding("D410", ("name",), "first")

    @registry.check(Report, "D409")
    def elsewhere(report: Report, context: registry.Context) -> Iterator[Finding]:
        yield Finding("D409", ("body",), "not a council's")

    @registry.check(Record, "D414")
    def second(record: Record, context: registry.Context) -> Iterator[Finding]:
        yield Finding("D414", ("id",), "second")

    assert [f.message for f in registry.run(COUNCIL, CONTEXT)] == ["first", "second"]


# Numbers as papers write them, good and bad; a None leaves the number out.
NUMBERS = st.sampled_from(["1", "2", "3", "2.", "3.0", "1.1", "1.2", "2.1", "2.2", "a", "b"])
WRITTEN = st.one_of(st.none(), NUMBERS)
PARAGRAPH = st.one_of(
    st.just("Text without a number."),
    st.builds(lambda n: {"number": n, "text": "x"} if n else {"text": "x"}, WRITTEN),
)
OPTIONS = st.lists(st.integers(1, 4), min_size=1, max_size=4)


def _section(subsections: st.SearchStrategy[Any]) -> st.SearchStrategy[dict[str, Any]]:
    return st.builds(
        lambda number, paragraphs, options, subs: {
            **({"number": number} if number else {}),
            "paragraphs": paragraphs,
            "options": [{"options": [{"number": n} for n in o]} for o in options],
            "subsections": subs,
        },
        WRITTEN,
        st.lists(PARAGRAPH, max_size=4),
        st.lists(OPTIONS, max_size=1),
        subsections,
    )


BODY = st.lists(_section(st.lists(_section(st.just([])), max_size=2)), max_size=4)


def _plain(sections: list[Section], loc: Loc) -> list[Finding]:
    """The rule as written, with no shortcut: every sibling list goes through ``gaps``."""
    found: list[Finding] = list(
        gaps([s.number for s in sections], _at(loc, "number"), what="section")
    )
    for i, section in enumerate(sections):
        numbers = [p.number if isinstance(p, Paragraph) else None for p in section.paragraphs]
        place = _at((*loc, i, "paragraphs"), "number")
        misplaced = list(_in_section(section.number, numbers, place))
        wrong = frozenset(index for index, _ in misplaced)
        found += gaps(numbers, place, what="paragraph", skip=wrong)
        found += (finding for _, finding in misplaced)
        for j, question in enumerate(section.options):
            written = [str(o.number) for o in question.options]
            where = _at((*loc, i, "options", j, "options"), "number")
            found += gaps(written, where, what="option", start_at_one=True)
        found += _plain(section.subsections, (*loc, i, "subsections"))
    return found


@settings(max_examples=300, deadline=None)
@given(BODY)
def test_report_numbering_finds_what_the_plain_rule_finds(body: list[dict[str, Any]]) -> None:
    report = Report.model_validate({"id": "r", "title": "T", "council": "c", "body": body})
    assert list(report_numbering(report, CONTEXT)) == _plain(report.body, ("body",))


@settings(max_examples=300, deadline=None)
@given(st.lists(st.integers(1, 5), max_size=5), st.lists(OPTIONS, max_size=2))
def test_decision_numbering_finds_what_the_plain_rule_finds(
    resolutions: list[int], options: list[list[int]]
) -> None:
    decision = Decision.model_validate(
        {
            "id": "d",
            "title": "T",
            "meeting": "m",
            "resolutions": [{"number": n, "text": "x"} for n in resolutions],
            "options": [{"options": [{"number": n} for n in o]} for o in options],
        }
    )
    written = [str(n) for n in resolutions]
    plain = [
        Finding("D408", f.loc, f.message)
        for f in gaps(
            written, _at(("resolutions",), "number"), what="resolution", start_at_one=True
        )
    ]
    for i, numbers in enumerate(options):
        where = _at(("options", i, "options"), "number")
        plain += gaps([str(n) for n in numbers], where, what="option", start_at_one=True)
    assert list(decision_numbering(decision, CONTEXT)) == plain
