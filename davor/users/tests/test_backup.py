"""Backup → wipe → restore, on whichever database the suite runs (SQLite and PostgreSQL).

The functions run against the live test database itself (pytest-django's
in-memory SQLite or ``test_davor`` on PostgreSQL): the SQLite backup API
copies from and to the open connection, and pg_dump/pg_restore reach the
test database by name. ``transaction=True``, because pg_dump sees only
committed rows and SQLite cannot restore into a connection inside a transaction.
"""

import pytest
from django.core.management import CommandError, call_command

from davor.customers.models import Contact, Customer
from davor.users.backup import database_is_empty


@pytest.mark.django_db(transaction=True)
def test_it_backs_up_wipes_and_restores(customer, contact, tmp_path):
    path = tmp_path / "davor.backup"
    call_command("backup", "-o", str(path))
    assert path.stat().st_size > 0
    Contact.objects.all().delete()
    Customer.objects.all().delete()
    Customer.objects.create(owner=customer.owner, number="K-99999", name="Nach dem Backup")
    with pytest.raises(CommandError, match="nicht leer"):
        call_command("restore", str(path))
    call_command("restore", str(path), "--yes")
    assert list(Customer.objects.values_list("name", flat=True)) == ["Kessler Antriebstechnik GmbH"]
    assert Contact.objects.get().email == contact.email


@pytest.mark.django_db(transaction=True)
def test_it_refuses_a_file_that_is_no_backup(owner, tmp_path):
    path = tmp_path / "junk.backup"
    path.write_bytes(b"not a backup" * 100)
    with pytest.raises(CommandError):
        call_command("restore", str(path), "--yes")
    assert not database_is_empty()
