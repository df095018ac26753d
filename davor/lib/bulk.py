"""Bulk inserts whose rows are prepared before the transaction, so that the write lock is held for the SQL alone.

Django's ``bulk_create`` turns every value into its database form while it
writes: for 20,000 contacts and their history records that is 1.5 million
conversions, 10 seconds in which SQLite's write lock is held and every other
seller's save waits. Here the conversion happens first (``insert_prepare``,
no transaction needed); inside the transaction ``insert_run`` only sends the
prepared rows (``INSERT … VALUES …, … RETURNING id``, as ``bulk_create`` does on
SQLite and PostgreSQL), and ids known only then — the new row's own id in its
history record, a new customer's id in its contacts — are filled into their
slots (``Slot``) as the rows go.
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db import connection
from django.db.models import Model

# Fills one value of a prepared row just before it is sent: (row index) -> value.
Slot = Callable[[int], Any]


@dataclass
class PreparedInsert:
    model: type[Model]
    columns: list[str]
    rows: list[list[Any]]
    slots: dict[str, Slot] = field(default_factory=dict)

    def fill(self, column: str, slot: Slot) -> None:
        """Send ``slot(i)`` as row i's ``column`` (an id that exists only inside the transaction)."""
        self.slots[column] = slot


def insert_prepare(model: type[Model], objs: Sequence[Model]) -> PreparedInsert:
    """Every value of ``objs`` in its database form (auto_now fields set), the primary key left out.

    Generated columns are left out too: the database computes them.
    """
    fields = [f for f in model._meta.concrete_fields if not f.primary_key and not f.generated]
    rows = [[f.get_db_prep_save(f.pre_save(obj, True), connection) for f in fields] for obj in objs]
    return PreparedInsert(model=model, columns=[str(f.column) for f in fields], rows=rows)


def insert_run(prepared: PreparedInsert, *, batch_size: int = 500) -> list[int]:
    """Insert the prepared rows (inside the caller's transaction); their new primary keys, in order."""
    model, columns = prepared.model, prepared.columns
    if not prepared.rows:
        return []
    for column, slot in prepared.slots.items():
        position = columns.index(column)
        for i, row in enumerate(prepared.rows):
            row[position] = slot(i)
    quote = connection.ops.quote_name
    limit = getattr(connection.features, "max_query_params", None) or 65_535
    size = max(1, min(batch_size, limit // len(columns)))
    head = f"INSERT INTO {quote(model._meta.db_table)} ({', '.join(quote(c) for c in columns)}) VALUES "
    tail = f" RETURNING {quote(str(model._meta.pk.column))}"
    placeholder = "(" + ", ".join(["%s"] * len(columns)) + ")"
    ids: list[int] = []
    with connection.cursor() as cursor:
        for start in range(0, len(prepared.rows), size):
            chunk = prepared.rows[start : start + size]
            cursor.execute(head + ", ".join([placeholder] * len(chunk)) + tail, [v for row in chunk for v in row])
            ids.extend(row[0] for row in cursor.fetchall())
    return ids
