"""The ``davor`` command: Django's manage.py plus Davor's own subcommands.

``davor extract`` runs without setting Django up, so that batch extraction
starts in milliseconds; every other subcommand is a management command.
"""

import os
import sys


def main(argv: list[str] | None = None) -> None:
    argv = list(sys.argv if argv is None else argv)
    if len(argv) > 1 and argv[1] == "extract":
        from davor.extract.cli import main as extract_main

        sys.exit(extract_main(argv[2:]))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "davor.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(argv)


if __name__ == "__main__":
    main()
