"""``davor call add --customer NAME "note…"``: record a wrap-up from the command line."""

import os
from datetime import datetime

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from django.utils.translation import gettext as _
from rapidfuzz import fuzz, process

from davor.calls.capture import capture_note
from davor.calls.completeness import gaps
from davor.calls.models import Outcome
from davor.calls.services import wrapup_submit
from davor.customers.models import Customer
from davor.customers.selectors import customer_list
from davor.users.models import User


class Command(BaseCommand):
    help = 'Record calls from the command line: `davor call add --customer NAME "note…"`.'

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        add = sub.add_parser("add", help="Record a call from a free-text note.")
        add.add_argument("note", help="The note as typed after the call (German or English).")
        add.add_argument("--customer", required=True, help="Customer name or number (typos are forgiven).")
        add.add_argument("--user", help="Seller recording the call (default: the customer's seller).")
        add.add_argument(
            "--outcome",
            choices=[kind for kind, _label in Outcome.Kind.choices],
            help="Outcome of the call (default: guessed from the note).",
        )
        add.add_argument("--at", help="Time of the call, YYYY-MM-DDTHH:MM local time (default: now).")
        add.add_argument("--lang", choices=["de", "en"], help="Language of the note (default: detected).")
        add.add_argument(
            "--base-url",
            default=os.environ.get("DAVOR_BASE_URL", "http://127.0.0.1:8000"),
            help="Where Davor is served, to print the call's address.",
        )

    def handle(self, *args, **options):
        user = self._user(options["user"])
        customer = self._customer(options["customer"], user)
        user = user or customer.owner
        started_at = self._started_at(options["at"])
        # Texts the wrap-up writes (task titles) and the report: in the terminal's language (``davor --lang``).
        capture = capture_note(
            note=options["note"], customer=customer, started_at=started_at, outcome_id=0, lang=options["lang"]
        )
        kind = options["outcome"] or _guess_outcome(capture)
        capture.data.outcome_id = Outcome.objects.filter(kind=kind, is_active=True).values_list(
            "pk", flat=True
        ).first() or Outcome.objects.values_list("pk", flat=True).get(kind=kind)
        if capture.data.budget and capture.data.budget.planning_month is None:
            capture.data.budget = None  # an amount without a month is kept in the note only
        try:
            call = wrapup_submit(user=user, customer=customer, data=capture.data)
        except ValidationError as error:
            raise CommandError("; ".join(f"{k}: {' '.join(v)}" for k, v in error.message_dict.items())) from error
        self._report(capture, call, kind, options["base_url"])

    def _user(self, username: str | None) -> User | None:
        if not username:
            return None
        try:
            return User.objects.get(username=username, is_active=True)
        except User.DoesNotExist as error:
            raise CommandError(_("No active user %(name)r.") % {"name": username}) from error

    def _customer(self, wanted: str, user: User | None) -> Customer:
        candidates = customer_list(user=user) if user else Customer.objects.all()
        exact = candidates.filter(number__iexact=wanted).first() or candidates.filter(name__iexact=wanted).first()
        if exact:
            return exact
        names = dict(candidates.values_list("pk", "name"))
        hit = process.extractOne(wanted, names, scorer=fuzz.WRatio, score_cutoff=80)
        if hit is None:
            raise CommandError(_("No customer matches %(wanted)r.") % {"wanted": wanted})
        return candidates.get(pk=hit[2])

    def _started_at(self, raw: str | None) -> datetime:
        if not raw:
            return timezone.now().replace(second=0, microsecond=0)
        try:
            return timezone.make_aware(datetime.fromisoformat(raw))
        except ValueError as error:
            raise CommandError(_("--at %(value)r is not YYYY-MM-DDTHH:MM.") % {"value": raw}) from error

    def _report(self, capture, call, kind: str, base_url: str) -> None:
        out = self.stdout
        out.write(
            self.style.SUCCESS(
                _("Recorded: %(customer)s, %(when)s, %(outcome)s")
                % {
                    "customer": call.customer.name,
                    "when": f"{timezone.localtime(call.started_at):%d.%m.%Y %H:%M}",
                    "outcome": call.outcome,
                }
            )
        )
        recognised = [(segment.label, segment.text.strip()) for segment in capture.segments if segment.kind]
        out.write(_("Recognised:") if recognised else _("Recognised: nothing"))
        for label, text in recognised:
            out.write(f"  {label:<20} {text}")
        missing = gaps(capture.data, kind)
        out.write(_("Still missing:") if missing else _("Complete."))
        for gap in missing:
            out.write(f"  - {gap.message}")
        out.write(f"{base_url.rstrip('/')}{call.get_absolute_url()}")


def _guess_outcome(capture) -> str:
    """A note with order facts is a closed deal; a promised offer an offer request; else a follow-up."""
    data = capture.data
    if data.order is not None and (data.order.confirmation_channel or data.order.has_delivery):
        return Outcome.Kind.DEAL
    if any(word in task.title.lower() for task in data.tasks for word in ("angebot", "quote", "offer")):
        return Outcome.Kind.OFFER
    return Outcome.Kind.FOLLOW_UP
