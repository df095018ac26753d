"""Writes of purchase wishes and referrals. Each function is one transaction."""

from typing import Any

from django.db import transaction
from django.utils import timezone

from davor.pipeline.models import Opportunity, Referral


@transaction.atomic
def opportunity_update(*, opportunity: Opportunity, **fields: Any) -> Opportunity:
    for name, value in fields.items():
        setattr(opportunity, name, value)
    opportunity.full_clean()
    if fields:
        opportunity.save(update_fields=list(fields))
    return opportunity


@transaction.atomic
def referral_update(*, referral: Referral, thanked: bool | None = None, **fields: Any) -> Referral:
    """Change status or note; ``thanked`` records (or clears) when the referrer was thanked."""
    if thanked is not None and thanked != (referral.thanked_at is not None):
        fields["thanked_at"] = timezone.now() if thanked else None
    for name, value in fields.items():
        setattr(referral, name, value)
    referral.full_clean()
    if fields:
        referral.save(update_fields=list(fields))
    return referral
