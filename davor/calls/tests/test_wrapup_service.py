from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError

from davor.agenda.models import Task
from davor.calls.models import Call, Outcome
from davor.calls.services import budget_call_due, wrapup_submit, wrapup_update
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
from davor.customers.models import Customer
from davor.orders.models import Order
from davor.pipeline.models import BudgetCycle, Opportunity, Referral

BERLIN = ZoneInfo("Europe/Berlin")
CALL_AT = datetime(2026, 3, 2, 10, 15, tzinfo=BERLIN)


def _deal(contact, **changes) -> WrapupData:
    data = WrapupData(
        outcome_id=Outcome.objects.get(kind="deal").pk,
        started_at=CALL_AT,
        duration_minutes=12,
        contact_ids=[contact.pk],
        note="Abschluss 4 Kugelgewindetriebe.",
        personal_note="Fährt im April mit der Familie an den Gardasee.",
        order=OrderData(
            lines=[LineData("Kugelgewindetrieb KGT 32x10", Decimal("4"), "Stk.", Decimal("412.50"))],
            delivery_earliest=date(2026, 3, 16),
            delivery_latest=date(2026, 3, 20),
            delivery_note="KW 12",
            payment_net_days=30,
            skonto_percent=Decimal("2"),
            skonto_days=10,
            confirmation_channel="fax",
            confirmation_copies=2,
        ),
        appointments=[
            AppointmentData(
                start=datetime(2026, 3, 10, 14, 0, tzinfo=BERLIN),
                duration_minutes=90,
                location="Beim Kunden, Werk Stuttgart",
                participants=[
                    ParticipantData("Jens Kessler", "Einkauf", "231"),
                    ParticipantData("Dr. Petra Wolf", "Technische Leiterin", "118"),
                ],
            )
        ],
        tasks=[TaskData("customer_promise", "Zeichnung Sonderflansch schicken", date(2026, 3, 4))],
        wishes=[WishData("Linearführungen für neue Fertigungslinie")],
        budget=BudgetData(planning_month=9, expected_amount=Decimal("50000")),
        referrals=[ReferralData(company="Brenner Maschinenbau", name="Thomas Brenner", position="GF")],
        care=CareData("sms", date(2026, 3, 3)),
        next_contact=date(2026, 3, 23),
    )
    for name, value in changes.items():
        setattr(data, name, value)
    return data


def test_it_writes_everything_a_deal_implies(owner, customer, contact):
    call = wrapup_submit(user=owner, customer=customer, data=_deal(contact))

    assert call.is_complete, call.missing
    order = Order.objects.get(call=call)
    assert (order.confirmation_channel, order.confirmation_copies, order.skonto_percent) == ("fax", 2, 2)
    assert order.lines.get().quantity == 4
    appointment = call.appointments.get()
    assert [(p.name, p.position, p.extension) for p in appointment.participants.all()] == [
        ("Jens Kessler", "Einkauf", "231"),
        ("Dr. Petra Wolf", "Technische Leiterin", "118"),
    ]
    # The known contact is linked, the new one kept as a contact of the customer.
    assert appointment.participants.all()[0].contact == contact
    assert customer.contacts.filter(last_name="Wolf", title="Dr.", extension="118").exists()
    assert Opportunity.objects.get(call=call).description.startswith("Linearführungen")
    assert BudgetCycle.objects.get(customer=customer).planning_month == 9
    referral = Referral.objects.get(call=call)
    assert referral.prospect.status == Customer.Status.PROSPECT
    assert referral.prospect_contact.last_name == "Brenner"
    assert referral.referring_contact == contact
    kinds = set(call.tasks.values_list("kind", flat=True))
    assert kinds == {"customer_promise", "care", "follow_up", "budget_call", "referral_thanks"}
    assert call.tasks.get(kind="budget_call").due == date(2026, 8, 4)


def test_it_writes_nothing_when_a_rule_is_broken(owner, customer, contact):
    data = _deal(contact)
    data.order.skonto_percent = Decimal("120")
    data.referrals = [ReferralData(note="nur ein Hinweis")]

    with pytest.raises(ValidationError) as excinfo:
        wrapup_submit(user=owner, customer=customer, data=data)

    assert set(excinfo.value.message_dict) == {"order-skonto_percent", "referrals-0-company"}
    assert not Call.objects.exists()
    assert not Order.objects.exists()
    assert Customer.objects.count() == 1


def test_it_refuses_a_delivery_before_the_call(owner, customer, contact):
    data = _deal(contact)
    data.order.delivery_earliest = date(2026, 2, 1)

    with pytest.raises(ValidationError) as excinfo:
        wrapup_submit(user=owner, customer=customer, data=data)

    assert "order-delivery_earliest" in excinfo.value.message_dict


def test_it_saves_an_incomplete_wrapup_with_its_gaps(owner, customer, contact):
    data = _deal(contact, personal_note="", care=None)
    data.order.payment_net_days = data.order.skonto_percent = data.order.skonto_days = None
    data.appointments[0].participants[1].extension = ""

    call = wrapup_submit(user=owner, customer=customer, data=data)

    assert not call.is_complete
    assert set(call.missing) == {"order.payment", "care", "appointment.1.extension", "extended.personal"}


def test_it_revises_in_place_and_drops_what_was_removed(owner, customer, contact):
    call = wrapup_submit(user=owner, customer=customer, data=_deal(contact))
    appointment = call.appointments.get()
    data = _deal(contact, wishes=[], care=None, asked_nothing={"wishes"})
    data.appointments[0].id = appointment.pk
    data.appointments[0].duration_minutes = 60

    wrapup_update(user=owner, call=call, data=data, expected_version=call.version)

    appointment.refresh_from_db()
    assert (appointment.duration_minutes, appointment.sequence) == (60, 1)
    assert not Opportunity.objects.exists()
    assert not call.tasks.filter(kind=Task.Kind.CARE).exists()
    assert Order.objects.count() == 1
    assert call.history.first().history_type == "~"
    assert call.history.filter(history_type="+").count() == 1


def test_it_plans_the_budget_call_four_weeks_ahead_of_the_next_planning_month():
    assert budget_call_due(9, date(2026, 3, 2)) == date(2026, 8, 4)
    assert budget_call_due(3, date(2026, 3, 2)) == date(2027, 2, 1)


def test_it_puts_the_budget_call_on_a_working_day():
    # Four weeks before 1 August 2026 is Saturday 4 July: the call is due on the Friday before.
    assert budget_call_due(8, date(2026, 3, 2)) == date(2026, 7, 3)


def test_it_thanks_for_a_saturdays_referral_on_the_next_working_day(owner, customer, contact):
    saturday = datetime(2026, 3, 7, 10, 0, tzinfo=BERLIN)

    call = wrapup_submit(user=owner, customer=customer, data=_deal(contact, started_at=saturday))

    assert call.tasks.get(kind=Task.Kind.REFERRAL_THANKS).due == date(2026, 3, 9)  # Monday, not Sunday


def test_it_links_a_referral_to_a_company_the_seller_already_has(owner, customer, contact):
    known = Customer.objects.create(owner=owner, number="K-20000", name="Brenner Maschinenbau")
    data = _deal(contact, referrals=[ReferralData(company="brenner maschinenbau", name="Thomas Brenner")])

    call = wrapup_submit(user=owner, customer=customer, data=data)

    referral = Referral.objects.get(call=call)
    assert referral.prospect == known
    assert Customer.objects.filter(name__iexact="Brenner Maschinenbau").count() == 1
    assert referral.prospect_contact.last_name == "Brenner"
