"""The ``davor`` command picks the language it speaks: ``--lang``, else the environment, else German."""

import pytest

from davor.cli import cli_language, environment_language


@pytest.mark.parametrize(
    ("environ", "language"),
    [
        ({}, "de"),
        ({"LANG": "en_GB.UTF-8"}, "en"),
        ({"LANG": "de_DE.UTF-8"}, "de"),
        ({"LANG": "fr_FR.UTF-8"}, "de"),  # a language Davor does not speak: German
        ({"LANG": "C.UTF-8"}, "de"),
        ({"LANG": "de_DE.UTF-8", "LC_ALL": "en_US.UTF-8"}, "en"),  # LC_ALL wins, as for every program
        ({"LANG": "en_US.UTF-8", "LC_MESSAGES": "de_AT.UTF-8"}, "de"),
    ],
)
def test_it_takes_the_language_from_the_environment(environ, language):
    assert environment_language(environ) == language


def test_it_takes_lang_from_the_command_line_and_passes_the_rest_on():
    argv = ["davor", "import", "k.csv", "--lang", "en", "--commit"]

    assert cli_language(argv, {"LANG": "de_DE.UTF-8"}) == ("en", ["davor", "import", "k.csv", "--commit"])
    assert cli_language(["davor", "today", "--lang=de"], {"LANG": "en_US"}) == ("de", ["davor", "today"])


def test_it_leaves_call_its_own_lang_for_the_note():
    argv = ["davor", "call", "add", "--customer", "Kessler", "--lang", "en", "Delivery week 12"]

    assert cli_language(argv, {}) == ("en", argv)


def test_it_refuses_a_language_it_does_not_speak():
    with pytest.raises(SystemExit, match=r"de \| en"):
        cli_language(["davor", "today", "--lang", "fr"], {})
