"""Amounts of money and percentages.

"50.000 €", "50 T€", "50k EUR", "€50,000", "CHF 25'000", "$60k", "2,5 %".
A separator followed by exactly three digits groups thousands; otherwise it is
a decimal mark (German "2,5", English "1.5").
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class AmountHit:
    start: int
    end: int
    value: float
    currency: str


@dataclass(frozen=True, slots=True)
class PercentHit:
    start: int
    end: int
    value: float


_NUM = r"\d{1,3}(?:[.,'’ ]\d{3}){1,4}(?:[.,]\d{1,2})?|\d{1,9}(?:[.,]\d{1,2})?"
_MULT = (
    r"T(?=€|EUR)|Tsd\.?|tsd\.?|Tausend|k(?![a-z])|K(?![a-z])|Mio\.?|Millionen|million|mn|Mrd\.?|Milliarden|bn|billion"
)
_CUR_BEFORE = r"€|EUR|Euro|CHF|SFr\.?|US\$|\$|USD|£|GBP"
_CUR_AFTER = r"€|EUR|Euro|CHF|SFr\.?|Franken|USD|US-Dollar|Dollar|\$|£|GBP|Pfund"

AMOUNT = re.compile(
    rf"(?<![\w.,])(?:(?P<c1>{_CUR_BEFORE})\s?(?P<n1>{_NUM})(?:\s?(?P<m1>{_MULT}))?(?![\d])"
    rf"|(?P<n2>{_NUM})\s?(?:(?P<m2>{_MULT})\.?\s?)?(?P<c2>{_CUR_AFTER})(?![\w]))"
)
PERCENT = re.compile(r"(?<![\d.,])(?P<n>\d{1,3}(?:[.,]\d{1,2})?)\s?(?:%|(?i:prozent|percent|per\s+cent|pct)(?![\w]))")

_CURRENCY = {"€": "EUR", "eur": "EUR", "euro": "EUR", "chf": "CHF", "sfr": "CHF", "sfr.": "CHF", "franken": "CHF",
             "$": "USD", "us$": "USD", "usd": "USD", "us-dollar": "USD", "dollar": "USD", "£": "GBP",
             "gbp": "GBP", "pfund": "GBP"}  # fmt: skip
_FACTOR = {"t": 1e3, "tsd": 1e3, "tsd.": 1e3, "tausend": 1e3, "k": 1e3, "mio": 1e6, "mio.": 1e6,
           "millionen": 1e6, "million": 1e6, "mn": 1e6, "mrd": 1e9, "mrd.": 1e9, "milliarden": 1e9,
           "bn": 1e9, "billion": 1e9}  # fmt: skip


def parse_number(token: str) -> float | None:
    """Digits with German or English grouping and decimal marks."""
    s = token.replace("'", "").replace("’", "").replace(" ", "")
    if "." in s and "," in s:
        decimal = max(s.rfind("."), s.rfind(","))
        s = re.sub(r"[.,]", "", s[:decimal]) + "." + s[decimal + 1 :]
    elif re.fullmatch(r"\d{1,3}(?:[.,]\d{3})+", s):
        s = re.sub(r"[.,]", "", s)
    else:
        s = s.replace(",", ".")
    try:
        return float(s)
    except ValueError:
        return None


def find_amounts(text: str) -> list[AmountHit]:
    hits = []
    for m in AMOUNT.finditer(text):
        number = m.group("n1") or m.group("n2")
        value = parse_number(number)
        if value is None:
            continue
        mult = (m.group("m1") or m.group("m2") or "").casefold()
        value *= _FACTOR.get(mult, 1.0)
        currency = _CURRENCY.get((m.group("c1") or m.group("c2")).casefold(), "EUR")
        hits.append(AmountHit(m.start(), m.end(), round(value, 2), currency))
    return hits


def find_percents(text: str) -> list[PercentHit]:
    hits = []
    for m in PERCENT.finditer(text):
        value = parse_number(m.group("n"))
        if value is not None and 0 < value <= 100:
            hits.append(PercentHit(m.start(), m.end(), value))
    return hits
