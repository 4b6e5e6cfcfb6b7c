"""Working days in England: weekdays that are not bank holidays."""

from __future__ import annotations

from datetime import date, timedelta
from functools import cache

from shsv import bank_holidays


@cache
def _bank_holidays(year: int) -> frozenset[date]:
    if bank_holidays.FIRST <= year <= bank_holidays.LAST:
        return frozenset(day for day in bank_holidays.days() if day.year == year)
    import holidays

    return frozenset(holidays.country_holidays("GB", subdiv="ENG", years=year))


def is_working_day(day: date) -> bool:
    return day.weekday() < 5 and day not in _bank_holidays(day.year)


def clear_working_days(earlier: date, later: date, *, stop_at: int | None = None) -> int:
    """Working days strictly between two dates (neither end counts).

    Counting stops at ``stop_at``: a check that needs only to know whether there are
    five must not walk day by day through the centuries a hostile record can span.
    """
    count, day = 0, earlier + timedelta(days=1)
    while day < later and (stop_at is None or count < stop_at):
        count += is_working_day(day)
        day += timedelta(days=1)
    return count


def add_working_days(day: date, days: int) -> date:
    """The day on which ``days`` whole working days after ``day`` have passed."""
    while days > 0:
        day += timedelta(days=1)
        days -= is_working_day(day)
    return day
