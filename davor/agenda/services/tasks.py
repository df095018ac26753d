"""Writes of appointments and tasks. Each function is one transaction."""

from datetime import datetime

from django.db import transaction
from django.utils import timezone

from davor.agenda.models import Task
from davor.users.models import User


@transaction.atomic
def task_mark_done(*, user: User, task: Task, at: datetime | None = None) -> Task:
    """Mark ``task`` done by ``user`` (now, unless ``at`` says when); a done task stays as it was."""
    if task.done_at is not None:
        return task
    task.done_at = at or timezone.now()
    task.done_by = user
    task.save(update_fields=["done_at", "done_by"])
    return task


@transaction.atomic
def task_reopen(*, user: User, task: Task) -> Task:
    """Undo marking ``task`` done: it is open again, as if it had never been ticked off."""
    if task.done_at is None:
        return task
    task.done_at = None
    task.done_by = None
    task.save(update_fields=["done_at", "done_by"])
    return task
