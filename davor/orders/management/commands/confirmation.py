"""``davor confirmation render ORDER -o FILE.pdf`` and ``davor confirmation send ORDER``."""

from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from davor.customers.models import Contact
from davor.orders.models import ConfirmationChannel, ConfirmationSending, Order
from davor.orders.pdf import letter_documents, pdf_all
from davor.orders.recipients import confirmation_check, contact_default
from davor.orders.selectors import company_profile_get, letter_for, order_find
from davor.orders.services import ConfirmationNotSent, confirmation_send
from davor.users.models import User


def by_channel(channel: str) -> str:
    """ "by e-mail" ("per E-Mail"), for the sentence that says how it went out."""
    wording: dict[str, str] = {
        ConfirmationChannel.EMAIL: _("by e-mail"),
        ConfirmationChannel.FAX: _("by fax"),
        ConfirmationChannel.POST: _("by post"),
    }
    return wording.get(channel, channel)


class Command(BaseCommand):
    help = "Render or send an order confirmation (ORDER: a number such as A-2026-00001, or the order's id)."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        render = sub.add_parser("render", help="Write the document with all copies to a PDF; nothing is sent.")
        send = sub.add_parser("send", help="Send it the way the order says (post: write the PDF to print).")
        for action in (render, send):
            action.add_argument("order", help="Order number or id.")
            action.add_argument("--channel", choices=ConfirmationChannel.values, help="Default: the order's.")
            action.add_argument("--copies", type=int, choices=range(1, 6), help="Default: the order's.")
            action.add_argument("--contact", type=int, help="Id of the contact to address (default: the call's).")
        render.add_argument("-o", "--output", required=True, type=Path, help="Where to write the PDF.")
        send.add_argument("-o", "--output", type=Path, help="Post only: where to write the PDF to print.")
        send.add_argument("--user", help="Who sends it (default: the order's seller).")

    def handle(self, *args, **options):
        order = self._order(options["order"])
        channel = options["channel"] or order.confirmation_channel
        if not channel:
            raise CommandError(
                _("%(order)s has no confirmation channel: pass --channel post|fax|email.") % {"order": order.number}
            )
        copies = options["copies"] or order.confirmation_copies
        contact = self._contact(order, options["contact"], channel)
        user = self._user(options.get("user")) or order.created_by
        # The letter is in the customer's language; what is printed here in the terminal's.
        if options["action"] == "render":
            self._render(order, channel, copies, contact, options["output"])
        else:
            self._send(order, user, channel, copies, contact, options["output"])

    def _render(self, order: Order, channel: str, copies: int, contact: Contact | None, output: Path) -> None:
        company = company_profile_get()
        self._check(
            lambda: confirmation_check(order=order, channel=channel, contact=contact, company=company, sending=False)
        )
        letter = letter_for(order=order, contact=contact, company=company)
        documents = letter_documents(letter, copies=copies, fax=channel == ConfirmationChannel.FAX)
        output.write_bytes(pdf_all(documents))
        pages = sum(len(document.pages) for document in documents)
        self.stdout.write(
            ngettext(
                "%(file)s: %(order)s version %(version)s, %(copies)s× (%(pages)s page), %(channel)s",
                "%(file)s: %(order)s version %(version)s, %(copies)s× (%(pages)s pages), %(channel)s",
                pages,
            )
            % {
                "file": output,
                "order": order.number,
                "version": letter.version,
                "copies": copies,
                "pages": pages,
                "channel": ConfirmationChannel(channel).label,
            }
        )

    def _send(self, order, user, channel, copies, contact, output: Path | None) -> None:
        if channel == ConfirmationChannel.POST and output is None:
            raise CommandError(_("By post, Davor writes the PDF to print: pass -o FILE.pdf."))
        try:
            sending = self._check(
                lambda: confirmation_send(order=order, user=user, channel=channel, copies=copies, contact=contact)
            )
        except ConfirmationNotSent as error:
            raise CommandError(error.sending.error) from error
        version = sending.confirmation.version
        if sending.status == ConfirmationSending.Status.PRINTED:
            assert output is not None  # checked before sending
            output.write_bytes(bytes(sending.document))
            self.stdout.write(
                _("%(file)s: print it, post it, then mark it posted on the order page (%(url)s).")
                % {"file": output, "url": order.get_absolute_url()}
            )
            return
        self.stdout.write(
            _("%(order)s version %(version)s sent %(by_channel)s to %(recipient)s.")
            % {
                "order": order.number,
                "version": version,
                "by_channel": by_channel(channel),
                "recipient": sending.recipient,
            }
        )
        self.stdout.write(_("The server answered: %(reply)s") % {"reply": sending.server_reply or "—"})

    def _check(self, action):
        try:
            return action()
        except ValidationError as error:
            raise CommandError("\n".join(error.messages)) from error

    def _order(self, reference: str) -> Order:
        try:
            return order_find(reference=reference)
        except Order.DoesNotExist as error:
            raise CommandError(_("No order %(reference)r.") % {"reference": reference}) from error

    def _contact(self, order: Order, contact_id: int | None, channel: str) -> Contact | None:
        if contact_id is None:
            return contact_default(order, channel)
        contact = order.customer.contacts.filter(pk=contact_id).first()
        if contact is None:
            raise CommandError(
                _("%(customer)s has no contact %(id)s.") % {"customer": order.customer.name, "id": contact_id}
            )
        return contact

    def _user(self, username: str | None) -> User | None:
        if not username:
            return None
        user = User.objects.filter(username=username, is_active=True).first()
        if user is None:
            raise CommandError(_("No active user %(name)r.") % {"name": username})
        return user
