"""EMAIL_URL becomes Django's MAILERS setting."""

import pytest

from davor.settings import _mailers


def _options(url: str) -> dict:
    return _mailers(url)["default"]["OPTIONS"]


def test_it_reads_a_submission_server_with_starttls():
    options = _options("smtp://davor%40example.com:s%3Ecret@mail.example.com:587?tls=1")

    assert options == {
        "host": "mail.example.com",
        "port": 587,
        "username": "davor@example.com",
        "password": "s>cret",
        "use_tls": True,
        "use_ssl": False,
        "timeout": 10.0,
    }


def test_it_defaults_to_the_local_server():
    options = _options("smtp://localhost:25")

    assert (options["host"], options["port"], options["use_tls"], options["use_ssl"]) == ("localhost", 25, False, False)


def test_it_reads_implicit_tls_and_a_timeout():
    options = _options("smtps://mail.example.com?timeout=3")

    assert (options["port"], options["use_ssl"], options["timeout"]) == (465, True, 3.0)


def test_it_keeps_the_servers_answer():
    assert _mailers("smtp://localhost")["default"]["BACKEND"] == "davor.orders.mailer.EmailBackend"


def test_it_prints_mail_on_the_console():
    assert _mailers("console://")["default"]["BACKEND"] == "django.core.mail.backends.console.EmailBackend"


def test_it_refuses_an_unknown_scheme():
    with pytest.raises(ValueError, match="EMAIL_URL"):
        _mailers("http://mail.example.com")
