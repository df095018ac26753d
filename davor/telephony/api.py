"""``POST /api/v1/telephony/events``: call events from a phone system (mounted by davor/api.py)."""

from typing import Literal

from django.http import HttpRequest
from ninja import Field, Router, Schema
from ninja.errors import HttpError

from davor.lib.bounds import Line, Moment
from davor.telephony.services import phone_event_record
from davor.users.api_auth import ApiTokenAuth
from davor.users.models import User

router = Router(tags=["telephony"], auth=ApiTokenAuth())


class EventIn(Schema):
    event: Literal["ringing", "dialing", "answered", "hungup"]
    call_id: Line = Field("", max_length=64)
    caller: Line = Field("", max_length=100)
    called: Line = Field("", max_length=100)
    extension: Line = Field("", max_length=20)
    at: Moment | None = None


class EventOut(Schema):
    id: int | None
    state: str
    customer_id: int | None = None
    customer_name: str = ""
    contact_id: int | None = None


@router.post("/events", response={200: EventOut}, summary="Report a call event")
def event(request: HttpRequest, payload: EventIn) -> EventOut:
    """Ringing (inbound: ``caller`` is the other side), dialing (outbound: ``called`` is), answered, hung up.

    The event belongs to the token's user. An administrator's token (one for
    the whole phone system) may name another user by their ``extension``.
    """
    user = _target(request.auth, payload.extension)  # type: ignore[attr-defined]  # ninja sets auth
    number = payload.called if payload.event == "dialing" else payload.caller
    call = phone_event_record(
        user=user,
        event=payload.event,
        reference=payload.call_id,
        number=number,
        extension=payload.extension,
        at=payload.at,
    )
    if call is None:
        return EventOut(id=None, state="ignored")
    return EventOut(
        id=call.pk,
        state=call.state,
        customer_id=call.customer_id,
        customer_name=call.customer.name if call.customer else "",
        contact_id=call.contact_id,
    )


def _target(user: User, extension: str) -> User:
    if not extension or extension == user.phone_extension:
        return user
    if not (user.is_superuser or user.role == User.Role.ADMIN):
        raise HttpError(403, "This extension belongs to another user.")
    target = User.objects.filter(phone_extension=extension, is_active=True).first()
    if target is None:
        raise HttpError(404, "No user has this extension.")
    return target
