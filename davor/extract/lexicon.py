"""Small word lists shared by several extractors (months, weekdays, numbers).

Everything here is plain data so that importing it costs nothing; the regex
fragments built from it are compiled by the modules that use them.
"""

from __future__ import annotations

MONTHS: dict[str, int] = {
    # German
    "januar": 1, "jänner": 1, "februar": 2, "märz": 3, "maerz": 3, "april": 4, "mai": 5, "juni": 6,
    "juli": 7, "august": 8, "september": 9, "oktober": 10, "november": 11, "dezember": 12,
    # English
    "january": 1, "february": 2, "march": 3, "may": 5, "june": 6, "july": 7, "october": 10, "december": 12,
}  # fmt: skip

# Abbreviations that are safe on their own (with or without a dot).  "Mar"
# and "May" need context, so they are only accepted as part of a date.
MONTH_ABBR: dict[str, int] = {
    "jan": 1, "feb": 2, "mär": 3, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8,
    "sep": 9, "sept": 9, "okt": 10, "oct": 10, "nov": 11, "dez": 12, "dec": 12,
}  # fmt: skip

WEEKDAYS_FULL: dict[str, int] = {
    "montag": 0, "dienstag": 1, "mittwoch": 2, "donnerstag": 3, "freitag": 4, "samstag": 5,
    "sonnabend": 5, "sonntag": 6,
    "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5, "sunday": 6,
}  # fmt: skip

# Case-sensitive abbreviations.  German ones collide with "Fr." (Frau) and
# "So" (so); the date grammar decides from context.
WEEKDAYS_ABBR_DE: dict[str, int] = {"Mo": 0, "Di": 1, "Mi": 2, "Do": 3, "Fr": 4, "Sa": 5, "So": 6}
WEEKDAYS_ABBR_EN: dict[str, int] = {
    "Mon": 0, "Tue": 1, "Tues": 1, "Wed": 2, "Thu": 3, "Thur": 3, "Thurs": 3, "Fri": 4, "Sat": 5, "Sun": 6,
}  # fmt: skip

NUMBER_WORDS: dict[str, int] = {
    "ein": 1, "eine": 1, "einen": 1, "einem": 1, "einer": 1, "eins": 1, "zwei": 2, "drei": 3, "vier": 4,
    "fünf": 5, "sechs": 6, "sieben": 7, "acht": 8, "neun": 9, "zehn": 10, "elf": 11, "zwölf": 12,
    "vierzehn": 14, "fünfzehn": 15, "zwanzig": 20, "dreißig": 30,
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fourteen": 14, "fifteen": 15,
    "twenty": 20, "thirty": 30,
}  # fmt: skip

# Hour words for "halb drei", "Viertel nach zehn", "half past ten".
HOUR_WORDS: dict[str, int] = {
    "eins": 1, "ein": 1, "zwei": 2, "drei": 3, "vier": 4, "fünf": 5, "sechs": 6, "sieben": 7, "acht": 8,
    "neun": 9, "zehn": 10, "elf": 11, "zwölf": 12,
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12,
}  # fmt: skip


def alternation(words: list[str] | dict[str, int]) -> str:
    """A regex alternation, longest first so that prefixes never shadow words."""
    import re

    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


def number_value(token: str) -> float | None:
    """Digits (with a German or English decimal mark) or a number word."""
    token = token.strip().casefold()
    if token in NUMBER_WORDS:
        return float(NUMBER_WORDS[token])
    try:
        return float(token.replace(",", "."))
    except ValueError:
        return None


def month_from_token(token: str) -> int | None:
    """A month from a name, an abbreviation or a one-letter slip ("Oktobr")."""
    word = token.strip().rstrip(".").casefold()
    if word in MONTHS:
        return MONTHS[word]
    if word in MONTH_ABBR:
        return MONTH_ABBR[word]
    if len(word) >= 5:
        for name, month in MONTHS.items():
            if name[:3] == word[:3] and _one_edit(word, name):
                return month
    return None


def _one_edit(a: str, b: str) -> bool:
    """True when a and b differ by at most one inserted, deleted or changed letter."""
    if abs(len(a) - len(b)) > 1:
        return False
    i = 0
    while i < min(len(a), len(b)) and a[i] == b[i]:
        i += 1
    return a[i + 1 :] == b[i + 1 :] or a[i:] == b[i + 1 :] or a[i + 1 :] == b[i:]


def word_set(text: str) -> frozenset[str]:
    """A set of whitespace-separated words (keeps long word lists readable)."""
    return frozenset(text.split())


_UMLAUT_SPELLINGS = {"ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue", "ß": "ss"}


def umlauts(pattern: str) -> str:
    """A regex source that also accepts the ae/oe/ue/ss spellings people type
    without a German keyboard ("Gespraech", "ueberlegt").  Character classes
    are left alone: "[äöü]" keeps meaning one letter."""
    out, depth, escaped = [], 0, False
    for ch in pattern:
        if escaped:
            out.append(ch)
            escaped = False
        elif ch == "\\":
            out.append(ch)
            escaped = True
        elif ch == "[":
            depth += 1
            out.append(ch)
        elif ch == "]" and depth:
            depth -= 1
            out.append(ch)
        elif depth == 0 and ch in _UMLAUT_SPELLINGS:
            out.append(f"(?:{ch}|{_UMLAUT_SPELLINGS[ch]})")
        else:
            out.append(ch)
    return "".join(out)
