"""Telephone numbers: parse what people type, store E.164, show it readably.

German business numbers are often written with the direct-dial part after a
dash (``0711 12345-123``): the dash belongs to the number, and the part after
it is the extension.
"""

import re
from dataclasses import dataclass

import phonenumbers

DEFAULT_REGION = "DE"
_DASH_EXTENSION = re.compile(r"^(?P<base>.*\d)\s*-\s*(?P<ext>\d{1,6})\s*$")
_ALLOWED = re.compile(r"^[\d\s()+/.\-]+$")


class InvalidPhoneNumber(ValueError):
    pass


@dataclass(frozen=True)
class ParsedPhone:
    e164: str
    extension: str = ""


def parse_phone(raw: str, region: str = DEFAULT_REGION) -> ParsedPhone:
    """Parse a typed number; raise InvalidPhoneNumber when it cannot be one."""
    text = raw.strip()
    if not text or not _ALLOWED.match(text):
        raise InvalidPhoneNumber(raw)
    extension = ""
    if match := _DASH_EXTENSION.match(text):
        extension = match["ext"]
    digits_only = re.sub(r"[\s()/.\-]", "", text)
    try:
        number = phonenumbers.parse(digits_only, region)
    except phonenumbers.NumberParseException as exc:
        raise InvalidPhoneNumber(raw) from exc
    if not phonenumbers.is_possible_number(number) or not phonenumbers.is_valid_number(number):
        raise InvalidPhoneNumber(raw)
    return ParsedPhone(phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164), extension)


def split_extension(e164: str, extension: str) -> str:
    """The number without its direct-dial ``extension`` (the company's base number), or "" if it has none.

    At least five digits stay in front, so that a short number is never taken apart.
    """
    if not e164 or not extension or not e164.endswith(extension) or len(e164) <= len(extension) + 4:
        return ""
    return e164[: -len(extension)]


def format_phone(e164: str, extension: str = "") -> str:
    """E.164 to the form a German reader dials (national for DE, international otherwise).

    With the contact's ``extension``, the direct-dial part stays visible after a dash: ``0711 4567-12``.
    """
    if not e164:
        return ""
    base = split_extension(e164, extension)
    if base:
        return f"{format_phone(base)}-{extension}"
    try:
        number = phonenumbers.parse(e164, None)
    except phonenumbers.NumberParseException:
        return e164
    fmt = (
        phonenumbers.PhoneNumberFormat.NATIONAL
        if number.country_code == 49
        else phonenumbers.PhoneNumberFormat.INTERNATIONAL
    )
    return phonenumbers.format_number(number, fmt)
