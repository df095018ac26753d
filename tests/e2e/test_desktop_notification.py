"""Caller ID as a desktop notification: switched on in the settings, shown once per call, off by default."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from davor.customers.models import Contact, Customer
from davor.users.models import Team, User
from davor.users.tokens import api_token_create
from tests.e2e.test_screen_pop import _phone_system

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

# The browser's notifications reach the desktop, where a test cannot look: count what the page asked to show.
RECORD = """
const Real = window.Notification;
window.shownNotifications = [];
window.Notification = function (title, options) {
  window.shownNotifications.push({ title: title, body: (options || {}).body });
  return new Real(title, options);
};
Object.defineProperty(window.Notification, "permission", { get: () => Real.permission });
window.Notification.requestPermission = (...args) => Real.requestPermission(...args);
"""


def test_a_seller_switches_it_on_and_the_ringing_phone_shows_on_the_desktop_once(site, page, login, keys):
    user = User.objects.create_user(username="sabine", first_name="Sabine", team=Team.objects.create(name="Süd"))
    customer = Customer.objects.create(owner=user, number="K-10001", name="Kessler Antriebstechnik GmbH")
    Contact.objects.create(
        customer=customer, first_name="Jens", last_name="Kessler", position="Einkauf", phone="+4971112345231"
    )
    secret = api_token_create(user=user, name="Telefonanlage")[1]
    page.context.grant_permissions(["notifications"], origin=site.url)
    page.add_init_script(RECORD)
    login(page, user)
    assert page.evaluate("document.body.hasAttribute('data-notify-calls')") is False  # off by default

    page.locator("header").get_by_role("link", name="Sabine").click()
    page.wait_for_url("**/account/")
    page.get_by_label("Desktop-Benachrichtigung, wenn das Telefon klingelt").check()
    page.get_by_role("button", name="Speichern").click()
    expect(page.get_by_text("Gespeichert.")).to_be_visible()
    page.locator("header nav").get_by_role("link", name="Heute").click()

    rang = timezone.now() - timedelta(seconds=30)
    _phone_system(site, secret, "ringing", rang)
    expect(page.locator("#screen-pop")).to_contain_text("Kessler Antriebstechnik GmbH")
    page.wait_for_timeout(2500)  # two more polls of the screen pop: still one notification
    shown = page.evaluate("window.shownNotifications")
    title, body = "Es ruft an: Kessler Antriebstechnik GmbH", "Jens Kessler, Einkauf · 0711 12345-231"
    assert shown == [{"title": title, "body": body}]
