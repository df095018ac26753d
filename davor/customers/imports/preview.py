"""What an import would do, row by row, before anything is written.

Every row is cleaned the way the forms clean typed input (telephone numbers
to E.164 in the customer's country, e-mail checked, names split), its
problems are listed, and the customer and contact it would merge into are
proposed. ``import_run`` writes only a preview without problems.
"""

from dataclasses import dataclass, field
from typing import Any

import phonenumbers
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator, validate_email
from django.utils.translation import gettext as _

from davor.customers.imports.columns import BY_KEY, guess_mapping
from davor.customers.imports.matching import Index, Match, company_key
from davor.customers.imports.reader import RawFile
from davor.customers.models import Contact, Customer
from davor.lib.names import split_name
from davor.lib.phones import InvalidPhoneNumber, parse_phone, split_extension
from davor.users.models import User

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
COUNTRY_NAMES = {"deutschland": "DE", "germany": "DE", "österreich": "AT", "austria": "AT", "schweiz": "CH"}
SALUTATIONS = {"herr": "Herr", "hr": "Herr", "hr.": "Herr", "mr": "Herr", "mr.": "Herr"} | {
    "frau": "Frau", "fr": "Frau", "fr.": "Frau", "ms": "Frau", "ms.": "Frau", "mrs": "Frau", "mrs.": "Frau",
}  # fmt: skip
_MODELS = {"customer": Customer, "contact": Contact}


@dataclass
class Row:
    number: int
    customer: dict[str, Any] = field(default_factory=dict)
    contact: dict[str, Any] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)
    customer_match: Match | None = None
    contact_match: Match | None = None
    same_as_row: int | None = None  # the earlier row of this file with the same person
    company_row: int | None = None  # the earlier row that creates this row's new customer

    @property
    def merges(self) -> bool:
        """Completes a customer or contact already there, or a person of an earlier row."""
        return bool(self.customer_match or self.contact_match or self.same_as_row)

    @property
    def person(self) -> str:
        return " ".join(p for p in (self.contact.get("first_name"), self.contact.get("last_name")) if p)


@dataclass
class Preview:
    raw: RawFile
    mapping: list[str]
    rows: list[Row]

    @property
    def problems(self) -> list[Row]:
        return [row for row in self.rows if row.errors]

    @property
    def is_valid(self) -> bool:
        return bool(self.rows) and not self.problems

    def to_review(self) -> list[Row]:
        """The rows a preview shows: with problems, those that merge stay in view too; else every row."""
        if not self.problems:
            return self.rows
        return [row for row in self.rows if row.errors or row.merges]

    def counts(self) -> dict[str, int]:
        ok = [row for row in self.rows if not row.errors]
        return {
            "rows": len(self.rows),
            "problems": len(self.problems),
            "new_customers": sum(1 for r in ok if not r.customer_match and not r.company_row),
            "merged_customers": len({r.customer_match.pk for r in ok if r.customer_match}),
            "new_contacts": sum(1 for r in ok if r.contact and not r.contact_match and not r.same_as_row),
            "merged_contacts": sum(1 for r in ok if r.contact and (r.contact_match or r.same_as_row)),
        }


def unneutralise(value: str) -> str:
    """Davor's own export writes ``'=…`` and ``'+49…`` against formula injection: read them back without."""
    if value.startswith("'") and value[1:].startswith(FORMULA_START):
        return value[1:]
    return value


def _country(raw: str, row: Row) -> str:
    country = COUNTRY_NAMES.get(raw.casefold(), raw.upper()) if raw else "DE"
    if country not in phonenumbers.SUPPORTED_REGIONS:
        row.errors.append(_("Unknown country %(value)s: use a code such as DE, AT or CH.") % {"value": raw})
        return "DE"
    return country


def _phone(raw: str, region: str, label: str, row: Row) -> tuple[str, str]:
    if not raw:
        return "", ""
    try:
        parsed = parse_phone(raw, region)
    except InvalidPhoneNumber:
        row.errors.append(_("%(column)s: %(value)s is not a telephone number.") % {"column": label, "value": raw})
        return "", ""
    return parsed.e164, parsed.extension


def _check_lengths(row: Row) -> None:
    for model_name, values in (("customer", row.customer), ("contact", row.contact)):
        model = _MODELS[model_name]
        for name, value in values.items():
            max_length = getattr(model._meta.get_field(name), "max_length", None)
            if isinstance(value, str) and max_length and len(value) > max_length:
                label = getattr(model._meta.get_field(name), "verbose_name", name)
                row.errors.append(
                    _("%(column)s is too long (at most %(max)d characters).") % {"column": label, "max": max_length}
                )


def clean_row(number: int, values: dict[str, str]) -> Row:
    """One row's cells (by column key) as the fields of a customer and a contact, with its problems."""
    row = Row(number=number)
    get = values.get
    country = _country(get("country", ""), row)
    salutation, title, first, last = (
        get("salutation", ""),
        get("title", ""),
        get("first_name", ""),
        get("last_name", ""),
    )
    if not last and get("full_name"):
        split = split_name(get("full_name", ""))
        salutation, title, first, last = salutation or split[0], title or split[1], first or split[2], split[3]
    company = get("company", "") or " ".join(p for p in (first, last) if p)  # a person alone: a sole trader
    if not company:
        row.errors.append(_("Neither a company nor a person's name."))
    postal_code = get("postal_code", "")
    if country == "DE" and postal_code.isdigit() and len(postal_code) == 4:
        postal_code = "0" + postal_code  # Excel dropped the leading zero of 01067 Dresden
    website = get("website", "")
    if website and "://" not in website:
        website = "https://" + website
    switchboard, _ext = _phone(get("switchboard", ""), country, BY_KEY["switchboard"].en, row)
    row.customer = {"name": company, "number": get("number", ""), "street": get("street", ""),
                    "postal_code": postal_code, "city": get("city", ""), "country": country, "phone": switchboard,
                    "website": website, "industry": get("industry", "")}  # fmt: skip
    email = get("email", "")
    if email:
        try:
            validate_email(email)
        except ValidationError:
            row.errors.append(_("E-mail: %(value)s is not an e-mail address.") % {"value": email})
    if website:
        try:
            URLValidator()(website)
        except ValidationError:
            row.errors.append(_("Website: %(value)s is not a web address.") % {"value": website})
    person = {key: get(key, "") for key in ("position", "department", "phone", "mobile", "fax", "email", "extension")}
    if any(person.values()) or first or last:
        if not last:
            row.errors.append(_("A contact needs at least a last name."))
        phone, dash_extension = _phone(person["phone"], country, _("Phone"), row)
        row.contact = {**person, "salutation": SALUTATIONS.get(salutation.casefold(), ""), "title": title,
                       "first_name": first, "last_name": last, "phone": phone,
                       "extension": person["extension"] or dash_extension,
                       "mobile": _phone(person["mobile"], country, _("Mobile"), row)[0],
                       "fax": _phone(person["fax"], country, _("Fax"), row)[0]}  # fmt: skip
    if row.contact and not row.customer["phone"]:
        # No switchboard column: the base of the direct dial (0711 4567-12 → 0711 4567) is the company's.
        row.customer["phone"] = split_extension(row.contact["phone"], row.contact["extension"])
    notes = get("notes", "")
    if notes:
        # A note on a person is theirs; on a card or row with only a company, the company's.
        if row.contact:
            row.contact["personal_notes"] = notes
        else:
            row.customer["notes"] = notes
    _check_lengths(row)
    return row


def import_preview(*, user: User, raw: RawFile, mapping: list[str] | None = None) -> Preview:
    """Clean every row, list its problems and propose merges; writes nothing."""
    mapping = mapping if mapping is not None else guess_mapping(raw.headers)
    index = Index(user)
    rows: list[Row] = [Row(number=n, errors=[problem]) for n, problem in raw.problems]
    first_of_company: dict[str, int] = {}
    first_of_person: dict[tuple[str, str], int] = {}
    numbers_in_file: dict[str, str] = {}
    for number, cells in raw.rows:
        values = {key: unneutralise(cell.strip()) for key, cell in zip(mapping, cells, strict=False) if key}
        row = clean_row(number, values)
        rows.append(row)
        if row.errors:
            continue
        contact_match = None
        if row.contact:
            phones = [p for p in (row.contact["phone"], row.contact["mobile"]) if p]
            contact_match = index.contact(customer_id=None, email=row.contact["email"], phones=phones, name="")
        row.customer_match = index.customer(
            number=row.customer["number"],
            company=row.customer["name"],
            phone=row.customer["phone"],
            email_contact=None if contact_match is None else index.contact_by_pk[contact_match.pk],
        )
        key = company_key(row.customer["name"])
        customer_number = row.customer["number"]
        if customer_number and not row.customer_match:
            if customer_number in index.numbers_taken:
                row.errors.append(
                    _("Customer number %(value)s cannot be used; leave it empty for the next free one.")
                    % {"value": customer_number}
                )
            elif numbers_in_file.setdefault(customer_number, key) != key:
                row.errors.append(
                    _("Customer number %(value)s is used for two companies.") % {"value": customer_number}
                )
        if not row.customer_match:
            row.company_row = first_of_company.setdefault(key, number)
            if row.company_row == number:
                row.company_row = None
        if row.contact:
            customer_id = row.customer_match.pk if row.customer_match else None
            row.contact_match = contact_match or index.contact(
                customer_id=customer_id, email="", phones=[], name=row.person
            )
            person_key = (key, row.contact["email"].casefold() or " ".join(row.person.casefold().split()))
            earlier = first_of_person.setdefault(person_key, number)
            if earlier != number and not row.contact_match:
                row.same_as_row = earlier
    rows.sort(key=lambda row: row.number)
    return Preview(raw=raw, mapping=mapping, rows=rows)
