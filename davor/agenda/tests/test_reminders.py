from datetime import date, datetime

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command

from davor.agenda.models import Reminder, Task
from davor.agenda.services.reminders import budget_call_dates, reminders_run
from davor.agenda.tests.conftest import BERLIN
from davor.agenda.tests.factories import appointment, task
from davor.pipeline.models import BudgetCycle, Referral

pytestmark = pytest.mark.django_db


def run(at: datetime) -> dict[str, int]:
    with time_machine.travel(at, tick=False):
        return reminders_run(now=at)


def test_it_creates_a_care_touch_the_next_working_day_once(customer, contact):
    # Thursday 2 April 2026: Good Friday and Easter Monday follow, so the thank-you is due on Tuesday.
    row = appointment(customer, start=datetime(2026, 4, 2, 10, 0, tzinfo=BERLIN), duration_minutes=60)
    row.participants.create(name="Jens Kessler", contact=contact)

    assert run(datetime(2026, 4, 2, 10, 30, tzinfo=BERLIN))["care_touches"] == 0  # not over yet
    assert run(datetime(2026, 4, 2, 11, 5, tzinfo=BERLIN))["care_touches"] == 1
    assert run(datetime(2026, 4, 2, 11, 6, tzinfo=BERLIN))["care_touches"] == 0

    (care,) = Task.objects.filter(kind=Task.Kind.CARE)
    assert care.due == date(2026, 4, 7)
    assert care.contact == contact


def test_it_leaves_the_care_touch_to_the_wrap_up_when_there_is_one(customer):
    run(datetime(2026, 3, 5, 8, 0, tzinfo=BERLIN))  # the worker runs before the appointment
    appointment(customer, start=datetime(2026, 3, 5, 10, 0, tzinfo=BERLIN), duration_minutes=60)
    task(customer, due=date(2026, 3, 6), kind=Task.Kind.CARE, title="Danke (aus dem Gespräch)")

    run(datetime(2026, 3, 5, 12, 0, tzinfo=BERLIN))

    assert Task.objects.filter(kind=Task.Kind.CARE).count() == 1


def test_it_thanks_for_a_referral_unless_the_wrap_up_did(customer, contact, owner):
    run(datetime(2026, 3, 4, 8, 0, tzinfo=BERLIN))  # the worker was already running
    prospect = customer.__class__.objects.create(owner=owner, number="K-2", name="Neu GmbH")
    with time_machine.travel(datetime(2026, 3, 4, 9, 0, tzinfo=BERLIN), tick=False):
        Referral.objects.create(referring_customer=customer, referring_contact=contact, prospect=prospect)

    assert run(datetime(2026, 3, 4, 10, 0, tzinfo=BERLIN))["referral_thanks"] == 1
    assert run(datetime(2026, 3, 4, 11, 0, tzinfo=BERLIN))["referral_thanks"] == 0
    (thanks,) = Task.objects.filter(kind=Task.Kind.REFERRAL_THANKS)
    assert "Neu GmbH" in thanks.title
    assert thanks.due == date(2026, 3, 5)


def test_it_thanks_on_a_working_day_for_a_referral_made_on_a_saturday(customer, contact, owner):
    run(datetime(2026, 3, 6, 8, 0, tzinfo=BERLIN))
    prospect = customer.__class__.objects.create(owner=owner, number="K-2", name="Neu GmbH")
    with time_machine.travel(datetime(2026, 3, 7, 11, 0, tzinfo=BERLIN), tick=False):  # a Saturday
        Referral.objects.create(referring_customer=customer, referring_contact=contact, prospect=prospect)

    run(datetime(2026, 3, 7, 12, 0, tzinfo=BERLIN))

    assert Task.objects.get(kind=Task.Kind.REFERRAL_THANKS).due == date(2026, 3, 9)  # Monday


def test_it_makes_no_thank_yous_for_what_happened_before_the_worker_first_ran(customer, contact, owner):
    prospect = customer.__class__.objects.create(owner=owner, number="K-2", name="Neu GmbH")
    with time_machine.travel(datetime(2026, 3, 2, 9, 0, tzinfo=BERLIN), tick=False):
        Referral.objects.create(referring_customer=customer, referring_contact=contact, prospect=prospect)
    appointment(customer, start=datetime(2026, 3, 3, 10, 0, tzinfo=BERLIN), duration_minutes=60)
    later = appointment(customer, start=datetime(2026, 3, 10, 10, 0, tzinfo=BERLIN), duration_minutes=60)

    first = run(datetime(2026, 3, 9, 9, 0, tzinfo=BERLIN))  # the first run, a week after both
    assert (first["care_touches"], first["referral_thanks"]) == (0, 0)
    assert not Task.objects.exists()

    run(datetime(2026, 3, 10, 11, 30, tzinfo=BERLIN))
    (care,) = Task.objects.all()
    assert (care.kind, care.due) == (Task.Kind.CARE, date(2026, 3, 11))
    assert later.customer == care.customer


def test_it_puts_a_budget_call_due_on_a_weekend_on_the_friday_before(customer, settings):
    settings.DAVOR_BUDGET_CALL_WEEKS = 4
    BudgetCycle.objects.create(customer=customer, planning_month=8)  # 4 weeks before 1 August 2026: Saturday

    run(datetime(2026, 3, 4, 9, 0, tzinfo=BERLIN))

    assert Task.objects.get(kind=Task.Kind.BUDGET_CALL).due == date(2026, 7, 3)


def test_it_heads_the_customers_overdue_promises_with_one_colon(owner, customer):
    owner.email = "alice@davor.example"
    owner.language = "de"
    owner.save(update_fields=["email", "language"])
    task(customer, due=date(2026, 3, 3), kind=Task.Kind.CUSTOMER_PROMISE, title="Zeichnung schicken")

    run(datetime(2026, 3, 4, 7, 30, tzinfo=BERLIN))

    (heading,) = [line for line in mail.outbox[0].body.splitlines() if "Zusagen des Kunden" in line]
    assert heading == "Überfällige Zusagen des Kunden (nachhaken):"


def test_it_turns_the_budget_cycle_into_a_call_every_year(customer, settings):
    settings.DAVOR_BUDGET_CALL_WEEKS = 6
    BudgetCycle.objects.create(customer=customer, planning_month=10)

    run(datetime(2026, 3, 4, 9, 0, tzinfo=BERLIN))
    run(datetime(2026, 3, 5, 9, 0, tzinfo=BERLIN))
    (first,) = Task.objects.filter(kind=Task.Kind.BUDGET_CALL)
    assert first.due == date(2026, 8, 20)  # six weeks before 1 October

    run(datetime(2026, 10, 2, 9, 0, tzinfo=BERLIN))
    dues = sorted(Task.objects.filter(kind=Task.Kind.BUDGET_CALL).values_list("due", flat=True))
    assert dues == [date(2026, 8, 20), date(2027, 8, 20)]


def test_it_does_not_double_the_wrap_ups_budget_call(customer):
    BudgetCycle.objects.create(customer=customer, planning_month=10)
    task(customer, due=date(2026, 9, 3), kind=Task.Kind.BUDGET_CALL, title="Budget (aus dem Gespräch)")

    run(datetime(2026, 3, 4, 9, 0, tzinfo=BERLIN))

    assert Task.objects.filter(kind=Task.Kind.BUDGET_CALL).count() == 1


def test_it_computes_the_budget_call_day():
    assert budget_call_dates(1, date(2026, 3, 4)) == (date(2026, 12, 4), date(2027, 1, 1))


def test_it_flags_an_overdue_customer_promise_once(customer):
    promise = task(customer, due=date(2026, 3, 3), kind=Task.Kind.CUSTOMER_PROMISE, title="Zeichnung schicken")
    ours = task(customer, due=date(2026, 3, 3), title="Angebot")

    assert run(datetime(2026, 3, 4, 6, 0, tzinfo=BERLIN))["promises_flagged"] == 1
    assert run(datetime(2026, 3, 4, 6, 1, tzinfo=BERLIN))["promises_flagged"] == 0
    promise.refresh_from_db()
    ours.refresh_from_db()
    assert promise.flagged_at == datetime(2026, 3, 4, 6, 0, tzinfo=BERLIN)
    assert ours.flagged_at is None


def test_it_sends_the_digest_once_a_working_day_from_the_digest_hour(owner, customer):
    owner.email = "alice@davor.example"
    owner.save(update_fields=["email"])
    task(customer, due=date(2026, 3, 3), kind=Task.Kind.CUSTOMER_PROMISE, title="Zeichnung schicken")

    assert run(datetime(2026, 3, 4, 6, 59, tzinfo=BERLIN))["digests"] == 0
    assert run(datetime(2026, 3, 4, 7, 0, tzinfo=BERLIN))["digests"] == 1
    assert run(datetime(2026, 3, 4, 12, 0, tzinfo=BERLIN))["digests"] == 0
    assert run(datetime(2026, 3, 7, 8, 0, tzinfo=BERLIN))["digests"] == 0  # Saturday
    assert len(mail.outbox) == 1
    assert "Zeichnung schicken" in mail.outbox[0].body


def test_it_sends_no_digest_for_an_empty_day(owner):
    owner.email = "alice@davor.example"
    owner.save(update_fields=["email"])

    assert run(datetime(2026, 3, 4, 8, 0, tzinfo=BERLIN))["digests"] == 0


# The db worker closes stale connections between tasks, as in production: that needs real transactions.
@pytest.mark.django_db(transaction=True)
def test_it_runs_through_the_worker_command_without_doing_anything_twice(owner, customer):
    with time_machine.travel(datetime(2026, 3, 3, 8, 0, tzinfo=BERLIN), tick=False):
        call_command("worker", "--once", verbosity=0)  # the first run, before the appointment
    appointment(customer, start=datetime(2026, 3, 3, 10, 0, tzinfo=BERLIN), duration_minutes=30)

    with time_machine.travel(datetime(2026, 3, 4, 9, 0, tzinfo=BERLIN), tick=False):
        call_command("worker", "--once", verbosity=0)
        call_command("worker", "--once", verbosity=0)

    assert Task.objects.filter(kind=Task.Kind.CARE).count() == 1
    assert Reminder.objects.filter(key__startswith="care:appointment:").count() == 1
