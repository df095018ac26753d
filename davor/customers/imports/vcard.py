"""vCards (3.0 and 4.0) as rows of the import's columns.

Each card is cut out of the file by its BEGIN/END lines first, so that a card
that is cut off (a truncated download) is reported with its line number
instead of spoiling the whole file, and then parsed with vobject.
"""

import re

import vobject
from django.utils.translation import gettext as _

from davor.customers.imports.reader import RawFile

HEADERS = [
    "company", "department", "salutation", "title", "first_name", "last_name", "full_name", "position",
    "phone", "mobile", "fax", "email", "street", "postal_code", "city", "country", "website", "notes",
]  # fmt: skip
_BEGIN = re.compile(r"^BEGIN:VCARD\s*$", re.IGNORECASE)
_END = re.compile(r"^END:VCARD\s*$", re.IGNORECASE)
COUNTRIES = {"deutschland": "DE", "germany": "DE", "österreich": "AT", "austria": "AT", "schweiz": "CH"}


def _cards(text: str) -> tuple[list[tuple[int, str]], list[tuple[int, str]]]:
    """(start line, card text) for each complete card; (line, problem) for the broken ones."""
    cards, problems = [], []
    start, lines = 0, []
    for number, line in enumerate(text.splitlines(), start=1):
        if _BEGIN.match(line):
            if start:
                problems.append((start, _("This vCard has no END:VCARD line: it is cut off.")))
            start, lines = number, [line]
        elif start:
            lines.append(line)
            if _END.match(line):
                cards.append((start, "\r\n".join(lines) + "\r\n"))
                start, lines = 0, []
    if start:
        problems.append((start, _("This vCard has no END:VCARD line: it is cut off.")))
    return cards, problems


def _value(card, name: str) -> str:
    item = getattr(card, name, None)
    if item is None:
        return ""
    value = item.value
    if isinstance(value, list):
        value = value[0] if value else ""
    return str(value).strip()


def _types(item) -> set[str]:
    types: set[str] = set()
    for value in item.params.get("TYPE", []):
        types.update(part.strip().lower() for part in value.split(","))
    return types


def card_row(card) -> dict[str, str]:
    row = dict.fromkeys(HEADERS, "")
    if hasattr(card, "n"):
        name = card.n.value
        row["last_name"], row["first_name"] = str(name.family or "").strip(), str(name.given or "").strip()
        prefix = str(name.prefix or "").strip()
        row["salutation"] = {"herr": "Herr", "frau": "Frau"}.get(prefix.lower(), "")
        row["title"] = "" if row["salutation"] else prefix
    row["full_name"] = _value(card, "fn")
    if hasattr(card, "org"):
        org = [str(part).strip() for part in card.org.value]
        row["company"] = org[0] if org else ""
        row["department"] = org[1] if len(org) > 1 else ""
    row["position"] = _value(card, "title") or _value(card, "role")
    for tel in getattr(card, "tel_list", []):
        types = _types(tel)
        key = "fax" if "fax" in types else "mobile" if "cell" in types else "phone"
        row[key] = row[key] or str(tel.value).removeprefix("tel:").strip()
    row["email"] = _value(card, "email")
    row["website"] = _value(card, "url")
    # NOTE is what the address book knew about the person: Davor's personal notes.
    row["notes"] = "\n".join(str(note.value).strip() for note in getattr(card, "note_list", []) if note.value)
    if hasattr(card, "adr"):
        address = card.adr.value
        row["street"] = str(address.street or "").strip()
        row["postal_code"] = str(address.code or "").strip()
        row["city"] = str(address.city or "").strip()
        country = str(address.country or "").strip()
        row["country"] = COUNTRIES.get(country.lower(), country if len(country) == 2 else "")
    return row


def read_vcards(text: str, encoding: str) -> RawFile:
    cards, problems = _cards(text)
    raw = RawFile(kind="vcard", headers=list(HEADERS), rows=[], encoding=encoding, problems=problems)
    for start, card_text in cards:
        try:
            card = vobject.readOne(card_text)
        except Exception as exc:  # vobject raises several kinds of errors on broken input
            raw.problems.append((start, _("This vCard cannot be read: %(error)s") % {"error": exc}))
            continue
        row = card_row(card)
        raw.rows.append((start, [row[key] for key in HEADERS]))
    return raw
