"""Working days: Monday to Friday, without Germany's nationwide public holidays."""

from datetime import date, timedelta
from functools import cache

import holidays


@cache
def _holidays(year: int) -> holidays.HolidayBase:
    return holidays.country_holidays("DE", years=year)


def is_working_day(day: date) -> bool:
    return day.weekday() < 5 and day not in _holidays(day.year)


def next_working_day(after: date) -> date:
    day = after + timedelta(days=1)
    while not is_working_day(day):
        day += timedelta(days=1)
    return day


def working_day_on_or_before(day: date) -> date:
    """``day`` if Davor's sellers work then, else the working day before it (a call due before a deadline)."""
    while not is_working_day(day):
        day -= timedelta(days=1)
    return day
