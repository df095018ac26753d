"""Quantities as a German or English reader reads them."""

from decimal import Decimal

import pytest
from django.utils import translation

from davor.lib.formats import format_quantity


@pytest.mark.parametrize(
    ("value", "de", "en"), [("12.000", "12", "12"), ("12.500", "12,5", "12.5"), ("0.250", "0,25", "0.25")]
)
def test_quantities_have_no_trailing_zeros(value, de, en):
    assert format_quantity(Decimal(value)) == de
    with translation.override("en"):
        assert format_quantity(Decimal(value)) == en
