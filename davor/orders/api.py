"""Orders over the API: read them, revise their terms and lines (with the version they were read at)."""

from datetime import date, datetime
from decimal import Decimal
from typing import Annotated

from django.http import HttpRequest
from ninja import Field, FilterLookup, FilterSchema, Header, Query, Router, Schema
from ninja.pagination import paginate

from davor.calls.wrapup import LineData, OrderData
from davor.customers.models import Customer
from davor.customers.selectors import customer_scope
from davor.lib.api import CursorPagination, acting_user, expected_version
from davor.lib.bounds import Id
from davor.orders.models import ConfirmationChannel, Order, Shipping
from davor.orders.selectors import order_get_for_user
from davor.orders.services import order_update

router = Router(tags=["orders"])

Percent = Field(None, ge=0, le=100, max_digits=5, decimal_places=2)


class LineSchema(Schema):
    description: str = Field(..., min_length=1, max_length=300)
    quantity: Decimal = Field(..., gt=0, max_digits=12, decimal_places=3)
    unit: str = Field("", max_length=20)
    unit_price: Decimal | None = Field(None, ge=0, max_digits=12, decimal_places=2)
    discount_percent: Decimal | None = Percent


class OrderTermsSchema(Schema):
    """What was agreed: delivery, payment, shipping, confirmation. The same fields in and out."""

    lines: list[LineSchema] = Field(default_factory=list, max_length=200)
    delivery_earliest: date | None = None
    delivery_latest: date | None = None
    delivery_note: str = Field("", max_length=100)
    payment_net_days: int | None = Field(None, ge=0, le=32767)
    skonto_percent: Decimal | None = Percent
    skonto_days: int | None = Field(None, ge=0, le=32767)
    prepayment: bool = False
    discount_percent: Decimal | None = Percent
    shipping: Shipping | None = None
    shipping_place: str = Field("", max_length=100)
    conditions: str = ""
    confirmation_channel: ConfirmationChannel | None = None
    confirmation_copies: int = Field(1, ge=1, le=5)


class OrderOut(Schema):
    id: int
    number: str
    version: int
    customer_id: int
    call_id: int | None
    ordered_on: date
    lines: list[LineSchema]
    delivery_earliest: date | None
    delivery_latest: date | None
    delivery_note: str
    payment_net_days: int | None
    skonto_percent: Decimal | None
    skonto_days: int | None
    prepayment: bool
    discount_percent: Decimal | None
    shipping: Shipping | None
    shipping_place: str
    conditions: str
    confirmation_channel: ConfirmationChannel | None
    confirmation_copies: int
    currency: str
    created_at: datetime
    updated_at: datetime

    @staticmethod
    def resolve_lines(order: Order) -> list:
        return list(order.lines.all())

    # Empty choices go out as null, the way they come in.
    @staticmethod
    def resolve_shipping(order: Order) -> str | None:
        return order.shipping or None

    @staticmethod
    def resolve_confirmation_channel(order: Order) -> str | None:
        return order.confirmation_channel or None


class OrderUpdateIn(OrderTermsSchema):
    version: int | None = Field(
        None, ge=1, description="The version you read; or send it as an If-Match header. Required either way."
    )


class OrderFilter(FilterSchema):
    customer_id: Id | None = None
    ordered_from: Annotated[date | None, FilterLookup("ordered_on__gte")] = None
    ordered_until: Annotated[date | None, FilterLookup("ordered_on__lte")] = None


def order_data(terms: OrderTermsSchema) -> OrderData:
    """The API's order terms in the shape the wrap-up and order services take."""
    fields = terms.dict(exclude={"lines", "version"})
    fields["shipping"] = fields["shipping"] or ""
    fields["confirmation_channel"] = fields["confirmation_channel"] or ""
    lines = [LineData(**line.dict()) for line in terms.lines]
    return OrderData(lines=lines, **fields)


@router.get("/orders/", response=list[OrderOut])
@paginate(CursorPagination)
def orders_list(request: HttpRequest, filters: Query[OrderFilter]):  # type: ignore[no-untyped-def]
    visible = Customer.objects.filter(customer_scope(acting_user(request)))
    orders = Order.objects.filter(customer__in=visible).prefetch_related("lines")
    orders = filters.filter(orders)
    return orders


@router.get("/orders/{order_id}/", response=OrderOut)
def orders_read(request: HttpRequest, order_id: int) -> Order:
    return order_get_for_user(user=acting_user(request), order_id=order_id)


@router.put("/orders/{order_id}/", response={200: OrderOut, 409: dict, 428: dict})
def orders_update(
    request: HttpRequest, order_id: int, payload: OrderUpdateIn, if_match: str | None = Header(None, alias="If-Match")
) -> Order:
    """Replace the order's terms and lines. A version that is not the current one is refused with 409."""
    user = acting_user(request)
    order = order_get_for_user(user=user, order_id=order_id)
    terms = order_data(payload)
    version = expected_version(payload.version, if_match)
    order_update(user=user, order=order, terms=terms, lines=terms.lines, expected_version=version)
    return order_get_for_user(user=user, order_id=order_id)
