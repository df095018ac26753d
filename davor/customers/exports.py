"""Exporting customers and contacts: CSV (German Excel and international), XLSX, JSON, vCard.

One row per contact, with its customer's columns repeated (a customer without
contacts gets one row), under the same headers the import recognises, so an
export comes back in unchanged. Spreadsheet cells that a spreadsheet would
run as a formula get a leading apostrophe (CSV injection).
"""

import csv
import io
import json
from collections.abc import Iterator
from dataclasses import dataclass

import vobject
from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import Prefetch, QuerySet
from django.utils import timezone

from davor.customers.imports.columns import EXPORT_COLUMNS
from davor.customers.imports.preview import FORMULA_START
from davor.customers.models import Contact, Customer
from davor.lib.bounds import printable
from davor.lib.phones import format_phone
from davor.users.audit import audit_record
from davor.users.models import AuditEvent, User

FORMATS = {
    "csv-de": ("text/csv; charset=utf-8", "csv"),
    "csv": ("text/csv; charset=utf-8", "csv"),
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx"),
    "json": ("application/json", "json"),
    "vcard": ("text/vcard; charset=utf-8", "vcf"),
}
PHONE_FIELDS = {"phone", "mobile", "fax"}
CONTACT_JSON_FIELDS = [
    "salutation", "title", "first_name", "last_name", "position", "department", "phone", "extension", "mobile",
    "email", "fax", "preferred_channel", "personal_notes", "is_active",
    "consent_email", "consent_email_date", "consent_email_source", "consent_sms", "consent_sms_date",
    "consent_sms_source", "consent_phone", "consent_phone_date", "consent_phone_source",
]  # fmt: skip
CUSTOMER_JSON_FIELDS = [
    "number", "name", "status", "industry", "street", "postal_code", "city", "country", "phone", "fax", "email",
    "website", "language", "notes",
]  # fmt: skip


@dataclass(frozen=True)
class ExportFile:
    content: bytes
    filename: str
    content_type: str


def neutralise(value: str) -> str:
    """``=HYPERLINK(…)`` → ``'=HYPERLINK(…)``: shown as text, never run (OWASP CSV injection).

    Control characters stored before input was bounded are dropped: one of
    them in one cell made openpyxl refuse the whole workbook.
    """
    value = printable(value)
    return "'" + value if value.startswith(FORMULA_START) else value


def _with_contacts(customers: QuerySet[Customer]) -> QuerySet[Customer]:
    return customers.prefetch_related(Prefetch("contacts", queryset=Contact.objects.order_by("last_name", "pk")))


def _cell(obj: Customer | Contact | None, field: str) -> str:
    if obj is None:
        return ""
    if isinstance(obj, Contact) and field == "phone":
        return obj.phone_display  # "0711 4567-12": the import reads the extension back from the dash
    value = str(getattr(obj, field) or "")
    return format_phone(value) if field in PHONE_FIELDS else value


def table_rows(customers: QuerySet[Customer]) -> Iterator[list[str]]:
    for customer in _with_contacts(customers).iterator(chunk_size=500):
        contacts: list[Contact | None] = list(customer.contacts.all()) or [None]
        for contact in contacts:
            yield [
                neutralise(_cell(customer if column.model == "customer" else contact, column.field))
                for column in EXPORT_COLUMNS
            ]


def export_csv(customers: QuerySet[Customer], *, german: bool) -> bytes:
    """German: ``;`` and a BOM so that Excel opens UTF-8 with umlauts intact; international: ``,``, no BOM."""
    out = io.StringIO(newline="")
    writer = csv.writer(out, delimiter=";" if german else ",", lineterminator="\r\n")
    writer.writerow([column.de if german else column.en for column in EXPORT_COLUMNS])
    writer.writerows(table_rows(customers))
    return ("\ufeff" if german else "").encode() + out.getvalue().encode("utf-8")


def export_xlsx(customers: QuerySet[Customer], *, german: bool = True) -> bytes:
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Kunden" if german else "Customers")
    sheet.append([column.de if german else column.en for column in EXPORT_COLUMNS])
    for row in table_rows(customers):
        sheet.append(row)  # strings only, and none starts with "=": openpyxl writes no formula
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def customer_data(customer: Customer) -> dict:
    return {
        **{name: getattr(customer, name) for name in CUSTOMER_JSON_FIELDS},
        "contacts": [{name: getattr(c, name) for name in CONTACT_JSON_FIELDS} for c in customer.contacts.all()],
    }


def export_json(customers: QuerySet[Customer]) -> bytes:
    data = [customer_data(customer) for customer in _with_contacts(customers).iterator(chunk_size=500)]
    return json.dumps({"customers": data}, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2).encode()


def contact_vcard(contact: Contact) -> str:
    customer = contact.customer
    card = vobject.vCard()
    card.add("n").value = vobject.vcard.Name(
        family=contact.last_name, given=contact.first_name, prefix=contact.title or contact.salutation
    )
    card.add("fn").value = contact.full_name
    card.add("org").value = [customer.name, *([contact.department] if contact.department else [])]
    if contact.position:
        card.add("title").value = contact.position
    for value, kind in ((contact.phone, "WORK"), (contact.mobile, "CELL"), (contact.fax, "FAX")):
        if value:
            tel = card.add("tel")
            tel.value, tel.type_param = value, kind
    if contact.email:
        card.add("email").value = contact.email
    if customer.street or customer.city:
        card.add("adr").value = vobject.vcard.Address(
            street=customer.street, code=customer.postal_code, city=customer.city, country=customer.country
        )
    return card.serialize()


def export_vcard(customers: QuerySet[Customer]) -> bytes:
    return "".join(
        contact_vcard(contact)
        for customer in _with_contacts(customers).iterator(chunk_size=500)
        for contact in customer.contacts.all()
    ).encode()


def customers_export(
    *, user: User | None, customers: QuerySet[Customer], fmt: str, request=None, via: str = "web"
) -> ExportFile:
    """The customers in ``fmt``; recorded in the audit log (how many, which format — not what)."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown export format {fmt!r}")
    writers = {
        "csv-de": lambda: export_csv(customers, german=True),
        "csv": lambda: export_csv(customers, german=False),
        "xlsx": lambda: export_xlsx(customers, german=True),
        "json": lambda: export_json(customers),
        "vcard": lambda: export_vcard(customers),
    }
    content = writers[fmt]()
    content_type, extension = FORMATS[fmt]
    filename = f"davor-{timezone.localdate():%Y-%m-%d}.{extension}"
    details = {"format": fmt, "customers": customers.count(), "via": via}
    audit_record(action=AuditEvent.Action.EXPORT, user=user, request=request, object_type="customer", details=details)
    return ExportFile(content, filename, content_type)
