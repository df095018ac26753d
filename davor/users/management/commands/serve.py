import os

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _


class Command(BaseCommand):
    help = "Serve Davor with the Granian production server (migrating the database first)."

    def add_arguments(self, parser):
        parser.add_argument("--host", default=os.environ.get("DAVOR_HOST", "127.0.0.1"))
        parser.add_argument("--port", type=int, default=int(os.environ.get("DAVOR_PORT", "8000")))
        parser.add_argument("--workers", type=int, default=int(os.environ.get("DAVOR_WORKERS", "2")))
        parser.add_argument("--no-migrate", action="store_true", help="Do not apply pending migrations first.")

    def handle(self, *args, host: str, port: int, workers: int, no_migrate: bool, **options):
        from granian.constants import Interfaces
        from granian.server import Server

        if not no_migrate:
            call_command("migrate", interactive=False, verbosity=0)
        if host not in settings.ALLOWED_HOSTS and "*" not in settings.ALLOWED_HOSTS:
            self.stderr.write(
                _("Note: %(host)s is not in ALLOWED_HOSTS (%(hosts)s); set ALLOWED_HOSTS to the names clients use.")
                % {"host": host, "hosts": ", ".join(settings.ALLOWED_HOSTS)}
            )
        self.stdout.write(
            _("Davor on http://%(host)s:%(port)s/  (data: %(data)s)")
            % {"host": host, "port": port, "data": settings.DATA_DIR}
        )
        Server(
            "davor.wsgi:application",
            address=host,
            port=port,
            interface=Interfaces.WSGI,
            workers=workers,
            blocking_threads=4,
            log_access=False,
        ).serve()
