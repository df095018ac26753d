"""German and English date expressions, resolved against the call's date.

``find_dates(text, today, lang)`` returns non-overlapping ``DateHit``s.  The
grammar is a list of compiled patterns tried in order of specificity; a later
pattern may not claim text that an earlier one already read ("KW 12" before
"12", "Di 14.4." as one date).  Conventions are those of SCHEMA.md.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date, timedelta

from ..lexicon import (
    NUMBER_WORDS,
    WEEKDAYS_ABBR_DE,
    WEEKDAYS_ABBR_EN,
    WEEKDAYS_FULL,
    alternation,
    month_from_token,
    number_value,
)
from . import calendar as cal


@dataclass(frozen=True, slots=True)
class DateHit:
    start: int
    end: int
    kind: str  # day | week | window | month | range | within
    first: date | None
    last: date | None
    by: bool = False  # "bis", "by": only the latest date is meant
    since: bool = False  # "ab", "from": only the earliest date is meant

    @property
    def span(self) -> tuple[int, int]:
        return (self.start, self.end)

    def window(self) -> tuple[date | None, date | None]:
        """(earliest, latest) when the expression names a delivery window."""
        if self.by:
            return None, self.last
        if self.since:
            return self.first, None
        return self.first, self.last

    def due(self) -> date | None:
        """A due date: a day, or the end of a "bis" window; vague spans give None."""
        if self.kind in ("day",):
            return self.first
        if self.by or self.kind == "within":
            return self.last
        return None


# --- regex fragments -------------------------------------------------------

_WD_FULL = alternation(WEEKDAYS_FULL)
_WD_ABBR = alternation({**WEEKDAYS_ABBR_DE, **WEEKDAYS_ABBR_EN})
_WD = rf"(?P<wd>(?i:{_WD_FULL})s?|(?:{_WD_ABBR})\.?)(?![\wäöüß])"
_WORD = r"[A-Za-zÄÖÜäöüß]{3,10}\.?"  # a month candidate, checked by month_from_token
_NUMW = alternation([w for w in NUMBER_WORDS if len(w) > 2])
_NEXT_WEEK = (
    r"(?i:über\s?nächste[nr]?\s+woche|uebernaechste[nr]?\s+woche|(?:the\s+)?week\s+after\s+next"
    r"|nächste[nr]?\s+woche|naechste[nr]?\s+woche|kommende[nr]?\s+woche|next\s+week"
    r"|diese[rn]?\s+woche|this\s+week)"
)
_B = r"(?<![\wäöüß])"  # a word starts here
_E = r"(?![\wäöüß])"  # a word ends here

RANGE = re.compile(
    rf"{_B}(?i:zwischen|between|vom|von|from)\s+(?:dem\s+|the\s+)?"
    rf"(?P<d>\d{{1,2}})(?:\.|st|nd|rd|th)?(?:\s?(?P<m>\d{{1,2}})\.|\s+(?P<mn>{_WORD}))?"
    r"\s*(?:(?i:und|and|bis|to|till|until)|-)\s*(?:(?i:zum|dem|the)\s+)?(?=\d)"
    r"|(?<![\d.])(?P<d2>\d{1,2})\.\s*-\s*(?=\d{1,2}\.\d{1,2}\.)"
)
# "KW 7/8", "KW 7-8", "weeks 7 to 8": a span of weeks, Monday of the first to Friday of the last.
KW = re.compile(
    rf"{_B}(?i:kw|kalenderwoche|calendar\s+weeks?|cw|wk|weeks?|woche)\.?\s*(?P<w>\d{{1,2}})"
    rf"(?:\s*(?:/|-|(?i:bis|to|und|and))\s*(?P<w2>\d{{1,2}}))?{_E}(?!\.\d)"
)
MONTH_PART = re.compile(
    r"(?P<part>(?i:anfang|mitte|ende|early|mid|late|end\s+of|beginning\s+of|middle\s+of|start\s+of"
    r"|the\s+end\s+of|the\s+beginning\s+of|the\s+middle\s+of))(?:\s+|-)"
    rf"(?P<mn>{_WORD})(?:\s+(?P<y>20\d{{2}}))?{_E}"
)
WITHIN = re.compile(
    rf"{_B}(?P<kw>(?i:innerhalb(?:\s+von)?|binnen|within|in(?:\s+den\s+nächsten)?|in\s+the\s+next))\s+"
    rf"(?P<n>\d{{1,3}}|(?i:{_NUMW}))\s*(?P<unit>(?i:werktag(?:en|e)?|arbeitstag(?:en|e)?|"
    r"(?:working|business|work)\s+days?|wt|tag(?:en|e)?|tg\.?|days?|wochen|woche|weeks?|monat(?:en|e)?|months?))"
    rf"(?![\wäöüß])"
)
WEEK_WD = re.compile(rf"{_B}{_WD}[,\s]+(?:in\s+der\s+|in\s+)?(?P<wk>{_NEXT_WEEK}){_E}")
WD_WEEK = re.compile(rf"{_B}(?P<wk>{_NEXT_WEEK})[,\s]+(?:(?i:am|on)\s+)?{_WD}")
ISO = re.compile(r"(?<![\d.])(?P<y>20\d{2})-(?P<m>\d{2})-(?P<d>\d{2})(?!\d)")
DMY = re.compile(
    r"(?<![\d.,])(?P<d>\d{1,2})\.\s?(?P<m>\d{1,2})\.(?:(?P<y2>\d{2})(?![\d.])|\s?(?P<y>(?:19|20)\d{2})(?!\d))?"
)
D_MONTH = re.compile(
    rf"(?<![\d.,])(?P<d>\d{{1,2}})(?:\.|st|nd|rd|th)?\s*(?:of\s+)?(?P<mn>{_WORD})(?:\s*,?\s*(?P<y>20\d{{2}}))?{_E}"
)
MONTH_D = re.compile(rf"{_B}(?P<mn>{_WORD})\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?(?![\d.])(?:,?\s+(?P<y>20\d{{2}}))?")
DAY_ONLY = re.compile(
    rf"{_B}(?P<pre>(?i:am|bis|zum|ab|on\s+the|by\s+the|until\s+the|the))\s+(?P<d>\d{{1,2}})(?:\.|st|nd|rd|th)"
    r"(?![\d\w])"
)
RELATIVE = re.compile(
    rf"{_B}(?P<rel>(?i:übermorgen|uebermorgen|heute|morgen|today|tomorrow|(?:the\s+)?day\s+after\s+tomorrow)){_E}"
)
WEEKDAY = re.compile(
    rf"{_B}(?:(?P<cue>(?i:nächste[nrs]?|naechste[nrs]?|kommende[nrs]?|diese[nrs]?|am|bis|ab|next|this|coming"
    rf"|on|by|until|till|vom|zum))\s+)?{_WD}"
)
WEEK_ALONE = re.compile(rf"{_B}(?P<wk>{_NEXT_WEEK}){_E}")
MONTH_ALONE = re.compile(
    rf"{_B}(?P<pre>(?i:im|in|ab|bis|for|per|until|by|seit|since|zum|ende|end\s+of))\s+(?P<mn>{_WORD})"
    rf"(?:\s+(?P<y>20\d{{2}}))?(?!\s*\d)"
)

_BY_BEFORE = re.compile(
    r"(?i:\b(?:bis|by|until|till|spätestens|latest|no\s+later\s+than|not\s+later\s+than))"
    r"(?:\s+(?i:spätestens|zum|zur|ende|end\s+of|the\s+end\s+of|the|dem|den|am|on|next|nächsten|kommenden|"
    r"diese[nm]?|einschließlich))*\s*$"
)
_SINCE_BEFORE = re.compile(r"(?i:\b(?:ab|frühestens|from|starting|not\s+before|earliest))(?:\s+(?i:dem|den|the))*\s*$")
_FRAU_AFTER = re.compile(r"\.?\s+(?:(?:Dr|Prof)\.?\s+)?[A-ZÄÖÜ][a-zäöüß]+")
_TIME_AFTER = re.compile(r"[,\s]*\d")
_MORNING_BEFORE = re.compile(r"(?i:\b(?:heute|am|guten|jeden|this|good)\s+)$")
_PARTS = {"anfang": "early", "early": "early", "beginning of": "early", "start of": "early",
          "the beginning of": "early", "mitte": "mid", "mid": "mid", "middle of": "mid",
          "the middle of": "mid", "ende": "late", "late": "late", "end of": "late",
          "the end of": "late"}  # fmt: skip
_WEEKS = {"über": 2, "ueber": 2, "after": 2, "nächst": 1, "naechst": 1, "kommend": 1, "next": 1,
          "dies": 0, "this": 0}  # fmt: skip


def _weeks_ahead(phrase: str) -> int:
    low = phrase.casefold()
    for key, value in _WEEKS.items():
        if key in low:
            return value
    return 1


def _weekday(token: str, lang: str) -> int | None:
    bare = token.rstrip(".")
    low = bare.casefold()
    if low in WEEKDAYS_FULL:
        return WEEKDAYS_FULL[low]
    if low.endswith("s") and low[:-1] in WEEKDAYS_FULL:
        return WEEKDAYS_FULL[low[:-1]]
    if bare in WEEKDAYS_ABBR_EN:
        return WEEKDAYS_ABBR_EN[bare]
    if bare in WEEKDAYS_ABBR_DE and lang != "en":
        return WEEKDAYS_ABBR_DE[bare]
    return None


def _plausible_abbr(text: str, m: re.Match[str], cue: str | None) -> bool:
    """German weekday abbreviations double as words: "Fr. Müller" is Frau,
    "So" is "so".  Accept them only where they read as a weekday."""
    token = m.group("wd").rstrip(".")
    if token.casefold() in WEEKDAYS_FULL or token[:-1].casefold() in WEEKDAYS_FULL:
        return True
    end = m.end()
    if token == "Fr" and _FRAU_AFTER.match(text, m.end("wd") - (1 if m.group("wd").endswith(".") else 0)):
        return cue is not None and cue.casefold() in ("bis", "am", "ab", "by", "on")
    if token in ("So", "Sa", "Sun", "Sat"):
        return bool(cue) or bool(_TIME_AFTER.match(text, end))
    return True


class _Reader:
    """Runs the patterns over one piece of text, claiming what each reads."""

    def __init__(self, text: str, today: date, lang: str) -> None:
        self.text, self.today, self.lang = text, today, lang
        self.hits: list[DateHit] = []
        self.taken = bytearray(len(text) + 1)

    def free(self, start: int, end: int) -> bool:
        return not any(self.taken[start:end])

    def add(self, hit: DateHit) -> None:
        before = self.text[max(0, hit.start - 40) : hit.start]
        if not hit.by and hit.kind != "within" and _BY_BEFORE.search(before):
            hit = replace(hit, by=True)
        elif not hit.by and hit.kind in ("day", "week", "month") and _SINCE_BEFORE.search(before):
            hit = replace(hit, since=True)
        self.hits.append(hit)
        self.taken[hit.start : hit.end] = b"\x01" * (hit.end - hit.start)

    def run(self, pattern: re.Pattern[str], read: Callable[[re.Match[str]], DateHit | None]) -> None:
        for m in pattern.finditer(self.text):
            if self.free(m.start(), m.end()):
                hit = read(m)
                if hit is not None:
                    self.add(hit)

    # --- readers, one per pattern --------------------------------------

    def day_month(self, day: int, month: int, year: int | None) -> date | None:
        if not (1 <= day <= 31 and 1 <= month <= 12):
            return None
        if year is not None:
            try:
                return date(year, month, day)
            except ValueError:
                return None
        return cal.next_day_month(self.today, day, month)

    def point(self, m: re.Match[str]) -> date | None:
        """A full date from DMY / D_MONTH / MONTH_D / ISO matches."""
        groups = m.groupdict()
        if groups.get("mn"):
            month = month_from_token(groups["mn"])
            if month is None:
                return None
        else:
            month = int(groups["m"])
        year = None
        if groups.get("y"):
            year = int(groups["y"])
        elif groups.get("y2"):
            year = 2000 + int(groups["y2"])
        return self.day_month(int(groups["d"]), month, year)

    def read_point(self, m: re.Match[str]) -> DateHit | None:
        day = self.point(m)
        return DateHit(m.start(), m.end(), "day", day, day) if day else None

    def read_range(self, m: re.Match[str]) -> DateHit | None:
        second = None
        for pattern in (DMY, D_MONTH):
            sm = pattern.match(self.text, m.end())
            if sm and (second := self.point(sm)):
                break
        if second is None or sm is None:
            return None
        day = int(m.group("d") or m.group("d2"))
        month = second.month
        if m.groupdict().get("m"):
            month = int(m.group("m"))
        elif m.groupdict().get("mn"):
            month = month_from_token(m.group("mn")) or month
        year = second.year if month <= second.month else second.year - 1
        try:
            first = date(year, month, day)
        except ValueError:
            return None
        if first > second:
            return None
        return DateHit(m.start(), sm.end(), "range", first, second)

    def read_kw(self, m: re.Match[str]) -> DateHit | None:
        week = int(m.group("w"))
        found = cal.iso_week(self.today, week) if 1 <= week <= 53 else None
        if not found:
            return None
        monday = found[0]
        last = monday + timedelta(days=4)
        if m.group("w2") and week < int(m.group("w2")) <= 53:
            last += timedelta(weeks=int(m.group("w2")) - week)
        return DateHit(m.start(), m.end(), "week", monday, last)

    def read_month_part(self, m: re.Match[str]) -> DateHit | None:
        month = month_from_token(m.group("mn"))
        if month is None:
            return None
        part = _PARTS[re.sub(r"\s+", " ", m.group("part").casefold())]
        year = int(m.group("y")) if m.group("y") else None
        first, last = cal.month_window(self.today, month, part, year)
        return DateHit(m.start(), m.end(), "window", first, last)

    def read_within(self, m: re.Match[str]) -> DateHit | None:
        n = number_value(m.group("n"))
        if n is None or n <= 0 or n > 400:
            return None
        count = int(n)
        unit = m.group("unit").casefold()
        if unit.startswith(("werk", "arbeit", "work", "business", "wt")):
            last = cal.add_working_days(self.today, count)
        elif unit.startswith(("woche", "week")):
            last = self.today + timedelta(weeks=count)
        elif unit.startswith(("monat", "month")):
            month0 = self.today.month - 1 + count
            year, month = self.today.year + month0 // 12, month0 % 12 + 1
            last = min(cal.last_day(year, month), date(year, month, 1) + timedelta(days=self.today.day - 1))
        else:
            last = self.today + timedelta(days=count)
        return DateHit(m.start(), m.end(), "within", None, last)

    def read_week_weekday(self, m: re.Match[str]) -> DateHit | None:
        weekday = _weekday(m.group("wd"), self.lang)
        if weekday is None:
            return None
        day = cal.weekday_in_week(self.today, weekday, _weeks_ahead(m.group("wk")))
        return DateHit(m.start(), m.end(), "day", day, day)

    def read_day_only(self, m: re.Match[str]) -> DateHit | None:
        day = cal.next_day_of_month(self.today, int(m.group("d")))
        if day is None:
            return None
        by = m.group("pre").casefold().startswith(("bis", "by", "until"))
        return DateHit(m.start(), m.end(), "day", day, day, by=by)

    def read_relative(self, m: re.Match[str]) -> DateHit | None:
        word = m.group("rel").casefold()
        if word == "morgen" and (
            m.group("rel")[0] == "M" and _MORNING_BEFORE.search(self.text[max(0, m.start() - 8) : m.start()])
        ):
            return None  # "heute Morgen", "am Morgen": the morning, not tomorrow
        offset = 2 if "über" in word or "ueber" in word or "after" in word else 0 if word in ("heute", "today") else 1
        day = self.today + timedelta(days=offset)
        return DateHit(m.start(), m.end(), "day", day, day)

    def read_weekday(self, m: re.Match[str]) -> DateHit | None:
        weekday = _weekday(m.group("wd"), self.lang)
        cue = m.group("cue")
        if weekday is None or not _plausible_abbr(self.text, m, cue):
            return None
        day = cal.weekday_after(self.today, weekday)
        by = bool(cue) and cue.casefold() in ("bis", "by", "until", "till")
        return DateHit(m.start(), m.end(), "day", day, day, by=by)

    def read_week(self, m: re.Match[str]) -> DateHit | None:
        monday = cal.weekday_in_week(self.today, 0, _weeks_ahead(m.group("wk")))
        return DateHit(m.start(), m.end(), "week", monday, monday + timedelta(days=4))

    def read_month(self, m: re.Match[str]) -> DateHit | None:
        token = m.group("mn")
        month = month_from_token(token)
        # "May"/"Mai" alone are too often words ("may need"); want a capital.
        if month is None or (token.casefold() in ("may", "mar") and not token[0].isupper()):
            return None
        year = int(m.group("y")) if m.group("y") else None
        first, last = cal.month_window(self.today, month, None, year)
        pre = m.group("pre").casefold()
        by = pre in ("bis", "until", "by", "ende", "end of")
        return DateHit(m.start(), m.end(), "month", first, last, by=by, since=pre in ("ab", "seit", "since"))


def _merge_weekday_dates(text: str, hits: list[DateHit]) -> list[DateHit]:
    """ "Di 14.4." / "Mo, 27.7." is one date: the explicit date wins."""
    hits.sort(key=lambda h: h.start)
    out: list[DateHit] = []
    for hit in hits:
        if out and hit.kind == "day":
            prev = out[-1]
            gap = text[prev.end : hit.start]
            if prev.kind == "day" and re.fullmatch(r"[,\s]*(?:den\s+|the\s+)?", gap) and _is_weekday(text, prev):
                out[-1] = replace(hit, start=prev.start, by=prev.by or hit.by)
                continue
        out.append(hit)
    return out


def _is_weekday(text: str, hit: DateHit) -> bool:
    return bool(WEEKDAY.fullmatch(text, hit.start, hit.end))


def find_dates(text: str, today: date, lang: str = "de") -> list[DateHit]:
    """All date expressions in text, sorted by position."""
    r = _Reader(text, today, lang)
    r.run(RANGE, r.read_range)
    r.run(KW, r.read_kw)
    r.run(MONTH_PART, r.read_month_part)
    r.run(WITHIN, r.read_within)
    r.run(WEEK_WD, r.read_week_weekday)
    r.run(WD_WEEK, r.read_week_weekday)
    for pattern in (ISO, DMY, D_MONTH, MONTH_D):
        r.run(pattern, r.read_point)
    r.run(DAY_ONLY, r.read_day_only)
    r.run(RELATIVE, r.read_relative)
    r.run(WEEKDAY, r.read_weekday)
    r.run(WEEK_ALONE, r.read_week)
    r.run(MONTH_ALONE, r.read_month)
    return _merge_weekday_dates(text, r.hits)
