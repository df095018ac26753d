"""``davor callmonitor --host fritz.box [--port 1012] --user NAME``: FRITZ!Box calls as screen pops and wrap-ups."""

from django.core.management.base import BaseCommand
from django.db import close_old_connections
from django.utils.translation import gettext as _

from davor.agenda.management.commands.today import user_named
from davor.telephony.callmonitor import DEFAULT_PORT, CallMonitor, MonitorEvent
from davor.telephony.services import monitor_event_record


class Command(BaseCommand):
    help = "Listen to a FRITZ!Box's call monitor (enable it by dialling #96*5*) and record its calls for a user."

    def add_arguments(self, parser):
        parser.add_argument("--host", default="fritz.box", help="The box's address (default fritz.box).")
        parser.add_argument("--port", type=int, default=DEFAULT_PORT, help="The call monitor's port (default 1012).")
        parser.add_argument("--user", help="Whose calls these are (user name).")

    def handle(self, *args, host: str, port: int, user: str | None, **options):
        seller = user_named(user)

        def record(event: MonitorEvent) -> None:
            close_old_connections()  # a monitor runs for weeks; the database may have restarted meanwhile
            monitor_event_record(user=seller, event=event)

        self.stdout.write(
            _("Listening to %(host)s:%(port)s for %(user)s; Ctrl+C stops.")
            % {"host": host, "port": port, "user": seller.username}
        )
        try:
            CallMonitor(host=host, port=port, handle=record).run()
        except KeyboardInterrupt:
            self.stdout.write(_("Stopped."))
