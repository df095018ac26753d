"""The week from the top bar: this week's appointment, next week's promise, into the appointment."""

from datetime import datetime, time, timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from davor.agenda.models import Appointment, Task
from davor.customers.models import Customer
from davor.users.models import Team, User

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_a_seller_looks_at_this_week_and_the_next(site, page, login):
    user = User.objects.create_user(username="sabine", first_name="Sabine", team=Team.objects.create(name="Süd"))
    customer = Customer.objects.create(owner=user, number="K-10001", name="Kessler Antriebstechnik GmbH")
    today = timezone.localdate()
    monday = today - timedelta(days=today.weekday())
    start = datetime.combine(monday + timedelta(days=2), time(14), tzinfo=timezone.get_current_timezone())
    visit = Appointment.objects.create(
        customer=customer, owner=user, start=start, duration_minutes=90, title="Werksbesuch", location="Vaihingen"
    )
    Task.objects.create(
        customer=customer, owner=user, kind="our_promise", title="Angebot schicken", due=monday + timedelta(days=8)
    )
    login(page, user)

    page.locator("header nav").get_by_role("link", name="Woche").click()
    page.wait_for_url("**/agenda/")
    wednesday = page.get_by_role("region", name="Mittwoch")
    expect(wednesday).to_contain_text("14:00–15:30")
    expect(wednesday).to_contain_text("Werksbesuch")
    expect(page.get_by_text("Angebot schicken")).to_have_count(0)

    page.get_by_role("link", name="Nächste Woche").click()
    expect(page.get_by_role("region", name="Dienstag")).to_contain_text("Angebot schicken")
    page.get_by_role("link", name="Vorige Woche").click()
    page.get_by_role("region", name="Mittwoch").get_by_role("link", name="Kessler Antriebstechnik GmbH").click()
    page.wait_for_url(f"**/appointments/{visit.pk}/")
