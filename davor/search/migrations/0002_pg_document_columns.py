"""PostgreSQL: stored generated tsvector columns and trigram indexes the planner uses (see schema.py)."""

from django.db import migrations

from davor.search import schema


def _run(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        for statement in statements():
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("search", "0001_index")]

    operations = [
        migrations.RunPython(_run(schema.postgres_v2_create), _run(schema.postgres_v2_drop), elidable=False),
    ]
