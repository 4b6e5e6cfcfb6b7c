"""Status is a pure function of (item, as-of date): examples, then properties for every item."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from shsv.dates import parse
from shsv.timeline.items import Closure, Item, Kind, Replan, Status
from shsv.timeline.status import due, shown_date, status


def item(**fields: object) -> Item:
    base: dict[str, object] = {
        "id": "m",
        "kind": Kind.MILESTONE,
        "title": "A milestone",
        "programme": "p",
        "arrangement": None,
        "record": "m",
        "path": "data/milestones/m.yaml",
        "line": 1,
    }
    return Item(**{**base, **fields})  # type: ignore[arg-type]


def on(text: str, as_of: str, **fields: object) -> Status:
    return status(item(planned=parse(text), **fields), date.fromisoformat(as_of))


def test_a_fuzzy_date_is_due_at_the_end_of_its_window() -> None:
    assert on("Q1 2010", "2010-03-02") is Status.ON_TRACK  # 29 days before 31 March
    assert on("Q1 2010", "2010-03-03") is Status.DUE_SOON  # 28 days before
    assert on("Q1 2010", "2010-03-31") is Status.DUE_SOON  # due today, not yet overdue
    assert on("Q1 2010", "2010-04-01") is Status.OVERDUE
    assert on("early 2010", "2010-04-30") is Status.DUE_SOON
    assert on("early 2010", "2010-05-01") is Status.OVERDUE
    assert on("2010/11", "2011-03-31") is Status.DUE_SOON


def test_within_sets_what_due_soon_means() -> None:
    planned = item(planned=parse("2012-06-20"))
    assert status(planned, date(2012, 6, 1), within=19) is Status.DUE_SOON
    assert status(planned, date(2012, 6, 1), within=18) is Status.ON_TRACK
    assert status(planned, date(2012, 6, 20), within=0) is Status.DUE_SOON


def test_done_from_the_end_of_its_actual_window() -> None:
    done = {"actual": parse("May 2010")}
    assert on("Q1 2010", "2010-05-30", **done) is Status.OVERDUE  # late, not yet done
    assert on("Q1 2010", "2010-05-31", **done) is Status.DONE
    assert on("Q1 2010", "2030-01-01", **done) is Status.DONE


def test_a_replan_slips_the_item_from_the_day_it_was_recorded() -> None:
    replanned = {"replans": (Replan(parse("May 2010"), parse("2010-03-15")),)}
    assert on("Q1 2010", "2010-03-14", **replanned) is Status.DUE_SOON
    assert on("Q1 2010", "2010-03-15", **replanned) is Status.SLIPPED
    assert on("Q1 2010", "2010-05-31", **replanned) is Status.SLIPPED
    assert on("Q1 2010", "2010-06-01", **replanned) is Status.OVERDUE
    late = {"replans": (Replan(parse("May 2010"), parse("2010-04-10")),)}
    assert on("Q1 2010", "2010-04-05", **late) is Status.OVERDUE  # before the re-plan
    assert on("Q1 2010", "2010-04-10", **late) is Status.SLIPPED
    undated_replan = {"replans": (Replan(parse("May 2010")),)}
    assert on("Q1 2010", "2010-01-01", **undated_replan) is Status.SLIPPED


def test_cancelled_and_fallen_from_their_dates_unless_done_first() -> None:
    cancelled = {"closures": (Closure(Status.CANCELLED, parse("2010-02-01")),)}
    assert on("Q1 2010", "2010-01-31", **cancelled) is Status.ON_TRACK
    assert on("Q1 2010", "2010-02-01", **cancelled) is Status.CANCELLED
    assert on("Q1 2010", "2011-02-01", **cancelled) is Status.CANCELLED
    fell = {"closures": (Closure(Status.FALLEN, parse("2010-02-01")),)}
    assert on("Q1 2010", "2010-06-01", **fell) is Status.FALLEN
    done_first = {**fell, "actual": parse("2010-01-15")}
    assert on("Q1 2010", "2010-06-01", **done_first) is Status.DONE


def test_a_fall_with_an_end_holds_only_until_then() -> None:
    revived = {"closures": (Closure(Status.FALLEN, parse("2010-02-01"), parse("May 2010")),)}
    assert on("Q3 2010", "2010-01-31", **revived) is Status.ON_TRACK
    assert on("Q3 2010", "2010-02-01", **revived) is Status.FALLEN
    assert on("Q3 2010", "2010-05-30", **revived) is Status.FALLEN  # May has not all passed
    assert on("Q3 2010", "2010-05-31", **revived) is Status.ON_TRACK
    assert on("Q3 2010", "2010-10-01", **revived) is Status.OVERDUE
    again = {"closures": (*revived["closures"], Closure(Status.FALLEN, parse("2010-08-01")))}
    assert on("Q3 2010", "2010-06-01", **again) is Status.ON_TRACK
    assert on("Q3 2010", "2010-08-01", **again) is Status.FALLEN
    assert shown_date(item(planned=parse("Q3 2010"), **again), date(2010, 9, 1)) == parse(
        "2010-08-01"
    )


def test_undated_unless_some_date_is_known() -> None:
    assert status(item(), date(2012, 6, 1)) is Status.UNDATED
    fact = item(actual=parse("2011-04-19/2011-07-26"))  # e.g. a company formed
    assert status(fact, date(2011, 5, 1)) is Status.ON_TRACK
    assert status(fact, date(2011, 7, 1)) is Status.DUE_SOON
    assert status(fact, date(2011, 7, 26)) is Status.DONE


# Properties over every item and every day.

YEARS = st.integers(2005, 2020)
DAYS = st.dates(date(2004, 1, 1), date(2022, 12, 31))
MONTHS = ("January", "May", "December", "Feb", "sep")


@st.composite
def written_dates(draw: st.DrawFn) -> str:
    """A date written in one of the forms papers use."""
    year = draw(YEARS)
    day = draw(DAYS).isoformat()
    simple = draw(
        st.sampled_from(
            [
                day,
                f"{draw(st.integers(1, 28))} {draw(st.sampled_from(MONTHS))} {year}",
                f"{draw(st.sampled_from(MONTHS))} {year}",
                f"{year}-{draw(st.integers(1, 12)):02d}",
                f"Q{draw(st.integers(1, 4))} {year}",
                f"H{draw(st.integers(1, 2))} {year}",
                f"{draw(st.sampled_from(['early', 'mid', 'late', 'spring', 'winter']))} {year}",
                str(year),
                f"{year}/{(year + 1) % 100:02d}",
                f"by {day}",
            ]
        )
    )
    if draw(st.booleans()) and not simple.startswith("by") and "/" not in simple:
        later = parse(simple).end + timedelta(days=draw(st.integers(0, 400)))
        return f"{simple}/{later.isoformat()}"
    return simple


SPANS = written_dates().map(parse)
OPTIONAL = st.none() | SPANS


@st.composite
def items(draw: st.DrawFn) -> Item:
    replans = draw(st.lists(st.builds(Replan, SPANS, OPTIONAL), max_size=2))
    closures = draw(
        st.lists(
            st.builds(Closure, st.sampled_from([Status.CANCELLED, Status.FALLEN]), SPANS, OPTIONAL),
            max_size=2,
        )
    )
    return item(
        planned=draw(OPTIONAL),
        replans=tuple(replans),
        actual=draw(OPTIONAL),
        closures=tuple(closures),
    )


@given(items(), DAYS, st.integers(0, 2000), st.integers(0, 60))
def test_done_stays_done_as_time_passes(thing: Item, day: date, later: int, within: int) -> None:
    if status(thing, day, within) is Status.DONE:
        assert status(thing, day + timedelta(days=later), within) is Status.DONE


@given(items(), DAYS, st.integers(0, 60))
def test_overdue_never_comes_before_due(thing: Item, day: date, within: int) -> None:
    if status(thing, day, within) is Status.OVERDUE:
        when = due(thing, day)
        assert when is not None and day > when


@given(items(), DAYS, st.integers(0, 60))
def test_due_soon_only_within_the_window_and_undated_only_without_a_date(
    thing: Item, day: date, within: int
) -> None:
    found, when = status(thing, day, within), due(thing, day)
    if found is Status.DUE_SOON:
        assert when is not None and 0 <= (when - day).days <= within
    assert (found is Status.UNDATED) == (when is None and found not in _FINAL)


_FINAL = (Status.DONE, Status.CANCELLED, Status.FALLEN)


@given(written_dates())
def test_a_fuzzy_dates_window_contains_its_due_date(text: str) -> None:
    span = parse(text)
    assert span.due == span.end
    assert span.start is None or span.start <= span.due <= span.end
    assert span.text == text  # printed as the paper wrote it


@given(written_dates(), st.integers(0, 60))
def test_a_plan_is_never_overdue_inside_its_window_and_is_the_day_after(
    text: str, within: int
) -> None:
    span = parse(text)
    planned = item(planned=span)
    for day in {span.start or span.end, span.end - timedelta(days=1), span.end}:
        assert status(planned, day, within) is not Status.OVERDUE
    assert status(planned, span.end + timedelta(days=1), within) is Status.OVERDUE
