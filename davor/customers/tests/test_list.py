import pytest
from django.urls import reverse

from davor.customers.models import Contact, Customer

URL = reverse("customers:list")


@pytest.fixture
def prospect(owner) -> Customer:
    return Customer.objects.create(owner=owner, number="K-10002", name="Bäckerei Maier", city="Ulm")


def _names(response) -> list[str]:
    return [c.name for c in response.context["page"].object_list]


def test_it_lists_own_customers(owner_client, customer, prospect):
    response = owner_client.get(URL)
    assert response.status_code == 200
    assert _names(response) == ["Bäckerei Maier", "Kessler Antriebstechnik GmbH"]
    assert b"K-10001" in response.content
    assert reverse("customers:detail", args=[customer.pk]).encode() in response.content


def test_it_shows_the_switchboard_formatted(owner_client, customer):
    response = owner_client.get(URL)
    assert "0711 12345" in response.content.decode()


def test_it_hides_other_sellers_customers(outsider_client, customer):
    response = outsider_client.get(URL)
    assert _names(response) == []


def test_it_hides_a_teammates_customers(client, teammate, customer):
    client.force_login(teammate)
    assert _names(client.get(URL)) == []


def test_it_shows_the_team_to_the_manager(client, manager, customer):
    client.force_login(manager)
    assert _names(client.get(URL)) == [customer.name]


@pytest.mark.parametrize("query", ["kessler antrieb", "K-10001", "Stuttg"])
def test_it_filters_by_name_number_and_city(owner_client, customer, prospect, query):
    assert _names(owner_client.get(URL, {"q": query})) == [customer.name]


def test_it_finds_a_customer_by_contact_last_name(owner_client, customer, prospect):
    Contact.objects.create(customer=prospect, last_name="Huber")
    Contact.objects.create(customer=prospect, first_name="Eva", last_name="Huber")
    # Two matching contacts still give the customer once.
    assert _names(owner_client.get(URL, {"q": "hub"})) == [prospect.name]


def test_it_filters_by_status(owner_client, customer, prospect):
    assert _names(owner_client.get(URL, {"status": "prospect"})) == [prospect.name]
    assert _names(owner_client.get(URL, {"status": "customer"})) == [customer.name]


def test_it_ignores_an_unknown_status(owner_client, customer, prospect):
    assert len(_names(owner_client.get(URL, {"status": "bogus"}))) == 2


def test_it_filters_by_city(owner_client, customer, prospect):
    assert _names(owner_client.get(URL, {"city": "ulm"})) == [prospect.name]


def test_it_suggests_the_cities_it_knows(owner_client, customer, prospect):
    assert owner_client.get(URL).context["cities"] == ["Stuttgart", "Ulm"]


def test_it_paginates_by_fifty(owner_client, owner):
    Customer.objects.bulk_create(
        Customer(owner=owner, number=f"K-{20000 + i}", name=f"Firma {i:03d}") for i in range(51)
    )
    first = owner_client.get(URL)
    assert len(first.context["page"].object_list) == 50
    second = owner_client.get(URL, {"page": 2})
    assert _names(second) == ["Firma 050"]


def test_it_keeps_the_filters_in_the_page_links(owner_client, owner):
    Customer.objects.bulk_create(
        Customer(owner=owner, number=f"K-{20000 + i}", name=f"Firma {i:03d}", city="Ulm") for i in range(51)
    )
    response = owner_client.get(URL, {"city": "Ulm"})
    assert b'href="?city=Ulm&amp;page=2"' in response.content


def test_it_renders_only_the_results_for_htmx(owner_client, customer):
    response = owner_client.get(URL, {"q": "kessler"}, headers={"HX-Request": "true"})
    html = response.content.decode()
    assert html.lstrip().startswith('<section id="results"')
    assert customer.name in html
    assert "<html" not in html
    assert 'name="q"' not in html


def test_it_renders_the_whole_page_on_an_htmx_history_restore(owner_client, customer):
    headers = {"HX-Request": "true", "HX-History-Restore-Request": "true"}
    response = owner_client.get(URL, headers=headers)
    assert b"<html" in response.content


def test_it_renders_the_filter_form_usable_without_javascript(owner_client, customer):
    html = owner_client.get(URL).content.decode()
    assert 'method="get"' in html
    assert 'hx-trigger="input changed delay:250ms, search"' in html
    assert "autofocus" in html
    assert 'id="results"' in html


def test_it_refuses_post(owner_client):
    assert owner_client.post(URL).status_code == 405


def test_it_requires_login(client, db):
    response = client.get(URL)
    assert response.status_code == 302
    assert response.url.startswith("/login/")


def test_it_sorts_in_german_dictionary_order_on_either_database(owner_client, owner):
    names = ["Brunnenbau Ost", "Bäckerei Groß", "Bachmann KG", "Özkan Logistik", "Ostermann", "apfel GmbH", "Zeiss"]
    for number, name in enumerate(names):
        Customer.objects.create(owner=owner, number=f"K-2{number:04}", name=name)
    expected = ["apfel GmbH", "Bachmann KG", "Bäckerei Groß", "Brunnenbau Ost", "Ostermann", "Özkan Logistik", "Zeiss"]
    assert _names(owner_client.get(URL)) == expected
