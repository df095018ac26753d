import json
from datetime import timedelta

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from davor.agenda.models import Appointment, Participant, Task
from davor.agenda.titles import title_fields
from davor.calls.models import Call, Outcome
from davor.customers.gdpr import ERASED, person_mentions, personal_terms
from davor.customers.models import Contact
from davor.users.models import AuditEvent


@pytest.fixture
def footprint(owner, customer, contact):
    """The person's traces across Davor: a call with them, a note naming them, an appointment, a task."""
    outcome = Outcome.objects.create(kind="deal", name_de="Abschluss", name_en="Deal")
    call = Call.objects.create(
        customer=customer, user=owner, outcome=outcome, started_at=timezone.now(),
        note="Jens Kessler will Angebot, Rückruf unter +4971112345231, Mail j.kessler@kessler-antriebe.de",
    )  # fmt: skip
    call.contacts.add(contact)
    appointment = Appointment.objects.create(customer=customer, owner=owner, start=timezone.now() + timedelta(days=3))
    Participant.objects.create(appointment=appointment, contact=contact, name="Jens Kessler", position="Einkauf")
    Task.objects.create(customer=customer, contact=contact, owner=owner, kind="care", title="Herr Kessler danken")
    Task.objects.create(
        customer=customer, contact=contact, owner=owner, kind="follow_up", call=call, done_at=timezone.now(),
        **title_fields("call_again", language="de", whom="Jens Kessler"),
    )  # fmt: skip
    return call


def test_the_export_holds_the_persons_data(owner_client, contact, footprint):
    url = reverse("customers:contact_privacy_json", args=[contact.customer_id, contact.pk])
    data = json.loads(owner_client.get(url).content)
    assert data["person"]["email"] == contact.email
    assert data["consent"]["email"]["given"] is False
    assert "Jens Kessler will Angebot" in data["calls"][0]["note"]
    assert data["appointments"][0]["name"] == "Jens Kessler"
    assert AuditEvent.objects.filter(action="gdpr_export", object_id=str(contact.pk)).exists()
    page = owner_client.get(reverse("customers:contact_privacy", args=[contact.customer_id, contact.pk]))
    assert "j.kessler@kessler-antriebe.de" in page.text


def test_the_page_reads_in_the_users_language_not_in_field_names(owner_client, owner, contact, footprint):
    owner.language = "de"
    owner.save()
    contact.consent_email = True
    contact.save()
    page = owner_client.get(reverse("customers:contact_privacy", args=[contact.customer_id, contact.pk])).text
    assert "<dt>Vorname</dt><dd>Jens</dd>" in page
    assert "first_name" not in page and "consent_email" not in page and "False" not in page
    assert "<dt>E-Mail</dt><dd>ja" in page  # consent, by channel label
    assert "historical" not in page and "(title)" not in page
    assert "Aufgabe (frühere Fassung)" in page  # a mention in the change history, said so


def test_erasure_leaves_none_of_the_person(client, manager, contact, footprint):
    terms = personal_terms(contact)
    assert person_mentions(terms)
    client.force_login(manager)
    url = reverse("customers:contact_erase", args=[contact.customer_id, contact.pk])
    assert client.post(url, {"confirm": "yes"}).status_code == 302
    assert person_mentions(terms) == []
    contact.refresh_from_db()
    assert (contact.last_name, contact.first_name, contact.email, contact.phone) == (ERASED, "", "", "")
    assert not Contact.history.filter(id=contact.pk).exists()
    assert Participant.objects.get().name == ERASED
    review = Task.objects.get(call=footprint, kind="review")
    assert "Kessler" not in review.title
    assert review.get_kind_display() == "Prüfen"
    done = Task.objects.get(call=footprint, kind="follow_up")
    assert "Kessler" not in done.title and "Kessler" not in done.heading
    assert not any("Kessler" in json.dumps(h.title_params) for h in Task.history.all())
    event = AuditEvent.objects.get(action="erasure")
    assert "Kessler" not in json.dumps(event.details) and "kessler" not in event.username
    if connection.vendor == "postgresql":  # the search's name words (SQLite reads them from its index)
        with connection.cursor() as cursor:
            cursor.execute("SELECT kind, word FROM search_name_word WHERE word IN ('jens', 'kessler')")
            assert ("contact", "kessler") not in cursor.fetchall()


def test_a_seller_may_not_erase_and_needs_the_box_ticked(owner_client, client, manager, contact):
    url = reverse("customers:contact_erase", args=[contact.customer_id, contact.pk])
    assert owner_client.post(url, {"confirm": "yes"}).status_code == 403
    client.force_login(manager)
    client.post(url, {})
    contact.refresh_from_db()
    assert contact.last_name == "Kessler"


@pytest.mark.parametrize("name", ["contact_privacy", "contact_privacy_json", "contact_erase"])
def test_an_outsider_gets_404(outsider_client, contact, name):
    url = reverse(f"customers:{name}", args=[contact.customer_id, contact.pk])
    response = outsider_client.post(url, {"confirm": "yes"}) if name == "contact_erase" else outsider_client.get(url)
    assert response.status_code == 404
    contact.refresh_from_db()
    assert contact.last_name == "Kessler"


def test_consent_is_edited_on_the_contact_form(owner_client, contact):
    url = reverse("customers:contact_edit", args=[contact.customer_id, contact.pk])
    data = {"last_name": "Kessler", "is_active": "on", "consent_email": "on", "consent_email_source": "Messe 2026"}
    assert owner_client.post(url, data).status_code == 302
    contact.refresh_from_db()
    assert contact.consent_email and contact.consent_email_date == timezone.localdate()
    assert contact.consent_email_source == "Messe 2026"
    assert "consent_sms" in owner_client.get(url).text


def test_erasure_leaves_no_pdf_raw_number_or_open_touch(owner, manager, customer, contact):
    from datetime import date

    from davor.customers.gdpr import contact_erase
    from davor.orders.models import Confirmation, ConfirmationSending, Order
    from davor.telephony.models import PhoneCall

    order = Order.objects.create(
        customer=customer, created_by=owner, number="A-2026-00001", ordered_on=date(2026, 3, 2)
    )
    confirmation = Confirmation.objects.create(order=order, version=1, fingerprint="x", created_by=owner)
    sending = ConfirmationSending.objects.create(
        confirmation=confirmation, channel="email", contact=contact, recipient=contact.email, status="sent",
        at=timezone.now(), by=owner, document=b"%PDF Sehr geehrter Herr Kessler",
    )  # fmt: skip
    raw = PhoneCall.objects.create(user=owner, customer=customer, number="0711 12345-231", started_at=timezone.now())
    linked = PhoneCall.objects.create(user=owner, contact=contact, number="+4971112345231", started_at=timezone.now())
    other = PhoneCall.objects.create(user=owner, customer=customer, number="+4971112345000", started_at=timezone.now())
    care = Task.objects.create(customer=customer, contact=contact, owner=owner, kind="care", title="Bei Jens bedanken")
    promise = Task.objects.create(customer=customer, contact=contact, owner=owner, kind="our_promise", title="Angebot")
    done = Task.objects.create(
        customer=customer, contact=contact, owner=owner, kind="care", title="Dank", done_at=timezone.now()
    )

    contact_erase(user=manager, contact=contact)

    sending.refresh_from_db()
    assert sending.document is None and sending.status == "sent"
    assert [PhoneCall.objects.get(pk=row.pk).number for row in (raw, linked, other)] == ["", "", "+4971112345000"]
    assert not Task.objects.filter(pk=care.pk).exists()
    promise.refresh_from_db()
    assert promise.contact_id is None and promise.done_at is None
    assert Task.objects.filter(pk=done.pk).exists()
