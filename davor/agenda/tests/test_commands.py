from datetime import date, datetime
from io import StringIO

import pytest
import time_machine
import vobject
from django.core.management import CommandError, call_command

from davor.agenda.tests.conftest import BERLIN
from davor.agenda.tests.factories import task

pytestmark = pytest.mark.django_db
NOW = datetime(2026, 3, 10, 8, 0, tzinfo=BERLIN)


@pytest.fixture(autouse=True)
def _frozen():
    with time_machine.travel(NOW, tick=False):
        yield


def test_it_prints_the_day_as_a_table(owner, meeting, customer):
    task(customer, due=date(2026, 3, 9), title="Angebot schicken")
    out = StringIO()

    call_command("today", "--user", "alice", stdout=out)

    text = out.getvalue()
    assert "14:00–15:30" in text
    assert "Bedarfsanalyse" in text
    assert "Angebot schicken" in text
    assert "overdue" in text


def test_it_refuses_an_unknown_user(owner):
    with pytest.raises(CommandError, match="No active user"):
        call_command("today", "--user", "nobody")


def test_it_exports_the_feed_to_a_file(owner, meeting, tmp_path):
    path = tmp_path / "alice.ics"

    call_command("calendar", "export", "--user", "alice", "-o", str(path), stderr=StringIO())

    calendar = vobject.readOne(path.read_text())
    assert calendar.vevent.uid.value == f"{meeting.uid}@davor"
