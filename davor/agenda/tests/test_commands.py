from datetime import date, datetime
from io import StringIO

import pytest
import time_machine
import vobject
from django.core.management import CommandError, call_command
from django.utils import translation

from davor.agenda.tests.conftest import BERLIN
from davor.agenda.tests.factories import task
from davor.cli import main as davor

pytestmark = pytest.mark.django_db
NOW = datetime(2026, 3, 10, 8, 0, tzinfo=BERLIN)


@pytest.fixture(autouse=True)
def _frozen():
    with time_machine.travel(NOW, tick=False):
        yield


def test_it_prints_the_day_as_a_table(owner, meeting, customer):
    task(customer, due=date(2026, 3, 9), title="Angebot schicken")
    out = StringIO()

    with translation.override("en"):
        call_command("today", "--user", "alice", stdout=out)

    text = out.getvalue()
    assert "14:00–15:30" in text
    assert "Bedarfsanalyse" in text
    assert "Angebot schicken" in text
    assert "overdue" in text


def test_it_speaks_the_terminals_language_not_the_users(owner, meeting, customer, capsys):
    owner.language = "en"
    owner.save(update_fields=["language"])
    task(customer, due=date(2026, 3, 9), title="Angebot schicken")

    davor(["davor", "today", "--user", "alice", "--lang", "de"])

    out = capsys.readouterr().out
    assert "überfällig" in out and "Termin" in out
    assert "overdue" not in out


def test_it_refuses_an_unknown_user(owner):
    with translation.override("en"), pytest.raises(CommandError, match="No active user"):
        call_command("today", "--user", "nobody")


def test_it_exports_the_feed_to_a_file(owner, meeting, tmp_path):
    path = tmp_path / "alice.ics"

    call_command("calendar", "export", "--user", "alice", "-o", str(path), stderr=StringIO())

    calendar = vobject.readOne(path.read_text())
    assert calendar.vevent.uid.value == f"{meeting.uid}@davor"
