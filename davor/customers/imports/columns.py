"""The columns Davor reads and writes, with the headers it recognises.

Import and export share them, so that an exported file comes back in
unchanged. Each column has a German and an English export header; the
aliases are what other address books and CRMs call the same thing.
"""

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Column:
    key: str
    model: str  # "customer" or "contact"; "" for columns only read (a full name to split)
    field: str
    de: str
    en: str
    aliases: tuple[str, ...] = ()


COLUMNS: tuple[Column, ...] = (
    Column("number", "customer", "number", "Kundennummer", "Customer number", ("kdnr", "kundennr", "customerid")),
    Column("company", "customer", "name", "Firma", "Company", ("unternehmen", "organisation", "organization", "org")),
    Column("street", "customer", "street", "Straße", "Street", ("strasse", "str", "anschrift", "address", "adresse")),
    Column("postal_code", "customer", "postal_code", "PLZ", "Postal code", ("postleitzahl", "zip", "zipcode")),
    Column("city", "customer", "city", "Ort", "City", ("stadt", "town", "wohnort")),
    Column("country", "customer", "country", "Land", "Country", ("countrycode", "laenderkennzeichen")),
    Column("switchboard", "customer", "phone", "Zentrale", "Switchboard", ("telefonzentrale", "companyphone")),
    Column("website", "customer", "website", "Website", "Website", ("internet", "homepage", "url", "webseite")),
    Column("industry", "customer", "industry", "Branche", "Industry", ()),
    Column("salutation", "contact", "salutation", "Anrede", "Salutation", ()),
    Column("title", "contact", "title", "Titel", "Title", ()),
    Column("first_name", "contact", "first_name", "Vorname", "First name", ("firstname", "givenname")),
    Column("last_name", "contact", "last_name", "Nachname", "Last name", ("name", "lastname", "surname", "familyname")),
    Column("full_name", "", "", "Ansprechpartner", "Contact", ("kontakt", "fullname", "contactname", "person")),
    Column("position", "contact", "position", "Position", "Position", ("funktion", "jobtitle", "role")),
    Column("department", "contact", "department", "Abteilung", "Department", ()),
    Column("phone", "contact", "phone", "Telefon", "Phone", ("tel", "telefonnummer", "phonenumber", "telephone")),
    Column("extension", "contact", "extension", "Durchwahl", "Extension", ("dw", "ext", "nebenstelle")),
    Column("mobile", "contact", "mobile", "Mobil", "Mobile", ("handy", "mobiltelefon", "cell", "mobilephone")),
    Column("email", "contact", "email", "E-Mail", "E-mail", ("mail", "emailaddress", "emailadresse")),
    Column("fax", "contact", "fax", "Fax", "Fax", ("telefax", "faxnummer", "faxnumber")),
    Column("notes", "contact", "personal_notes", "Notizen", "Notes", ("notiz", "note", "bemerkung", "comment")),
)
BY_KEY = {column.key: column for column in COLUMNS}
# Columns written on export: everything but the read-only full name.
EXPORT_COLUMNS = tuple(column for column in COLUMNS if column.model)
PHONE_KEYS = ("switchboard", "phone", "mobile", "fax")

_UMLAUTS = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"})


def _fold(header: str) -> str:
    return re.sub(r"[^a-z0-9]", "", header.casefold().translate(_UMLAUTS))


_ALIASES: dict[str, str] = {}
for _column in COLUMNS:
    for _name in (_column.key, _column.de, _column.en, *_column.aliases):
        _ALIASES.setdefault(_fold(_name), _column.key)


def guess_column(header: str) -> str:
    """The column key a header means ("Telefon", "E-Mail-Adresse", "First Name"), or "" to skip it."""
    folded = _fold(header)
    if folded in _ALIASES:
        return _ALIASES[folded]
    # "Telefon geschäftlich", "E-Mail-Adresse 1", "Business Phone": the longest known name it starts or ends with.
    candidates = [(len(alias), key) for alias, key in _ALIASES.items() if len(alias) >= 3 and alias in folded]
    return max(candidates)[1] if candidates else ""


def guess_mapping(headers: list[str]) -> list[str]:
    """One column key per header; a key already taken by an earlier header is not used twice."""
    taken: set[str] = set()
    mapping = []
    for header in headers:
        key = guess_column(header)
        if key in taken:
            key = ""
        taken.add(key)
        mapping.append(key)
    return mapping
