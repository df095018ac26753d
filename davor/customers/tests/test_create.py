import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from davor.customers.models import Contact, Customer
from davor.customers.services import customer_create_with_contact

URL = reverse("customers:new")


def _data(**overrides) -> dict[str, str]:
    data = {
        "name": "Hofmann Werkzeugbau GmbH",
        "status": "prospect",
        "street": "Talstraße 4",
        "postal_code": "89073",
        "city": "Ulm",
        "country": "DE",
        "phone": "0731 98765",
        "fax": "",
        "email": "info@hofmann-werkzeugbau.de",
        "website": "",
        "language": "de",
        "industry": "Werkzeugbau",
        "notes": "",
    }
    return data | overrides


def test_it_shows_an_empty_form(owner_client):
    response = owner_client.get(URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert 'name="name"' in html
    assert 'name="contact-last_name"' in html
    assert html.count("autofocus") == 1


def test_it_creates_a_customer_owned_by_the_user(owner_client, owner):
    response = owner_client.post(URL, _data())
    customer = Customer.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("customers:detail", args=[customer.pk])
    assert customer.owner == owner
    assert customer.number == "K-10001"
    assert customer.phone == "+4973198765"
    assert customer.contacts.count() == 0


def test_it_numbers_after_the_last_customer(owner_client, customer):
    owner_client.post(URL, _data())
    assert Customer.objects.latest("pk").number == "K-10002"


def test_it_says_so(owner_client):
    response = owner_client.post(URL, _data(), follow=True)
    assert any("Hofmann Werkzeugbau GmbH" in str(m) for m in response.context["messages"])


def test_it_creates_the_first_contact_too(owner_client):
    owner_client.post(
        URL,
        _data(
            **{
                "contact-salutation": "Frau",
                "contact-first_name": "Petra",
                "contact-last_name": "Hofmann",
                "contact-position": "Geschäftsführerin",
                "contact-phone": "0731 98765-12",
                "contact-mobile": "0171 1234567",
                "contact-preferred_channel": "email",
            }
        ),
    )
    contact = Contact.objects.get()
    assert contact.customer.name == "Hofmann Werkzeugbau GmbH"
    assert (contact.salutation, contact.last_name, contact.position) == ("Frau", "Hofmann", "Geschäftsführerin")
    assert (contact.phone, contact.extension) == ("+497319876512", "12")
    assert contact.mobile == "+491711234567"
    assert contact.preferred_channel == "email"


def test_it_ignores_a_salutation_alone(owner_client):
    owner_client.post(URL, _data(**{"contact-salutation": "Herr"}))
    assert Customer.objects.count() == 1
    assert Contact.objects.count() == 0


def test_it_wants_a_last_name_for_a_contact(owner_client):
    response = owner_client.post(URL, _data(**{"contact-first_name": "Petra"}))
    assert response.status_code == 200
    assert response.context["contact_form"].has_error("last_name", "required")
    assert not Customer.objects.exists()


def test_it_refuses_a_bad_phone_number_and_writes_nothing(owner_client, owner):
    owner.language = "en"  # the message is checked word for word
    owner.save(update_fields=["language"])
    response = owner_client.post(URL, _data(phone="0731 call me"))
    assert response.status_code == 200
    assert "This is not a telephone number we can dial: 0731 call me" in response.context["form"].errors["phone"]
    assert 'class="field has-error"' in response.content.decode()
    assert not Customer.objects.exists()


def test_it_writes_nothing_when_the_contact_is_wrong(owner_client):
    response = owner_client.post(URL, _data(**{"contact-last_name": "Hofmann", "contact-phone": "12"}))
    assert response.context["contact_form"].has_error("phone", "invalid_phone")
    assert not Customer.objects.exists()
    assert not Contact.objects.exists()


def test_it_reads_numbers_in_the_customers_country(owner_client):
    owner_client.post(
        URL,
        _data(country="ch", phone="044 668 18 00", **{"contact-last_name": "Meier", "contact-phone": "044 668 18 01"}),
    )
    customer = Customer.objects.get()
    assert (customer.country, customer.phone) == ("CH", "+41446681800")
    assert customer.contacts.get().phone == "+41446681801"


def test_it_refuses_an_unknown_country(owner_client):
    response = owner_client.post(URL, _data(country="XX"))
    assert response.context["form"].errors["country"]
    assert not Customer.objects.exists()


@pytest.mark.parametrize(("field", "value"), [("name", ""), ("email", "no-mail"), ("status", "lost")])
def test_it_refuses_invalid_input(owner_client, field, value):
    response = owner_client.post(URL, _data(**{field: value}))
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert not Customer.objects.exists()


def test_it_refuses_put(owner_client):
    assert owner_client.put(URL).status_code == 405


def test_it_requires_login(client, db):
    response = client.post(URL, _data())
    assert response.status_code == 302
    assert response.url.startswith("/login/")
    assert not Customer.objects.exists()


def test_it_puts_the_cursor_on_the_first_mistake(owner_client):
    response = owner_client.post(URL, _data(**{"contact-last_name": "Hofmann", "contact-mobile": "Handy"}))
    assert not response.context["form"]["name"].field.widget.attrs.get("autofocus")
    assert response.context["contact_form"]["mobile"].field.widget.attrs["autofocus"]
    assert response.content.decode().count("autofocus") == 1


def test_it_creates_neither_when_the_contact_is_refused(owner):
    with pytest.raises(ValidationError):
        customer_create_with_contact(
            owner=owner, customer_fields={"name": "Hofmann GmbH"}, contact_fields={"last_name": "x" * 101}
        )
    assert not Customer.objects.exists()


def test_it_fills_in_the_number_of_an_unknown_caller(owner_client):
    response = owner_client.get("/customers/new/", {"phone": "+4971112345"})

    assert 'value="+4971112345"' in response.content.decode()
