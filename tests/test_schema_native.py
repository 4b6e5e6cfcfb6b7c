"""The checks pydantic-core runs natively say exactly what the Python checks they
replaced said, and validating a record calls back into Python only for fuzzy dates."""

from __future__ import annotations

import re
import sys
from datetime import date
from pathlib import Path
from types import FrameType
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from shsv import dates, schema
from shsv.atomic import DEVICES
from shsv.model import Meeting, Report, native
from shsv.model.types import MAX_ID, id_problem, is_id

MEETING = {"id": "m", "council": "c", "body": "Cabinet"}
REPORT = {"id": "r", "title": "A report", "council": "c"}
SRC = str(Path(schema.__file__).parent)


def findings(model: Any, data: dict[str, Any]) -> list[tuple[str, tuple[Any, ...], str]]:
    record, found = schema.check(model, data)
    assert (record is None) == bool(found)
    return [(f.code, f.loc, f.message) for f in found]


@settings(max_examples=2000, deadline=None, database=None)
@given(
    st.one_of(
        st.sampled_from(sorted(DEVICES)),
        st.text(alphabet="acilmnoprtux0139-¹é A\n", max_size=6),
        st.from_regex(r"[a-z0-9-]{1,90}", fullmatch=True),
        st.integers(),
        st.none(),
    )
)
def test_the_id_check_is_is_id(value: Any) -> None:
    got = findings(Meeting, {**MEETING, "id": value})
    if not isinstance(value, str):
        shown = schema.describe(value)
        assert got == [
            ("S203", ("id",), f"id should be text, such as lancaster-city-council, not {shown}")
        ]
    elif is_id(value):
        assert got == []
    else:
        assert got == [("S206", ("id",), f"id: {id_problem(value)}")]


def test_id_messages_are_worded_as_before() -> None:
    assert findings(Meeting, {**MEETING, "council": "com1"}) == [
        (
            "S206",
            ("council",),
            "council: 'com1' is not a valid id: use lower-case letters, digits and single "
            "hyphens (at most 80 characters, not a reserved file name)",
        )
    ]
    long = "a" * 100
    assert id_problem(long) == f"'{'a' * 90}'" + id_problem("")[2:]  # shown cut at 90
    assert [f[0] for f in findings(Meeting, {**MEETING, "id": "a" * MAX_ID})] == []
    assert [f[0] for f in findings(Meeting, {**MEETING, "id": "a" * (MAX_ID + 1)})] == ["S206"]


@settings(max_examples=300, deadline=None, database=None)
@given(
    st.lists(st.text(alphabet="abc1", min_size=1, max_size=4), max_size=6),
    st.text(alphabet="abc1-x", max_size=6),
)
def test_words_except_refuses_exactly_the_words(words: list[str], text: str) -> None:
    regex = re.compile(native.words_except("a-c1", words))
    expected = bool(re.fullmatch("[a-c1]+", text)) and text not in words
    assert bool(regex.fullmatch(text)) == expected


DAYISH = st.builds(
    lambda y, m, d, sep, before, after: f"{before}{y}-{m}{sep}{d}{after}",
    st.sampled_from(["1899", "1900", "2012", "2200", "2201", "0000", "٢٠١٢", "201"]),
    st.sampled_from(["00", "01", "02", "12", "13", "1", "٠٥"]),
    st.sampled_from(["00", "01", "28", "29", "30", "31", "32", "1"]),
    st.sampled_from(["-", "/", " "]),
    st.sampled_from(["", " ", "\n"]),
    st.sampled_from(["", " ", "T00:00:00", "Z"]),
)


@settings(max_examples=1500, deadline=None, database=None)
@given(st.one_of(DAYISH, st.dates().map(date.isoformat), st.integers().map(str), st.text()))
def test_a_day_is_read_as_parse_day_reads_it(text: str) -> None:
    record, found = schema.check(Meeting, {**MEETING, "agenda_published": text})
    try:
        day = dates.parse_day(text)
    except dates.DateError as exc:
        assert record is None
        assert [(f.code, f.message) for f in found] == [("S205", f"agenda_published: {exc}")]
    else:
        assert found == [] and isinstance(record, Meeting)
        assert record.agenda_published == day and type(record.agenda_published) is date


NEITHER = "{} should be text or a mapping of fields, not "


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (5, [("S203", (), NEITHER + "the number 5")]),
        ([], [("S203", (), NEITHER + "a list")]),
        ("", [("S204", (), "{}: should have at least 1 character")]),
        ({"text": 1}, [("S203", ("text",), "{}.text should be text, not the number 1")]),
        (
            {"text": "t", "items": [None, {"txt": "x"}]},
            [
                (
                    "S203",
                    ("items", 0),
                    NEITHER.replace("{}", "{}.items[0]") + "nothing (an empty value)",
                ),
                ("S202", ("items", 1), "missing required field 'text' in {}.items[1]"),
                (
                    "S201",
                    ("items", 1, "txt"),
                    "unknown field 'txt' in {}.items[1]; check its spelling or remove it",
                ),
            ],
        ),
    ],
)
def test_text_or_mapping_reports_the_form_the_value_has(value: Any, expected: list[Any]) -> None:
    """One finding for a value that is neither text nor a mapping; otherwise only the
    findings of the form it has (never 'should be text' for a mapping)."""
    for field, data, place in (
        ("recommendations", {"recommendations": [value]}, ("recommendations", 0)),
        ("body", {"body": [{"paragraphs": ["x", value]}]}, ("body", 0, "paragraphs", 1)),
    ):
        name = "recommendations[0]" if field == "recommendations" else "body[0].paragraphs[1]"
        assert findings(Report, {**REPORT, **data}) == [
            (code, (*place, *loc), message.format(name)) for code, loc, message in expected
        ]


def _python_calls(model: Any, data: dict[str, Any]) -> set[str]:
    """The names of shsv's own functions that validating ``data`` calls."""
    called: set[str] = set()

    def profile(frame: FrameType, event: str, arg: object) -> None:
        if event == "call" and frame.f_code.co_filename.startswith(SRC):
            called.add(frame.f_code.co_name)

    sys.setprofile(profile)
    try:
        record = model.model_validate(data)
    finally:
        sys.setprofile(None)
    assert isinstance(record, model)
    return called


def test_validating_a_record_calls_python_only_for_fuzzy_dates() -> None:
    report = {
        **REPORT,
        "meetings": [{"meeting": "lancaster-cabinet-2012-06-20"}],
        "follows": ["earlier-report"],
        "forward_plan": {"published": "2012-05-01"},
        "recommendations": ["Agree.", {"text": "Note:", "items": ["a", {"text": "b"}]}],
        "body": [{"paragraphs": ["One.", {"text": "Two.", "items": ["x"]}]}],
    }
    assert _python_calls(Report, report) == set()
    # An unusual day (spaces around it) still reads, through parse_day.
    meeting = {**MEETING, "agenda_published": " 2012-06-01 "}
    assert _python_calls(Meeting, meeting) == {"_day", "parse_day", "_check_years"}
    assert "_fuzzy" in _python_calls(Meeting, {**MEETING, "date": "June 2012"})


def test_a_date_read_again_is_the_same_and_a_bad_one_is_refused_again() -> None:
    first, second = (schema.check(Meeting, {**MEETING, "date": "June 2012"})[0] for _ in "ab")
    assert isinstance(first, Meeting) and isinstance(second, Meeting)
    assert first.date == second.date == dates.parse("June 2012")
    assert first.date is not None and first.date.end == date(2012, 6, 30)
    bad = {**MEETING, "date": "Jnue 2012"}
    assert (
        findings(Meeting, bad)
        == findings(Meeting, bad)
        == [("S205", ("date",), "date: 'Jnue' in 'Jnue 2012' is not a month or a season")]
    )


def test_fields_sharing_a_native_check_each_get_their_own_schema() -> None:
    from shsv.model import types

    # Every id field uses ID_CHECK; pydantic annotates the schema each field is given.
    assert "metadata" not in types.ID_CHECK.schema
    assert "serialization" not in types.ID_CHECK.schema
