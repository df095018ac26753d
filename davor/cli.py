"""The ``davor`` command: Django's manage.py plus Davor's own subcommands.

``davor extract`` runs without setting Django up, so that batch extraction
starts in milliseconds; every other subcommand is a management command.

Every subcommand speaks the language of the person at the terminal:
``--lang de|en``, else the environment's (``LC_ALL``, ``LC_MESSAGES``,
``LANG``, as for any other program), German otherwise. Documents and mail
keep their own languages (the customer's, the user's).
"""

import os
import sys
from collections.abc import Mapping

LANGUAGES = ("de", "en")
# Subcommands whose own --lang names the language of a note; it sets the output's language too.
NOTE_LANGUAGE = {"call"}


def cli_language(argv: list[str], environ: Mapping[str, str]) -> tuple[str, list[str]]:
    """(the output's language, argv without a global ``--lang``)."""
    for index, arg in enumerate(argv[2:], start=2):
        if arg == "--lang" and index + 1 < len(argv):
            value, used = argv[index + 1], 2
        elif arg.startswith("--lang="):
            value, used = arg.removeprefix("--lang="), 1
        else:
            continue
        if value not in LANGUAGES:
            sys.exit(f"davor: --lang {value}: de | en")
        kept = argv if argv[1] in NOTE_LANGUAGE else argv[:index] + argv[index + used :]
        return value, kept
    return environment_language(environ), argv


def environment_language(environ: Mapping[str, str]) -> str:
    """The first locale set among LC_ALL, LC_MESSAGES, LANG (``en_GB.UTF-8`` → en); German otherwise."""
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = environ.get(name, "")
        if value:
            code = value.split(".")[0].split("_")[0].lower()
            return code if code in LANGUAGES else "de"
    return "de"


def main(argv: list[str] | None = None) -> None:
    argv = list(sys.argv if argv is None else argv)
    if len(argv) > 1 and argv[1] == "extract":
        from davor.extract.cli import main as extract_main

        sys.exit(extract_main(argv[2:]))
    language, argv = cli_language(argv, os.environ) if len(argv) > 1 else ("de", argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "davor.settings")
    import django
    from django.core.management import execute_from_command_line
    from django.utils import translation

    django.setup()
    with translation.override(language):
        execute_from_command_line(argv)


if __name__ == "__main__":
    main()
