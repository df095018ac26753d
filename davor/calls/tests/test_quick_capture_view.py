from django.urls import reverse

from davor.calls.models import Call, Outcome
from davor.calls.tests.test_wrapup_view import _management

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
    }
    data.update(extra)
    return data


def _url(customer, action):
    return f"{reverse('calls:new')}?customer={customer.pk}&{action}=1"


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
    response = owner_client.post(f"{reverse('calls:new')}?customer={customer.pk}", _form(contact))

    assert response.status_code == 302
    call = Call.objects.get()
    assert call.note == NOTE
    assert not call.is_complete  # nothing was taken over, so the checklist is still open


def test_it_points_the_take_over_button_at_the_same_wrapup(owner_client, customer, contact):
    response = owner_client.post(_url(customer, "suggest"), _form(contact), headers={"HX-Request": "true"})

    assert f'formaction="/calls/new/?customer={customer.pk}&amp;accept=1"' in response.content.decode()
