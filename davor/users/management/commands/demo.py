import time

from django.core.management.base import BaseCommand, CommandError
from django.utils import translation

from davor.customers.models import Customer
from davor.users.demo import DEMO_SEED, demo_load


class Command(BaseCommand):
    help = "Load realistic German demo data (a sales team, customers, eight weeks of calls) into an empty database."

    def add_arguments(self, parser):
        parser.add_argument(
            "--if-empty", action="store_true", help="Do nothing (and succeed) when the database has customers."
        )
        parser.add_argument("--seed", type=int, default=DEMO_SEED, help=f"Random seed (default {DEMO_SEED}).")

    def handle(self, *args, if_empty: bool, seed: int, **options):
        if Customer.objects.exists():
            if if_empty:
                self.stdout.write("Demo not loaded: the database already has customers.")
                return
            raise CommandError("The database already has customers; the demo loads only into an empty one.")
        started = time.monotonic()
        # The demo team works in German: texts the wrap-up writes (task titles) are in German too.
        with translation.override("de"):
            summary = demo_load(seed=seed)
        seconds = time.monotonic() - started
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo loaded in {seconds:.1f} s: {summary.customers} customers, {summary.contacts} contacts, "
                f"{summary.calls} calls ({summary.incomplete_calls} incomplete), {summary.orders} orders, "
                f"{summary.appointments} appointments, {summary.tasks} tasks ({summary.open_tasks} open, "
                f"{summary.overdue_tasks} overdue), {summary.opportunities} purchase wishes, "
                f"{summary.budget_cycles} budget plannings, {summary.referrals} referrals."
            )
        )
        self.stdout.write("Sign in with:")
        for login in summary.logins:
            note = "" if login.created else "  (existed already, password unchanged)"
            self.stdout.write(f"  {login.username:<8} / {login.password:<6} {login.role}{note}")
