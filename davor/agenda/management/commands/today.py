"""``davor today [--user NAME] [--date YYYY-MM-DD]``: the day's agenda as a table."""

from datetime import date
from typing import IO, cast

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from rich.console import Console
from rich.table import Table

from davor.agenda.selectors import today_for_user
from davor.users.models import User


def user_named(username: str | None) -> User:
    """The named active user, or the only one there is."""
    users = User.objects.filter(is_active=True)
    if username:
        user = users.filter(username=username).first()
        if user is None:
            raise CommandError(_("No active user %(name)r.") % {"name": username})
        return user
    if users.count() != 1:
        raise CommandError(_("Say whose agenda: --user NAME."))
    return users.get()


class Command(BaseCommand):
    help = "Print a seller's agenda for today: appointments, tasks and promises, care touches, open wrap-ups."

    def add_arguments(self, parser):
        parser.add_argument("--user", help="Whose agenda (user name); needed when there is more than one user.")
        parser.add_argument("--date", help="Another day, YYYY-MM-DD (default: today).")

    def handle(self, *args, user: str | None, date: str | None, **options):
        owner = user_named(user)
        day = _day(date)
        console = Console(file=cast("IO[str]", self.stdout), width=120, highlight=False)
        # In the terminal's language (``davor --lang``), whatever the user's web language.
        agenda = today_for_user(user=owner, today=day)
        table = Table(title=f"{owner.get_full_name() or owner.username} · {day:%d.%m.%Y}", show_lines=False)
        for column in ("", _("when"), _("what"), _("customer"), _("contact")):
            table.add_column(column)
        for appointment in agenda.appointments:
            start = timezone.localtime(appointment.start)
            when = f"{start:%H:%M}" + (f"–{timezone.localtime(appointment.end):%H:%M}" if appointment.end else "")
            people = ", ".join(p.name for p in appointment.participants.all())
            what = " · ".join(p for p in (appointment.title, appointment.location) if p)
            table.add_row(_("appointment"), when, what, appointment.customer.name, people)
        for task in agenda.overdue + agenda.due_today + agenda.care:
            label = _("overdue") if task.due and task.due < day else str(task.get_kind_display())
            contact = task.contact.full_name if task.contact else ""
            table.add_row(label, f"{task.due:%d.%m.}" if task.due else "", task.heading, task.customer.name, contact)
        for call in agenda.open_wrapups:
            when = f"{timezone.localtime(call.started_at):%d.%m. %H:%M}"
            missing = ngettext("%(count)d missing", "%(count)d missing", len(call.missing)) % {
                "count": len(call.missing)
            }
            table.add_row(_("wrap-up"), when, missing, call.customer.name, "")
        if agenda.is_empty:
            self.stdout.write(_("Nothing on the agenda."))
            return
        console.print(table)


def _day(raw: str | None) -> date:
    if not raw:
        return timezone.localdate()
    try:
        return date.fromisoformat(raw)
    except ValueError as error:
        raise CommandError(_("--date %(value)r is not YYYY-MM-DD.") % {"value": raw}) from error
