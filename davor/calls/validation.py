"""Rules a wrap-up must satisfy before anything is written.

Field formats are checked by the forms (and the API's schemas); these are the
rules that relate facts to each other, so every entry point shares them.
Errors are keyed by the form field they belong to ("order-skonto_percent",
"appointments-0-start"), with "__all__" for the wrap-up as a whole.
"""

from collections import defaultdict
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils import timezone
from django.utils.translation import gettext as _

from davor.calls.wrapup import WrapupData
from davor.lib.phones import InvalidPhoneNumber, parse_phone

HUNDRED = Decimal("100")


def wrapup_errors(data: WrapupData) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = defaultdict(list)
    call_start = timezone.localtime(data.started_at)
    call_day = call_start.date()
    day_start = call_start.replace(hour=0, minute=0, second=0, microsecond=0)
    order = data.order
    if order is not None:
        if order.delivery_earliest and order.delivery_earliest < call_day:
            errors["order-delivery_earliest"].append(_("Delivery cannot be before the call."))
        if order.delivery_latest and order.delivery_latest < call_day:
            errors["order-delivery_latest"].append(_("Delivery cannot be before the call."))
        if order.delivery_earliest and order.delivery_latest and order.delivery_latest < order.delivery_earliest:
            errors["order-delivery_latest"].append(_("“Delivery by” is before “delivery from”."))
        for name in ("skonto_percent", "discount_percent"):
            value = getattr(order, name)
            if value is not None and not (0 <= value <= HUNDRED):
                errors[f"order-{name}"].append(_("A percentage lies between 0 and 100."))
        if order.skonto_percent is not None and order.skonto_days is None:
            errors["order-skonto_days"].append(_("Within how many days does the Skonto apply?"))
        if order.skonto_days is not None and order.skonto_percent is None:
            errors["order-skonto_percent"].append(_("Skonto days without a Skonto percentage."))
        if order.skonto_days and order.payment_net_days and order.skonto_days > order.payment_net_days:
            errors["order-skonto_days"].append(_("The Skonto period is longer than the payment term."))
    for index, appointment in enumerate(data.appointments):
        if appointment.start is None:
            errors[f"appointments-{index}-start"].append(_("An appointment needs a start."))
        elif appointment.start < day_start:
            errors[f"appointments-{index}-start"].append(_("The appointment is before the call."))
    for index, referral in enumerate(data.referrals):
        if not referral.name.strip() and not referral.company.strip():
            errors[f"referrals-{index}-company"].append(_("A referral needs a name or a company."))
        if referral.phone.strip():
            try:
                parse_phone(referral.phone)
            except InvalidPhoneNumber:
                errors[f"referrals-{index}-phone"].append(_("This is not a telephone number we can dial."))
        if referral.email.strip():
            try:
                validate_email(referral.email.strip())
            except ValidationError:
                errors[f"referrals-{index}-email"].append(_("Enter a valid e-mail address."))
    for index, person in enumerate(data.new_contacts):
        if person.phone.strip():
            try:
                parse_phone(person.phone)
            except InvalidPhoneNumber:
                errors[f"new_contacts-{index}-phone"].append(_("This is not a telephone number we can dial."))
    if data.budget is not None and data.budget.planning_month is None:
        errors["budget-planning_month"].append(_("In which month is the budget planned?"))
    return dict(errors)


def validate_wrapup(data: WrapupData) -> None:
    if errors := wrapup_errors(data):
        raise ValidationError(errors)
