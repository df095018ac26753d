"""A database made by an earlier release migrates to this one, with its data and its search intact.

The earlier release's last migration of each app is listed below; the test
takes the test database back there (unapplying what came since), writes a
few rows as that release would, migrates forward and checks the rows, the
search index and, on SQLite, the schema's integrity. A migration that SQLite
can only run by rebuilding a table (a NOT NULL column) is the case that
once failed: the search's triggers on other tables named the table while
it was being rebuilt.
"""

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

# The last migration of each app in the release before this one.
EARLIER_RELEASE = [
    ("agenda", "0005_calendar_reminders"),
    ("calls", "0005_version"),
    ("customers", "0003_contact_consent"),
    ("orders", "0004_version"),
    ("pipeline", "0003_month_choices"),
    ("search", "0004_sqlite_owner_token"),
    ("telephony", "0001_phone_call"),
    ("users", "0003_audit_event"),
]

pytestmark = pytest.mark.django_db(transaction=True)


def _back_to_the_earlier_release():
    """``davor migrate APP NAME`` for each app, as an administrator would; the models as they were then."""
    for app, name in EARLIER_RELEASE:
        call_command("migrate", app, name, verbosity=0)
    return MigrationExecutor(connection).loader.project_state(EARLIER_RELEASE).apps


def test_a_database_of_the_earlier_release_migrates_with_its_data_and_search():
    old = _back_to_the_earlier_release()
    try:
        team = old.get_model("users", "Team").objects.create(name="Süd")
        seller = old.get_model("users", "User").objects.create(username="alice", team=team, role="seller")
        customer = old.get_model("customers", "Customer").objects.create(
            owner=seller, number="K-1", name="Kessler Antriebstechnik GmbH"
        )
        old.get_model("pipeline", "Opportunity").objects.create(
            customer=customer, owner=seller, description="Linearführungen für die Montagelinie"
        )
    finally:
        call_command("migrate", verbosity=0)

    from davor.pipeline.models import Opportunity
    from davor.search.selectors import search
    from davor.users.models import User

    wish = Opportunity.objects.get()
    assert wish.version == 1
    found = search(user=User.objects.get(username="alice"), query="Linearführungen")
    assert found.ids("opportunity") == [wish.pk]
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA integrity_check")
            assert cursor.fetchone() == ("ok",)
            cursor.execute("SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND name LIKE '%_fts_owner'")
            assert cursor.fetchone()[0] == 5
