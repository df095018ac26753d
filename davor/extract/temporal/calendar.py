"""Calendar arithmetic behind the date grammar: ISO weeks, working days, months.

``holidays`` is imported lazily: it takes ~0.2 s to import and is only needed
for "innerhalb von 10 Werktagen".
"""

from __future__ import annotations

import calendar
from datetime import date, timedelta
from functools import lru_cache


@lru_cache(maxsize=64)
def german_holidays(year: int) -> frozenset[date]:
    """Germany's nationwide public holidays (24 and 31 December are working days)."""
    import holidays

    return frozenset(holidays.country_holidays("DE", years=year))


def is_working_day(day: date) -> bool:
    return day.weekday() < 5 and day not in german_holidays(day.year)


def add_working_days(start: date, count: int) -> date:
    """The count-th working day after start (start itself not counted)."""
    day = start
    left = max(0, count)
    while left:
        day += timedelta(days=1)
        if is_working_day(day):
            left -= 1
    return day


def monday_of(day: date) -> date:
    return day - timedelta(days=day.weekday())


def weekday_after(today: date, weekday: int) -> date:
    """The first such weekday strictly after today."""
    return today + timedelta(days=(weekday - today.weekday()) % 7 or 7)


def weekday_in_week(today: date, weekday: int, weeks_ahead: int) -> date:
    """That weekday in the ISO week weeks_ahead after today's."""
    return monday_of(today) + timedelta(weeks=weeks_ahead, days=weekday)


def iso_week(today: date, week: int) -> tuple[date, date] | None:
    """Monday and Sunday of ISO week ``week``: this ISO year's unless that week's
    Sunday is already past, else next year's."""
    year = today.isocalendar().year
    for candidate in (year, year + 1):
        try:
            monday = date.fromisocalendar(candidate, week, 1)
        except ValueError:
            continue
        sunday = monday + timedelta(days=6)
        if sunday >= today:
            return monday, sunday
    return None


def next_day_month(today: date, day: int, month: int) -> date | None:
    """The next such day and month on or after today."""
    for year in (today.year, today.year + 1, today.year + 2, today.year + 3, today.year + 4):
        try:
            candidate = date(year, month, day)
        except ValueError:
            continue
        if candidate >= today:
            return candidate
    return None


def next_day_of_month(today: date, day: int) -> date | None:
    """The next date on or after today whose day of the month is ``day``."""
    year, month = today.year, today.month
    for _ in range(13):
        if day <= calendar.monthrange(year, month)[1]:
            candidate = date(year, month, day)
            if candidate >= today:
                return candidate
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return None


def last_day(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def month_window(today: date, month: int, part: str | None, year: int | None = None) -> tuple[date, date]:
    """Days 1-10 / 11-20 / 21-last (or the whole month) of the next such month
    whose window has not ended before today."""
    years = [year] if year else [today.year, today.year + 1]
    window = (date(today.year, month, 1), last_day(today.year, month))
    for y in years:
        first, end = date(y, month, 1), last_day(y, month)
        if part == "early":
            window = (first, date(y, month, 10))
        elif part == "mid":
            window = (date(y, month, 11), date(y, month, 20))
        elif part == "late":
            window = (date(y, month, 21), end)
        else:
            window = (first, end)
        if window[1] >= today:
            return window
    return window
