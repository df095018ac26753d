import pytest

from davor.lib.phones import InvalidPhoneNumber, ParsedPhone, format_phone, parse_phone


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("0711 12345", ParsedPhone("+4971112345")),
        ("0711/12345", ParsedPhone("+4971112345")),
        ("(0711) 123 45", ParsedPhone("+4971112345")),
        ("+49 711 12345", ParsedPhone("+4971112345")),
        ("0049 711 12345", ParsedPhone("+4971112345")),
        ("0711 12345-123", ParsedPhone("+4971112345123", "123")),
        ("0711 12345 - 0", ParsedPhone("+49711123450", "0")),
        ("0171 1234567", ParsedPhone("+491711234567")),
    ],
)
def test_it_parses_german_numbers(raw, expected):
    assert parse_phone(raw) == expected


def test_it_reads_a_number_in_the_given_country():
    assert parse_phone("044 668 18 00", "CH") == ParsedPhone("+41446681800")


@pytest.mark.parametrize("raw", ["", "   ", "call me", "0711 1234x", "12", "+49 0000", "0711 12345; 1"])
def test_it_refuses_what_is_no_number(raw):
    with pytest.raises(InvalidPhoneNumber):
        parse_phone(raw)


def test_it_formats_german_numbers_nationally():
    assert format_phone("+4971112345") == "0711 12345"


def test_it_formats_foreign_numbers_internationally():
    assert format_phone("+41446681800") == "+41 44 668 18 00"


def test_it_formats_nothing_as_nothing():
    assert format_phone("") == ""


def test_it_leaves_an_unparseable_stored_value_alone():
    assert format_phone("not a number") == "not a number"


def test_it_round_trips_a_formatted_number():
    assert parse_phone(format_phone("+4971112345231")).e164 == "+4971112345231"


def test_it_keeps_the_extension_visible_after_a_dash():
    assert format_phone("+49711456712", "12") == "0711 4567-12"
    assert format_phone("+49711456712", "") == "0711 456712"
    assert format_phone("+49711456712", "99") == "0711 456712"  # not this number's extension
    assert parse_phone(format_phone("+49711456712", "12")) == parse_phone("0711 4567-12")
