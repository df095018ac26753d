"""Who a confirmation goes to, and what is missing before it can go.

Everything is checked before anything is rendered, and every gap is named,
so that the seller can fix them all in one go.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext as _

from davor.customers.models import Contact
from davor.lib.outbound import OutboundRefused, host_check
from davor.lib.phones import InvalidPhoneNumber, parse_phone
from davor.orders.models import CompanyProfile, ConfirmationChannel, Order

COMPANY_REQUIRED = ("name", "street", "postal_code", "city")
ADDRESS_REQUIRED = ("street", "postal_code", "city")


@dataclass(frozen=True)
class Recipient:
    channel: str
    address: str
    contact: Contact | None


def contact_default(order: Order, channel: str) -> Contact | None:
    """The person the confirmation is addressed to: one the call was with, else any still there.

    Among them, the first who can be reached on the channel.
    """
    candidates: list[Contact] = []
    if order.call is not None:
        candidates += [c for c in order.call.contacts.all() if c.is_active]
    candidates += [c for c in order.customer.contacts.filter(is_active=True) if c not in candidates]
    needs: dict[str, Callable[[Contact], bool]] = {
        ConfirmationChannel.EMAIL: lambda c: bool(c.email),
        ConfirmationChannel.FAX: lambda c: bool(c.fax),
    }
    reachable = needs.get(channel, lambda c: True)
    return next((c for c in candidates if reachable(c)), candidates[0] if candidates else None)


def confirmation_check(
    *, order: Order, channel: str, contact: Contact | None, company: CompanyProfile, sending: bool = True
) -> Recipient:
    """The recipient on that channel; ValidationError naming every gap when the document cannot go out.

    ``sending=False`` checks for a preview or a rendered file: what only sending needs (the fax
    gateway) is not asked for, as nothing leaves the house.
    """
    problems = _document_gaps(order, company)
    address = ""
    if channel == ConfirmationChannel.EMAIL:
        address = _email(order, contact, problems)
    elif channel == ConfirmationChannel.FAX:
        address = _fax(order, contact, problems, sending=sending)
    elif channel == ConfirmationChannel.POST:
        address = _postal(order, problems)
    else:
        problems.append(_("Choose how the confirmation goes out: post, fax or e-mail."))
    if problems:
        raise ValidationError(problems)
    return Recipient(channel=channel, address=address, contact=contact)


def _document_gaps(order: Order, company: CompanyProfile) -> list[str]:
    problems = []
    lines = list(order.lines.all())
    if not lines:
        problems.append(_("The order has no lines: there is nothing to confirm."))
    for line in lines:
        if line.unit_price is None:
            problems.append(
                _("Line %(position)s (%(description)s) has no unit price.")
                % {"position": line.position, "description": line.description}
            )
    missing = _missing(company, COMPANY_REQUIRED)
    if missing:
        problems.append(
            _("Our company data lacks %(fields)s: an admin fills it in under Back office → Company profile.")
            % {"fields": ", ".join(missing)}
        )
    return problems


def _missing(row, names: tuple[str, ...]) -> list[str]:
    """The labels of the empty fields, as the forms show them."""
    return [str(row._meta.get_field(name).verbose_name) for name in names if not getattr(row, name)]


def _whom(order: Order, contact: Contact | None) -> str:
    return f"{contact.full_name} ({order.customer.name})" if contact else order.customer.name


def _email(order: Order, contact: Contact | None, problems: list[str]) -> str:
    address = (contact.email if contact else "") or order.customer.email
    if not address:
        problems.append(_("No e-mail address: %(whom)s has none on record.") % {"whom": _whom(order, contact)})
        return ""
    try:
        validate_email(address)
    except ValidationError:
        problems.append(_("The e-mail address %(address)s is not valid.") % {"address": address})
    return address


def _fax(order: Order, contact: Contact | None, problems: list[str], *, sending: bool) -> str:
    number = (contact.fax if contact else "") or order.customer.fax
    domain = settings.DAVOR_FAX_GATEWAY_DOMAIN
    if sending and not domain:
        problems.append(_("No fax gateway is set up: the administrator sets DAVOR_FAX_GATEWAY_DOMAIN."))
    elif sending:  # only what leaves the house goes to the gateway, so only then is its address checked
        try:
            # A mail domain may have MX records only: then Davor's mail server finds the gateway.
            host_check(domain, unresolvable_ok=True)
        except OutboundRefused as error:
            problems.append(str(error))
            domain = ""
    if not number:
        problems.append(_("No fax number: %(whom)s has none on record.") % {"whom": _whom(order, contact)})
        return ""
    try:
        e164 = parse_phone(number, order.customer.country or "DE").e164
    except InvalidPhoneNumber:
        problems.append(_("The fax number %(number)s is not valid.") % {"number": number})
        return ""
    # The gateway takes the number in international form as the address's local part.
    return f"{e164}@{domain}" if domain else ""


def _postal(order: Order, problems: list[str]) -> str:
    customer = order.customer
    missing = _missing(customer, ADDRESS_REQUIRED)
    if missing:
        problems.append(
            _("No postal address: %(customer)s lacks %(fields)s.")
            % {"customer": customer.name, "fields": ", ".join(missing)}
        )
        return ""
    return ", ".join([customer.name, *customer.address_lines])
