"""Writes of purchase wishes and referrals. Each function is one transaction."""

from typing import Any

from django.db import transaction
from django.utils import timezone

from davor.lib.locking import version_claim
from davor.pipeline.models import Opportunity, Referral

OPPORTUNITY_FIELDS = ("description", "horizon", "estimated_value", "status")


@transaction.atomic
def opportunity_update(*, opportunity: Opportunity, expected_version: int | None = None, **fields: Any) -> Opportunity:
    """Change the wish; ChangedMeanwhile if it is no longer at ``expected_version``, and nothing is written."""
    next_version = version_claim(opportunity, expected=expected_version, fields=OPPORTUNITY_FIELDS)
    for name, value in fields.items():
        setattr(opportunity, name, value)
    opportunity.full_clean()
    if fields:
        opportunity.version = next_version
        opportunity.save(update_fields=[*fields, "version"])
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
