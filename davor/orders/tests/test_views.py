"""The order page, its PDF and the sending actions, through HTTP."""

import pytest
from django.urls import reverse

from davor.orders.models import ConfirmationSending
from davor.orders.services import confirmation_send
from davor.orders.tests.conftest import pdf_text


def _urls(order, sending) -> dict[str, tuple[str, str]]:
    return {
        "detail": ("get", reverse("orders:detail", args=[order.pk])),
        "pdf": ("get", reverse("orders:confirmation_pdf", args=[order.pk])),
        "send": ("post", reverse("orders:confirmation_send", args=[order.pk])),
        "sending_pdf": ("get", reverse("orders:sending_pdf", args=[order.pk, sending.pk])),
        "posted": ("post", reverse("orders:sending_posted", args=[order.pk, sending.pk])),
    }


@pytest.fixture
def printed(order, owner, contact) -> ConfirmationSending:
    return confirmation_send(order=order, user=owner, channel="post", copies=2, contact=contact)


def _send_form(contact, channel="email", copies=1) -> dict:
    return {"channel": channel, "copies": copies, "contact": contact.pk}


def test_it_shows_the_order_and_how_the_confirmation_was_agreed(owner_client, order):
    response = owner_client.get(order.get_absolute_url())

    html = response.content.decode()
    assert response.status_code == 200
    assert "Getriebemotor GM-40" in html
    assert "Not sent yet" in html
    assert response.context["form"]["channel"].value() == "fax"
    assert response.context["form"]["copies"].value() == 2


@pytest.mark.parametrize("name", ["detail", "pdf", "send", "sending_pdf", "posted"])
@pytest.mark.parametrize("who", ["outsider", "teammate"])
def test_it_hides_every_order_url_from_other_sellers(client, request, order, printed, name, who):
    client.force_login(request.getfixturevalue(who))
    method, url = _urls(order, printed)[name]

    response = getattr(client, method)(url, {"channel": "email", "copies": 1} if method == "post" else None)

    assert response.status_code == 404
    printed.refresh_from_db()
    assert printed.status == ConfirmationSending.Status.PRINTED


def test_it_shows_the_order_to_the_team_manager(client, manager, order):
    client.force_login(manager)
    assert client.get(order.get_absolute_url()).status_code == 200


@pytest.mark.parametrize(("name", "wrong"), [("detail", "post"), ("pdf", "post"), ("send", "get"), ("posted", "get")])
def test_it_refuses_the_wrong_method(owner_client, order, printed, name, wrong):
    _method, url = _urls(order, printed)[name]
    assert getattr(owner_client, wrong)(url).status_code == 405


def test_it_previews_the_pdf_without_recording_anything(owner_client, order, contact):
    response = owner_client.get(reverse("orders:confirmation_pdf", args=[order.pk]), _send_form(contact, "post", 2))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert not ConfirmationSending.objects.exists()


def test_it_previews_a_fax_without_a_fax_gateway(owner_client, order, contact, settings, tmp_path):
    settings.DAVOR_FAX_GATEWAY_DOMAIN = ""

    response = owner_client.get(reverse("orders:confirmation_pdf", args=[order.pk]), _send_form(contact, "fax", 1))

    assert response["Content-Type"] == "application/pdf"
    assert "Getriebemotor GM-40" in pdf_text(response.content, tmp_path)


def test_it_sends_and_says_so(owner_client, smtp, order, contact):
    response = owner_client.post(
        reverse("orders:confirmation_send", args=[order.pk]), _send_form(contact, "fax", 2), follow=True
    )

    html = response.content.decode()
    assert "Confirmation version 1 sent by Fax to +4971112345999@fax.example.net." in html
    assert "Version 1 went to the customer on" in html and "by Fax (2×), sent by" in html
    assert "250 2.0.0 Ok: queued as 4F1TEST" in html
    assert len(smtp.messages) == 1


def test_it_reports_a_refusal_and_offers_a_retry(owner_client, smtp, order, contact):
    smtp.refuse = "451 4.3.0 Try again later"
    url = reverse("orders:confirmation_send", args=[order.pk])

    response = owner_client.post(url, _send_form(contact), follow=True)

    html = response.content.decode()
    assert "The mail server refused the message (451 4.3.0 Try again later). Nothing was sent." in html
    assert "Not sent yet" in html
    assert "Retry" in html
    smtp.refuse = ""
    sending = ConfirmationSending.objects.get()
    retry = {"channel": sending.channel, "copies": sending.copies, "contact": sending.contact_id}
    owner_client.post(url, retry)
    assert ConfirmationSending.objects.filter(status=ConfirmationSending.Status.SENT).count() == 1
    assert "Retry" not in owner_client.get(order.get_absolute_url()).content.decode()


def test_it_names_what_is_missing_instead_of_sending(owner_client, smtp, order, contact):
    contact.email = ""
    contact.save(update_fields=["email"])

    response = owner_client.post(reverse("orders:confirmation_send", args=[order.pk]), _send_form(contact))

    assert response.status_code == 200
    assert "No e-mail address: Jens Kessler (Kessler Antriebstechnik GmbH) has none on record." in (
        response.content.decode()
    )
    assert smtp.messages == []


def test_it_refuses_a_contact_of_another_customer(owner_client, order, outsider):
    from davor.customers.models import Contact, Customer

    other = Customer.objects.create(owner=outsider, number="K-2", name="Andere GmbH")
    stranger = Contact.objects.create(customer=other, last_name="Fremd", email="f@andere.de")

    response = owner_client.post(reverse("orders:confirmation_send", args=[order.pk]), _send_form(stranger))

    assert response.status_code == 200
    assert response.context["form"].errors["contact"]
    assert not ConfirmationSending.objects.exists()


def test_it_records_printed_and_posted(owner_client, order, printed, owner):
    page = owner_client.get(order.get_absolute_url()).content.decode()
    assert "Printed and posted" in page

    response = owner_client.post(reverse("orders:sending_posted", args=[order.pk, printed.pk]), follow=True)

    printed.refresh_from_db()
    assert printed.status == ConfirmationSending.Status.SENT
    assert printed.by == owner
    assert "Recorded: confirmation version 1 posted." in response.content.decode()


def test_it_serves_the_document_as_it_went_out(owner_client, order, printed):
    response = owner_client.get(reverse("orders:sending_pdf", args=[order.pk, printed.pk]))

    assert response["Content-Type"] == "application/pdf"
    assert response.content == bytes(printed.document)


def test_it_tells_when_the_order_changed_after_sending(owner_client, order, printed):
    owner_client.post(reverse("orders:sending_posted", args=[order.pk, printed.pk]))
    order.delivery_note = "KW 14"
    order.save(update_fields=["delivery_note"])

    html = owner_client.get(order.get_absolute_url()).content.decode()

    assert "The order no longer says what version 1 said: send it again." in html


def test_it_links_the_order_from_the_call(owner_client, order):
    from davor.calls.models import Call, Outcome

    call = Call.objects.create(
        customer=order.customer, user=order.created_by, outcome=Outcome.objects.first(), started_at=order.created_at
    )
    order.call = call
    order.save(update_fields=["call"])

    html = owner_client.get(reverse("calls:detail", args=[call.pk])).content.decode()

    assert order.get_absolute_url() in html


def test_the_total_is_labelled_as_including_vat_and_the_vat_has_its_own_line(owner_client, owner, order):
    owner.language = "de"
    owner.save()
    html = owner_client.get(order.get_absolute_url()).content.decode()
    assert "zuzüglich 19 % USt.</td><td>" in html  # the VAT, as an amount of its own
    total = html[html.index("Gesamtbetrag") :]
    assert "zuzüglich" not in total[: total.index("</tr>")]  # the total includes it, and does not claim otherwise


def test_erasing_the_addressee_does_not_make_the_confirmation_outdated(owner_client, manager, smtp, order, contact):
    from davor.customers.gdpr import contact_erase
    from davor.orders.selectors import confirmation_status

    order = type(order).objects.get(pk=order.pk)  # as the order page loads it
    confirmation_send(order=order, user=manager, channel="email", copies=1, contact=contact)
    assert confirmation_status(order=order).changed_since is False
    contact_erase(user=manager, contact=contact)

    assert confirmation_status(order=order).changed_since is False
    assert "Changed since" not in owner_client.get(order.get_absolute_url()).content.decode()
    order.payment_net_days = (order.payment_net_days or 0) + 15
    order.save()
    assert confirmation_status(order=order).changed_since is True  # a real change still counts
