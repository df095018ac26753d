from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from davor.agenda.models import Participant
from davor.agenda.tests.factories import appointment
from davor.agenda.tests.servers import radicale_server, sms_gateway, smtp_server

BERLIN = ZoneInfo("Europe/Berlin")


@pytest.fixture
def smtp(settings):
    """A real SMTP server; Davor's mail goes there for the test."""
    with smtp_server() as mailbox:
        settings.MAILERS = {
            "default": {
                "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
                "OPTIONS": {"host": "127.0.0.1", "port": mailbox.port, "timeout": 5},
            }
        }
        yield mailbox


@pytest.fixture
def radicale(tmp_path, settings):
    # A server on this machine: allowed by name, as an administrator would (davor.lib.outbound).
    settings.DAVOR_OUTBOUND_ALLOW_HOSTS = ["127.0.0.1"]
    with radicale_server(tmp_path, {"alice": "app-secret"}) as url:
        yield url


@pytest.fixture
def gateway(settings):
    with sms_gateway() as sms:
        settings.DAVOR_OUTBOUND_ALLOW_HOSTS = ["127.0.0.1"]
        settings.DAVOR_SMS_URL = sms.url
        settings.DAVOR_SMS_TOKEN = "token-123"
        yield sms


@pytest.fixture
def meeting(customer, contact, owner):
    owner.email = "alice@davor.example"
    owner.save(update_fields=["email"])
    row = appointment(
        customer,
        start=datetime(2026, 3, 10, 14, 0, tzinfo=BERLIN),
        duration_minutes=90,
        location="Werk Stuttgart",
        title="Bedarfsanalyse",
    )
    Participant.objects.create(
        appointment=row, contact=contact, name="Jens Kessler", position="Einkauf", extension="231"
    )
    Participant.objects.create(appointment=row, name="Petra Noack", position="Technik", extension="245")
    return row
