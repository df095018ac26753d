"""Telephone numbers (to E.164), direct-dial extensions and e-mail addresses.

German numbers are assumed where no country code is given.  A dash suffix
belongs to the number and is also its extension: "0711 12345-123" gives
+4971112345123 with extension 123 (SCHEMA.md).  ``phonenumbers`` is imported
lazily because it costs ~40 ms.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache


@dataclass(frozen=True, slots=True)
class PhoneHit:
    start: int
    end: int
    e164: str
    extension: str | None  # the dash suffix, when there is one


@dataclass(frozen=True, slots=True)
class ExtensionHit:
    start: int
    end: int
    digits: str


@dataclass(frozen=True, slots=True)
class EmailHit:
    start: int
    end: int
    address: str


# Bounded repetitions keep a long run of digits linear.
PHONE = re.compile(
    r"(?<![\w+/.-])(?P<num>(?:\+|00)[1-9]\d{0,2}[ /-]{0,2}(?:\(0\)[ /-]{0,2})?\d[\d /-]{4,18}\d"
    r"|\(?0\d{2,5}\)?[ /-]{0,3}\d[\d /-]{2,16}\d)(?![\d])"
)
_CUE_BEFORE = re.compile(
    r"(?i:tel\.?|telefon|phone|fon|mobil|mobile|handy|cell|mob\.?|rufnummer|nummer|number|unter|at|t:|m:|call)"
    r"[\s:.]{0,3}$"
)
_FAX_BEFORE = re.compile(r"(?i:fax|telefax)[\s:.]{0,3}$")
EXTENSION = re.compile(
    r"(?<![\w])(?:(?i:dw|durchwahl|nebenstelle|apparat|app\.|ext\.?|extension|nst\.?)|x(?=\d))"
    r"\s{0,2}[:.]?\s{0,2}-?\s{0,2}x?(?P<ext>\d{1,6})(?![\d])(?!\s{0,2}[/ -]\s{0,2}\d{3})"
)
_EMAIL_LOCAL = re.compile(r"[\w.+-]{1,64}$")
_EMAIL_DOMAIN = re.compile(r"[\w-]{1,63}(?:\.[\w-]{1,63}){0,5}\.[A-Za-z]{2,12}(?![\w-])")
_DASH_SUFFIX = re.compile(r"^(?P<main>.*\d)\s{0,2}-\s{0,2}(?P<ext>\d{1,5})$")


@lru_cache(maxsize=1024)
def to_e164(number: str, region: str = "DE") -> str | None:
    """A written number as E.164; None when it cannot be a telephone number."""
    raw = number.replace("(0)", "")
    digits = re.sub(r"\D", "", raw)
    if raw.lstrip().startswith("+"):
        candidate = "+" + digits
    elif digits.startswith("00"):
        candidate = "+" + digits[2:]
    else:
        candidate = digits
    if not 6 <= len(digits) <= 15:
        return None
    import phonenumbers

    try:
        parsed = phonenumbers.parse(candidate, region)
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_possible_number(parsed) and not candidate.startswith("+"):
        return "+49" + digits.lstrip("0")
    return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)


def find_phones(text: str, regions: tuple[str, ...] = ("DE",)) -> list[PhoneHit]:
    """Telephone numbers found by phonenumbers' own matcher.  ``regions`` are
    the hints for numbers written without a country code: Germany first, then
    the countries whose codes the note names ("+43 ..." elsewhere in it)."""
    if sum(c.isdigit() for c in text) < 6 or not (PHONE.search(text) or "+" in text):
        return []  # the matcher costs ~0.5 ms a sentence: only where a number can be
    import phonenumbers

    hits = []
    matcher = phonenumbers.PhoneNumberMatcher(text, regions[0], leniency=phonenumbers.Leniency.POSSIBLE)
    for match in matcher:
        start, num = _trimmed(match.start, match.raw_string)
        try:
            parsed = phonenumbers.parse(num, regions[0])
        except phonenumbers.NumberParseException:
            continue
        hit = _hit(text, start, num, parsed, regions)
        if hit:
            hits.append(hit)
    return hits


_LOOSE_END = re.compile(r"\s+[-–]\s|,|;|\s+(?=[A-Za-zÄÖÜäöü]{2,}(?<!ext))")


def _trimmed(start: int, raw: str) -> tuple[int, str]:
    """The matcher's string without a bracket opened before it or what
    follows a closing bracket or a spaced dash ("0221 4710-266) - 3")."""
    if raw.startswith("("):
        inner = raw[1:]
        start, raw = start + 1, inner[: inner.index(")")] if ")" in inner and inner.find("(") < 0 else inner
    depth = 0
    for i, ch in enumerate(raw):
        depth += (ch == "(") - (ch == ")")
        if depth < 0:
            raw = raw[:i]
            break
    stop = _LOOSE_END.search(raw)
    if stop and not raw[stop.end() :].lstrip().lower().startswith(("ext", "x")):
        raw = raw[: stop.start()]
    return start, raw.rstrip(" -/")


def _hit(text: str, start: int, num: str, parsed, regions: tuple[str, ...]) -> PhoneHit | None:  # type: ignore[no-untyped-def]
    import phonenumbers

    before = text[max(0, start - 14) : start]
    if _FAX_BEFORE.search(before):
        return None
    digits = re.sub(r"\D", "", num.split("ext")[0])
    international = num.startswith(("+", "00"))
    cued = bool(_CUE_BEFORE.search(before)) or international
    grouped = bool(re.match(r"\(?0\d{2,5}\)?[ /-]", num)) and len(digits) >= 9
    if not (cued or grouped) or len(digits) < 6:
        return None
    if not international:
        parsed = _national(num, regions) or parsed
    # The dash suffix is the Durchwahl of German (and the same Austrian and
    # Swiss) numbering; elsewhere a dash is part of the number (SCHEMA.md).
    german = parsed.country_code in (49, 43, 41)
    extension = parsed.extension or None
    dash = _DASH_SUFFIX.match(num)
    if german and dash and len(re.sub(r"\D", "", dash.group("main"))) >= 6:
        extension = dash.group("ext")
    if parsed.extension:
        parsed = phonenumbers.PhoneNumber(country_code=parsed.country_code, national_number=parsed.national_number,
                                          italian_leading_zero=parsed.italian_leading_zero)  # fmt: skip
    e164 = phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)
    return PhoneHit(start, start + len(num), e164, extension)


def _national(num: str, regions: tuple[str, ...]):  # type: ignore[no-untyped-def]
    """A number without country code: German unless only a hinted country's plan knows it."""
    import phonenumbers

    for region in regions:
        try:
            parsed = phonenumbers.parse(num, region)
        except phonenumbers.NumberParseException:
            continue
        usable = phonenumbers.is_possible_number(parsed) if region == "DE" else phonenumbers.is_valid_number(parsed)
        if usable:
            return parsed
    return None


_COUNTRY_CODE = re.compile(r"(?<![\w+])(?:\+|00)(?P<cc>[1-9]\d{0,2})[ (/-]")


def region_hints(text: str) -> tuple[str, ...]:
    """Germany, then the regions of the country codes written in the note."""
    import phonenumbers

    out = ["DE"]
    for m in _COUNTRY_CODE.finditer(text):
        for size in (1, 2, 3):
            region = phonenumbers.region_code_for_country_code(int(m.group("cc")[:size]))
            if region != "ZZ":
                if region not in out:
                    out.append(region)
                break
    return tuple(out)


def find_extensions(text: str) -> list[ExtensionHit]:
    return [ExtensionHit(m.start(), m.end(), m.group("ext")) for m in EXTENSION.finditer(text)]


def find_emails(text: str) -> list[EmailHit]:
    """E-mail addresses, found from each "@" outwards so that long runs of
    word characters without one cost nothing."""
    hits = []
    pos = text.find("@")
    while pos != -1:
        local = _EMAIL_LOCAL.search(text, max(0, pos - 64), pos)
        domain = _EMAIL_DOMAIN.match(text, pos + 1)
        if local and domain:
            start = local.start()
            while start < pos and text[start] in ".-+":
                start += 1
            if start < pos:
                hits.append(EmailHit(start, domain.end(), text[start : domain.end()]))
        pos = text.find("@", pos + 1)
    return hits
