"""Purchase wishes and referrals over the API."""

from datetime import date, datetime
from decimal import Decimal

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate

from davor.lib.api import CursorPagination, acting_user
from davor.pipeline.models import Opportunity, Referral
from davor.pipeline.selectors import (
    opportunity_get_for_user,
    opportunity_list,
    referral_get_for_user,
    referral_list,
)
from davor.pipeline.services import opportunity_update, referral_update

router = Router(tags=["pipeline"])


class OpportunityOut(Schema):
    id: int
    customer_id: int
    call_id: int | None
    owner_id: int
    description: str
    horizon: date | None
    estimated_value: Decimal | None
    status: str
    created_at: datetime


class OpportunityPatch(Schema):
    description: str | None = Field(None, min_length=1, max_length=300)
    horizon: date | None = None
    estimated_value: Decimal | None = Field(None, ge=0, max_digits=12, decimal_places=2)
    status: Opportunity.Status | None = None


class OpportunityFilter(Schema):
    customer_id: int | None = None
    status: Opportunity.Status | None = None
    horizon_until: date | None = None


class ReferralOut(Schema):
    id: int
    referring_customer_id: int
    referring_contact_id: int | None
    prospect_id: int
    prospect_contact_id: int | None
    call_id: int | None
    status: str
    thanked_at: datetime | None
    note: str
    created_at: datetime


class ReferralPatch(Schema):
    status: Referral.Status | None = None
    note: str | None = Field(None, max_length=300)
    thanked: bool | None = Field(None, description="true records the thank-you now; false clears it.")


class ReferralFilter(Schema):
    customer_id: int | None = Field(None, description="The customer who recommended.")
    status: Referral.Status | None = None
    thanked: bool | None = None


@router.get("/opportunities/", response=list[OpportunityOut])
@paginate(CursorPagination)
def opportunities_list(request: HttpRequest, filters: Query[OpportunityFilter]):  # type: ignore[no-untyped-def]
    opportunities = opportunity_list(user=acting_user(request))
    if filters.customer_id is not None:
        opportunities = opportunities.filter(customer_id=filters.customer_id)
    if filters.status is not None:
        opportunities = opportunities.filter(status=filters.status)
    if filters.horizon_until is not None:
        opportunities = opportunities.filter(horizon__lte=filters.horizon_until)
    return opportunities


@router.get("/opportunities/{opportunity_id}/", response=OpportunityOut)
def opportunities_read(request: HttpRequest, opportunity_id: int) -> Opportunity:
    return opportunity_get_for_user(user=acting_user(request), opportunity_id=opportunity_id)


@router.patch("/opportunities/{opportunity_id}/", response=OpportunityOut)
def opportunities_update(request: HttpRequest, opportunity_id: int, payload: OpportunityPatch) -> Opportunity:
    opportunity = opportunity_get_for_user(user=acting_user(request), opportunity_id=opportunity_id)
    fields = payload.dict(exclude_unset=True)
    for name in ("description", "status"):  # these cannot be emptied; null means "leave as is"
        if fields.get(name, "") is None:
            del fields[name]
    return opportunity_update(opportunity=opportunity, **fields)


@router.get("/referrals/", response=list[ReferralOut])
@paginate(CursorPagination)
def referrals_list(request: HttpRequest, filters: Query[ReferralFilter]):  # type: ignore[no-untyped-def]
    referrals = referral_list(user=acting_user(request))
    if filters.customer_id is not None:
        referrals = referrals.filter(referring_customer_id=filters.customer_id)
    if filters.status is not None:
        referrals = referrals.filter(status=filters.status)
    if filters.thanked is not None:
        referrals = referrals.filter(thanked_at__isnull=not filters.thanked)
    return referrals


@router.get("/referrals/{referral_id}/", response=ReferralOut)
def referrals_read(request: HttpRequest, referral_id: int) -> Referral:
    return referral_get_for_user(user=acting_user(request), referral_id=referral_id)


@router.patch("/referrals/{referral_id}/", response=ReferralOut)
def referrals_update(request: HttpRequest, referral_id: int, payload: ReferralPatch) -> Referral:
    referral = referral_get_for_user(user=acting_user(request), referral_id=referral_id)
    fields = {name: value for name, value in payload.dict(exclude_unset=True).items() if value is not None}
    return referral_update(referral=referral, **fields)
