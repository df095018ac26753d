"""Small builders for agenda tests: rows written directly, the wrap-up service is tested elsewhere."""

from datetime import date, datetime

from davor.agenda.models import Appointment, Participant, Task
from davor.calls.models import Call, Outcome


def task(customer, *, due: date | None, kind: str = Task.Kind.OUR_PROMISE, title: str = "Angebot schicken", **fields):
    return Task.objects.create(customer=customer, owner=customer.owner, kind=kind, title=title, due=due, **fields)


def appointment(customer, *, start: datetime, participants=(), **fields) -> Appointment:
    row = Appointment.objects.create(customer=customer, owner=customer.owner, start=start, **fields)
    for name, position, extension in participants:
        Participant.objects.create(appointment=row, name=name, position=position, extension=extension)
    return row


def call(customer, *, started_at: datetime, missing: list[str], user=None) -> Call:
    return Call.objects.create(
        customer=customer,
        user=user or customer.owner,
        started_at=started_at,
        outcome=Outcome.objects.get(kind="deal"),
        missing=missing,
        is_complete=not missing,
    )
