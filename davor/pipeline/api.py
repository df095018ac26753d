"""Purchase wishes and referrals over the API."""

from datetime import date, datetime
from decimal import Decimal
from typing import Annotated

from django.db.models import Q
from django.http import HttpRequest
from ninja import Field, FilterLookup, FilterSchema, Header, Query, Router, Schema
from ninja.pagination import paginate

from davor.lib.api import CursorPagination, acting_user, expected_version, patch_fields
from davor.lib.bounds import Day, Id, Line
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
    version: int


class OpportunityPatch(Schema):
    description: Line | None = Field(None, min_length=1, max_length=300)
    horizon: Day | None = None
    estimated_value: Decimal | None = Field(None, ge=0, max_digits=12, decimal_places=2)
    status: Opportunity.Status | None = None
    version: int | None = Field(
        None, ge=1, description="The version you read; or send it as an If-Match header. Required either way."
    )


class OpportunityFilter(FilterSchema):
    customer_id: Id | None = None
    status: Opportunity.Status | None = None
    horizon_until: Annotated[date | None, FilterLookup("horizon__lte")] = None


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


class ReferralFilter(FilterSchema):
    customer_id: Annotated[int | None, FilterLookup("referring_customer_id")] = Field(
        None, description="The customer who recommended."
    )
    status: Referral.Status | None = None
    thanked: bool | None = None

    def filter_thanked(self, value: bool | None) -> Q:
        return Q() if value is None else Q(thanked_at__isnull=not value)


@router.get("/opportunities/", response=list[OpportunityOut])
@paginate(CursorPagination)
def opportunities_list(request: HttpRequest, filters: Query[OpportunityFilter]):  # type: ignore[no-untyped-def]
    opportunities = opportunity_list(user=acting_user(request))
    return filters.filter(opportunities)


@router.get("/opportunities/{opportunity_id}/", response=OpportunityOut)
def opportunities_read(request: HttpRequest, opportunity_id: int) -> Opportunity:
    return opportunity_get_for_user(user=acting_user(request), opportunity_id=opportunity_id)


@router.patch("/opportunities/{opportunity_id}/", response={200: OpportunityOut, 409: dict, 428: dict})
def opportunities_update(
    request: HttpRequest,
    opportunity_id: int,
    payload: OpportunityPatch,
    if_match: str | None = Header(None, alias="If-Match"),
) -> Opportunity:
    """Change the wish; a version that is not the current one is refused with 409 and what changed."""
    opportunity = opportunity_get_for_user(user=acting_user(request), opportunity_id=opportunity_id)
    version = expected_version(payload.version, if_match)
    fields = patch_fields(payload, nullable=("horizon", "estimated_value"))  # description and status can't be emptied
    fields.pop("version", None)
    return opportunity_update(opportunity=opportunity, expected_version=version, **fields)


@router.get("/referrals/", response=list[ReferralOut])
@paginate(CursorPagination)
def referrals_list(request: HttpRequest, filters: Query[ReferralFilter]):  # type: ignore[no-untyped-def]
    referrals = referral_list(user=acting_user(request))
    return filters.filter(referrals)


@router.get("/referrals/{referral_id}/", response=ReferralOut)
def referrals_read(request: HttpRequest, referral_id: int) -> Referral:
    return referral_get_for_user(user=acting_user(request), referral_id=referral_id)


@router.patch("/referrals/{referral_id}/", response=ReferralOut)
def referrals_update(request: HttpRequest, referral_id: int, payload: ReferralPatch) -> Referral:
    referral = referral_get_for_user(user=acting_user(request), referral_id=referral_id)
    return referral_update(referral=referral, **patch_fields(payload))
