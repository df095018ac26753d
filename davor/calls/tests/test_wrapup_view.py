import pytest
from django.urls import reverse

from davor.calls.models import Call, Outcome
from davor.orders.models import Order


def _management(prefix: str, total: int = 0) -> dict:
    return {f"{prefix}-TOTAL_FORMS": str(total), f"{prefix}-INITIAL_FORMS": "0"}


def _post_data(contact, **extra) -> dict:
    data = {
        "outcome": str(Outcome.objects.get(kind="deal").pk),
        "contacts": [str(contact.pk)],
        "direction": "out",
        "started_at": "2026-03-02T10:15",
        "duration_minutes": "12",
        "note": "Abschluss",
        **_management("lines", 1),
        "lines-0-description": "Kugelgewindetrieb KGT 32x10",
        "lines-0-quantity": "4",
        "lines-0-unit_price": "412,50",
        "order-delivery_earliest": "2026-03-16",
        "order-delivery_latest": "2026-03-20",
        "order-delivery_note": "KW 12",
        "order-payment_net_days": "30",
        "order-skonto_percent": "2",
        "order-skonto_days": "10",
        "order-confirmation_channel": "fax",
        "order-confirmation_copies": "2",
        **_management("appointments", 1),
        "appointments-0-start": "2026-03-10T14:00",
        "appointments-0-duration_minutes": "90",
        "appointments-0-location": "Beim Kunden",
        **_management("appointments-0-participants", 3),
        "appointments-0-participants-0-name": "Jens Kessler",
        "appointments-0-participants-0-extension": "231",
        "appointments-0-participants-0-position": "Einkauf",
        **_management("tasks"),
        **_management("wishes", 1),
        "wishes-0-description": "Linearführungen",
        **_management("referrals"),
        **_management("new_contacts"),
        "more-planning_month": "9",
        "more-personal_note": "Segelt am Bodensee",
        "more-nothing_referrals": "on",
        "more-care_channel": "sms",
        "more-care_due": "2026-03-03",
    }
    data.update(extra)
    return data


def test_it_shows_the_wrapup_screen_for_a_customer(owner_client, customer, contact):
    response = owner_client.get(reverse("calls:record", args=[customer.pk]))

    assert response.status_code == 200
    assert b"data-ctrl-enter" in response.content
    assert contact.last_name.encode() in response.content


def test_it_saves_a_complete_wrapup_and_goes_to_the_customer(owner_client, customer, contact):
    response = owner_client.post(reverse("calls:record", args=[customer.pk]), _post_data(contact))

    assert response.status_code == 302
    assert response.url == customer.get_absolute_url()
    call = Call.objects.get()
    assert call.is_complete, call.missing
    order = Order.objects.get(call=call)
    assert str(order.lines.get().unit_price) == "412.50"


def test_it_shows_localised_errors_and_writes_nothing_on_bad_input(owner_client, customer, contact):
    data = _post_data(contact, **{"order-skonto_percent": "120", "order-delivery_earliest": "2026-01-01"})

    response = owner_client.post(reverse("calls:record", args=[customer.pk]), data)

    assert response.status_code == 422
    # German is the seller's default language; the errors speak it.
    assert "Ein Prozentwert liegt zwischen 0 und 100." in response.content.decode()
    assert "Die Lieferung kann nicht vor dem Gespräch liegen." in response.content.decode()
    assert not Call.objects.exists()


def test_it_returns_only_the_completeness_panel_for_the_live_check(owner_client, customer, contact):
    data = _post_data(contact, **{"order-payment_net_days": "", "order-skonto_percent": "", "order-skonto_days": ""})

    response = owner_client.post(
        reverse("calls:record_check", args=[customer.pk]), data, headers={"HX-Request": "true"}
    )

    assert response.status_code == 200
    body = response.content.decode()
    assert body.lstrip().startswith('<aside id="completeness"')
    assert 'data-gap="order.payment"' in body
    assert not Call.objects.exists()


@pytest.mark.parametrize("name", ["outsider_client"])
def test_it_hides_other_sellers_customers(request, name, customer):
    client = request.getfixturevalue(name)

    assert client.get(reverse("calls:record", args=[customer.pk])).status_code == 404
    assert client.post(reverse("calls:record_suggest", args=[customer.pk]), {}).status_code == 404


def test_it_revises_a_call_and_keeps_the_history(owner_client, customer, contact):
    owner_client.post(reverse("calls:record", args=[customer.pk]), _post_data(contact))
    call = Call.objects.get()
    page = owner_client.get(reverse("calls:edit", args=[call.pk]))
    assert page.status_code == 200
    assert "Jens Kessler" in page.content.decode()
    appointment = call.appointments.get()
    data = _post_data(
        contact,
        version=str(call.version),
        order_version=str(Order.objects.get().version),
        **{"order-payment_net_days": "45", "appointments-INITIAL_FORMS": "1", "appointments-0-id": str(appointment.pk)},
    )

    response = owner_client.post(reverse("calls:edit", args=[call.pk]), data)

    assert response.status_code == 302
    assert Order.objects.get().payment_net_days == 45
    assert call.appointments.get().pk == appointment.pk
    detail = owner_client.get(reverse("calls:detail", args=[call.pk])).content.decode()
    assert "<del>30</del> → <ins>45</ins>" in detail


def test_it_hides_calls_of_other_sellers(owner, outsider_client, customer, contact):
    from davor.calls.services import wrapup_submit
    from davor.calls.tests.test_wrapup_service import _deal

    call = wrapup_submit(user=owner, customer=customer, data=_deal(contact))

    for name in ("calls:detail", "calls:edit"):
        assert outsider_client.get(reverse(name, args=[call.pk])).status_code == 404
    assert outsider_client.post(reverse("calls:edit", args=[call.pk]), {}).status_code == 404


def test_it_speaks_english_to_an_english_user(owner, owner_client, customer, contact):
    owner.language = "en"
    owner.save(update_fields=["language"])
    # Numbers are read in the user's locale: a decimal point in English.
    data = _post_data(contact, **{"order-skonto_percent": "120", "lines-0-unit_price": "412.50"})

    response = owner_client.post(reverse("calls:record", args=[customer.pk]), data)

    assert "A percentage lies between 0 and 100." in response.content.decode()
    assert "Enter a number." not in response.content.decode()
