from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from shsv.dates import DateError, Precision, parse, parse_day


@pytest.mark.parametrize(
    ("text", "start", "end", "precision"),
    [
        ("2011-07-26", date(2011, 7, 26), date(2011, 7, 26), Precision.DAY),
        ("26 July 2011", date(2011, 7, 26), date(2011, 7, 26), Precision.DAY),
        ("15th December 2009", date(2009, 12, 15), date(2009, 12, 15), Precision.DAY),
        ("May 2012", date(2012, 5, 1), date(2012, 5, 31), Precision.MONTH),
        ("2012-02", date(2012, 2, 1), date(2012, 2, 29), Precision.MONTH),
        ("January 2012", date(2012, 1, 1), date(2012, 1, 31), Precision.MONTH),
        ("Q1 2010", date(2010, 1, 1), date(2010, 3, 31), Precision.QUARTER),
        ("2010-Q4", date(2010, 10, 1), date(2010, 12, 31), Precision.QUARTER),
        ("H2 2014", date(2014, 7, 1), date(2014, 12, 31), Precision.HALF),
        ("early 2010", date(2010, 1, 1), date(2010, 4, 30), Precision.SEASON),
        ("Late 2010", date(2010, 9, 1), date(2010, 12, 31), Precision.SEASON),
        ("winter 2010", date(2010, 12, 1), date(2011, 2, 28), Precision.SEASON),
        ("2010", date(2010, 1, 1), date(2010, 12, 31), Precision.YEAR),
        ("2010/11", date(2010, 4, 1), date(2011, 3, 31), Precision.FINANCIAL_YEAR),
        ("by 2011-04-19", None, date(2011, 4, 19), Precision.BY),
        ("2011-04-19/2011-07-26", date(2011, 4, 19), date(2011, 7, 26), Precision.RANGE),
        ("between May 2012 and Q3 2012", date(2012, 5, 1), date(2012, 9, 30), Precision.RANGE),
    ],
)
def test_forms_papers_use(text: str, start: date | None, end: date, precision: Precision) -> None:
    span = parse(text)
    assert (span.start, span.end, span.precision, span.text) == (start, end, precision, text)
    assert span.due == end


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("2011-02-30", "not a real calendar date"),
        ("Q5 2010", "quarter 5"),
        ("2012-13", "month 13"),
        ("Smarch 2012", "not a month or a season"),
        ("2010/12", "not a financial year"),
        ("2011-07-26/2011-04-19", "ends before it starts"),
        ("soon", "not a date shsv reads"),
        ("", "empty"),
    ],
)
def test_bad_dates_say_what_is_wrong(text: str, says: str) -> None:
    with pytest.raises(DateError, match=says):
        parse(text)


@pytest.mark.parametrize("text", ["٢٠١٢-٠٥-٢٩", "Q1 ٢٠١٠", "٢٩ May 2012", "2010/١١", "٢٠١٢"])
def test_only_ascii_digits_make_a_date(text: str) -> None:
    with pytest.raises(DateError, match="is not a date shsv reads; write it as YYYY-MM-DD"):
        parse(text)
    with pytest.raises(DateError, match="is not a day; write it as YYYY-MM-DD"):
        parse_day(text)


def test_parse_day_needs_iso() -> None:
    assert parse_day("2012-05-29") == date(2012, 5, 29)
    with pytest.raises(DateError):
        parse_day("29 May 2012")


@given(
    st.dates(min_value=date(1900, 1, 1), max_value=date(2200, 12, 31)),
    st.sampled_from(["day", "month", "quarter", "season", "year"]),
)
def test_a_fuzzy_window_contains_its_due_date(day: date, form: str) -> None:
    season = ["early", "mid", "late", "spring", "summer", "autumn", "winter"][day.month % 7]
    text = {
        "day": day.isoformat(),
        "month": day.strftime("%B %Y"),
        "quarter": f"Q{(day.month - 1) // 3 + 1} {day.year}",
        "season": f"{season} {day.year}",
        "year": str(day.year),
    }[form]
    span = parse(text)
    assert span.start is not None
    assert span.start <= span.due == span.end
    if form != "season":
        assert span.start <= day <= span.end
