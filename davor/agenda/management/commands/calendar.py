"""``davor calendar export --user NAME -o FILE.ics``: write the user's subscription feed to a file."""

import sys

from django.core.management.base import BaseCommand
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from davor.agenda.ics import feed_ics
from davor.agenda.management.commands.today import user_named
from davor.agenda.selectors import feed_for_user


class Command(BaseCommand):
    help = "Calendar tools: `davor calendar export --user NAME -o FILE.ics` writes the same feed as the subscription."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        export = sub.add_parser("export", help="Write the user's appointments and due tasks as an .ics file.")
        export.add_argument("--user", help="Whose calendar (user name).")
        export.add_argument("-o", "--output", default="-", help="File to write (default: standard output).")

    def handle(self, *args, action: str, user: str | None, output: str, **options):
        owner = user_named(user)
        appointments, tasks = feed_for_user(user=owner, now=timezone.now())
        body = feed_ics(user=owner, appointments=appointments, tasks=tasks)
        if output == "-":
            sys.stdout.buffer.write(body)
            return
        with open(output, "wb") as file:
            file.write(body)
        written = {
            "appointments": ngettext("%(count)d appointment", "%(count)d appointments", len(appointments))
            % {"count": len(appointments)},
            "tasks": ngettext("%(count)d task", "%(count)d tasks", len(tasks)) % {"count": len(tasks)},
            "file": output,
        }
        self.stderr.write(_("%(appointments)s and %(tasks)s written to %(file)s.") % written)
