"""Writes of orders. The wrap-up creates and revises them through here."""

from datetime import date

from django.db import transaction
from django.db.models.functions import Length

from davor.customers.models import Customer
from davor.orders.models import Order, OrderLine
from davor.users.models import User

ORDER_FIELDS = (
    "delivery_earliest",
    "delivery_latest",
    "delivery_note",
    "payment_net_days",
    "skonto_percent",
    "skonto_days",
    "prepayment",
    "discount_percent",
    "shipping",
    "shipping_place",
    "conditions",
    "confirmation_channel",
    "confirmation_copies",
)


def order_number_next(year: int) -> str:
    prefix = f"A-{year}-"
    last = (
        Order.objects.filter(number__startswith=prefix)
        .order_by(Length("number").desc(), "-number")
        .values_list("number", flat=True)
        .first()
    )
    current = int(last.removeprefix(prefix)) if last else 0
    return f"{prefix}{current + 1:05d}"


@transaction.atomic
def order_save(
    *, order: Order | None, customer: Customer, user: User, ordered_on: date, call_id: int | None, terms, lines
) -> Order:
    """Create or revise an order: ``terms`` has the ORDER_FIELDS, ``lines`` the line data.

    Lines are replaced as a whole: a revised order is a new list of lines, and
    the history keeps the old ones.
    """
    if order is None:
        order = Order(
            customer=customer,
            created_by=user,
            call_id=call_id,
            ordered_on=ordered_on,
            number=order_number_next(ordered_on.year),
        )
    for name in ORDER_FIELDS:
        setattr(order, name, getattr(terms, name))
    order.full_clean(exclude=["call"])
    order.save()
    old = {
        (line.description, line.quantity, line.unit, line.unit_price, line.discount_percent)
        for line in order.lines.all()
    }
    new = {(line.description, line.quantity, line.unit, line.unit_price, line.discount_percent) for line in lines}
    if old != new:
        order.lines.all().delete()
        for position, line in enumerate(lines, start=1):
            # One by one, not bulk: the history records every line.
            OrderLine.objects.create(
                order=order,
                position=position,
                description=line.description,
                quantity=line.quantity,
                unit=line.unit,
                unit_price=line.unit_price,
                discount_percent=line.discount_percent,
            )
    return order
