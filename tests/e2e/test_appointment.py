"""Journey 8: an appointment found on Today is moved (typed the German way) and cancelled; the .ics says so."""

from datetime import datetime, time
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from davor.agenda.models import Appointment, Participant
from davor.customers.models import Contact, Customer
from davor.users.models import Team, User

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]
BERLIN = ZoneInfo("Europe/Berlin")


@pytest.fixture
def appointment(db) -> Appointment:
    user = User.objects.create_user(username="sabine", first_name="Sabine", team=Team.objects.create(name="Süd"))
    customer = Customer.objects.create(owner=user, number="K-10001", name="Kessler Antriebstechnik GmbH")
    jens = Contact.objects.create(customer=customer, first_name="Jens", last_name="Kessler", position="Einkauf")
    today = timezone.localdate()
    meeting = Appointment.objects.create(
        customer=customer,
        owner=user,
        start=datetime.combine(today, time(23, 0), tzinfo=BERLIN),
        duration_minutes=60,
        location="Werk Stuttgart-Vaihingen",
        title="Bedarfsanalyse",
    )
    Participant.objects.create(appointment=meeting, contact=jens, name="Jens Kessler", position="Einkauf")
    return meeting


def _open_from_today(page, appointment) -> None:
    """Today lists the appointment; its details link opens it."""
    page.locator("header nav").get_by_role("link", name="Heute").click()
    row = page.locator("ul.appointments li", has_text="Kessler Antriebstechnik GmbH")
    expect(row).to_contain_text("Jens Kessler, Einkauf")
    row.get_by_role("link", name="Details").click()
    page.wait_for_url(f"**/appointments/{appointment.pk}/")


def _ics(page) -> str:
    with page.expect_download() as download:
        page.get_by_role("link", name=".ics herunterladen").click()
    return download.value.path().read_text()


def test_it_moves_the_appointment_to_a_time_typed_the_german_way(site, page, login, appointment):
    login(page, appointment.owner)
    _open_from_today(page, appointment)
    start = page.locator("#id_start")
    expect(start).not_to_have_value("")  # the current start is shown, so that it can be corrected
    start.fill("")
    start.click()
    page.keyboard.type("24.3.2027 10:00")
    page.get_by_role("button", name="Speichern").click()

    expect(page.locator(".messages")).to_contain_text("Termin gespeichert.")
    appointment.refresh_from_db()
    assert timezone.localtime(appointment.start) == datetime(2027, 3, 24, 10, 0, tzinfo=BERLIN)
    assert appointment.duration_minutes == 60  # moved, not shortened: the end went along
    assert "DTSTART;TZID=Europe/Berlin:20270324T100000" in _ics(page)


def test_it_cancels_the_appointment_and_the_ics_says_cancelled(site, page, login, appointment):
    login(page, appointment.owner)
    _open_from_today(page, appointment)
    assert "STATUS:CANCELLED" not in _ics(page)

    page.get_by_role("button", name="Termin absagen").click()

    expect(page.locator(".messages")).to_contain_text("Termin abgesagt.")
    expect(page.get_by_role("button", name="Termin absagen")).to_have_count(0)
    ics = _ics(page)
    assert "METHOD:CANCEL" in ics
    assert "STATUS:CANCELLED" in ics
    assert "SUMMARY:Bedarfsanalyse" in ics.replace("\r\n ", "")
    appointment.refresh_from_db()
    assert appointment.cancelled_at is not None
