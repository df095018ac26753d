"""Dates and times as a seller types them, and as the seller's language shows them.

One text box is one tab stop: ``24.3.``, ``24.3.27 10``, ``24.03.2027 10:00``,
``24/3 14.30``, ``morgen 9``, ``2027-03-24T10:00`` all mean what a German or
British reader takes them for. A date without a year is the next such date
on or after today. Month-first (US) dates are never guessed.
"""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta

from django.utils import timezone
from django.utils.translation import get_language

# Shown as a German or British reader writes them: day first, 24 hours.
DISPLAY_DATE = {"de": "%d.%m.%Y", "en": "%d/%m/%Y"}
DISPLAY_TIME = "%H:%M"

_RELATIVE = {"heute": 0, "today": 0, "morgen": 1, "tomorrow": 1, "übermorgen": 2, "uebermorgen": 2}
_ISO = re.compile(r"(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})")
# The year follows its dot without a space: in "24.3. 10:00" the 10 is the hour.
_DAY_FIRST = re.compile(r"(?P<d>\d{1,2})\s*[./]\s*(?P<m>\d{1,2})(?:[./](?P<y>\d{4}|\d{2}(?!\d))?)?")
_CLOCK = re.compile(r"(?P<h>\d{1,2})(?:\s*[:.h]\s*(?P<min>\d{2}))?\s*(?:uhr|h)?")


def _language() -> str:
    return "en" if (get_language() or "de").startswith("en") else "de"


def format_date(value: date | None) -> str:
    return value.strftime(DISPLAY_DATE[_language()]) if value else ""


def format_datetime(value: datetime | None) -> str:
    if value is None:
        return ""
    if timezone.is_aware(value):
        value = timezone.localtime(value)
    return value.strftime(f"{DISPLAY_DATE[_language()]} {DISPLAY_TIME}")


def _split(text: str) -> tuple[date, str] | None:
    """The date at the start of ``text`` and what follows it, or None."""
    text = text.strip().casefold()
    today = timezone.localdate()
    word, _sep, rest = text.partition(" ")
    if word in _RELATIVE:
        return today + timedelta(days=_RELATIVE[word]), rest
    match = _ISO.match(text) or _DAY_FIRST.match(text)
    if match is None:
        return None
    day, month = int(match["d"]), int(match["m"])
    year = match["y"]
    try:
        if year:
            found = date(int(year) + (2000 if len(year) == 2 else 0), month, day)
        else:
            found = date(today.year, month, day)
            if found < today:
                found = date(today.year + 1, month, day)
    except ValueError:
        return None
    return found, text[match.end() :].lstrip("t ,")


def parse_date(text: str) -> date | None:
    """A typed date, or None if it is none (or has more than a date)."""
    split = _split(text)
    if split is None or split[1].strip():
        return None
    return split[0]


def parse_datetime(text: str) -> datetime | None:
    """A typed date and time (naive, the seller's local time), or None. A date alone is not enough."""
    split = _split(text)
    if split is None:
        return None
    day, rest = split
    rest = re.sub(r"^(um|at)\s+", "", rest.strip())
    match = _CLOCK.fullmatch(rest)
    if match is None:
        return None
    hour, minute = int(match["h"]), int(match["min"] or 0)
    if hour > 23 or minute > 59:
        return None
    return datetime.combine(day, time(hour, minute))
