from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from davor.users.backup import BackupError, database_is_empty, database_restore


class Command(BaseCommand):
    help = "Bring a backup written by `davor backup` back, replacing the database's contents."

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path)
        parser.add_argument("--yes", action="store_true", help="replace a database that is not empty")
        parser.add_argument(
            "--without-key",
            action="store_true",
            help="restore a backup that holds no secret key (calendar passwords become unreadable)",
        )

    def handle(self, *args, path: Path, yes: bool, without_key: bool, **options):
        if not yes and not database_is_empty():
            raise CommandError(_("The database is not empty: add --yes to replace everything in it with the backup."))
        try:
            database_restore(path=path, without_key=without_key)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(_("Restored %(file)s. Restart Davor's servers and workers.") % {"file": path})
