from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

from davor.calls.completeness import gaps
from davor.calls.wrapup import (
    AppointmentData,
    BudgetData,
    CareData,
    LineData,
    OrderData,
    ParticipantData,
    ReferralData,
    TaskData,
    WishData,
    WrapupData,
)

AT = datetime(2026, 3, 2, 10, 0, tzinfo=ZoneInfo("Europe/Berlin"))


def _keys(data, kind):
    return {gap.key for gap in gaps(data, kind)}


def _complete_deal() -> WrapupData:
    return WrapupData(
        outcome_id=1,
        started_at=AT,
        personal_note="Tochter studiert in Heidelberg",
        order=OrderData(
            lines=[LineData("Toner", Decimal(12))],
            delivery_latest=date(2026, 3, 16),
            payment_net_days=14,
            confirmation_channel="email",
        ),
        wishes=[WishData("Büromöbel")],
        budget=BudgetData(planning_month=10),
        referrals=[ReferralData(company="Kanzlei Roth")],
        care=CareData("mail", date(2026, 3, 3)),
    )


def test_it_finds_nothing_missing_in_a_complete_deal():
    assert _keys(_complete_deal(), "deal") == set()


def test_it_lists_the_minimal_program_of_an_empty_deal():
    data = WrapupData(outcome_id=1, started_at=AT)

    assert _keys(data, "deal") == {
        "order.lines",
        "order.delivery",
        "order.payment",
        "order.confirmation",
        "care",
        "extended.wishes",
        "extended.budget",
        "extended.referrals",
        "extended.personal",
    }


def test_it_counts_asked_nothing_to_record_as_answered():
    data = _complete_deal()
    data.wishes, data.budget, data.referrals, data.personal_note = [], None, [], ""
    data.asked_nothing = {"wishes", "budget", "referrals", "personal"}

    assert _keys(data, "deal") == set()


def test_it_accepts_prepayment_or_skonto_as_payment_terms():
    data = _complete_deal()
    data.order.payment_net_days = None
    data.order.prepayment = True
    assert "order.payment" not in _keys(data, "deal")


def test_it_asks_for_duration_place_participants_and_their_details():
    data = _complete_deal()
    data.appointments = [
        AppointmentData(start=AT, participants=[ParticipantData("Müller")]),
        AppointmentData(start=AT, duration_minutes=60, location="Teams"),
    ]

    assert _keys(data, "deal") == {
        "appointment.1.duration",
        "appointment.1.location",
        "appointment.1.position",
        "appointment.1.extension",
        "appointment.2.participants",
    }


def test_it_wants_a_date_for_every_promise():
    data = _complete_deal()
    data.tasks = [TaskData("our_promise", "Katalog schicken")]

    assert _keys(data, "deal") == {"task.1.due"}


def test_it_wants_the_offer_promised_and_the_next_contact_for_an_offer_request():
    data = WrapupData(outcome_id=2, started_at=AT, asked_nothing={"wishes", "budget", "referrals", "personal"})
    assert _keys(data, "offer") == {"offer.promise", "next_contact"}

    data.tasks = [TaskData("our_promise", "Angebot schicken", date(2026, 3, 4))]
    data.next_contact = date(2026, 3, 9)
    assert _keys(data, "offer") == set()


def test_it_asks_when_to_try_again_when_not_reached_and_nothing_else():
    data = WrapupData(outcome_id=5, started_at=AT)
    assert _keys(data, "not_reached") == {"next_contact"}
    assert _keys(data, "no_interest") == set()
