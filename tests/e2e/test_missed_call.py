"""A call nobody answered waits on Today as "missed — call back" until the seller deals with it."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from davor.customers.models import Contact, Customer
from davor.users.models import Team, User
from davor.users.tokens import api_token_create
from tests.e2e.test_screen_pop import _phone_system

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_a_missed_call_waits_on_today_with_its_number_until_dismissed(site, page, login):
    user = User.objects.create_user(username="sabine", first_name="Sabine", team=Team.objects.create(name="Süd"))
    customer = Customer.objects.create(owner=user, number="K-10001", name="Kessler Antriebstechnik GmbH")
    Contact.objects.create(customer=customer, first_name="Jens", last_name="Kessler", phone="+4971112345231")
    secret = api_token_create(user=user, name="Telefonanlage")[1]
    rang = timezone.now() - timedelta(minutes=5)
    _phone_system(site, secret, "ringing", rang)
    _phone_system(site, secret, "hungup", rang + timedelta(seconds=25))  # nobody picked up
    login(page, user)

    missed = page.get_by_role("region", name="Verpasst — zurückrufen")
    expect(missed).to_contain_text("Kessler Antriebstechnik GmbH")
    expect(missed).to_contain_text("Jens Kessler")
    expect(missed.get_by_role("link", name="0711 12345-231")).to_have_attribute("href", "tel:0711 12345-231")
    missed.get_by_role("button", name="Verwerfen").click()
    page.wait_for_url(f"{site.url}/")
    expect(page.get_by_text("Verpasst — zurückrufen")).to_have_count(0)
