import pytest
from django.urls import reverse

from davor.customers.models import Customer


def _url(customer: Customer) -> str:
    return reverse("customers:edit", args=[customer.pk])


def _data(customer: Customer, **overrides) -> dict[str, str]:
    data = {
        "name": customer.name,
        "status": customer.status,
        "street": customer.street,
        "postal_code": customer.postal_code,
        "city": customer.city,
        "country": customer.country,
        "phone": customer.phone,
        "fax": customer.fax,
        "email": customer.email,
        "website": customer.website,
        "language": customer.language,
        "industry": customer.industry,
        "notes": customer.notes,
    }
    return data | overrides


def test_it_shows_the_stored_numbers_formatted(owner_client, customer):
    response = owner_client.get(_url(customer))
    assert response.status_code == 200
    assert 'value="0711 12345"' in response.content.decode()


def test_it_saves_changes(owner_client, customer):
    response = owner_client.post(_url(customer), _data(customer, city="Esslingen", fax="0711 12345-99"))
    assert response.status_code == 302
    assert response.url == reverse("customers:detail", args=[customer.pk])
    customer.refresh_from_db()
    assert customer.city == "Esslingen"
    assert customer.fax == "+497111234599"
    assert customer.number == "K-10001"


def test_it_accepts_the_formatted_number_back(owner_client, customer):
    owner_client.post(_url(customer), _data(customer, phone="0711 12345"))
    customer.refresh_from_db()
    assert customer.phone == "+4971112345"


def test_it_refuses_a_bad_phone_number_and_writes_nothing(owner_client, customer):
    response = owner_client.post(_url(customer), _data(customer, city="Esslingen", phone="anrufen"))
    assert response.status_code == 200
    assert response.context["form"].has_error("phone", "invalid_phone")
    assert "anrufen" in response.context["form"].errors["phone"][0]
    customer.refresh_from_db()
    assert (customer.city, customer.phone) == ("Stuttgart", "+4971112345")


def test_it_keeps_the_stored_name_in_the_heading_on_error(owner_client, customer):
    response = owner_client.post(_url(customer), _data(customer, name="", phone="x"))
    assert customer.name in response.content.decode()


def test_it_lets_the_team_manager_edit(client, manager, customer):
    client.force_login(manager)
    assert client.get(_url(customer)).status_code == 200
    client.post(_url(customer), _data(customer, status="prospect"))
    customer.refresh_from_db()
    assert customer.status == "prospect"


def test_it_keeps_the_owner_when_the_manager_edits(client, manager, owner, customer):
    client.force_login(manager)
    client.post(_url(customer), _data(customer))
    customer.refresh_from_db()
    assert customer.owner == owner


def test_it_hides_the_customer_from_an_outsider(outsider_client, customer):
    assert outsider_client.get(_url(customer)).status_code == 404
    assert outsider_client.post(_url(customer), _data(customer, name="Gekapert")).status_code == 404
    customer.refresh_from_db()
    assert customer.name == "Kessler Antriebstechnik GmbH"


def test_it_hides_the_customer_from_a_teammate(client, teammate, customer):
    client.force_login(teammate)
    assert client.get(_url(customer)).status_code == 404


def test_it_answers_404_for_an_unknown_customer(owner_client, customer):
    assert owner_client.get(reverse("customers:edit", args=[customer.pk + 1])).status_code == 404


@pytest.mark.parametrize("method", ["put", "delete", "patch"])
def test_it_refuses_other_methods(owner_client, customer, method):
    assert getattr(owner_client, method)(_url(customer)).status_code == 405


def test_it_requires_login(client, customer):
    response = client.get(_url(customer))
    assert response.status_code == 302
    assert response.url.startswith("/login/")
