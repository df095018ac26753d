from datetime import datetime
from io import StringIO
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.management import CommandError, call_command

from davor.agenda.models import Appointment, Task
from davor.agenda.selectors import today_for_user
from davor.calls.models import Call
from davor.customers.models import Customer
from davor.lib.phones import parse_phone
from davor.orders.models import Order
from davor.users.demo import demo_load
from davor.users.models import User

BERLIN = ZoneInfo("Europe/Berlin")
# A Wednesday morning; the demo's dates are all relative to it.
NOW = datetime(2026, 3, 4, 11, 20, tzinfo=BERLIN)

pytestmark = pytest.mark.django_db


def _demo(*args: str) -> str:
    out = StringIO()
    with time_machine.travel(NOW, tick=False):
        call_command("demo", *args, stdout=out)
    return out.getvalue()


def test_it_creates_the_team_and_the_logins():
    output = _demo()

    demo = User.objects.get(username="demo")
    assert (demo.first_name, demo.role, demo.language, demo.team.name) == ("Sabine", "seller", "de", "Vertrieb Süd")
    assert demo.check_password("demo")
    assert User.objects.get(username="jonas").check_password("demo")
    leitung = User.objects.get(username="leitung")
    assert (leitung.role, leitung.team) == ("manager", demo.team)
    admin = User.objects.get(username="admin")
    assert admin.is_superuser and admin.is_staff and admin.role == "admin"
    assert admin.check_password("admin")
    for login in ("demo", "jonas", "leitung", "admin"):
        assert login in output


def test_it_creates_customers_with_dialable_numbers():
    _demo()

    customers = Customer.objects.filter(phone__startswith="+49")
    assert customers.count() > 30
    assert customers.filter(owner__username="jonas").exists()
    assert customers.filter(owner__username="demo").count() > customers.filter(owner__username="jonas").count()
    for customer in customers.prefetch_related("contacts"):
        assert parse_phone(customer.phone).e164 == customer.phone
        assert 1 <= customer.contacts.count() <= 4
        for contact in customer.contacts.all():
            assert contact.phone.startswith(customer.phone)
            assert contact.phone.endswith(contact.extension)


def test_it_records_calls_of_every_kind_through_the_wrapup():
    _demo()

    kinds = set(Call.objects.values_list("outcome__kind", flat=True))
    assert {"deal", "offer", "follow_up", "not_reached"} <= kinds
    assert Order.objects.filter(confirmation_channel__gt="", skonto_percent__isnull=False).exists()
    assert Call.objects.filter(is_complete=False).count() >= 5
    # The service keeps them consistent: no call claims completeness with something missing.
    assert not Call.objects.filter(is_complete=True).exclude(missing=[]).exists()


def test_it_fills_the_demo_sellers_today():
    _demo()

    demo = User.objects.get(username="demo")
    agenda = today_for_user(user=demo, today=NOW.date())
    assert agenda.overdue and agenda.due_today and agenda.care and agenda.appointments and agenda.open_wrapups
    assert all(p.position and p.extension for a in agenda.appointments for p in a.participants.all())
    assert Task.objects.filter(owner=demo, done_at__isnull=False).exists()


def test_it_puts_appointments_and_deliveries_after_their_call():
    _demo()

    for appointment in Appointment.objects.select_related("call"):
        assert appointment.start.date() >= appointment.call.started_at.date()
    for order in Order.objects.select_related("call"):
        assert order.delivery_latest is None or order.delivery_latest >= order.ordered_on


def test_it_is_reproducible_with_a_seed():
    with time_machine.travel(NOW, tick=False):
        demo_load(seed=7)
    first = list(
        Call.objects.order_by("started_at", "customer__name").values_list(
            "customer__name", "started_at", "outcome__kind"
        )
    )
    Order.objects.all().delete()
    Customer.objects.all().delete()  # cascades to calls, tasks, appointments

    with time_machine.travel(NOW, tick=False):
        demo_load(seed=7)

    assert (
        list(
            Call.objects.order_by("started_at", "customer__name").values_list(
                "customer__name", "started_at", "outcome__kind"
            )
        )
        == first
    )


@pytest.mark.parametrize(
    "now",
    [datetime(2026, 3, 7, 12, 0, tzinfo=BERLIN), datetime(2026, 3, 9, 6, 45, tzinfo=BERLIN)],
    ids=["saturday", "monday-early"],
)
def test_it_loads_on_any_day(now):
    with time_machine.travel(now, tick=False):
        summary = demo_load()

    assert summary.calls > 50
    assert not Call.objects.filter(started_at__gt=now).exists()


def test_it_does_nothing_a_second_time_with_if_empty():
    _demo()
    counts = (Customer.objects.count(), Call.objects.count(), Task.objects.count(), User.objects.count())

    output = _demo("--if-empty")

    assert "enthält schon Kunden" in output  # the command speaks German unless told otherwise
    assert (Customer.objects.count(), Call.objects.count(), Task.objects.count(), User.objects.count()) == counts


def test_it_refuses_a_database_with_customers_without_if_empty(customer):
    with pytest.raises(CommandError):
        _demo()


def test_it_leaves_an_existing_admin_alone():
    User.objects.create_superuser("admin", "it@example.com", "s3cret-admin")

    _demo("--if-empty")

    assert User.objects.get(username="admin").check_password("s3cret-admin")
    assert Customer.objects.count() > 30


def test_it_writes_the_wrapups_texts_in_german():
    _demo()

    follow_up = Task.objects.filter(kind=Task.Kind.FOLLOW_UP).first()
    assert follow_up is not None
    assert follow_up.title.endswith(" erneut anrufen")


def test_it_sets_up_our_letterhead_so_confirmations_can_be_rendered():
    from davor.orders.models import CompanyProfile

    _demo()

    profile = CompanyProfile.objects.get(pk=1)
    assert profile.name and profile.street and profile.postal_code and profile.city
