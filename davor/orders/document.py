"""What an order confirmation says: the letter's facts, its totals, its fingerprint.

Everything here is read from the order and worded in the customer's
language; ``pdf.py`` lays it out. The fingerprint covers exactly what the
document says about the order, so that an edit after sending makes a new
version and a revision that changed nothing does not.
"""

import hashlib
import json
from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from django.template.defaultfilters import floatformat
from django.utils import formats, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext

from davor.customers.models import Contact
from davor.orders.models import CompanyProfile, Order, OrderLine

CENT = Decimal("0.01")

# Country names for the last line of a foreign address (DIN 5008: in capitals).
COUNTRIES = {
    "AT": gettext_lazy("Austria"),
    "BE": gettext_lazy("Belgium"),
    "CH": gettext_lazy("Switzerland"),
    "CZ": gettext_lazy("Czech Republic"),
    "DE": gettext_lazy("Germany"),
    "DK": gettext_lazy("Denmark"),
    "FR": gettext_lazy("France"),
    "GB": gettext_lazy("United Kingdom"),
    "IT": gettext_lazy("Italy"),
    "LU": gettext_lazy("Luxembourg"),
    "NL": gettext_lazy("Netherlands"),
    "PL": gettext_lazy("Poland"),
    "US": gettext_lazy("United States"),
}


@dataclass(frozen=True)
class Totals:
    lines_net: Decimal
    discount_percent: Decimal | None
    discount: Decimal
    net: Decimal
    vat_percent: Decimal
    vat: Decimal
    gross: Decimal


@dataclass(frozen=True)
class Row:
    position: int
    quantity: Decimal
    unit: str
    description: str
    unit_price: Decimal
    discount_percent: Decimal | None
    amount: Decimal


@dataclass
class Letter:
    """The confirmation as a letter, worded in ``language``; the template only lays it out."""

    language: str
    order: Order
    company: CompanyProfile
    version: int
    dated: date
    return_line: str
    address: list[str]
    info: list[tuple[str, str]]
    subject: str
    salutation: str
    rows: list[Row]
    totals: Totals
    terms: list[tuple[str, str]]
    note: str
    seller: str
    seller_phone: str = ""
    footer: list[list[str]] = field(default_factory=list)


def totals_of(lines: list[OrderLine], *, discount_percent: Decimal | None, vat_percent: Decimal) -> Totals:
    lines_net = sum((line.net_amount for line in lines), Decimal("0"))
    discount = (lines_net * (discount_percent or 0) / 100).quantize(CENT, ROUND_HALF_UP)
    net = lines_net - discount
    vat = (net * vat_percent / 100).quantize(CENT, ROUND_HALF_UP)
    return Totals(lines_net, discount_percent, discount, net, vat_percent, vat, net + vat)


def fingerprint(order: Order, contact: Contact | None) -> str:
    """A hash of what the document says about the order (not of the date or of our letterhead)."""
    customer, seller = order.customer, order.created_by
    facts = {
        "order": [
            order.number,
            order.ordered_on,
            order.delivery_earliest,
            order.delivery_latest,
            order.delivery_note,
            order.payment_net_days,
            order.skonto_percent,
            order.skonto_days,
            order.prepayment,
            order.discount_percent,
            order.shipping,
            order.shipping_place,
            order.conditions,
            order.currency,
        ],
        "lines": [
            [line.description, line.quantity, line.unit, line.unit_price, line.discount_percent]
            for line in order.lines.all()
        ],
        "customer": [customer.number, customer.name, customer.street, customer.postal_code, customer.city],
        "language": [customer.country, customer.language],
        "contact": [contact.salutation, contact.title, contact.first_name, contact.last_name] if contact else None,
        "seller": [seller.get_full_name(), seller.initials, seller.email, seller.phone_extension],
    }
    encoded = json.dumps(facts, default=str, sort_keys=True).encode()
    return hashlib.sha256(encoded).hexdigest()


def letter_build(
    *, order: Order, contact: Contact | None, company: CompanyProfile, version: int, dated: date
) -> Letter:
    """The letter in the customer's language; ``order`` with its lines, customer and seller at hand."""
    language = order.customer.language or "de"
    with translation.override(language):
        lines = list(order.lines.all())
        totals = totals_of(lines, discount_percent=order.discount_percent, vat_percent=company.vat_percent)
        return Letter(
            language=language,
            order=order,
            company=company,
            version=version,
            dated=dated,
            return_line=" · ".join(p for p in (company.name, company.street, _place(company)) if p),
            address=_address(order, contact, company),
            info=_info(order, version, dated, company),
            subject=_("Order confirmation no. %(number)s") % {"number": order.number},
            salutation=_salutation(contact),
            rows=[
                Row(
                    line.position,
                    line.quantity,
                    line.unit,
                    line.description,
                    line.unit_price or Decimal("0"),
                    line.discount_percent,
                    line.net_amount,
                )
                for line in lines
            ],
            totals=totals,
            terms=terms_of(order),
            note=company.note_en if language == "en" else company.note_de,
            seller=order.created_by.get_full_name() or order.created_by.username,
            seller_phone=direct_dial(company.phone, order.created_by.phone_extension),
            footer=_footer(company),
        )


def _place(party) -> str:
    return " ".join(p for p in (party.postal_code, party.city) if p)


def _address(order: Order, contact: Contact | None, company: CompanyProfile) -> list[str]:
    customer = order.customer
    lines = [customer.name]
    if contact is not None:
        # DIN 5008 puts the salutation on the name's line; German uses the accusative "Herrn".
        salutation = {"Herr": pgettext("address", "Mr"), "Frau": pgettext("address", "Ms")}.get(contact.salutation, "")
        lines.append(" ".join(p for p in (salutation, contact.full_name) if p))
    lines += [customer.street, _place(customer)]
    if customer.country and customer.country != company.country:
        lines.append(str(COUNTRIES.get(customer.country, customer.country)).upper())
    return [line for line in lines if line]


def _salutation(contact: Contact | None) -> str:
    if contact is None or contact.salutation not in ("Herr", "Frau"):
        return _("Dear Sir or Madam,")
    name = " ".join(p for p in (contact.title, contact.last_name) if p)
    if contact.salutation == "Herr":
        return _("Dear Mr %(name)s,") % {"name": name}
    return _("Dear Ms %(name)s,") % {"name": name}


def _info(order: Order, version: int, dated: date, company: CompanyProfile) -> list[tuple[str, str]]:
    seller = order.created_by
    rows = [
        (_("Customer no."), order.customer.number),
        (_("Order no."), order.number),
        (_("Order date"), day(order.ordered_on)),
        (_("Our sign"), seller.initials),
        (_("Contact"), seller.get_full_name() or seller.username),
        (_("Phone"), direct_dial(company.phone, seller.phone_extension)),
        (_("E-mail"), seller.email or company.email),
        (_("Date"), day(dated)),
    ]
    if version > 1:
        rows.append((_("Version"), str(version)))
    return [(label, value) for label, value in rows if value]


def direct_dial(switchboard: str, extension: str) -> str:
    """``0711 98760-0`` and extension 231 → ``0711 98760-231``; without a ``-0`` the extension follows."""
    if not switchboard or not extension:
        return switchboard
    if switchboard.rstrip().endswith("-0"):
        return switchboard.rstrip()[:-1] + extension
    return f"{switchboard}-{extension}"


def day(value: date | None) -> str:
    return formats.date_format(value, "DATE_FORMAT") if value else ""


def number(value: Decimal | int | None, places: int = 2) -> str:
    """Localised: 1.234,50 in German, 1,234.50 in English; places < 0 drops trailing zeros."""
    if value is None:
        return ""
    return floatformat(value, f"{places}g")


def terms_of(order: Order) -> list[tuple[str, str]]:
    terms = [
        (_("Delivery"), _delivery(order)),
        (_("Payment"), _payment(order)),
        (_("Shipping"), _shipping(order)),
        (_("Further agreements"), order.conditions.strip()),
    ]
    return [(label, text) for label, text in terms if text]


def _delivery(order: Order) -> str:
    earliest, latest = order.delivery_earliest, order.delivery_latest
    if earliest and latest:
        window = _("between %(from)s and %(to)s") % {"from": day(earliest), "to": day(latest)}
    elif latest:
        window = _("by %(date)s") % {"date": day(latest)}
    elif earliest:
        window = _("from %(date)s") % {"date": day(earliest)}
    else:
        window = ""
    return ", ".join(p for p in (order.delivery_note.strip(), window) if p)


def _payment(order: Order) -> str:
    parts = []
    if order.prepayment:
        parts.append(_("prepayment"))
    if order.skonto_percent is not None and order.skonto_days is not None:
        parts.append(
            _("%(percent)s %% Skonto if paid within %(days)s days")
            % {"percent": number(order.skonto_percent, -2), "days": order.skonto_days}
        )
    if order.payment_net_days is not None:
        parts.append(_("%(days)s days net") % {"days": order.payment_net_days})
    text = ", ".join(parts)
    return text[:1].upper() + text[1:]


def _shipping(order: Order) -> str:
    if not order.shipping:
        return ""
    return " ".join(p for p in (str(order.get_shipping_display()), order.shipping_place.strip()) if p)


def _footer(company: CompanyProfile) -> list[list[str]]:
    register = " ".join(p for p in (company.register_court, company.register_number) if p)
    columns = [
        [company.name, company.street, _place(company)],
        [
            _("Managing directors: %(names)s") % {"names": company.managing_directors}
            if company.managing_directors
            else "",
            register,
            _("VAT ID: %(id)s") % {"id": company.vat_id} if company.vat_id else "",
        ],
        [
            company.bank_name,
            f"IBAN {company.iban}" if company.iban else "",
            f"BIC {company.bic}" if company.bic else "",
        ],
        [
            _("Phone %(number)s") % {"number": company.phone} if company.phone else "",
            _("Fax %(number)s") % {"number": company.fax} if company.fax else "",
            company.email,
            company.website,
        ],
    ]
    return [[line for line in column if line] for column in columns if any(column)]
