import pytest
from django.db import IntegrityError

from davor.customers.models import Customer
from davor.lib.numbers import save_numbered


def test_it_takes_the_next_number_when_a_concurrent_save_took_it(owner):
    Customer.objects.create(owner=owner, number="K-10001", name="Erster")
    proposals = iter(["K-10001", "K-10002"])  # the first as a concurrent reader would have seen it

    customer = Customer(owner=owner, name="Zweiter")
    save_numbered(customer, next_number=lambda: next(proposals))

    assert customer.number == "K-10002"
    assert Customer.objects.count() == 2


def test_it_does_not_hide_an_integrity_error_of_another_kind(db):
    orphan = Customer(name="Ohne Verkäufer")  # owner is NOT NULL; validation of it is skipped below

    with pytest.raises(IntegrityError):
        save_numbered(orphan, next_number=lambda: "K-99999", exclude=["owner"])
