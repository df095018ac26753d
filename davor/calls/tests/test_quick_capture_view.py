from django.urls import reverse

from davor.calls.models import Call, Outcome
from davor.calls.tests.test_wrapup_view import _management
from davor.orders.models import Order

NOTE = (
    "Hr. Kessler (Einkauf, DW 231) angerufen. Lief. KW 12, frei Haus. AB per Fax doppelt. "
    "30 Tage netto, 2 % Skonto 10 Tage. "
    "Ich schicke bis Freitag das Angebot für die Wartung."
)


def _form(contact, note=NOTE, **extra):
    data = {
        "outcome": str(Outcome.objects.get(kind="deal").pk),
        "direction": "out",
        "started_at": "2026-03-02T10:15",
        "note": note,
        **_management("lines", 1),
        **_management("appointments"),
        **_management("tasks"),
        **_management("wishes"),
        **_management("referrals"),
        **_management("new_contacts"),
    }
    data.update(extra)
    return data


def _url(customer, action):
    return reverse(f"calls:record_{action}", args=[customer.pk])


def test_it_highlights_what_the_note_says(owner_client, customer, contact):
    response = owner_client.post(_url(customer, "suggest"), _form(contact), headers={"HX-Request": "true"})

    body = response.content.decode()
    assert response.status_code == 200
    assert body.lstrip().startswith('<section id="suggestions"')
    assert '<mark class="fact confirmation"' in body
    assert "data-accept-all" in body
    assert not Call.objects.exists()


def test_it_takes_the_suggestions_into_the_form_without_overwriting(owner_client, customer, contact):
    response = owner_client.post(_url(customer, "accept"), _form(contact, **{"order-payment_net_days": "14"}))

    assert response.status_code == 200
    forms = response.context["forms"]
    order = forms.order.initial
    assert order["confirmation_channel"] == "fax"
    assert order["confirmation_copies"] == 2
    assert order["shipping"] == "free_delivery"
    assert order["payment_net_days"] == 14  # typed by the seller: kept
    assert order["skonto_days"] == 10
    assert forms.call.initial["contacts"] == [contact.pk]
    assert [t["title"] for t in forms.tasks.initial] and forms.tasks.initial[0]["kind"] == "our_promise"
    assert not Call.objects.exists()


def test_it_saves_without_accepting_anything(owner_client, customer, contact):
    response = owner_client.post(reverse("calls:record", args=[customer.pk]), _form(contact))

    assert response.status_code == 302
    call = Call.objects.get()
    assert call.note == NOTE
    assert not call.is_complete  # nothing was taken over, so the checklist is still open


def test_it_points_the_take_over_button_at_the_same_wrapup(owner_client, customer, contact):
    response = owner_client.post(_url(customer, "suggest"), _form(contact), headers={"HX-Request": "true"})

    assert f'formaction="/calls/new/{customer.pk}/accept/"' in response.content.decode()


def test_it_saves_what_was_taken_over_at_the_save_address(owner_client, customer, contact):
    """Taken over, then saved: the form posts to the screen's own address, never back to "accept"."""
    taken = owner_client.post(_url(customer, "accept"), _form(contact))
    assert f'action="/calls/new/{customer.pk}/"' in taken.content.decode()
    forms = taken.context["forms"]
    data = {name: value for name, value in _form(contact).items()}
    data |= {
        "order-confirmation_channel": forms.order.initial["confirmation_channel"],
        "order-confirmation_copies": str(forms.order.initial["confirmation_copies"]),
    }

    response = owner_client.post(reverse("calls:record", args=[customer.pk]), data)

    assert response.status_code == 302
    assert Order.objects.get(call=Call.objects.get()).confirmation_channel == "fax"


def test_it_answers_the_actions_only_to_a_post(owner_client, customer):
    for action in ("suggest", "accept", "check"):
        assert owner_client.get(_url(customer, action)).status_code == 405
    assert not Call.objects.exists()


def test_it_reads_the_outcome_and_the_order_lines_from_the_note(owner_client, customer, contact):
    note = "Hr. Kessler bestellt 12 Hydraulikpumpen HP-40. AB per Mail."
    response = owner_client.post(_url(customer, "accept"), _form(contact, note=note, outcome=""))

    forms = response.context["forms"]
    assert forms.call.initial["outcome"] == Outcome.objects.get(kind="deal").pk
    assert forms.lines.initial[0]["description"] == "Hydraulikpumpen HP-40"
    assert forms.lines.initial[0]["quantity"] == 12


def test_it_keeps_new_people_of_the_note_as_contacts_spoken_with(owner_client, customer, contact):
    note = "Fr. Petra Wolf (Technische Leiterin, DW 118) bestellt 4 Spindeln. AB per Mail."
    taken = owner_client.post(_url(customer, "accept"), _form(contact, note=note, outcome=""))
    assert taken.context["forms"].new_contacts.initial[0]["name"] == "Petra Wolf"
    data = _form(contact, note=note) | {
        **_management("new_contacts", 1),
        "new_contacts-0-name": "Petra Wolf",
        "new_contacts-0-position": "Technische Leiterin",
        "new_contacts-0-extension": "118",
        "new_contacts-0-spoke_with": "on",
    }

    assert owner_client.post(reverse("calls:record", args=[customer.pk]), data).status_code == 302

    wolf = customer.contacts.get(last_name="Wolf")
    assert (wolf.first_name, wolf.position, wolf.extension) == ("Petra", "Technische Leiterin", "118")
    assert list(Call.objects.get().contacts.all()) == [wolf]
