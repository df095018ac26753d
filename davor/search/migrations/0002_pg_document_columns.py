"""PostgreSQL: stored generated tsvector columns and trigram indexes the planner uses (see schema.py)."""

from django.db import migrations

from davor.search import schema


class Migration(migrations.Migration):
    dependencies = [("search", "0001_index")]

    operations = [
        migrations.RunPython(
            schema.on_postgresql(schema.postgres_v2_create), schema.on_postgresql(schema.postgres_v2_drop), elidable=False
        ),
    ]
