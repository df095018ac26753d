"""Running numbers (K-10001, A-2026-00001) that stay unique when sellers save at the same moment."""

from collections.abc import Callable, Iterable

from django.db import IntegrityError, models, transaction

ATTEMPTS = 50


def save_numbered(
    instance: models.Model, *, next_number: Callable[[], str], field: str = "number", exclude: Iterable[str] = ()
) -> None:
    """Validate and save a new row under the next free number.

    The next number is the highest taken plus one. On PostgreSQL two
    transactions can read the same highest number side by side; the unique
    index then makes the later insert fail, and it takes the number after the
    winner's. (SQLite's IMMEDIATE transactions queue writers, so there the
    first attempt always wins.)
    """
    model = type(instance)
    for attempt in range(1, ATTEMPTS + 1):
        number = next_number()
        setattr(instance, field, number)
        instance.full_clean(exclude=[*exclude, field])  # uniqueness is the index's job, see below
        try:
            with transaction.atomic():  # a savepoint: a lost race leaves the outer transaction usable
                instance.save()
            return
        except IntegrityError:
            taken = model._default_manager.filter(**{field: number}).exists()
            if not taken or attempt == ATTEMPTS:
                raise
            instance.pk = None
