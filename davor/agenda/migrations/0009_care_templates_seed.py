"""The care templates as Davor wrote them before they became editable, in German and English."""

from django.db import migrations

TEMPLATES = [
    (
        "de",
        "email",
        "Vielen Dank",
        "{greeting}\n\nvielen Dank für {occasion}.\nWenn Sie etwas brauchen, helfe ich Ihnen gerne.\n\n"
        "Mit freundlichen Grüßen\n{seller}",
    ),
    ("de", "sms", "", "{greeting} vielen Dank für {occasion}. Mit freundlichen Grüßen, {seller}"),
    (
        "en",
        "email",
        "Thank you",
        "{greeting}\n\nthank you for {occasion}.\nIf you need anything, I am glad to help.\n\nKind regards\n{seller}",
    ),
    ("en", "sms", "", "{greeting} thank you for {occasion}. Kind regards, {seller}"),
]


def seed(apps, schema_editor):
    CareTemplate = apps.get_model("agenda", "CareTemplate")
    for language, channel, subject, body in TEMPLATES:
        CareTemplate.objects.get_or_create(
            language=language, channel=channel, defaults={"subject": subject, "body": body}
        )


def unseed(apps, schema_editor):
    CareTemplate = apps.get_model("agenda", "CareTemplate")
    for language, channel, subject, body in TEMPLATES:
        CareTemplate.objects.filter(language=language, channel=channel, subject=subject, body=body).delete()


class Migration(migrations.Migration):
    dependencies = [("agenda", "0008_care_templates")]

    operations = [migrations.RunPython(seed, unseed)]
