"""Clock times ("10 Uhr", "halb drei", "2 pm") and durations ("1,5 Stunden").

A bare hour from 1 to 7 without am/pm is read as the afternoon (SCHEMA.md), so
"halb drei" is 14:30.  "10h" may be a time or a duration: such hits carry
``ambiguous=True`` and the appointment reader decides from context.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..lexicon import HOUR_WORDS, NUMBER_WORDS, alternation


@dataclass(frozen=True, slots=True)
class TimeHit:
    start: int
    end: int
    hour: int
    minute: int
    ambiguous: bool = False  # "10h": could also be a duration

    @property
    def span(self) -> tuple[int, int]:
        return (self.start, self.end)


@dataclass(frozen=True, slots=True)
class DurationHit:
    start: int
    end: int
    minutes: int
    ambiguous: bool = False

    @property
    def span(self) -> tuple[int, int]:
        return (self.start, self.end)


_HOURW = alternation(HOUR_WORDS)
_NUMW = alternation([w for w in NUMBER_WORDS if w not in ("a", "an")] + ["a", "an"])

HHMM = re.compile(
    r"(?<![\d.,:])(?P<h>[01]?\d|2[0-3])(?::(?P<m>[0-5]\d)|\.(?P<m2>[0-5]\d)(?=\s*(?:Uhr|h\b)))"
    r"(?:\s*(?P<suf>Uhr|h(?![a-zäöü])|(?i:a\.m\.|p\.m\.|am|pm)(?![\w])))?(?![\d])"
)
AMPM = re.compile(r"(?<![\d.,:])(?P<h>1[0-2]|0?[1-9])\s*(?P<ap>(?i:a\.m\.|p\.m\.|am|pm))(?![\w])")
UHR = re.compile(r"(?<![\d.,:])(?P<h>[01]?\d|2[0-3])\s*(?P<suf>Uhr|h|(?i:o'?clock))(?![\wäöüß])")
_UNITS = (
    r"%|Uhr\b|h\b|Std|Stunde|Min|hours?\b|hrs?\b|min|Tag|Tg|days?\b|Woche|weeks?\b|Monat|months?\b|Jahr|years?\b"
    r"|Pers|people|persons|guests|Gäste|units|Stück|Stk|St\.|x\b|€|EUR|Euro|T€|k\b|Exemplare|copies|Prozent|percent"
)
BARE = re.compile(
    rf"(?<![\w])(?P<pre>(?i:um|at|gegen|around))\s+(?P<h>[01]?\d|2[0-3])(?!\d|[.,:]\d)(?!\s*(?:{_UNITS}))"
)
QUARTER = re.compile(
    r"(?<![\wäöüß])(?P<kind>(?i:halb|viertel\s+nach|viertel\s+vor|dreiviertel|drei\s+viertel|viertel|half\s+past"
    rf"|quarter\s+past|quarter\s+after|quarter\s+to))\s+(?P<h>\d{{1,2}}|(?i:{_HOURW}))(?![\wäöüß])"
)
_PM_AFTER = re.compile(r"\s*(?i:nachmittags|abends|am\s+nachmittag|am\s+abend|in\s+the\s+(?:afternoon|evening))")
_AM_AFTER = re.compile(r"\s*(?i:morgens|vormittags|früh|am\s+vormittag|am\s+morgen|in\s+the\s+morning)")

DUR_NUM = re.compile(
    r"(?<![\d.,])(?P<n>\d{1,3}(?:[.,]\d{1,2})?)\s*-?\s*(?P<u>(?i:h|std\.?|stunden?|stunde|hours?|hrs?\.?"
    r"|min\.?|minuten|minutes|mins?))(?![\wäöüß])"
)
DUR_WORDS = re.compile(
    r"(?<![\wäöüß])(?P<w>(?i:anderthalb|eineinhalb|ein\s+einhalb|one\s+and\s+a\s+half|an?\s+hour\s+and\s+a\s+half"
    r"|(?:eine\s+)?halbe\s+stunde|half\s+an\s+hour|a\s+half\s+hour|half\s+hour|dreiviertel\s*stunde"
    r"|drei\s+viertel\s+stunden?|three\s+quarters\s+of\s+an\s+hour|(?:eine\s+)?viertelstunde|a\s+quarter\s+of\s+an\s+hour"
    r"|quarter\s+of\s+an\s+hour))(?:\s+(?i:stunden|hours))?(?![\wäöüß])"
)
DUR_NUMWORD = re.compile(rf"(?<![\wäöüß])(?P<n>(?i:{_NUMW}))\s+(?P<u>(?i:stunden?|hours?|minuten|minutes))(?![\wäöüß])")
_WORD_MINUTES = {"anderthalb": 90, "eineinhalb": 90, "ein einhalb": 90, "one and a half": 90, "halbe": 30,
                 "half": 30, "dreiviertel": 45, "drei viertel": 45, "three quarters": 45, "viertelstunde": 15,
                 "quarter": 15}  # fmt: skip


def _hour_value(token: str) -> int | None:
    low = token.casefold()
    if low in HOUR_WORDS:
        return HOUR_WORDS[low]
    return int(low) if low.isdigit() else None


def _afternoon(text: str, end: int, hour: int, explicit: bool) -> int:
    """Apply the afternoon rule: bare hours 1-7 are 13-19 unless said otherwise."""
    if explicit or hour >= 12:
        return hour
    if _AM_AFTER.match(text, end):
        return hour
    if _PM_AFTER.match(text, end) or 1 <= hour <= 7:
        return hour + 12
    return hour


def _ampm(hour: int, marker: str) -> int:
    pm = marker.casefold().startswith("p")
    if pm and hour < 12:
        return hour + 12
    if not pm and hour == 12:
        return 0
    return hour


def find_times(text: str, lang: str = "de") -> list[TimeHit]:
    hits: list[TimeHit] = []
    taken = bytearray(len(text) + 1)

    def add(hit: TimeHit) -> None:
        if not any(taken[hit.start : hit.end]):
            hits.append(hit)
            taken[hit.start : hit.end] = b"\x01" * (hit.end - hit.start)

    for m in QUARTER.finditer(text):
        hour = _hour_value(m.group("h"))
        if hour is None or not 1 <= hour <= 12:
            continue
        kind = re.sub(r"\s+", " ", m.group("kind").casefold())
        if kind in ("halb",):
            hour, minute = hour - 1, 30
        elif kind in ("viertel vor", "dreiviertel", "drei viertel", "quarter to"):
            hour, minute = hour - 1, 45
        elif kind == "viertel":  # southern German "viertel elf" = 10:15
            hour, minute = hour - 1, 15
        elif kind == "half past":
            minute = 30
        else:
            minute = 15
        hour = _afternoon(text, m.end(), hour or 12, False)
        add(TimeHit(m.start(), m.end(), hour % 24, minute))
    for m in HHMM.finditer(text):
        hour, minute = int(m.group("h")), int(m.group("m") or m.group("m2"))
        suf = m.group("suf") or ""
        if suf and suf[0] in "apAP":
            hour = _ampm(hour, suf)
        add(TimeHit(m.start(), m.end(), hour, minute))
    for m in AMPM.finditer(text):
        if lang == "de" and m.group("ap").casefold() == "am":
            continue  # German "am" is "on"
        add(TimeHit(m.start(), m.end(), _ampm(int(m.group("h")), m.group("ap")), 0))
    for m in UHR.finditer(text):
        hour = int(m.group("h"))
        ambiguous = m.group("suf") == "h"
        add(TimeHit(m.start(), m.end(), _afternoon(text, m.end(), hour, False), 0, ambiguous))
    for m in BARE.finditer(text):
        hour = int(m.group("h"))
        start = m.start("h")
        add(TimeHit(start, m.end(), _afternoon(text, m.end(), hour, False), 0))
    hits.sort(key=lambda h: h.start)
    return hits


def find_durations(text: str) -> list[DurationHit]:
    hits: list[DurationHit] = []
    for m in DUR_NUM.finditer(text):
        n = float(m.group("n").replace(",", "."))
        unit = m.group("u").casefold()
        minutes = round(n) if unit.startswith("min") else round(n * 60)
        if 0 < minutes <= 24 * 60:
            ambiguous = unit == "h" and n.is_integer()
            hits.append(DurationHit(m.start(), m.end(), minutes, ambiguous))
    for m in DUR_WORDS.finditer(text):
        phrase = re.sub(r"\s+", " ", m.group("w").casefold())
        minutes = 90 if "hour and a half" in phrase else next((v for k, v in _WORD_MINUTES.items() if k in phrase), 0)
        if minutes:
            hits.append(DurationHit(m.start(), m.end(), minutes))
    for m in DUR_NUMWORD.finditer(text):
        count = NUMBER_WORDS.get(m.group("n").casefold())
        if count and not any(h.start <= m.start() < h.end for h in hits):
            minutes = count if m.group("u").casefold().startswith("min") else count * 60
            hits.append(DurationHit(m.start(), m.end(), minutes))
    hits.sort(key=lambda h: h.start)
    return hits
