"""New call from anywhere: the customer picker and the caller created as a customer."""

from django.urls import reverse

from davor.customers.models import Contact, Customer


def test_it_offers_the_last_called_customers_before_anything_is_typed(owner_client, customer):
    response = owner_client.get(reverse("new_call"))

    assert response.status_code == 200
    assert 'role="listbox"' in response.content.decode()


def test_it_finds_the_customer_by_name_contact_or_phone_as_you_type(owner_client, owner, customer):
    other = Customer.objects.create(owner=owner, number="K-20002", name="Brunnenbau Maier", phone="+4971199887")
    Contact.objects.create(customer=other, first_name="Eva", last_name="Zander", position="Einkauf")

    for typed in ("Brunnen", "Zander", "0711 99887"):
        response = owner_client.get(reverse("new_call"), {"q": typed}, headers={"HX-Request": "true"})
        body = response.content.decode()
        assert body.lstrip().startswith('<ul id="choices"'), typed
        assert reverse("calls:record", args=[other.pk]) in body, typed
        assert reverse("calls:record", args=[customer.pk]) not in body, typed


def test_it_never_offers_another_teams_customer(outsider_client, customer):
    response = outsider_client.get(reverse("new_call"), {"q": customer.name})

    assert reverse("calls:record", args=[customer.pk]) not in response.content.decode()


def test_a_link_naming_the_customer_goes_straight_to_the_wrapup(owner_client, customer):
    response = owner_client.get(reverse("new_call"), {"customer": customer.pk, "pending": "7"})

    assert response.status_code == 302
    assert response.url == f"{reverse('calls:record', args=[customer.pk])}?pending=7"


def test_it_creates_the_caller_as_a_customer_and_starts_the_wrapup(owner_client, owner):
    response = owner_client.post(reverse("new_call"), {"name": "Neumann Metallbau", "phone": "0711 445566"})

    created = Customer.objects.get(name="Neumann Metallbau")
    assert (created.owner, created.phone) == (owner, "+49711445566")
    assert response.status_code == 302
    assert response.url == reverse("calls:record", args=[created.pk])


def test_a_bad_new_customer_is_refused_in_german_and_nothing_is_kept(owner_client):
    response = owner_client.post(reverse("new_call"), {"name": "", "phone": "abc"})

    assert response.status_code == 422
    errors = response.context["form"].errors
    assert errors["name"] == ["Dieses Feld ist zwingend erforderlich."]
    assert errors["phone"] == ["Diese Telefonnummer ist nicht wählbar: abc"]
    assert not Customer.objects.exists()


def test_enter_without_javascript_starts_the_wrapup_when_one_customer_matches(owner_client, customer):
    response = owner_client.get(reverse("new_call"), {"q": customer.name})

    assert response.status_code == 302
    assert response.url == reverse("calls:record", args=[customer.pk])
