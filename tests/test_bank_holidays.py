"""The bank-holiday table that the working-day checks read agrees with the library it
was written from, and years outside it still come from the library."""

from __future__ import annotations

from datetime import date

import holidays
import pytest

from shsv import bank_holidays, cache, workdays


def test_the_table_is_the_library_for_every_year_it_holds() -> None:
    years = range(bank_holidays.FIRST, bank_holidays.LAST + 1)
    library = holidays.country_holidays("GB", subdiv="ENG", years=years)
    assert bank_holidays.days() == frozenset(library), (
        "the holidays library disagrees with the table: run python -m shsv.bank_holidays"
    )


@pytest.mark.parametrize(
    ("day", "working"),
    [
        (date(2022, 9, 19), False),  # the Queen's state funeral
        (date(2023, 5, 8), False),  # the coronation
        (date(2020, 5, 8), False),  # the early May bank holiday moved for VE Day
        (date(2020, 5, 4), True),  # ... so its usual Monday was a working day
        (date(2023, 5, 9), True),
        (date(2023, 5, 13), False),  # a Saturday
    ],
)
def test_working_days_from_the_table(day: date, working: bool) -> None:
    assert workdays.is_working_day(day) is working


def test_years_outside_the_table_come_from_the_library() -> None:
    for year in (bank_holidays.FIRST - 1, bank_holidays.LAST + 1, 2100):
        library = holidays.country_holidays("GB", subdiv="ENG", years=year)
        assert workdays._bank_holidays(year) == frozenset(library)


def test_the_cache_belongs_to_the_installed_calendar(monkeypatch: pytest.MonkeyPatch) -> None:
    before = cache.fingerprint()
    assert cache._installed("holidays") is not None
    monkeypatch.setattr(cache, "_installed", lambda package: (1, 2))
    assert cache.fingerprint() != before
