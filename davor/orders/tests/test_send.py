"""confirmation_send against a real SMTP server: what goes out, what is kept, what is refused."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.exceptions import ValidationError

from davor.orders import services
from davor.orders.models import CompanyProfile, Confirmation, ConfirmationSending, OrderLine
from davor.orders.services import ConfirmationNotSent, confirmation_posted, confirmation_send
from davor.orders.tests.conftest import pdf_text

BERLIN = ZoneInfo("Europe/Berlin")


def _send(order, user, channel="email", copies=1, contact=None):
    return confirmation_send(order=order, user=user, channel=channel, copies=copies, contact=contact)


def _attachments(message) -> list[tuple[str, bytes]]:
    return [(part.get_filename(), part.get_content()) for part in message.iter_attachments()]


def test_it_emails_the_confirmation_with_the_pdf_attached(smtp, order, owner, contact, tmp_path):
    sending = _send(order, owner, contact=contact)

    [message] = smtp.messages
    assert smtp.recipients == [["j.kessler@kessler-antriebe.de"]]
    assert message["To"] == "j.kessler@kessler-antriebe.de"
    assert message["Reply-To"] == "alice@muster-maschinen.de"
    assert "A-2026-00042" in message["Subject"]
    assert "A-2026-00042" in message.get_body(("plain",)).get_content()
    [(name, pdf)] = _attachments(message)
    assert name.endswith("A-2026-00042.pdf")
    assert "Getriebemotor GM-40" in pdf_text(pdf, tmp_path)
    assert sending.status == ConfirmationSending.Status.SENT
    assert sending.server_reply == "250 2.0.0 Ok: queued as 4F1TEST"
    assert sending.recipient == "j.kessler@kessler-antriebe.de"
    assert (sending.by, sending.channel, sending.confirmation.version) == (owner, "email", 1)
    assert bytes(sending.document).startswith(b"%PDF")


def test_it_attaches_the_original_and_the_copy(smtp, order, owner, contact, tmp_path):
    _send(order, owner, copies=2, contact=contact)

    [message] = smtp.messages
    attachments = _attachments(message)
    assert len(attachments) == 2
    assert "Original" in attachments[0][0]
    assert "Original" in pdf_text(attachments[0][1], tmp_path)
    assert "Original" not in pdf_text(attachments[1][1], tmp_path)


def test_it_faxes_through_the_gateway(smtp, order, owner, contact, tmp_path):
    sending = _send(order, owner, channel="fax", copies=2, contact=contact)

    assert smtp.recipients == [["+4971112345999@fax.example.net"]]
    assert len(_attachments(smtp.messages[0])) == 2
    assert (sending.channel, sending.copies, sending.recipient) == ("fax", 2, "+4971112345999@fax.example.net")


def test_it_writes_the_cover_mail_in_the_customers_language(smtp, order, owner, customer, contact):
    customer.language = "en"
    customer.save(update_fields=["language"])
    _send(order, owner, contact=contact)

    body = smtp.messages[0].get_body(("plain",)).get_content()
    assert body.startswith("Dear Mr Kessler,")
    assert "Please find attached our order confirmation A-2026-00042 for your order of 2 March 2026." in body
    assert smtp.messages[0]["Subject"] == "Order confirmation A-2026-00042"


def test_it_leaves_the_order_unsent_when_the_server_refuses(smtp, order, owner, contact):
    smtp.refuse = "554 5.7.1 Message rejected"

    with pytest.raises(ConfirmationNotSent) as raised:
        _send(order, owner, contact=contact)

    sending = raised.value.sending
    assert sending.status == ConfirmationSending.Status.FAILED
    assert "554 5.7.1 Message rejected" in sending.error
    assert sending.document is None
    assert not ConfirmationSending.objects.filter(status=ConfirmationSending.Status.SENT).exists()


def test_it_leaves_the_order_unsent_when_the_server_is_unreachable(no_smtp, order, owner, contact):
    with pytest.raises(ConfirmationNotSent) as raised:
        _send(order, owner, contact=contact)

    assert "could not be reached" in str(raised.value)
    assert "127.0.0.1" in raised.value.sending.error
    assert not ConfirmationSending.objects.filter(status=ConfirmationSending.Status.SENT).exists()


def test_it_sends_the_same_version_again_when_nothing_changed(smtp, order, owner, contact):
    first = _send(order, owner, contact=contact)
    second = _send(order, owner, channel="fax", contact=contact)

    assert first.confirmation == second.confirmation
    assert Confirmation.objects.count() == 1


def test_it_makes_a_new_version_when_the_order_changed_after_sending(smtp, order, owner, contact):
    first = _send(order, owner, contact=contact)
    order.payment_net_days = 14
    order.save(update_fields=["payment_net_days"])
    second = _send(order, owner, contact=contact)

    assert (first.confirmation.version, second.confirmation.version) == (1, 2)


def test_it_prints_for_the_post_and_records_who_posted_it_when(order, owner, manager, contact, tmp_path):
    printed = _send(order, owner, channel="post", copies=2, contact=contact)

    assert printed.status == ConfirmationSending.Status.PRINTED
    assert printed.recipient == "Kessler Antriebstechnik GmbH, Industriestraße 12, 70565 Stuttgart"
    text = pdf_text(bytes(printed.document), tmp_path)
    assert text.count("Getriebemotor GM-40") == 2
    with time_machine.travel(datetime(2026, 3, 3, 16, 30, tzinfo=BERLIN), tick=False):
        posted = confirmation_posted(sending=printed, user=manager)

    posted.refresh_from_db()
    assert posted.status == ConfirmationSending.Status.SENT
    assert (posted.by, posted.at) == (manager, datetime(2026, 3, 3, 16, 30, tzinfo=BERLIN))
    with pytest.raises(ValidationError):
        confirmation_posted(sending=posted, user=manager)


@pytest.fixture
def rendering_forbidden(monkeypatch):
    def fail(*args, **kwargs):
        raise AssertionError("rendered although data was missing")

    monkeypatch.setattr(services, "letter_documents", fail)


@pytest.mark.usefixtures("rendering_forbidden")
class TestMissingData:
    def _refused(self, order, owner, channel, contact) -> list[str]:
        with pytest.raises(ValidationError) as raised:
            _send(order, owner, channel=channel, contact=contact)
        assert not Confirmation.objects.exists()
        return raised.value.messages

    def test_it_refuses_an_order_without_lines(self, order, owner, contact):
        OrderLine.objects.filter(order=order).delete()
        assert self._refused(order, owner, "email", contact) == ["The order has no lines: there is nothing to confirm."]

    def test_it_refuses_a_line_without_price(self, order, owner, contact):
        order.lines.filter(position=2).update(unit_price=None)
        assert self._refused(order, owner, "email", contact) == ["Line 2 (Inbetriebnahme vor Ort) has no unit price."]

    def test_it_refuses_post_without_a_postal_address(self, order, owner, customer, contact):
        customer.street = ""
        customer.postal_code = ""
        customer.save(update_fields=["street", "postal_code"])
        assert self._refused(order, owner, "post", contact) == [
            "No postal address: Kessler Antriebstechnik GmbH lacks street, postal code."
        ]

    def test_it_refuses_a_fax_without_a_number(self, order, owner, contact):
        contact.fax = ""
        contact.save(update_fields=["fax"])
        assert self._refused(order, owner, "fax", contact) == [
            "No fax number: Jens Kessler (Kessler Antriebstechnik GmbH) has none on record."
        ]

    def test_it_refuses_a_fax_without_a_gateway(self, order, owner, contact, settings):
        settings.DAVOR_FAX_GATEWAY_DOMAIN = ""
        assert self._refused(order, owner, "fax", contact) == [
            "No fax gateway is set up: the administrator sets DAVOR_FAX_GATEWAY_DOMAIN."
        ]

    def test_it_refuses_an_invalid_email_address(self, order, owner, contact):
        contact.email = "j.kessler@kessler antriebe"
        contact.save(update_fields=["email"])
        assert self._refused(order, owner, "email", contact) == [
            "The e-mail address j.kessler@kessler antriebe is not valid."
        ]

    def test_it_refuses_without_our_company_data(self, order, owner, contact):
        CompanyProfile.objects.all().delete()
        [message] = self._refused(order, owner, "email", contact)
        assert "company name, street, postal code, city" in message

    def test_it_names_every_gap_at_once(self, order, owner, customer, contact):
        OrderLine.objects.filter(order=order).delete()
        contact.email = ""
        contact.save(update_fields=["email"])
        assert len(self._refused(order, owner, "email", contact)) == 2


def test_it_keeps_one_print_waiting_to_be_posted(order, owner, contact):
    _send(order, owner, channel="post", contact=contact)
    again = _send(order, owner, channel="post", copies=2, contact=contact)

    assert list(ConfirmationSending.objects.all()) == [again]


@pytest.mark.django_db(transaction=True)
def test_a_mail_server_that_never_answers_holds_up_nobody_else(settings, order, owner, contact, customer):
    import socket
    import threading
    import time

    from django.db import connections, transaction

    from davor.customers.models import Customer

    with socket.socket() as silent:
        silent.bind(("127.0.0.1", 0))
        silent.listen(4)  # accepts, never greets
        settings.MAILERS = {
            "default": {
                "BACKEND": "davor.orders.mailer.EmailBackend",
                "OPTIONS": {"host": "127.0.0.1", "port": silent.getsockname()[1], "timeout": 3},
            }
        }
        failures: list[Exception] = []

        def send() -> None:
            try:
                _send(order, owner, contact=contact)
            except ConfirmationNotSent as error:
                failures.append(error)
            finally:
                connections.close_all()

        thread = threading.Thread(target=send)
        thread.start()
        time.sleep(1)  # the sending now waits for the server's greeting
        started = time.monotonic()
        with transaction.atomic():
            Customer.objects.filter(pk=customer.pk).update(name="Kessler AG")
        waited = time.monotonic() - started
        thread.join()

    assert waited < 1, f"a save waited {waited:.1f} s for the mail server"
    assert len(failures) == 1
    assert ConfirmationSending.objects.get().status == ConfirmationSending.Status.FAILED
