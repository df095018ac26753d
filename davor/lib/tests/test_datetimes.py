"""Dates and times typed the German or British way, read back and shown in the user's language."""

from datetime import date, datetime

import pytest
import time_machine
from django.utils import translation

from davor.lib.datetimes import format_date, format_datetime, parse_date, parse_datetime


@pytest.fixture(autouse=True)
def _today():
    with time_machine.travel(datetime(2026, 12, 5, 9, 0), tick=False):
        yield


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("24.3.", date(2027, 3, 24)),  # passed this year: next year's
        ("24.12.", date(2026, 12, 24)),
        ("5.12.", date(2026, 12, 5)),  # today counts
        ("24.3.27", date(2027, 3, 24)),
        ("24.03.2027", date(2027, 3, 24)),
        ("24/3/2027", date(2027, 3, 24)),
        ("2027-03-24", date(2027, 3, 24)),
        ("morgen", date(2026, 12, 6)),
        ("Today", date(2026, 12, 5)),
    ],
)
def test_it_reads_a_typed_date(typed, meant):
    assert parse_date(typed) == meant


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("24.3. 10:00", datetime(2027, 3, 24, 10, 0)),
        ("24.3.27 10", datetime(2027, 3, 24, 10, 0)),
        ("24.03.2027 14.30", datetime(2027, 3, 24, 14, 30)),
        ("24.3. um 9 Uhr", datetime(2027, 3, 24, 9, 0)),
        ("morgen 9:30", datetime(2026, 12, 6, 9, 30)),
        ("2027-03-24T10:00", datetime(2027, 3, 24, 10, 0)),
        ("24/3 14h", datetime(2027, 3, 24, 14, 0)),
    ],
)
def test_it_reads_a_typed_date_and_time(typed, meant):
    assert parse_datetime(typed) == meant


@pytest.mark.parametrize("typed", ["", "10:00", "31.2.", "24.3. 25:00", "24.3.", "soon", "3/24/2027 10:00"])
def test_it_reads_no_time_where_none_is_given_right(typed):
    assert parse_datetime(typed) is None


def test_it_shows_day_first_and_24_hours_in_both_languages():
    moment = datetime(2027, 3, 24, 14, 5)
    assert format_datetime(moment) == "24.03.2027 14:05"
    with translation.override("en"):
        assert format_datetime(moment) == "24/03/2027 14:05"
        assert format_date(moment.date()) == "24/03/2027"
