"""Appointments and tasks over the API: the same selectors and services as Today and the calendar pages."""

from datetime import date, datetime, timedelta
from typing import Annotated

from django.db.models import Q
from django.http import HttpRequest
from ninja import Field, FilterLookup, FilterSchema, Header, Query, Router, Schema
from ninja.pagination import paginate

from davor.agenda.models import Appointment, Task
from davor.agenda.selectors import appointment_get_for_user, task_get_for_user
from davor.agenda.services import appointment_cancel, appointment_update, task_mark_done
from davor.calls.api_schemas import aware
from davor.customers.models import Customer
from davor.customers.selectors import customer_scope
from davor.lib.api import CursorPagination, Moment, acting_user, expected_version
from davor.lib.bounds import Id, Line

router = Router(tags=["agenda"])


class ParticipantOut(Schema):
    id: int
    name: str
    position: str
    extension: str
    contact_id: int | None
    invited_at: datetime | None


class AppointmentOut(Schema):
    id: int
    customer_id: int
    call_id: int | None
    owner_id: int
    title: str
    location: str
    start: datetime
    duration_minutes: int | None
    sequence: int
    version: int
    cancelled_at: datetime | None
    participants: list[ParticipantOut]

    @staticmethod
    def resolve_participants(appointment: Appointment) -> list:
        return list(appointment.participants.all())


class AppointmentUpdateIn(Schema):
    start: Moment
    duration_minutes: int | None = Field(None, ge=5, le=24 * 60)
    location: Line = Field("", max_length=200)
    title: Line = Field("", max_length=200)
    notify: bool = Field(False, description="Send the invited participants the changed invitation.")
    version: int | None = Field(
        None, ge=1, description="The version you read; or send it as an If-Match header. Required either way."
    )


class AppointmentCancelIn(Schema):
    notify: bool = Field(True, description="Tell the invited participants.")
    version: int | None = Field(None, ge=1, description="The version you read; a newer one refuses with 409.")


class AppointmentFilter(FilterSchema):
    customer_id: Id | None = None
    start_from: Annotated[Moment | None, FilterLookup("start__gte")] = None
    start_until: Annotated[Moment | None, FilterLookup("start__lte")] = None
    cancelled: bool | None = None

    def filter_cancelled(self, value: bool | None) -> Q:
        return Q() if value is None else Q(cancelled_at__isnull=not value)


class TaskOut(Schema):
    id: int
    customer_id: int
    contact_id: int | None
    call_id: int | None
    owner_id: int
    kind: str
    channel: str
    title: str
    due: date | None
    done_at: datetime | None
    done_by_id: int | None
    created_at: datetime


class TaskFilter(FilterSchema):
    customer_id: Id | None = None
    kind: Task.Kind | None = None
    done: bool | None = None
    due_until: Annotated[date | None, FilterLookup("due__lte")] = None
    mine: bool = Field(False, description="Only the tasks I own.")

    def filter_done(self, value: bool | None) -> Q:
        return Q() if value is None else Q(done_at__isnull=not value)

    def filter_mine(self, value: bool) -> Q:
        return Q()  # needs the user: the endpoint applies it


def _visible(request: HttpRequest):  # type: ignore[no-untyped-def]
    return Customer.objects.filter(customer_scope(acting_user(request)))


@router.get("/appointments/", response=list[AppointmentOut])
@paginate(CursorPagination)
def appointments_list(request: HttpRequest, filters: Query[AppointmentFilter]):  # type: ignore[no-untyped-def]
    appointments = Appointment.objects.filter(customer__in=_visible(request)).prefetch_related("participants")
    return filters.filter(appointments)


@router.get("/appointments/{appointment_id}/", response=AppointmentOut)
def appointments_read(request: HttpRequest, appointment_id: int) -> Appointment:
    return appointment_get_for_user(user=acting_user(request), appointment_id=appointment_id)


@router.patch("/appointments/{appointment_id}/", response={200: AppointmentOut, 409: dict, 428: dict})
def appointments_update(
    request: HttpRequest,
    appointment_id: int,
    payload: AppointmentUpdateIn,
    if_match: str | None = Header(None, alias="If-Match"),
) -> Appointment:
    """Move or rename: the sequence goes up, the own calendar follows, the invited are told if ``notify``.

    A version that is not the current one is refused with 409 and what changed.
    """
    user = acting_user(request)
    version = expected_version(payload.version, if_match)
    appointment = appointment_get_for_user(user=user, appointment_id=appointment_id)
    start = aware(payload.start)
    end = start + timedelta(minutes=payload.duration_minutes) if payload.duration_minutes else None
    appointment_update(
        user=user,
        appointment=appointment,
        start=start,
        end=end,
        location=payload.location,
        title=payload.title,
        notify=payload.notify,
        expected_version=version,
    )
    return appointment_get_for_user(user=user, appointment_id=appointment_id)


@router.post("/appointments/{appointment_id}/cancel/", response={200: AppointmentOut, 409: dict})
def appointments_cancel(request: HttpRequest, appointment_id: int, payload: AppointmentCancelIn) -> Appointment:
    user = acting_user(request)
    appointment = appointment_get_for_user(user=user, appointment_id=appointment_id)
    appointment_cancel(user=user, appointment=appointment, notify=payload.notify, expected_version=payload.version)
    return appointment_get_for_user(user=user, appointment_id=appointment_id)


@router.get("/tasks/", response=list[TaskOut])
@paginate(CursorPagination)
def tasks_list(request: HttpRequest, filters: Query[TaskFilter]):  # type: ignore[no-untyped-def]
    tasks = Task.objects.filter(customer__in=_visible(request))
    if filters.mine:
        tasks = tasks.filter(owner=acting_user(request))
    tasks = filters.filter(tasks)
    return tasks


@router.get("/tasks/{task_id}/", response=TaskOut)
def tasks_read(request: HttpRequest, task_id: int) -> Task:
    return task_get_for_user(user=acting_user(request), task_id=task_id)


@router.post("/tasks/{task_id}/done/", response=TaskOut)
def tasks_done(request: HttpRequest, task_id: int) -> Task:
    """Mark the task done now; a task already done stays as it was."""
    user = acting_user(request)
    return task_mark_done(user=user, task=task_get_for_user(user=user, task_id=task_id))
