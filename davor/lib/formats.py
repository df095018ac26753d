"""Numbers as a German or English reader expects them on screens, in documents and in the history."""

from decimal import Decimal

from django.utils.formats import number_format


def format_quantity(value: Decimal | int | float | None) -> str:
    """12 for 12.000 (in German "12,000" reads as twelve thousand), 12,5 for 12.500: no trailing zeros, localised."""
    if value is None:
        return ""
    number = Decimal(str(value))
    number = number.to_integral() if number == number.to_integral() else number.normalize()
    return number_format(number, use_l10n=True)
