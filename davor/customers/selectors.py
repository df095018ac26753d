"""Reads of customers and contacts, always scoped to who is asking.

A seller sees the customers they own; a manager sees the whole team's; an
admin sees everyone's. Anything outside that scope is a 404, never a 403,
so that ids of other sellers' customers reveal nothing.
"""

from django.db.models import Q, QuerySet
from django.shortcuts import get_object_or_404

from davor.customers.models import Contact, Customer
from davor.users.models import User


def customer_scope(user: User) -> Q:
    """The filter on Customer that this user may see."""
    if user.is_superuser or user.role == User.Role.ADMIN:
        return Q()
    if user.role == User.Role.MANAGER and user.team_id:
        return Q(owner__team_id=user.team_id) | Q(owner=user)
    return Q(owner=user)


def customer_list(*, user: User, query: str = "", status: str = "", city: str = "") -> QuerySet[Customer]:
    qs = Customer.objects.filter(customer_scope(user)).select_related("owner")
    if query:
        qs = qs.filter(
            Q(name__icontains=query)
            | Q(number__icontains=query)
            | Q(contacts__last_name__icontains=query)
            | Q(city__icontains=query)
        ).distinct()
    if status:
        qs = qs.filter(status=status)
    if city:
        qs = qs.filter(city__iexact=city)
    return qs


def customer_get_for_user(*, user: User, customer_id: int) -> Customer:
    return get_object_or_404(Customer.objects.filter(customer_scope(user)), pk=customer_id)


def contact_get_for_user(*, user: User, contact_id: int) -> Contact:
    scope = customer_scope(user)
    return get_object_or_404(
        Contact.objects.filter(customer__in=Customer.objects.filter(scope)).select_related("customer"),
        pk=contact_id,
    )
