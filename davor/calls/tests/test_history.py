"""The call page's history reads as the rest of the screen: local times, names, labels, plain numbers."""

from decimal import Decimal

from django.urls import reverse

from davor.calls.selectors import wrapup_data_from_call
from davor.calls.services import wrapup_submit, wrapup_update
from davor.calls.tests.test_wrapup_service import _deal
from davor.customers.models import Contact


def test_the_history_speaks_the_screens_language(owner_client, owner, customer, contact):
    call = wrapup_submit(user=owner, customer=customer, data=_deal(contact))
    wolf = Contact.objects.create(customer=customer, first_name="Petra", last_name="Wolf")
    data = wrapup_data_from_call(call)
    data.contact_ids = [contact.pk, wolf.pk]
    data.order.lines[0].quantity = Decimal("12")
    data.order.confirmation_channel = "email"
    wrapup_update(user=owner, call=call, data=data, expected_version=call.version)

    history = owner_client.get(reverse("calls:detail", args=[call.pk])).context["history"]
    shown = " | ".join(
        f"{entry.what}: {change.field} {change.old} → {change.new}" for entry in history for change in entry.changes
    )

    assert "{'call'" not in shown and "'contact'" not in shown
    assert f"{contact.full_name}, Petra Wolf" in shown  # who was spoken with, by name
    assert "Fax → E-Mail" in shown  # the labels, not the codes
    lines = [entry.what for entry in history if entry.what.startswith("Auftragsposition")]
    assert "Auftragsposition: 12 × Kugelgewindetrieb KGT 32x10" in lines  # twelve, not "12.000"
    calls = [entry.what for entry in history if entry.what.startswith("Gespräch")]
    assert calls and all("02.03.2026 10:15" in what for what in calls)  # the call's time in Berlin, not UTC


def test_the_tasks_a_wrapup_made_read_once_and_in_the_readers_language(client, owner, manager, customer, contact):
    owner.language = "de"
    owner.save()
    call = wrapup_submit(user=owner, customer=customer, data=_deal(contact))
    url = reverse("calls:detail", args=[call.pk])

    client.force_login(owner)
    german = client.get(url).text
    assert "Für die Empfehlung bedanken: Brenner Maschinenbau" in german
    assert "Für Empfehlung bedanken:" not in german  # the kind is not put before a title that says it
    assert "Bei Jens Kessler bedanken (SMS)" in german

    manager.language = "en"
    manager.save()
    client.force_login(manager)
    english = client.get(url).text
    assert "Thank for the referral: Brenner Maschinenbau" in english  # the manager reads English
    assert "Call Jens Kessler again" in english
    assert "Für die Empfehlung" not in english
