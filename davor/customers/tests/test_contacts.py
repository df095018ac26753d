import pytest
from django.urls import reverse

from davor.customers.models import Contact, Customer


def _new_url(customer: Customer) -> str:
    return reverse("customers:contact_new", args=[customer.pk])


def _edit_url(contact: Contact) -> str:
    return reverse("customers:contact_edit", args=[contact.customer_id, contact.pk])


def _data(**overrides) -> dict[str, str]:
    data = {
        "salutation": "Frau",
        "title": "Dr.",
        "first_name": "Sabine",
        "last_name": "Brandt",
        "position": "Leiterin Einkauf",
        "department": "Einkauf",
        "phone": "",
        "extension": "",
        "mobile": "",
        "email": "s.brandt@kessler-antriebe.de",
        "fax": "",
        "preferred_channel": "email",
        "personal_notes": "Segelt am Bodensee.",
        "is_active": "on",
    }
    return data | overrides


def test_it_shows_an_empty_contact_form(owner_client, customer):
    response = owner_client.get(_new_url(customer))
    assert response.status_code == 200
    assert customer.name in response.content.decode()


def test_it_adds_a_contact(owner_client, customer):
    response = owner_client.post(_new_url(customer), _data(mobile="0171 1234567", fax="0711 12345-9"))
    assert response.status_code == 302
    assert response.url == reverse("customers:detail", args=[customer.pk])
    contact = customer.contacts.get()
    assert contact.full_name == "Dr. Sabine Brandt"
    assert (contact.department, contact.preferred_channel) == ("Einkauf", "email")
    assert contact.personal_notes == "Segelt am Bodensee."
    assert contact.mobile == "+491711234567"
    assert contact.fax == "+4971112345" + "9"
    assert contact.is_active


def test_it_takes_the_extension_from_the_dash(owner_client, customer):
    owner_client.post(_new_url(customer), _data(phone="0711 12345-123"))
    contact = customer.contacts.get()
    assert (contact.phone, contact.extension) == ("+4971112345123", "123")


def test_it_keeps_a_typed_extension(owner_client, customer):
    owner_client.post(_new_url(customer), _data(phone="0711 12345-123", extension="0"))
    contact = customer.contacts.get()
    assert (contact.phone, contact.extension) == ("+4971112345123", "0")


def test_it_refuses_a_bad_phone_number_and_writes_nothing(owner_client, customer):
    response = owner_client.post(_new_url(customer), _data(phone="0711 12345", mobile="Handy"))
    assert response.status_code == 200
    assert response.context["form"].has_error("mobile", "invalid_phone")
    assert "Handy" in response.context["form"].errors["mobile"][0]
    assert not customer.contacts.exists()


def test_it_wants_a_last_name(owner_client, customer):
    response = owner_client.post(_new_url(customer), _data(last_name=""))
    assert "last_name" in response.context["form"].errors
    assert not customer.contacts.exists()


def test_it_shows_a_contacts_numbers_formatted(owner_client, contact):
    response = owner_client.get(_edit_url(contact))
    assert response.status_code == 200
    assert 'value="0711 12345-231"' in response.content.decode()


def test_it_reads_the_shown_number_back_unchanged(owner_client, contact):
    form = owner_client.get(_edit_url(contact)).context["form"]
    data = _data(**{name: form[name].value() or "" for name in ("last_name", "first_name", "phone", "extension")})
    owner_client.post(_edit_url(contact), data)
    contact.refresh_from_db()
    assert (contact.phone, contact.extension) == ("+4971112345231", "231")


def test_it_saves_a_contact(owner_client, contact):
    response = owner_client.post(_edit_url(contact), _data(last_name="Kessler", phone="0711 12345231", extension="231"))
    assert response.status_code == 302
    contact.refresh_from_db()
    assert (contact.first_name, contact.position) == ("Sabine", "Leiterin Einkauf")
    assert (contact.phone, contact.extension) == ("+4971112345231", "231")


def test_it_marks_a_contact_as_gone(owner_client, contact):
    data = _data(last_name="Kessler")
    del data["is_active"]
    owner_client.post(_edit_url(contact), data)
    contact.refresh_from_db()
    assert not contact.is_active


def test_it_refuses_a_bad_number_on_edit_and_writes_nothing(owner_client, contact):
    response = owner_client.post(_edit_url(contact), _data(fax="Fax folgt"))
    assert response.context["form"].has_error("fax", "invalid_phone")
    contact.refresh_from_db()
    assert contact.first_name == "Jens"


def test_it_hides_a_contact_behind_another_customer_in_the_url(owner_client, owner, contact):
    other = Customer.objects.create(owner=owner, number="K-10009", name="Andere GmbH")
    url = reverse("customers:contact_edit", args=[other.pk, contact.pk])
    assert owner_client.get(url).status_code == 404
    assert owner_client.post(url, _data()).status_code == 404


def test_it_lets_the_team_manager_add_and_edit(client, manager, customer, contact):
    client.force_login(manager)
    assert client.get(_new_url(customer)).status_code == 200
    assert client.get(_edit_url(contact)).status_code == 200
    client.post(_new_url(customer), _data())
    assert customer.contacts.count() == 2


@pytest.mark.parametrize("who", ["outsider", "teammate"])
def test_it_hides_contacts_from_those_who_may_not_see_the_customer(client, request, who, customer, contact):
    client.force_login(request.getfixturevalue(who))
    assert client.get(_new_url(customer)).status_code == 404
    assert client.post(_new_url(customer), _data()).status_code == 404
    assert client.get(_edit_url(contact)).status_code == 404
    assert client.post(_edit_url(contact), _data()).status_code == 404
    assert customer.contacts.get() == contact
    contact.refresh_from_db()
    assert contact.first_name == "Jens"


@pytest.mark.parametrize("method", ["put", "delete"])
def test_it_refuses_other_methods(owner_client, contact, method):
    assert getattr(owner_client, method)(_new_url(contact.customer)).status_code == 405
    assert getattr(owner_client, method)(_edit_url(contact)).status_code == 405


def test_it_requires_login(client, contact):
    for url in (_new_url(contact.customer), _edit_url(contact)):
        response = client.get(url)
        assert response.status_code == 302
        assert response.url.startswith("/login/")


def test_it_shows_the_direct_dial_with_its_extension(owner_client, customer):
    owner_client.post(_new_url(customer), _data(phone="0711 4567-12"))

    page = owner_client.get(reverse("customers:detail", args=[customer.pk])).content.decode()

    assert "0711 4567-12" in page
    assert "0711 456712" not in page


def test_it_derives_the_switchboard_from_a_direct_dial_when_the_company_has_none(owner_client, owner):
    company = Customer.objects.create(owner=owner, number="K-20001", name="Vogt Metall GmbH")

    owner_client.post(_new_url(company), _data(phone="0711 4567-12"))

    company.refresh_from_db()
    assert company.phone == "+497114567"
    assert company.phone_display == "0711 4567"


def test_it_keeps_a_switchboard_the_company_has(owner_client, customer):
    owner_client.post(_new_url(customer), _data(phone="0711 4567-12"))

    customer.refresh_from_db()
    assert customer.phone == "+4971112345"
