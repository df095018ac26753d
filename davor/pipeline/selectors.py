"""Reads of purchase wishes and referrals, scoped to who is asking (through their customer)."""

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from davor.customers.models import Customer
from davor.customers.selectors import customer_scope
from davor.pipeline.models import Opportunity, Referral
from davor.users.models import User


def opportunity_list(*, user: User) -> QuerySet[Opportunity]:
    return Opportunity.objects.filter(customer__in=Customer.objects.filter(customer_scope(user)))


def opportunity_get_for_user(*, user: User, opportunity_id: int) -> Opportunity:
    return get_object_or_404(opportunity_list(user=user), pk=opportunity_id)


def referral_list(*, user: User) -> QuerySet[Referral]:
    """Referrals given by customers the user sees: who recommended is whose relationship to care for."""
    return Referral.objects.filter(referring_customer__in=Customer.objects.filter(customer_scope(user)))


def referral_get_for_user(*, user: User, referral_id: int) -> Referral:
    return get_object_or_404(referral_list(user=user), pk=referral_id)
