"""The customer's briefing says whether, how and when the confirmation went out."""

from datetime import datetime
from zoneinfo import ZoneInfo

import time_machine

from davor.orders.services import confirmation_send

BERLIN = ZoneInfo("Europe/Berlin")


def test_it_shows_how_and_when_the_confirmation_went_out(owner_client, smtp, order, owner, contact, customer):
    with time_machine.travel(datetime(2026, 3, 3, 9, 15, tzinfo=BERLIN), tick=False):
        confirmation_send(order=order, user=owner, channel="fax", copies=2, contact=contact)

    html = owner_client.get(customer.get_absolute_url()).content.decode()

    assert "Confirmation sent by Fax (2×) on 03/03/2026" in html
    assert order.get_absolute_url() in html


def test_it_shows_a_confirmation_not_sent_yet(owner_client, order, customer):
    html = owner_client.get(customer.get_absolute_url()).content.decode()

    assert "Confirmation not sent yet" in html
