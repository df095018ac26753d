"""Backup → wipe → restore, on whichever database the suite runs (SQLite and PostgreSQL).

The functions run against the live test database itself (pytest-django's
in-memory SQLite or ``test_davor`` on PostgreSQL): the SQLite backup API
copies from and to the open connection, and pg_dump/pg_restore reach the
test database by name. ``transaction=True``, because pg_dump sees only
committed rows and SQLite cannot restore into a connection inside a transaction.
"""

import os
import sqlite3
import stat
import subprocess
import sys
import tarfile
from pathlib import Path

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


@pytest.mark.django_db(transaction=True)
def test_the_backup_is_private_and_carries_the_key(customer, tmp_path, settings):
    path = tmp_path / "davor.backup"
    call_command("backup", "-o", str(path))

    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    with tarfile.open(path) as archive:
        assert archive.extractfile("secret_key").read().decode() == settings.SECRET_KEY  # type: ignore[union-attr]
    assert list(tmp_path.iterdir()) == [path]  # nothing left beside it


@pytest.mark.django_db(transaction=True)
def test_it_refuses_a_backup_without_key_unless_told(customer, tmp_path):
    plain = tmp_path / "old.backup"
    target = sqlite3.connect(plain)
    sqlite3.connect(":memory:").backup(target)
    target.close()

    with pytest.raises(CommandError, match="without-key"):
        call_command("restore", str(plain), "--yes")
    assert Customer.objects.exists()


def _davor(data_dir: Path, code: str) -> str:
    """Run ``code`` in a fresh Davor process on SQLite in ``data_dir``, as ``davor shell -c`` would."""
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "SECRET_KEY"}}
    env["DAVOR_DATA_DIR"] = str(data_dir)
    done = subprocess.run(
        [sys.executable, "-m", "davor.cli", "shell", "--no-imports", "-c", code],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


def test_a_restore_into_a_new_data_directory_keeps_the_key_and_calendar_passwords(tmp_path):
    old, new, backup = tmp_path / "old", tmp_path / "new", tmp_path / "davor.backup"
    _davor(
        old,
        "from django.core.management import call_command; call_command('migrate', verbosity=0);"
        "from davor.users.models import User; from davor.agenda.models import CalendarAccount;"
        "from davor.agenda.vault import encrypt; u = User.objects.create(username='demo');"
        "CalendarAccount.objects.create(user=u, caldav_url='https://dav.example/', caldav_password_encrypted="
        f"encrypt('app-secret')); call_command('backup', '-o', '{backup}')",
    )

    _davor(new, f"from django.core.management import call_command; call_command('restore', '{backup}')")
    read = "from davor.agenda.models import CalendarAccount; from davor.agenda.vault import decrypt;"
    password = _davor(new, read + "print(decrypt(CalendarAccount.objects.get().caldav_password_encrypted))")

    assert password == "app-secret"
    assert (new / "secret_key").read_text() == (old / "secret_key").read_text()
    assert {stat.S_IMODE(p.stat().st_mode) for p in new.iterdir() if p.is_file()} == {0o600}
    assert stat.S_IMODE(new.stat().st_mode) == 0o700
