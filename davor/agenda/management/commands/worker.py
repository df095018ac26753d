"""``davor worker [--once]``: run the reminders on schedule and every queued background task.

The reminder jobs are idempotent (davor/agenda/services/reminders.py), so a
tick every minute, several workers, or cron calling ``--once`` are all safe.
"""

import time

from django.core.management.base import BaseCommand
from django.utils.crypto import get_random_string
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult

from davor.agenda.tasks import reminders_tick


class Command(BaseCommand):
    help = "Run Davor's background worker: reminders, digests, calendar pushes and queued tasks."

    def add_arguments(self, parser):
        parser.add_argument("--once", action="store_true", help="Run all due jobs once and exit (for cron).")
        parser.add_argument(
            "--interval", type=float, default=60, help="Seconds between reminder runs (default: %(default)s)."
        )

    def handle(self, *args, once: bool, interval: float, **options):
        worker_id = get_random_string(32)
        while True:
            if not DBTaskResult.objects.ready().filter(task_path=reminders_tick.module_path).exists():
                reminders_tick.enqueue()
            self._drain(worker_id)
            if once:
                return
            time.sleep(interval)

    def _drain(self, worker_id: str) -> None:
        """Run every queued task, then return."""
        Worker(
            queue_names=["*"],
            interval=0,
            batch=True,
            backend_name="default",
            startup_delay=False,
            max_tasks=None,
            worker_id=worker_id,
            excluded_queue_names=[],
        ).run()
