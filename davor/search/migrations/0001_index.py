"""The search index: FTS5 tables and triggers (SQLite), full-text and trigram indexes (PostgreSQL), phone indexes."""

from django.db import migrations

from davor.search import schema


def _run(statements):
    def run(apps, schema_editor):
        for statement in statements(schema_editor.connection.vendor):
            schema_editor.execute(statement)

    return run


def _create(vendor):
    if vendor == "sqlite":
        return schema.sqlite_create() + schema.common_create(vendor)
    if vendor == "postgresql":
        return schema.postgres_create() + schema.common_create(vendor)
    return []


def _drop(vendor):
    if vendor == "sqlite":
        return schema.sqlite_drop() + schema.common_drop()
    if vendor == "postgresql":
        return schema.postgres_drop() + schema.common_drop()
    return []


class Migration(migrations.Migration):
    dependencies = [
        ("customers", "0003_contact_consent"),
        ("calls", "0004_outcomes"),
        ("orders", "0003_confirmation"),
        ("pipeline", "0003_month_choices"),
    ]

    operations = [migrations.RunPython(_run(_create), _run(_drop), elidable=False)]
