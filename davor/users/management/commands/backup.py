from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import formats
from django.utils.translation import ngettext

from davor.users.backup import BackupError, database_backup


class Command(BaseCommand):
    help = "Write a consistent copy of the database and the secret key while Davor runs (keep it secret)."

    def add_arguments(self, parser):
        parser.add_argument("-o", "--output", required=True, type=Path, help="where to write the backup")

    def handle(self, *args, output: Path, **options):
        try:
            path = database_backup(path=output)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        size = path.stat().st_size
        self.stdout.write(
            ngettext("%(file)s (%(size)s byte)", "%(file)s (%(size)s bytes)", size)
            % {"file": path, "size": formats.number_format(size, force_grouping=True)}
        )
