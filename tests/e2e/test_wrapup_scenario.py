"""The article's scenario, end to end: a closed deal recorded on one screen by keyboard,
then every fact found again on the customer's briefing."""

from datetime import date, timedelta

import pytest

from davor.customers.models import Contact, Customer
from davor.users.models import Team, User

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def _calendar_week_12() -> tuple[date, date]:
    today = date.today()
    year = today.year if date.fromisocalendar(today.year, 12, 5) > today else today.year + 1
    return date.fromisocalendar(year, 12, 1), date.fromisocalendar(year, 12, 5)


def test_it_records_the_articles_scenario_by_keyboard_and_briefs_it(site, page, login):
    user = User.objects.create_user(
        username="sabine",
        password="geheim-123",
        first_name="Sabine",
        last_name="Vogt",
        language="en",
        team=Team.objects.create(name="Süd"),
    )
    customer = Customer.objects.create(
        owner=user, number="K-10001", name="Kessler Antriebstechnik GmbH", city="Stuttgart", phone="+4971112345"
    )
    Contact.objects.create(
        customer=customer, first_name="Jens", last_name="Kessler", position="Einkauf", extension="231"
    )
    monday, friday = _calendar_week_12()
    visit = date.today() + timedelta(days=7)

    login(page, user)

    page.goto(f"/calls/new/?customer={customer.pk}")
    page.select_option("#id_outcome", label="Deal closed")
    page.check("text=Jens Kessler")
    page.fill("#id_lines-0-description", "Kugelgewindetrieb KGT 32x10")
    page.fill("#id_lines-0-quantity", "4")
    page.fill("#id_order-delivery_earliest", monday.isoformat())
    page.fill("#id_order-delivery_latest", friday.isoformat())
    page.fill("#id_order-delivery_note", "KW 12")
    page.fill("#id_order-payment_net_days", "30")
    page.fill("#id_order-skonto_percent", "2")
    page.fill("#id_order-skonto_days", "10")
    page.select_option("#id_order-confirmation_channel", "fax")
    page.select_option("#id_order-confirmation_copies", "2")

    page.focus("[data-add-form=appointments]")
    page.keyboard.press("Enter")  # adds an appointment row and focuses its first field
    page.fill("#id_appointments-0-start", f"{visit.isoformat()}T14:00")
    page.fill("#id_appointments-0-duration_minutes", "90")
    page.fill("#id_appointments-0-location", "Beim Kunden, Werk Stuttgart-Vaihingen")
    page.fill("#id_appointments-0-participants-0-name", "Jens Kessler")
    page.fill("#id_appointments-0-participants-0-position", "Einkauf")
    page.fill("#id_appointments-0-participants-0-extension", "231")
    page.fill("#id_appointments-0-participants-1-name", "Petra Wolf")
    page.fill("#id_appointments-0-participants-1-position", "Technische Leiterin")
    page.fill("#id_appointments-0-participants-1-extension", "118")

    page.fill("#id_wishes-0-description", "Linearführungen für die neue Montagelinie")
    page.select_option("#id_more-planning_month", "9")
    page.fill("#id_referrals-0-company", "Brenner Maschinenbau GmbH")
    page.fill("#id_referrals-0-name", "Thomas Brenner")
    page.fill("#id_referrals-0-position", "Geschäftsführer")
    page.fill("#id_more-personal_note", "Segelt am Bodensee")
    page.select_option("#id_more-care_channel", "sms")
    page.fill("#id_more-care_due", (date.today() + timedelta(days=1)).isoformat())

    # The live completeness panel has caught up: nothing of the checklist is missing.
    page.wait_for_selector("#completeness .done")
    page.focus("#id_more-care_due")
    page.keyboard.press("Control+Enter")
    page.wait_for_url(f"{site.url}/customers/{customer.pk}/")

    agreed = page.inner_text("#briefing-agreed")
    assert "KW 12" in agreed
    assert "30 days net" in agreed
    assert "2 % Skonto within 10 days" in agreed
    assert "by Fax, in duplicate" in agreed
    appointments = page.inner_text("#briefing-appointments")
    assert "Beim Kunden, Werk Stuttgart-Vaihingen" in appointments
    assert "90 min" in appointments
    assert "Jens Kessler (Einkauf, ext. 231)" in appointments
    assert "Petra Wolf (Technische Leiterin, ext. 118)" in appointments
    wishes = page.inner_text("#briefing-wishes")
    assert "Linearführungen für die neue Montagelinie" in wishes
    assert "Planned in September" in wishes
    assert "Brenner Maschinenbau GmbH" in page.inner_text("#briefing-referrals")
    assert "Thomas Brenner (Geschäftsführer)" in page.inner_text("#briefing-referrals")
    assert "Segelt am Bodensee" in page.inner_text("#briefing-personal")
