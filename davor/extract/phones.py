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
    r"\s{0,2}[:.]?\s{0,2}-?\s{0,2}(?P<ext>\d{1,6})(?![\d])"
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


def find_phones(text: str) -> list[PhoneHit]:
    hits = []
    for m in PHONE.finditer(text):
        num = m.group("num").strip()
        before = text[max(0, m.start() - 14) : m.start()]
        if _FAX_BEFORE.search(before):
            continue
        digits = re.sub(r"\D", "", num)
        cued = bool(_CUE_BEFORE.search(before)) or num.startswith(("+", "00"))
        grouped = bool(re.match(r"\(?0\d{2,5}\)?[ /-]", num)) and len(digits) >= 9
        if not (cued or grouped) or len(digits) < 6:
            continue
        extension = None
        dash = _DASH_SUFFIX.match(num)
        if dash and len(re.sub(r"\D", "", dash.group("main"))) >= 6:
            extension = dash.group("ext")
        e164 = to_e164(num)
        if e164:
            hits.append(PhoneHit(m.start("num"), m.start("num") + len(num), e164, extension))
    return hits


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
