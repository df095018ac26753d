import pytest
from django.urls import reverse

from davor.customers.models import Contact


def _url(customer) -> str:
    return reverse("customers:detail", args=[customer.pk])


def test_it_shows_the_customer_and_its_contacts(owner_client, customer, contact):
    response = owner_client.get(_url(customer))
    assert response.status_code == 200
    html = response.content.decode()
    assert customer.name in html
    assert "0711 12345-231" in html  # the direct dial with its extension visible
    assert reverse("customers:contact_edit", args=[customer.pk, contact.pk]) in html
    assert reverse("customers:edit", args=[customer.pk]) in html


def test_it_lists_contacts_still_there_first(owner_client, customer, contact):
    Contact.objects.create(customer=customer, last_name="Albers", is_active=False)
    response = owner_client.get(_url(customer))
    assert [c.last_name for c in response.context["contacts"]] == ["Kessler", "Albers"]


def test_it_shows_the_customer_to_the_team_manager(client, manager, customer):
    client.force_login(manager)
    assert client.get(_url(customer)).status_code == 200


@pytest.mark.parametrize("who", ["outsider", "teammate"])
def test_it_hides_the_customer_from_other_sellers(client, request, who, customer):
    client.force_login(request.getfixturevalue(who))
    assert client.get(_url(customer)).status_code == 404


def test_it_refuses_post(owner_client, customer):
    assert owner_client.post(_url(customer)).status_code == 405


def test_it_requires_login(client, customer):
    response = client.get(_url(customer))
    assert response.status_code == 302
    assert response.url.startswith("/login/")


def test_it_titles_the_page_with_the_customers_name_only(owner_client, customer):
    body = owner_client.get(customer.get_absolute_url()).content.decode()

    title = body[body.index("<title>") : body.index("</title>")]
    assert customer.name in title
    assert "<" not in title.removeprefix("<title>")


def test_a_contact_with_only_an_extension_shows_it_and_no_stray_separator(owner_client, customer):
    from davor.customers.services import contact_create

    berger = contact_create(customer=customer, last_name="Berger", position="Einkaufsleiter /", extension="23")
    html = owner_client.get(_url(customer)).content.decode()
    row = html[html.index(f'id="contact-{berger.pk}"') :]
    row = row[: row.index("</li>")]
    assert "Einkaufsleiter /" not in row and ">Berger</strong>, Einkaufsleiter" in row
    assert "DW 23" in row  # the stored extension, although no number is on record
    assert "· <a" not in row  # the separators between items come from the stylesheet, never before the first
