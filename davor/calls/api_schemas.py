"""The API's shapes of a call and its wrap-up, and their translation to ``WrapupData``."""

from dataclasses import asdict
from datetime import date, datetime
from decimal import Decimal
from typing import Annotated, Literal

from django.utils import timezone
from ninja import Field, FilterLookup, FilterSchema, Schema

from davor.agenda.models import Task
from davor.calls.wrapup import (
    EXTENDED_QUESTIONS,
    AppointmentData,
    BudgetData,
    CareData,
    ParticipantData,
    ReferralData,
    TaskData,
    WishData,
    WrapupData,
)
from davor.customers.models import Channel
from davor.lib.api import Moment
from davor.lib.bounds import Id
from davor.orders.api import OrderTermsSchema, order_data

Question = Literal["wishes", "budget", "referrals", "personal"]
assert set(EXTENDED_QUESTIONS) == set(Question.__args__)  # type: ignore[attr-defined]
PROMISE_KINDS = Literal["our_promise", "customer_promise"]
assert {Task.Kind.OUR_PROMISE, Task.Kind.CUSTOMER_PROMISE} == set(PROMISE_KINDS.__args__)  # type: ignore[attr-defined]


class ParticipantSchema(Schema):
    name: str = Field(..., min_length=1, max_length=200)
    position: str = Field("", max_length=100)
    extension: str = Field("", max_length=10)
    contact_id: int | None = None


class AppointmentSchema(Schema):
    id: int | None = Field(None, description="An appointment of this call to keep; without: a new one.")
    start: Moment
    duration_minutes: int | None = Field(None, ge=5, le=24 * 60)
    location: str = Field("", max_length=200)
    title: str = Field("", max_length=200)
    participants: list[ParticipantSchema] = Field(default_factory=list, max_length=50)


class PromiseSchema(Schema):
    id: int | None = None
    kind: PROMISE_KINDS
    title: str = Field(..., min_length=1, max_length=300)
    due: date | None = None
    channel: Channel | None = None
    contact_id: int | None = None


class WishSchema(Schema):
    id: int | None = None
    description: str = Field(..., min_length=1, max_length=300)
    horizon: date | None = None
    estimated_value: Decimal | None = Field(None, ge=0, max_digits=12, decimal_places=2)


class BudgetSchema(Schema):
    planning_month: int = Field(..., ge=1, le=12)
    fiscal_year_start_month: int | None = Field(None, ge=1, le=12)
    expected_amount: Decimal | None = Field(None, ge=0, max_digits=14, decimal_places=2)
    currency: str = Field("EUR", min_length=3, max_length=3)
    note: str = Field("", max_length=300)


class ReferralSchema(Schema):
    id: int | None = None
    company: str = Field("", max_length=200)
    name: str = Field("", max_length=200)
    position: str = Field("", max_length=100)
    phone: str = Field("", max_length=40)
    email: str = Field("", max_length=254)
    note: str = Field("", max_length=300)


class CareSchema(Schema):
    channel: Channel | None = None
    due: date | None = None


class WrapupSchema(Schema):
    """What was agreed in the call; the same fields in and out."""

    outcome_id: int
    started_at: Moment | None = Field(None, description="When the call began; default: now.")
    direction: Literal["out", "in"] = "out"
    duration_minutes: int | None = Field(None, ge=0, le=24 * 60)
    contact_ids: list[int] = Field(default_factory=list, max_length=50)
    note: str = Field("", max_length=20_000)
    personal_note: str = Field("", max_length=20_000)
    order: OrderTermsSchema | None = None
    appointments: list[AppointmentSchema] = Field(default_factory=list, max_length=50)
    tasks: list[PromiseSchema] = Field(default_factory=list, max_length=100)
    wishes: list[WishSchema] = Field(default_factory=list, max_length=100)
    budget: BudgetSchema | None = None
    referrals: list[ReferralSchema] = Field(default_factory=list, max_length=50)
    care: CareSchema | None = None
    next_contact: date | None = None
    asked_nothing: list[Question] = Field(default_factory=list, max_length=4)


class CallIn(WrapupSchema):
    customer_id: int
    capture: bool = Field(
        False,
        description=(
            "Read the free-text note (quick capture): the facts found fill what the structured fields leave empty."
        ),
    )


class CallUpdateIn(WrapupSchema):
    version: int | None = Field(
        None, ge=1, description="The version you read; or send it as an If-Match header. Required either way."
    )


class CallOut(Schema):
    id: int
    version: int
    customer_id: int
    user_id: int
    outcome_id: int
    direction: str
    started_at: datetime
    duration_minutes: int | None
    note: str
    is_complete: bool
    missing: list[str]
    created_at: datetime
    updated_at: datetime


class CallDetailOut(CallOut):
    wrapup: WrapupSchema


class CallFilter(FilterSchema):
    customer_id: Id | None = None
    complete: Annotated[bool | None, FilterLookup("is_complete")] = None
    started_from: Annotated[Moment | None, FilterLookup("started_at__gte")] = None
    started_until: Annotated[Moment | None, FilterLookup("started_at__lte")] = None


def aware(value: datetime) -> datetime:
    """A time without a zone is Davor's local time (Europe/Berlin unless configured)."""
    return timezone.make_aware(value) if timezone.is_naive(value) else value


def wrapup_data(payload: WrapupSchema) -> WrapupData:
    return WrapupData(
        outcome_id=payload.outcome_id,
        started_at=aware(payload.started_at) if payload.started_at else timezone.now(),
        direction=payload.direction,
        duration_minutes=payload.duration_minutes,
        contact_ids=list(dict.fromkeys(payload.contact_ids)),
        note=payload.note,
        personal_note=payload.personal_note,
        order=order_data(payload.order) if payload.order else None,
        appointments=[
            AppointmentData(
                start=aware(a.start),
                duration_minutes=a.duration_minutes,
                location=a.location,
                title=a.title,
                id=a.id,
                participants=[ParticipantData(**p.dict()) for p in a.participants],
            )
            for a in payload.appointments
        ],
        tasks=[TaskData(**{**t.dict(), "channel": t.channel or ""}) for t in payload.tasks],
        wishes=[WishData(**w.dict()) for w in payload.wishes],
        budget=BudgetData(**payload.budget.dict()) if payload.budget else None,
        referrals=[ReferralData(**r.dict()) for r in payload.referrals],
        care=CareData(payload.care.channel or "", payload.care.due) if payload.care else None,
        next_contact=payload.next_contact,
        asked_nothing=set(payload.asked_nothing),
    )


def wrapup_out(data: WrapupData) -> dict:
    """A ``WrapupData`` as the API shows it (empty choice fields as null, sets as sorted lists)."""
    out = asdict(data)
    out["asked_nothing"] = sorted(data.asked_nothing)
    if out["order"]:
        for name in ("shipping", "confirmation_channel"):
            out["order"][name] = out["order"][name] or None
    for task in out["tasks"]:
        task["channel"] = task["channel"] or None
    if out["care"]:
        out["care"]["channel"] = out["care"]["channel"] or None
    return out
