"""Missed calls: an unanswered ring waits on Today until someone of the team talks to them or it is dismissed."""

from datetime import UTC, datetime, timedelta

import pytest
from django.urls import reverse

from davor.telephony.models import PhoneCall
from davor.telephony.selectors import missed_calls_for_user
from davor.telephony.services import phone_event_record

pytestmark = pytest.mark.django_db
T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


def _missed(user, reference: str, number: str, at=T0) -> PhoneCall:
    phone_event_record(user=user, event="ringing", reference=reference, number=number, at=at)
    call = phone_event_record(user=user, event="hungup", reference=reference, at=at + timedelta(seconds=20))
    assert call is not None
    return call


def test_an_unanswered_ring_is_a_missed_call_on_today(owner_client, owner, customer, contact):
    missed = _missed(owner, "c1", "0711 12345-231")
    assert missed_calls_for_user(user=owner) == [missed]
    html = owner_client.get(reverse("today")).content.decode()
    section = html[html.index('id="missed-calls"') :]
    assert "Kessler Antriebstechnik GmbH" in section[:2000] and 'href="tel:0711 12345-231"' in section[:2000]
    # An answered call is no missed call; it waits for its wrap-up instead.
    phone_event_record(user=owner, event="ringing", reference="c2", number="030 999", at=T0)
    phone_event_record(user=owner, event="answered", reference="c2", at=T0 + timedelta(seconds=5))
    phone_event_record(user=owner, event="hungup", reference="c2", at=T0 + timedelta(seconds=60))
    assert missed_calls_for_user(user=owner) == [missed]


def test_calling_back_settles_it_even_by_a_teammate_but_not_by_another_team(owner, teammate, outsider, customer):
    missed = _missed(owner, "c1", "0711 12345-231")
    later = T0 + timedelta(minutes=30)
    phone_event_record(user=outsider, event="dialing", reference="x", number="0711 12345-231", at=later)
    phone_event_record(user=outsider, event="answered", reference="x", at=later)
    assert missed_calls_for_user(user=owner) == [missed]  # another team's call settles nothing
    phone_event_record(user=teammate, event="dialing", reference="t", number="0711 12345-231", at=later)
    assert missed_calls_for_user(user=owner) == [missed]  # dialled, nobody answered: still to call back
    phone_event_record(user=teammate, event="answered", reference="t", at=later + timedelta(seconds=8))
    assert missed_calls_for_user(user=owner) == []


def test_it_can_be_dismissed_and_only_by_its_owner(client, owner, outsider, customer):
    missed = _missed(owner, "c1", "030 1234567")
    client.force_login(outsider)
    assert client.post(reverse("telephony:dismiss", args=[missed.pk])).status_code == 404
    client.force_login(owner)
    assert client.post(reverse("telephony:dismiss", args=[missed.pk])).status_code == 302
    assert missed_calls_for_user(user=owner) == []
