"""Writes of orders and their confirmations. The wrap-up creates and revises orders through here."""

import smtplib
from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage, mailers
from django.db import transaction
from django.db.models.functions import Length
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from davor.customers.models import Contact, Customer
from davor.lib.locking import ChangedField, ChangedMeanwhile, changed_meanwhile
from davor.lib.numbers import save_numbered
from davor.orders.document import Letter, day, fingerprint
from davor.orders.models import CompanyProfile, Confirmation, ConfirmationChannel, ConfirmationSending, Order, OrderLine
from davor.orders.pdf import copy_marks, letter_documents, pdf_all, pdf_each
from davor.orders.recipients import Recipient, confirmation_check
from davor.orders.selectors import company_profile_get, letter_for
from davor.users.models import User

ORDER_FIELDS = (
    "delivery_earliest",
    "delivery_latest",
    "delivery_note",
    "payment_net_days",
    "skonto_percent",
    "skonto_days",
    "prepayment",
    "discount_percent",
    "shipping",
    "shipping_place",
    "conditions",
    "confirmation_channel",
    "confirmation_copies",
)


def order_number_next(year: int) -> str:
    prefix = f"A-{year}-"
    last = (
        Order.objects.filter(number__startswith=prefix)
        .order_by(Length("number").desc(), "-number")
        .values_list("number", flat=True)
        .first()
    )
    current = int(last.removeprefix(prefix)) if last else 0
    return f"{prefix}{current + 1:05d}"


@transaction.atomic
def order_save(
    *, order: Order | None, customer: Customer, user: User, ordered_on: date, call_id: int | None, terms, lines
) -> Order:
    """Create or revise an order: ``terms`` has the ORDER_FIELDS, ``lines`` the line data.

    Lines are replaced as a whole: a revised order is a new list of lines, and
    the history keeps the old ones.
    """
    is_new = order is None
    if order is None:
        order = Order(customer=customer, created_by=user, call_id=call_id, ordered_on=ordered_on)
    for name in ORDER_FIELDS:
        setattr(order, name, getattr(terms, name))
    if is_new:
        save_numbered(order, next_number=lambda: order_number_next(ordered_on.year), exclude=["call"])
    else:
        order.version += 1
        order.full_clean(exclude=["call"])
        order.save()
    old = {
        (line.description, line.quantity, line.unit, line.unit_price, line.discount_percent)
        for line in order.lines.all()
    }
    new = {(line.description, line.quantity, line.unit, line.unit_price, line.discount_percent) for line in lines}
    if old != new:
        order.lines.all().delete()
        for position, line in enumerate(lines, start=1):
            # One by one, not bulk: the history records every line.
            OrderLine.objects.create(
                order=order,
                position=position,
                description=line.description,
                quantity=line.quantity,
                unit=line.unit,
                unit_price=line.unit_price,
                discount_percent=line.discount_percent,
            )
    return order


@transaction.atomic
def order_update(*, user: User, order: Order, terms, lines, expected_version: int | None) -> Order:
    """Revise ``order`` if it is still at ``expected_version``; else ChangedMeanwhile, and nothing is written.

    The row lock (PostgreSQL) or the IMMEDIATE transaction (SQLite) makes the
    check and the write one step.
    """
    current = Order.objects.select_for_update().values_list("version", flat=True).get(pk=order.pk)
    if expected_version is not None and current != expected_version:
        raise order_changed_meanwhile(order=order, expected=expected_version, current=current)
    order.version = current
    return order_save(
        order=order,
        customer=order.customer,
        user=user,
        ordered_on=order.ordered_on,
        call_id=order.call_id,
        terms=terms,
        lines=lines,
    )


def order_changed_meanwhile(*, order: Order, expected: int, current: int) -> ChangedMeanwhile:
    """Who saved the order after ``expected``, when, and which of its terms (and whether its lines) they changed."""
    conflict = changed_meanwhile(order, expected=expected, current=current, fields=ORDER_FIELDS)
    since = order.history.filter(version__gt=expected).order_by("history_date", "history_id").first()
    if since and OrderLine.history.filter(order_id=order.pk, history_date__gte=since.history_date).exists():
        conflict.changes.append(ChangedField(str(order), str(_("order lines")), "", str(_("changed"))))
    return conflict


class ConfirmationNotSent(Exception):
    """The mail server did not take the confirmation; ``sending`` is the failed attempt on record."""

    def __init__(self, sending: ConfirmationSending):
        super().__init__(sending.error)
        self.sending = sending


def confirmation_send(
    *, order: Order, user: User, channel: str, copies: int, contact: Contact | None
) -> ConfirmationSending:
    """Send the order's confirmation by e-mail or fax, or print it for the post.

    Deliberately not one transaction, and the mail not sent on commit: the
    sending counts only when the SMTP server has accepted the message, so the
    service waits for the server's answer and records it afterwards. Holding a
    database transaction open across that network call would lock SQLite's
    writers for up to the mail timeout. So: the version is fixed in a short
    transaction, the message goes out with no transaction open, and the outcome
    (sent with the server's answer, or failed with the reason) is recorded in
    another. Raises ValidationError naming what is missing before anything is
    rendered, and ConfirmationNotSent when the server refused or was not there.
    """
    if not 1 <= copies <= 5:
        raise ValidationError(_("Between 1 and 5 copies, please."))
    company = company_profile_get()
    recipient = confirmation_check(order=order, channel=channel, contact=contact, company=company)
    confirmation = _version(order=order, contact=contact, user=user)
    letter = letter_for(order=order, contact=contact, company=company, confirmation=confirmation)
    documents = letter_documents(letter, copies=copies, fax=channel == ConfirmationChannel.FAX)

    def record(status: str, *, reply: str = "", error: str = "", document: bytes | None = None) -> ConfirmationSending:
        return _record(
            confirmation=confirmation,
            recipient=recipient,
            copies=copies,
            user=user,
            status=status,
            reply=reply,
            error=error,
            document=document,
        )

    if channel == ConfirmationChannel.POST:
        # A print is no sending until it is posted: printing again replaces the print not posted yet.
        with transaction.atomic():
            confirmation.sendings.filter(status=ConfirmationSending.Status.PRINTED).delete()
            return record(ConfirmationSending.Status.PRINTED, document=pdf_all(documents))
    message = _message(letter, recipient, pdf_each(documents), copies=copies, user=user, company=company)
    try:
        if mailers.default.send_messages([message]) != 1:
            raise smtplib.SMTPException(_("the mail server did not take the message"))
    except (smtplib.SMTPException, OSError, ValueError) as error:
        failed = record(ConfirmationSending.Status.FAILED, error=_describe(error))
        raise ConfirmationNotSent(failed) from error
    reply = getattr(message, "smtp_reply", "")
    return record(ConfirmationSending.Status.SENT, reply=reply, document=pdf_all(documents))


@transaction.atomic
def confirmation_posted(*, sending: ConfirmationSending, user: User) -> ConfirmationSending:
    """Record that the printed confirmation went into the post: by whom, and when."""
    if sending.status != ConfirmationSending.Status.PRINTED:
        raise ValidationError(_("Only a printed confirmation can be marked as posted."))
    sending.status = ConfirmationSending.Status.SENT
    sending.at = timezone.now()
    sending.by = user
    sending.save(update_fields=["status", "at", "by"])
    return sending


@transaction.atomic
def _version(*, order: Order, contact: Contact | None, user: User) -> Confirmation:
    """The version the order's content is: the latest if nothing changed since, else the next one."""
    # Lock the order so that two sendings at once do not both take the next number.
    Order.objects.select_for_update().filter(pk=order.pk).exists()
    current = fingerprint(order, contact)
    latest = order.confirmations.order_by("-version").first()
    if latest is not None and latest.fingerprint == current:
        return latest
    return Confirmation.objects.create(
        order=order, version=latest.version + 1 if latest else 1, fingerprint=current, created_by=user
    )


@transaction.atomic
def _record(
    *,
    confirmation: Confirmation,
    recipient: Recipient,
    copies: int,
    user: User,
    status: str,
    reply: str = "",
    error: str = "",
    document: bytes | None = None,
) -> ConfirmationSending:
    return ConfirmationSending.objects.create(
        confirmation=confirmation,
        channel=recipient.channel,
        copies=copies,
        contact=recipient.contact,
        recipient=recipient.address,
        status=status,
        at=timezone.now(),
        by=user,
        server_reply=reply,
        error=error,
        document=document,
    )


def _message(
    letter: Letter, recipient: Recipient, pdfs: list[bytes], *, copies: int, user: User, company: CompanyProfile
) -> EmailMessage:
    """The cover mail in the customer's language with one PDF per copy."""
    reply_to = [address for address in (user.email or company.email,) if address]
    with translation.override(letter.language):
        subject = _("Order confirmation %(number)s") % {"number": letter.order.number}
        body = render_to_string(
            "orders/confirmation_mail.txt",
            {"letter": letter, "copies": copies, "ordered_on": day(letter.order.ordered_on), "company": company},
        )
        names = [f"{subject} ({mark}).pdf" if mark else f"{subject}.pdf" for mark in copy_marks(copies)]
    message = EmailMessage(subject, body, settings.DEFAULT_FROM_EMAIL, [recipient.address], reply_to=reply_to)
    for name, pdf in zip(names, pdfs, strict=True):
        message.attach(name, pdf, "application/pdf")
    return message


def _describe(error: Exception) -> str:
    """What went wrong, for the seller and the record, ending in the one thing that matters: nothing went out."""
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        refused = "; ".join(f"{address}: {_reply(*answer)}" for address, answer in error.recipients.items())
        reason = _("The mail server refused the recipient (%(reply)s).") % {"reply": refused}
    elif isinstance(error, smtplib.SMTPResponseException):
        reason = _("The mail server refused the message (%(reply)s).") % {
            "reply": _reply(error.smtp_code, error.smtp_error)
        }
    elif isinstance(error, OSError) and not isinstance(error, smtplib.SMTPException):
        mailer = mailers.default
        server = f"{getattr(mailer, 'host', '?')}:{getattr(mailer, 'port', '?')}"
        reason = _("The mail server %(server)s could not be reached (%(error)s).") % {
            "server": server,
            "error": error.strerror or error,
        }
    else:
        reason = _("The mail server did not take the message (%(error)s).") % {"error": error}
    nothing = _("Nothing was sent.")
    return f"{reason} {nothing}"


def _reply(code: int, text: bytes | str) -> str:
    return f"{code} {text.decode('utf-8', 'replace') if isinstance(text, bytes) else text}"
