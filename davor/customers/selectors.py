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


def customer_cities(*, user: User) -> list[str]:
    """The cities of the customers this user sees, for the list filter's suggestions."""
    return list(
        Customer.objects.filter(customer_scope(user))
        .exclude(city="")
        .order_by("city")
        .values_list("city", flat=True)
        .distinct()
    )


def contact_get_for_user(*, user: User, contact_id: int, customer_id: int | None = None) -> Contact:
    """The contact, if the user may see its customer; with customer_id, only if it belongs to that customer."""
    scope = customer_scope(user)
    contacts = Contact.objects.filter(customer__in=Customer.objects.filter(scope)).select_related("customer")
    if customer_id is not None:
        contacts = contacts.filter(customer_id=customer_id)
    return get_object_or_404(contacts, pk=contact_id)


def contact_list(*, customer: Customer) -> QuerySet[Contact]:
    """A customer's contacts, those still there first. The customer comes from a scoped selector."""
    return customer.contacts.order_by("-is_active", "last_name", "first_name")
