"""A typed note fills the wrap-up form: highlighted as it is typed, taken over with Alt+Enter."""

import pytest

from davor.customers.models import Contact, Customer
from davor.users.models import Team, User

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_it_fills_the_form_from_a_typed_note(site, page, login):
    user = User.objects.create_user(username="sabine", password="geheim-123", team=Team.objects.create(name="Süd"))
    customer = Customer.objects.create(owner=user, number="K-10001", name="Kessler Antriebstechnik GmbH")
    kessler = Contact.objects.create(customer=customer, first_name="Jens", last_name="Kessler", position="Einkauf")

    login(page, user)
    page.goto(f"/calls/new/?customer={customer.pk}")

    # The note has the focus when the screen opens: just type (once autofocus has landed).
    page.wait_for_function("document.activeElement && document.activeElement.id === 'id_note'")
    page.keyboard.type(
        "Hr. Kessler (Einkauf, DW 231) angerufen. AB per Fax doppelt. 30 Tage netto, 2 % Skonto 10 Tage. "
        "Kunde plant eine neue Montagelinie."
    )
    page.wait_for_selector("#suggestions mark.fact.confirmation")
    assert "per Fax" in page.inner_text("#suggestions mark.fact.confirmation")
    page.keyboard.press("Alt+Enter")

    page.wait_for_selector("#id_order-confirmation_channel")
    assert page.input_value("#id_order-confirmation_channel") == "fax"
    assert page.input_value("#id_order-confirmation_copies") == "2"
    assert page.input_value("#id_order-payment_net_days") == "30"
    assert page.input_value("#id_order-skonto_days") == "10"
    assert page.is_checked(f"input[name=contacts][value='{kessler.pk}']")
    assert "Montagelinie" in page.input_value("#id_wishes-0-description")
