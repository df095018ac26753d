import time

from django.core.management.base import BaseCommand, CommandError
from django.utils import formats, translation
from django.utils.translation import gettext as _

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
                self.stdout.write(_("Demo not loaded: the database already has customers."))
                return
            raise CommandError(_("The database already has customers; the demo loads only into an empty one."))
        started = time.monotonic()
        # The demo team works in German: texts the wrap-up writes (task titles) are in German too.
        with translation.override("de"):
            summary = demo_load(seed=seed)
        seconds = time.monotonic() - started
        self.stdout.write(
            self.style.SUCCESS(
                _(
                    "Demo loaded in %(seconds)s s: %(customers)s customers, %(contacts)s contacts, "
                    "%(calls)s calls (%(incomplete)s incomplete), %(orders)s orders, %(appointments)s appointments, "
                    "%(tasks)s tasks (%(open)s open, %(overdue)s overdue), %(wishes)s purchase wishes, "
                    "%(budgets)s budget plannings, %(referrals)s referrals."
                )
                % {
                    "seconds": formats.number_format(seconds, 1),
                    "customers": summary.customers,
                    "contacts": summary.contacts,
                    "calls": summary.calls,
                    "incomplete": summary.incomplete_calls,
                    "orders": summary.orders,
                    "appointments": summary.appointments,
                    "tasks": summary.tasks,
                    "open": summary.open_tasks,
                    "overdue": summary.overdue_tasks,
                    "wishes": summary.opportunities,
                    "budgets": summary.budget_cycles,
                    "referrals": summary.referrals,
                }
            )
        )
        self.stdout.write(_("Sign in with:"))
        for login in summary.logins:
            note = "" if login.created else "  " + _("(existed already, password unchanged)")
            self.stdout.write(f"  {login.username:<8} / {login.password:<6} {login.role}{note}")
