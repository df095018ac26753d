"""Calls and their wrap-ups over the API: the same services as the wrap-up screen.

A call is created from structured wrap-up fields, from a free-text note read
by quick capture (``capture: true``), or both; it is revised only with the
version it was read at, so that nobody's save is silently overwritten.
"""

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Header, Query, Router, Status
from ninja.pagination import paginate

from davor.calls.api_schemas import (
    CallDetailOut,
    CallFilter,
    CallIn,
    CallOut,
    CallUpdateIn,
    WrapupSchema,
    wrapup_data,
    wrapup_out,
)
from davor.calls.capture import capture_note, wrapup_merge
from davor.calls.models import Call, Outcome
from davor.calls.selectors import call_get_for_user, wrapup_data_from_call
from davor.calls.services import wrapup_submit, wrapup_update
from davor.calls.wrapup import WrapupData
from davor.customers.models import Customer
from davor.customers.selectors import customer_get_for_user, customer_scope
from davor.lib.api import CursorPagination, acting_user, field_error
from davor.orders.api import expected_version

router = Router(tags=["calls"])


def _detail(call: Call) -> dict:
    data = {name: getattr(call, name) for name in CallOut.model_fields if name != "wrapup"}
    data["wrapup"] = wrapup_out(wrapup_data_from_call(call))
    return data


def _check(payload: WrapupSchema, customer: Customer) -> None:
    """What the schema cannot know: the outcome exists, the people named belong to this customer."""
    if not Outcome.objects.filter(pk=payload.outcome_id).exists():
        raise field_error("outcome_id", _("There is no such outcome."))
    own = set(customer.contacts.values_list("pk", flat=True))
    for index, task in enumerate(payload.tasks):
        if task.contact_id is not None and task.contact_id not in own:
            raise field_error(f"tasks.{index}.contact_id", _("Choose contacts of this customer."))
    for a_index, appointment in enumerate(payload.appointments):
        for p_index, person in enumerate(appointment.participants):
            if person.contact_id is not None and person.contact_id not in own:
                loc = f"appointments.{a_index}.participants.{p_index}.contact_id"
                raise field_error(loc, _("Choose contacts of this customer."))


@router.get("/calls/", response=list[CallOut])
@paginate(CursorPagination)
def calls_list(request: HttpRequest, filters: Query[CallFilter]):  # type: ignore[no-untyped-def]
    visible = Customer.objects.filter(customer_scope(acting_user(request)))
    calls = Call.objects.filter(customer__in=visible)
    calls = filters.filter(calls)
    return calls


@router.get("/calls/{call_id}/", response=CallDetailOut)
def calls_read(request: HttpRequest, call_id: int) -> dict:
    return _detail(call_get_for_user(user=acting_user(request), call_id=call_id))


@router.post("/calls/", response={201: CallDetailOut})
def calls_create(request: HttpRequest, payload: CallIn) -> Status[dict]:
    user = acting_user(request)
    customer = customer_get_for_user(user=user, customer_id=payload.customer_id)
    _check(payload, customer)
    data: WrapupData = wrapup_data(payload)
    if payload.capture and data.note.strip():
        capture = capture_note(
            note=data.note, customer=customer, started_at=data.started_at, outcome_id=data.outcome_id
        )
        data = wrapup_merge(data, capture.data)
    call = wrapup_submit(user=user, customer=customer, data=data)
    return Status(201, _detail(call_get_for_user(user=user, call_id=call.pk)))


@router.put("/calls/{call_id}/", response={200: CallDetailOut, 409: dict, 428: dict})
def calls_update(
    request: HttpRequest, call_id: int, payload: CallUpdateIn, if_match: str | None = Header(None, alias="If-Match")
) -> dict:
    """Replace the wrap-up. Rows sent with their ``id`` are revised in place, the others created, the rest removed."""
    user = acting_user(request)
    call = call_get_for_user(user=user, call_id=call_id)
    _check(payload, call.customer)
    version = expected_version(payload.version, if_match)
    wrapup_update(user=user, call=call, data=wrapup_data(payload), expected_version=version)
    return _detail(call_get_for_user(user=user, call_id=call_id))
