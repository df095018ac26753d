"""/api/v1/customers/ and /api/v1/contacts/: the same scope as the pages."""

from urllib.parse import parse_qs, urlsplit

import pytest

from davor.customers.models import Contact, Customer


def test_it_lists_the_customers_i_see(owner_api, customer, outsider):
    Customer.objects.create(owner=outsider, number="K-20001", name="Fremd GmbH")

    response = owner_api.get("/customers/")

    assert response.status_code == 200
    assert [row["name"] for row in response.json()["results"]] == [customer.name]


def test_it_filters_customers(owner_api, owner, customer):
    Customer.objects.create(owner=owner, number="K-10002", name="Berger Hydraulik", city="Ulm")

    assert [r["name"] for r in owner_api.get("/customers/", {"city": "ulm"}).json()["results"]] == ["Berger Hydraulik"]
    assert [r["name"] for r in owner_api.get("/customers/", {"q": "kessler"}).json()["results"]] == [customer.name]
    assert owner_api.get("/customers/", {"status": "nonsense"}).status_code == 422


def test_it_pages_with_a_cursor(owner_api, owner):
    for index in range(5):
        Customer.objects.create(owner=owner, number=f"K-3000{index}", name=f"Firma {index}")

    first = owner_api.get("/customers/", {"page_size": 2}).json()
    cursor = parse_qs(urlsplit(first["next"]).query)["cursor"][0]
    second = owner_api.get("/customers/", {"page_size": 2, "cursor": cursor}).json()

    assert [r["name"] for r in first["results"]] == ["Firma 4", "Firma 3"]
    assert [r["name"] for r in second["results"]] == ["Firma 2", "Firma 1"]
    assert owner_api.get("/customers/", {"cursor": "!!"}).status_code == 422


def test_it_creates_a_customer_with_a_number_and_a_normalised_phone(owner_api, owner):
    response = owner_api.send("POST", "/customers/", {"name": "Neu AG", "phone": "0711 12345", "city": "Esslingen"})

    assert response.status_code == 201, response.content
    body = response.json()
    assert body["number"] == "K-10001"
    assert body["phone"] == "+4971112345"
    assert Customer.objects.get(name="Neu AG").owner == owner


def test_it_explains_bad_input(owner_api):
    response = owner_api.send("POST", "/customers/", {"name": "", "phone": "abc", "email": "x"})

    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body", "payload", "name"]
    response = owner_api.send("POST", "/customers/", {"name": "A", "phone": "abc"})
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body", "phone"]
    assert response.json()["detail"][0]["msg"] == "Diese Telefonnummer ist nicht wählbar."
    response = owner_api.send("POST", "/customers/", {"name": "A", "email": "nope"})
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body", "email"]


def test_it_updates_a_customer(owner_api, customer):
    response = owner_api.send("PATCH", f"/customers/{customer.pk}/", {"city": "Ulm"})

    assert response.status_code == 200
    customer.refresh_from_db()
    assert (customer.city, customer.name) == ("Ulm", "Kessler Antriebstechnik GmbH")


def test_it_hides_another_teams_customer(outsider_api, customer):
    assert outsider_api.get(f"/customers/{customer.pk}/").status_code == 404
    assert outsider_api.send("PATCH", f"/customers/{customer.pk}/", {"city": "X"}).status_code == 404
    assert outsider_api.get("/customers/").json()["results"] == []
    customer.refresh_from_db()
    assert customer.city == "Stuttgart"


def test_it_lists_reads_creates_and_updates_contacts(owner_api, customer, contact):
    listed = owner_api.get("/contacts/", {"customer_id": customer.pk}).json()["results"]
    assert [row["last_name"] for row in listed] == ["Kessler"]
    assert owner_api.get(f"/contacts/{contact.pk}/").json()["extension"] == "231"

    created = owner_api.send(
        "POST", "/contacts/", {"customer_id": customer.pk, "last_name": "Wolf", "phone": "0711 98760-12"}
    )
    assert created.status_code == 201, created.content
    changed = owner_api.send("PATCH", f"/contacts/{contact.pk}/", {"position": "Leitung Einkauf"})
    assert changed.json()["position"] == "Leitung Einkauf"
    assert owner_api.get("/contacts/", {"active": False}).json()["results"] == []


def test_it_hides_another_teams_contacts(outsider_api, customer, contact):
    assert outsider_api.get(f"/contacts/{contact.pk}/").status_code == 404
    assert outsider_api.send("PATCH", f"/contacts/{contact.pk}/", {"position": "X"}).status_code == 404
    assert outsider_api.send("POST", "/contacts/", {"customer_id": customer.pk, "last_name": "X"}).status_code == 404
    assert outsider_api.get("/contacts/").json()["results"] == []
    assert Contact.objects.count() == 1


@pytest.mark.parametrize("country", ["xx", "ZZ", "12"])
def test_it_refuses_a_country_it_does_not_know(owner_api, country):
    response = owner_api.send("POST", "/customers/", {"name": "Neu GmbH", "country": country})

    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"][-1] == "country"


def test_another_teams_customer_number_is_refused_without_saying_whose(owner_api, outsider):
    Customer.objects.create(owner=outsider, number="K-77777", name="Fremd GmbH")

    response = owner_api.send("POST", "/customers/", {"name": "Neu GmbH", "number": "K-77777"})

    assert response.status_code == 422
    message = response.json()["detail"][0]["msg"]
    assert "kann nicht verwendet werden" in message and "existiert" not in message


def test_it_records_consent_with_its_date_and_source(owner_api, contact):
    response = owner_api.send(
        "PATCH",
        f"/contacts/{contact.pk}/",
        {"consent_email": True, "consent_email_date": "2026-02-10", "consent_email_source": "Messe Hannover"},
    )

    assert response.status_code == 200, response.content
    assert (response.json()["consent_email"], response.json()["consent_email_date"]) == (True, "2026-02-10")
    contact.refresh_from_db()
    assert (contact.consent_email, contact.consent_email_source) == (True, "Messe Hannover")
    assert contact.consent_email_date.isoformat() == "2026-02-10"


def test_it_dates_consent_given_without_a_date_today_and_clears_a_withdrawn_one(owner_api, contact):
    from django.utils import timezone

    owner_api.send("PATCH", f"/contacts/{contact.pk}/", {"consent_sms": True, "consent_sms_source": "Telefonat"})
    contact.refresh_from_db()
    assert (contact.consent_sms, contact.consent_sms_date) == (True, timezone.localdate())

    owner_api.send("PATCH", f"/contacts/{contact.pk}/", {"consent_sms": False})
    contact.refresh_from_db()
    assert (contact.consent_sms, contact.consent_sms_date, contact.consent_sms_source) == (False, None, "")


def test_it_refuses_a_field_it_does_not_know_instead_of_ignoring_it(owner_api, contact):
    response = owner_api.send("PATCH", f"/contacts/{contact.pk}/", {"consent_fax": True, "position": "GF"})

    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"][-1] == "consent_fax"
    contact.refresh_from_db()
    assert contact.position == "Einkauf"
