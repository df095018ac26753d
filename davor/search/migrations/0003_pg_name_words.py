"""PostgreSQL: the table of words that names are made of, kept by triggers, for the fuzzy pass (see schema.py)."""

from django.db import migrations

from davor.search import schema


class Migration(migrations.Migration):
    dependencies = [("search", "0002_pg_document_columns")]

    operations = [
        migrations.RunPython(
            schema.on_postgresql(schema.postgres_v3_create), schema.on_postgresql(schema.postgres_v3_drop), elidable=False
        ),
    ]
