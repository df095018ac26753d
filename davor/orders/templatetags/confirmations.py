"""``{% confirmation_status_of order as status %}``: what the customer has been sent, for pages outside orders."""

from django import template

from davor.orders.models import Order
from davor.orders.selectors import ConfirmationStatus, confirmation_status

register = template.Library()


@register.simple_tag
def confirmation_status_of(order: Order) -> ConfirmationStatus:
    """``order`` comes from a scoped selector (the briefing's, the call's)."""
    return confirmation_status(order=order)
