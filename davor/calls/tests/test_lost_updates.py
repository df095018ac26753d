"""Two people revising the same wrap-up: the second save is refused, never silently applied."""

import pytest
from django.test import Client
from django.urls import reverse

from davor.calls.models import Call
from davor.calls.services import wrapup_submit, wrapup_update
from davor.calls.tests.test_wrapup_service import _deal
from davor.calls.tests.test_wrapup_view import _post_data
from davor.lib.locking import ChangedMeanwhile
from davor.orders.models import Order


def _edit(client: Client, call: Call, contact, version: int, order_version: int | None = None, **fields: str):
    """Save the wrap-up screen as read at ``version`` (and the order at ``order_version``, by default its current)."""
    appointment = call.appointments.get()
    if order_version is None:
        order_version = Order.objects.get(call=call).version
    data = _post_data(
        contact,
        version=str(version),
        order_version=str(order_version),
        **{"appointments-INITIAL_FORMS": "1", "appointments-0-id": str(appointment.pk), **fields},
    )
    return client.post(reverse("calls:edit", args=[call.pk]), data)


def test_it_refuses_a_stale_save_and_shows_who_changed_what(owner_client, manager, customer, contact):
    owner_client.post(reverse("calls:record", args=[customer.pk]), _post_data(contact))
    call = Call.objects.get()
    page = owner_client.get(reverse("calls:edit", args=[call.pk])).content.decode()
    assert f'name="version" value="{call.version}"' in page
    colleague = Client()
    colleague.force_login(manager)
    assert _edit(colleague, call, contact, call.version, **{"order-payment_net_days": "45"}).status_code == 302

    response = _edit(owner_client, call, contact, call.version, **{"order-payment_net_days": "60"})

    assert response.status_code == 409
    body = response.content.decode()
    assert "Maria" in body
    assert "<del>30</del> → <ins>45</ins>" in body
    assert f'name="version" value="{call.version + 1}"' in body  # saving again is a decision in sight of it
    assert Order.objects.get().payment_net_days == 45


def test_it_saves_again_once_the_seller_has_seen_the_changes(owner_client, manager, customer, contact):
    owner_client.post(reverse("calls:record", args=[customer.pk]), _post_data(contact))
    call = Call.objects.get()
    colleague = Client()
    colleague.force_login(manager)
    _edit(colleague, call, contact, 1, **{"order-payment_net_days": "45"})

    response = _edit(owner_client, call, contact, 2, **{"order-payment_net_days": "60"})

    assert response.status_code == 302
    assert Order.objects.get().payment_net_days == 60
    call.refresh_from_db()
    assert call.version == 3


def test_it_treats_a_missing_version_as_stale(owner_client, customer, contact):
    owner_client.post(reverse("calls:record", args=[customer.pk]), _post_data(contact))
    call = Call.objects.get()
    data = _post_data(contact, **{"order-payment_net_days": "60"})

    response = owner_client.post(reverse("calls:edit", args=[call.pk]), data)

    assert response.status_code == 409
    assert Order.objects.get().payment_net_days == 30


def test_it_counts_the_version_up_on_every_save(owner, customer, contact):
    call = wrapup_submit(user=owner, customer=customer, data=_deal(contact))
    assert call.version == 1
    order = Order.objects.get(call=call)

    wrapup_update(user=owner, call=call, data=_deal(contact), expected_version=1)

    call.refresh_from_db()
    order.refresh_from_db()
    assert (call.version, order.version) == (2, 2)


def test_it_writes_nothing_when_the_version_is_stale(owner, customer, contact):
    call = wrapup_submit(user=owner, customer=customer, data=_deal(contact))
    wrapup_update(user=owner, call=call, data=_deal(contact, note="first"), expected_version=1)

    with pytest.raises(ChangedMeanwhile) as raised:
        wrapup_update(user=owner, call=call, data=_deal(contact, note="second"), expected_version=1)

    call.refresh_from_db()
    assert call.note == "first"
    assert (raised.value.expected, raised.value.current) == (1, 2)
    assert raised.value.who == "Alice"
    assert any(change.new == "first" for change in raised.value.changes)


def test_it_refuses_a_stale_screen_after_the_order_was_revised_on_its_own(owner_client, manager, customer, contact):
    """The order's own page and the API revise the order without the call: the wrap-up screen must notice."""
    from davor.calls.selectors import wrapup_data_from_call
    from davor.orders.services import order_update

    owner_client.post(reverse("calls:record", args=[customer.pk]), _post_data(contact))
    call = Call.objects.get()
    order = Order.objects.get(call=call)
    read = order.version
    page = owner_client.get(reverse("calls:edit", args=[call.pk])).content.decode()
    assert f'name="order_version" value="{read}"' in page
    terms = wrapup_data_from_call(call).order
    terms.payment_net_days = 45
    order_update(user=manager, order=order, terms=terms, lines=terms.lines, expected_version=read)

    response = _edit(owner_client, call, contact, call.version, read, **{"order-skonto_days": "5"})

    assert response.status_code == 409
    assert "<del>30</del> → <ins>45</ins>" in response.content.decode()
    assert f'name="order_version" value="{read + 1}"' in response.content.decode()
    order.refresh_from_db()
    assert (order.payment_net_days, order.skonto_days) == (45, 10)


def test_a_stale_screen_does_not_undo_an_appointment_moved_on_its_own(owner_client, owner, customer, contact):
    from datetime import timedelta

    from davor.agenda.services.appointments import appointment_update

    owner_client.post(reverse("calls:record", args=[customer.pk]), _post_data(contact))
    call = Call.objects.get()
    appointment = call.appointments.get()
    read = appointment.version
    page = owner_client.get(reverse("calls:edit", args=[call.pk])).content.decode()
    assert f'name="appointments-0-version" value="{read}"' in page
    moved = appointment.start + timedelta(days=1)
    appointment_update(
        user=owner, appointment=appointment, start=moved, end=None, location="Werk 2", title="", expected_version=read
    )

    response = _edit(owner_client, call, contact, call.version, **{"appointments-0-version": str(read)})

    assert response.status_code == 409
    appointment.refresh_from_db()
    assert (appointment.start, appointment.location) == (moved, "Werk 2")


def test_a_wrapup_change_to_an_appointment_counts_its_version_up(owner_client, customer, contact):
    owner_client.post(reverse("calls:record", args=[customer.pk]), _post_data(contact))
    call = Call.objects.get()
    appointment = call.appointments.get()
    read = appointment.version

    response = _edit(
        owner_client,
        call,
        contact,
        call.version,
        **{"appointments-0-version": str(read), "appointments-0-location": "Werk 3"},
    )

    assert response.status_code == 302
    appointment.refresh_from_db()
    assert (appointment.location, appointment.version) == ("Werk 3", read + 1)
