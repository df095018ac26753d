from django.db import migrations

OUTCOMES = [
    ("deal", "Abschluss", "Deal closed"),
    ("offer", "Angebot angefordert", "Offer requested"),
    ("follow_up", "Wiedervorlage vereinbart", "Follow-up agreed"),
    ("no_interest", "Kein Interesse", "No interest"),
    ("not_reached", "Nicht erreicht", "Not reached"),
]


def seed(apps, schema_editor):
    Outcome = apps.get_model("calls", "Outcome")
    for position, (kind, name_de, name_en) in enumerate(OUTCOMES, start=1):
        Outcome.objects.get_or_create(kind=kind, defaults={"name_de": name_de, "name_en": name_en, "position": position})


class Migration(migrations.Migration):
    dependencies = [("calls", "0003_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
