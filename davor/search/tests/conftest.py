from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from davor.calls.models import Call, Outcome
from davor.customers.models import Contact, Customer

AT = datetime(2026, 3, 2, 10, 0, tzinfo=ZoneInfo("Europe/Berlin"))


@pytest.fixture
def call(owner, customer, contact) -> Call:
    made = Call.objects.create(
        customer=customer,
        user=owner,
        started_at=AT,
        outcome=Outcome.objects.get(kind="follow_up"),
        note="Die Wartungsverträge laufen im Juni aus; Angebot für die neue Anlage schicken.",
    )
    made.contacts.add(contact)
    return made


@pytest.fixture
def mueller(owner) -> Customer:
    return Customer.objects.create(
        owner=owner, number="K-10002", name="Müller Maschinenbau GmbH & Co. KG", city="Esslingen", phone="+497119876"
    )


@pytest.fixture
def elsewhere(outsider) -> Customer:
    """Another team's customer with the same kind of data: must never show up."""
    other = Customer.objects.create(
        owner=outsider, number="K-90001", name="Kessler Logistik AG", city="Hamburg", phone="+494012345"
    )
    Contact.objects.create(customer=other, first_name="Jens", last_name="Kessler", phone="+4940123459", extension="9")
    Call.objects.create(
        customer=other,
        user=outsider,
        started_at=AT,
        outcome=Outcome.objects.get(kind="follow_up"),
        note="Wartungsvertrag verlängert",
    )
    return other
