from django.apps import AppConfig
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.migrations.recorder import MigrationRecorder
from django.db.models.signals import post_migrate, pre_migrate
from django.utils.translation import gettext_lazy as _

# The migration from which on the SQLite index's triggers reach across tables (see schema.py).
CROSS_TABLE_TRIGGERS = ("search", "0004_sqlite_owner_token")


class SearchConfig(AppConfig):
    name = "davor.search"
    verbose_name = _("Search")

    def ready(self) -> None:
        # Around every migration run, not only the search's own: other apps' migrations rebuild tables.
        # Django sends these once per app that has models (the search has none), so both are idempotent.
        pre_migrate.connect(_triggers_down, dispatch_uid="search_triggers_down")
        post_migrate.connect(_triggers_up, dispatch_uid="search_triggers_up")


def _cross_table_triggers_apply(using: str) -> bool:
    connection = connections[using]
    if connection.vendor != "sqlite":
        return False
    recorder = MigrationRecorder(connection)
    return recorder.has_table() and CROSS_TABLE_TRIGGERS in recorder.applied_migrations()


def _triggers_down(using: str = DEFAULT_DB_ALIAS, **kwargs) -> None:
    from davor.search import schema

    if _cross_table_triggers_apply(using):
        with connections[using].cursor() as cursor:
            for statement in schema.sqlite_v4_triggers_drop():
                cursor.execute(statement)


def _triggers_up(using: str = DEFAULT_DB_ALIAS, **kwargs) -> None:
    from davor.search import schema

    if _cross_table_triggers_apply(using):
        with connections[using].cursor() as cursor:
            for statement in schema.sqlite_v4_triggers_create():
                cursor.execute(statement)
