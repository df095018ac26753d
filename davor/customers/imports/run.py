"""Writing a previewed import: all rows or none.

Merges fill what the existing record leaves empty and never overwrite what a
seller typed. Rows are written in bulk (with their history records), because
a 10,000-row file saved row by row keeps the database locked for minutes.
"""

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import ngettext
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from davor.customers.imports.matching import company_key
from davor.customers.imports.preview import Preview, Row
from davor.customers.models import Contact, Customer
from davor.customers.services import customer_number_next
from davor.users.audit import audit_record
from davor.users.models import AuditEvent, User

Progress = Callable[[int, int], None]


class ImportRejected(ValueError):
    """The file has problems: nothing was written. ``rows`` are the rows at fault."""

    def __init__(self, rows: list[Row]) -> None:
        self.rows = rows
        count = len(rows)
        message = ngettext(
            "%(count)d row has problems; nothing was imported.",
            "%(count)d rows have problems; nothing was imported.",
            count,
        )
        super().__init__(message % {"count": count})


@dataclass
class ImportResult:
    customers_created: int = 0
    customers_updated: int = 0
    contacts_created: int = 0
    contacts_updated: int = 0

    def as_dict(self) -> dict[str, int]:
        return dict(self.__dict__)


def _fill_blanks(obj: Customer | Contact, values: dict[str, Any], keep: set[str]) -> list[str]:
    """Fill the empty fields of an existing record; the names of those filled."""
    filled = []
    for name, value in values.items():
        if name not in keep and value and not getattr(obj, name):
            setattr(obj, name, value)
            filled.append(name)
    return filled


def _next_numbers():
    number = int(customer_number_next().removeprefix("K-"))
    while True:
        yield f"K-{number:05d}"
        number += 1


def import_steps(
    *, user: User, preview: Preview, filename: str = "", request=None
) -> Iterator[tuple[int, int] | ImportResult]:
    """Write the preview's rows, owned by ``user``, in one transaction, yielding (rows done, rows) as it goes.

    The last item is the ImportResult, yielded after the transaction committed;
    a consumer that stops early (a browser that went away) rolls it all back.
    Raises ImportRejected, writing nothing, if any row has a problem.
    """
    if not preview.is_valid:
        raise ImportRejected(preview.problems)
    with transaction.atomic():
        result = ImportResult()
        customers: dict[str, Customer] = {}  # by company key: new and merged ones
        existing_customers = {
            c.pk: c
            for c in Customer.objects.filter(pk__in={r.customer_match.pk for r in preview.rows if r.customer_match})
        }
        existing_contacts = {
            c.pk: c
            for c in Contact.objects.filter(pk__in={r.contact_match.pk for r in preview.rows if r.contact_match})
        }
        contacts: dict[int, Contact] = {}  # by row number: new ones, so that a duplicate row merges into them
        new_customers: list[Customer] = []
        new_contacts: list[Contact] = []
        changed_customers: dict[int, set[str]] = {}
        changed_contacts: dict[int, set[str]] = {}
        numbers = _next_numbers()
        now = timezone.now()
        total = len(preview.rows)
        for done, row in enumerate(preview.rows, start=1):
            key = company_key(row.customer["name"])
            if row.customer_match:
                customer = existing_customers[row.customer_match.pk]
                filled = _fill_blanks(customer, row.customer, keep={"name", "number", "country"})
                changed_customers.setdefault(customer.pk, set()).update(filled)
            elif key in customers:
                customer = customers[key]
                _fill_blanks(customer, row.customer, keep={"name", "number", "country"})
            else:
                fields = {**row.customer, "number": row.customer["number"] or next(numbers)}
                customer = Customer(owner=user, **fields)
                customers[key] = customer
                new_customers.append(customer)
            if row.contact:
                if row.contact_match:
                    contact = existing_contacts[row.contact_match.pk]
                    changed_contacts.setdefault(contact.pk, set()).update(
                        _fill_blanks(contact, row.contact, keep=set())
                    )
                elif row.same_as_row and row.same_as_row in contacts:
                    contact = contacts[row.same_as_row]
                    _fill_blanks(contact, row.contact, keep=set())
                else:
                    contact = Contact(customer=customer, **row.contact)
                    new_contacts.append(contact)
                contacts[row.number] = contact
            yield (done, total)
        bulk_create_with_history(new_customers, Customer, batch_size=500, default_user=user)
        bulk_create_with_history(new_contacts, Contact, batch_size=500, default_user=user)
        for model, objs, changed in (
            (Customer, existing_customers, changed_customers),
            (Contact, existing_contacts, changed_contacts),
        ):
            names_changed: set[str] = set().union(*changed.values()) if changed else set()
            rows = [objs[pk] for pk, names in changed.items() if names]
            for obj in rows:
                obj.updated_at = now  # bulk_update skips auto_now
            if rows:
                bulk_update_with_history(rows, model, [*names_changed, "updated_at"], batch_size=500, default_user=user)
        result.customers_created, result.contacts_created = len(new_customers), len(new_contacts)
        result.customers_updated = sum(1 for names in changed_customers.values() if names)
        result.contacts_updated = sum(1 for names in changed_contacts.values() if names)
        details = {"rows": total, "format": preview.raw.kind, **result.as_dict()}
        audit_record(action=AuditEvent.Action.IMPORT, user=user, request=request, details=details)
    yield result


def import_run(
    *, user: User, preview: Preview, filename: str = "", request=None, progress: Progress | None = None
) -> ImportResult:
    """Write the preview's rows, owned by ``user``; raise ImportRejected (writing nothing) if any row has a problem."""
    for step in import_steps(user=user, preview=preview, filename=filename, request=request):
        if isinstance(step, ImportResult):
            return step
        if progress:
            progress(*step)
    raise AssertionError("import_steps ends with its result")
