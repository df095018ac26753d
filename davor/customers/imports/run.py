"""Writing a previewed import: all rows or none.

Merges fill what the existing record leaves empty and never overwrite what a
seller typed. The rows are worked out and put into the database's form
before the transaction (davor/lib/bulk.py), then sent in bulk (with their
history records) in one short one: a 50,000-row file used to hold SQLite's
write lock for 46 seconds.
"""

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.db.models import Model
from django.utils import timezone
from django.utils.translation import ngettext
from simple_history.utils import bulk_update_with_history

from davor.customers.imports.matching import company_key
from davor.customers.imports.preview import Preview, Row
from davor.customers.models import Contact, Customer
from davor.customers.services import customer_number_next
from davor.lib.bulk import PreparedInsert, insert_prepare, insert_run
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


@dataclass
class _Plan:
    """What the import will write, worked out (and put into the database's form) before the transaction begins."""

    new_customers: list[Customer] = field(default_factory=list)
    new_contacts: list[Contact] = field(default_factory=list)
    existing: dict[type, dict[int, Any]] = field(default_factory=dict)
    changed: dict[type, dict[int, set[str]]] = field(default_factory=dict)
    inserts: list[PreparedInsert] = field(default_factory=list)  # customers, their history, contacts, theirs


def _prepare(plan: _Plan, user: User) -> None:
    """The new rows and their history records in the database's form; ids and numbers are filled in later."""
    now = timezone.now()
    customers = insert_prepare(Customer, plan.new_customers)
    contacts = insert_prepare(Contact, plan.new_contacts)  # after the customers: created_at is set on both

    def history(model: type[Model], objs: list) -> PreparedInsert:
        historical = model.history.model  # type: ignore[attr-defined]
        tracked = historical.tracked_fields
        records = [
            historical(history_date=now, history_user=user, history_change_reason="", history_type="+",
                       **{f.attname: getattr(obj, f.attname) for f in tracked})
            for obj in objs
        ]  # fmt: skip
        return insert_prepare(historical, records)

    customer_history, contact_history = history(Customer, plan.new_customers), history(Contact, plan.new_contacts)
    for prepared in (customers, customer_history):
        prepared.fill("number", lambda i: plan.new_customers[i].number)
    customer_history.fill("id", lambda i: plan.new_customers[i].pk)
    for prepared in (contacts, contact_history):
        prepared.fill("customer_id", lambda i: plan.new_contacts[i].customer.pk)
    contact_history.fill("id", lambda i: plan.new_contacts[i].pk)
    plan.inserts = [customers, customer_history, contacts, contact_history]


def _plan_steps(*, user: User, preview: Preview, plan: _Plan) -> Iterator[tuple[int, int]]:
    """Fill ``plan`` row by row, yielding (rows done, rows); reads only, so a slow consumer locks nothing."""
    customers: dict[str, Customer] = {}  # by company key: new and merged ones
    plan.existing[Customer] = existing_customers = {
        c.pk: c for c in Customer.objects.filter(pk__in={r.customer_match.pk for r in preview.rows if r.customer_match})
    }
    plan.existing[Contact] = existing_contacts = {
        c.pk: c for c in Contact.objects.filter(pk__in={r.contact_match.pk for r in preview.rows if r.contact_match})
    }
    contacts: dict[int, Contact] = {}  # by row number: new ones, so that a duplicate row merges into them
    changed_customers = plan.changed.setdefault(Customer, {})
    changed_contacts = plan.changed.setdefault(Contact, {})
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
            customer = customers[key] = Customer(owner=user, **row.customer)
            plan.new_customers.append(customer)
        if row.contact:
            if row.contact_match:
                contact = existing_contacts[row.contact_match.pk]
                changed_contacts.setdefault(contact.pk, set()).update(_fill_blanks(contact, row.contact, keep=set()))
            elif row.same_as_row and row.same_as_row in contacts:
                contact = contacts[row.same_as_row]
                _fill_blanks(contact, row.contact, keep=set())
            else:
                contact = Contact(customer=customer, **row.contact)
                plan.new_contacts.append(contact)
            contacts[row.number] = contact
        yield (done, total)


def _still_blank(model: type[Model], objs: dict[int, Any], changed: dict[int, set[str]]) -> None:
    """Drop the fills of fields that someone filled between the preview and this transaction: never overwrite."""
    names = set().union(*changed.values()) if changed else set()
    if not names:
        return
    for current in model._default_manager.filter(pk__in=[pk for pk, n in changed.items() if n]).values("pk", *names):
        for name in list(changed[current["pk"]]):
            if current[name]:
                changed[current["pk"]].discard(name)
                setattr(objs[current["pk"]], name, current[name])


def _write(*, user: User, plan: _Plan) -> ImportResult:
    """Inside the transaction: the prepared bulk inserts, then the merges (with their history records)."""
    numbers = _next_numbers()  # inside the transaction: no one takes the same numbers meanwhile
    for customer in plan.new_customers:
        customer.number = customer.number or next(numbers)
    customers, customer_history, contacts, contact_history = plan.inserts
    for customer, pk in zip(plan.new_customers, insert_run(customers), strict=True):
        customer.pk = pk
    insert_run(customer_history)
    for contact, pk in zip(plan.new_contacts, insert_run(contacts), strict=True):
        contact.pk = pk
    insert_run(contact_history)
    now = timezone.now()
    for model in (Customer, Contact):
        objs, changed = plan.existing[model], plan.changed[model]
        _still_blank(model, objs, changed)
        names_changed: set[str] = set().union(*changed.values()) if changed else set()
        rows = [objs[pk] for pk, names in changed.items() if names]
        for obj in rows:
            obj.updated_at = now  # bulk_update skips auto_now
        if rows:
            bulk_update_with_history(rows, model, [*names_changed, "updated_at"], batch_size=500, default_user=user)
    return ImportResult(
        customers_created=len(plan.new_customers),
        contacts_created=len(plan.new_contacts),
        customers_updated=sum(1 for names in plan.changed[Customer].values() if names),
        contacts_updated=sum(1 for names in plan.changed[Contact].values() if names),
    )


def import_steps(
    *, user: User, preview: Preview, filename: str = "", request=None
) -> Iterator[tuple[int, int] | ImportResult]:
    """Write the preview's rows, owned by ``user``, yielding (rows done, rows) as it goes, then the ImportResult.

    The rows are worked out first, reading only; then everything is written
    in one short transaction of bulk inserts, so that a large file holds the
    write lock for moments, not for as long as a browser reads the progress.
    All rows or none: raises ImportRejected, writing nothing, if any row has a problem.
    """
    if not preview.is_valid:
        raise ImportRejected(preview.problems)
    plan = _Plan()
    yield from _plan_steps(user=user, preview=preview, plan=plan)
    _prepare(plan, user)
    with transaction.atomic():
        result = _write(user=user, plan=plan)
        details = {"rows": len(preview.rows), "format": preview.raw.kind, **result.as_dict()}
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
