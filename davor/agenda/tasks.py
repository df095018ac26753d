"""Background tasks for django-tasks-db (run by ``davor worker``)."""

from django.tasks import task
from django.utils import timezone

from davor.agenda.services.reminders import reminders_run


@task()
def reminders_tick() -> dict[str, int]:
    """Run every due reminder job once; safe to run any number of times."""
    return reminders_run(now=timezone.now())
