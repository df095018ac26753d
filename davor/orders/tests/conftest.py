"""Fixtures for orders: our company, an order worth confirming, a real SMTP server."""

import socket
import subprocess
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from email import message_from_bytes, policy
from email.message import EmailMessage
from pathlib import Path

import pytest
from django.utils import translation

from davor.orders.models import CompanyProfile, Order, OrderLine


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class Inbox:
    """What the SMTP server received; set ``refuse`` to an SMTP reply to turn every message away."""

    port: int
    messages: list[EmailMessage] = field(default_factory=list)
    recipients: list[list[str]] = field(default_factory=list)
    refuse: str = ""

    async def handle_DATA(self, server, session, envelope):
        if self.refuse:
            return self.refuse
        self.messages.append(message_from_bytes(envelope.content, policy=policy.default))
        self.recipients.append(list(envelope.rcpt_tos))
        return "250 2.0.0 Ok: queued as 4F1TEST"


def mailers_for(port: int) -> dict:
    options = {"host": "127.0.0.1", "port": port, "timeout": 5}
    return {"default": {"BACKEND": "davor.orders.mailer.EmailBackend", "OPTIONS": options}}


@pytest.fixture
def smtp(settings):
    """A real SMTP server (aiosmtpd) on a free localhost port; Davor's mail goes there."""
    from aiosmtpd.controller import Controller

    inbox = Inbox(port=free_port())
    controller = Controller(inbox, hostname="127.0.0.1", port=inbox.port)
    controller.start()
    settings.MAILERS = mailers_for(inbox.port)
    try:
        yield inbox
    finally:
        controller.stop()


@pytest.fixture
def no_smtp(settings):
    """A port where no mail server listens."""
    settings.MAILERS = mailers_for(free_port())


@pytest.fixture(autouse=True)
def _fax_gateway(settings):
    settings.DAVOR_FAX_GATEWAY_DOMAIN = "fax.example.net"


@pytest.fixture(autouse=True)
def _english():
    """Messages are checked in English; documents follow the customer's language whatever is active."""
    with translation.override("en"):
        yield


@pytest.fixture
def company(db) -> CompanyProfile:
    return CompanyProfile.objects.create(
        pk=1,
        name="Muster Maschinen GmbH",
        street="Hauptstraße 1",
        postal_code="70173",
        city="Stuttgart",
        phone="0711 98760-0",
        email="info@muster-maschinen.de",
        managing_directors="Erika Muster",
        register_court="Amtsgericht Stuttgart",
        register_number="HRB 123456",
        vat_id="DE123456789",
        bank_name="Volksbank Stuttgart",
        iban="DE02600901000000000000",
        bic="VOBADESSXXX",
    )


@pytest.fixture
def order(owner, customer, contact, company) -> Order:
    owner.last_name = "Berger"
    owner.email = "alice@muster-maschinen.de"
    owner.phone_extension = "214"
    owner.language = "en"  # the pages are checked in English
    owner.save(update_fields=["last_name", "email", "phone_extension", "language"])
    contact.fax = "+4971112345999"
    contact.save(update_fields=["fax"])
    row = Order.objects.create(
        customer=customer,
        created_by=owner,
        number="A-2026-00042",
        ordered_on=date(2026, 3, 2),
        delivery_note="KW 12",
        payment_net_days=30,
        skonto_percent=Decimal("2"),
        skonto_days=10,
        discount_percent=Decimal("5"),
        shipping="free_delivery",
        confirmation_channel="fax",
        confirmation_copies=2,
    )
    OrderLine.objects.create(
        order=row, position=1, description="Getriebemotor GM-40", quantity=10, unit="Stk.", unit_price=Decimal("1250")
    )
    OrderLine.objects.create(
        order=row,
        position=2,
        description="Inbetriebnahme vor Ort",
        quantity=Decimal("1.5"),
        unit="Tag",
        unit_price=Decimal("980"),
        discount_percent=Decimal("10"),
    )
    return row


def pdf_text(pdf: bytes, tmp_path: Path, *args: str) -> str:
    """The PDF's text as poppler's pdftotext reads it (``-bbox`` gives positions)."""
    path = tmp_path / f"doc{len(list(tmp_path.iterdir()))}.pdf"
    path.write_bytes(pdf)
    return subprocess.run(["pdftotext", *args, str(path), "-"], check=True, capture_output=True, text=True).stdout
