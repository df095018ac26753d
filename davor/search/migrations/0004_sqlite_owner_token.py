"""SQLite: the owner of each record's customer in the full-text index, so a user's scope is part of the query."""

from django.db import migrations

from davor.search import schema


class Migration(migrations.Migration):
    dependencies = [("search", "0003_pg_name_words")]

    operations = [
        migrations.RunPython(
            schema.on_database("sqlite", schema.sqlite_v4_create),
            schema.on_database("sqlite", schema.sqlite_v4_drop),
            elidable=False,
        ),
    ]
