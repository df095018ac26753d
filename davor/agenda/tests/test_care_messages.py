from datetime import date, datetime

import pytest
import time_machine
from django.core import mail
from django.core.exceptions import ValidationError

from davor.agenda.models import CareTemplate, Task
from davor.agenda.services import care_message_compose, care_message_send
from davor.agenda.sms import SmsGatewayError
from davor.agenda.tests.conftest import BERLIN
from davor.agenda.tests.factories import appointment, task

pytestmark = pytest.mark.django_db
NOW = datetime(2026, 3, 11, 9, 0, tzinfo=BERLIN)


@pytest.fixture(autouse=True)
def _frozen():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def care(customer, contact):
    contact.mobile = "+4917612345678"
    contact.save(update_fields=["mobile"])
    appointment(customer, start=datetime(2026, 3, 10, 14, 0, tzinfo=BERLIN), duration_minutes=60)
    return task(customer, due=date(2026, 3, 11), kind=Task.Kind.CARE, title="Danke sagen", contact=contact)


def consent(contact, channel):
    setattr(contact, f"consent_{channel}", True)
    setattr(contact, f"consent_{channel}_date", date(2026, 1, 5))
    setattr(contact, f"consent_{channel}_source", "Messe")
    contact.save()


def test_it_composes_with_the_name_and_the_last_appointment(care):
    message = care_message_compose(task=care, channel="email")

    assert "Kessler" in message.text
    assert "10.03.2026" in message.text
    assert message.subject == "Vielen Dank"  # the customer writes German


def test_it_sends_the_mail_and_marks_the_touch_done_with_the_text(owner_client, owner, care, contact):
    consent(contact, "email")

    response = owner_client.post(
        f"/tasks/{care.pk}/message/", {"channel": "email", "text": "Danke, Herr Kessler!", "action": "send"}
    )

    assert response.status_code == 302
    (message,) = mail.outbox
    assert message.to == ["j.kessler@kessler-antriebe.de"]
    assert message.body == "Danke, Herr Kessler!"
    care.refresh_from_db()
    assert care.done_at == NOW
    assert care.done_by == owner
    assert care.done_note.endswith("Danke, Herr Kessler!")


def test_it_refuses_a_channel_without_consent(owner_client, care, contact):
    consent(contact, "email")

    response = owner_client.post(f"/tasks/{care.pk}/message/", {"channel": "sms", "text": "Danke!", "action": "send"})

    assert response.status_code == 400
    assert mail.outbox == []
    care.refresh_from_db()
    assert care.done_at is None


def test_it_sends_the_sms_through_the_gateway(gateway, owner, care, contact):
    consent(contact, "sms")

    care_message_send(user=owner, task=care, channel="sms", text="Danke für den Termin!")

    (request,) = gateway.requests
    assert request["headers"]["Authorization"] == "Bearer token-123"
    assert request["json"] == {"to": "+4917612345678", "text": "Danke für den Termin!", "reference": f"task-{care.pk}"}
    care.refresh_from_db()
    assert care.done_at is not None
    assert care.channel == "sms"


def test_it_keeps_the_touch_open_when_the_gateway_fails(gateway, owner_client, owner, care, contact, caplog):
    consent(contact, "sms")
    gateway.status = 502

    with pytest.raises(SmsGatewayError, match="konnte nicht verwendet werden"):
        care_message_send(user=owner, task=care, channel="sms", text="Danke!")
    response = owner_client.post(f"/tasks/{care.pk}/message/", {"channel": "sms", "text": "Danke!", "action": "send"})

    assert response.status_code == 400
    # The seller reads the one text every failure gives; the log tells the administrator why.
    assert "konnte nicht verwendet werden" in response.content.decode()
    assert "HTTP 502" in caplog.text
    care.refresh_from_db()
    assert (care.done_at, care.done_note) == (None, "")


def test_it_refuses_a_contact_without_mobile_number(owner, care, contact):
    consent(contact, "sms")
    contact.mobile = ""
    contact.save()

    with pytest.raises(ValidationError):
        care_message_send(user=owner, task=care, channel="sms", text="Danke!")


def test_it_returns_404_for_someone_elses_care_touch(outsider_client, care):
    assert outsider_client.get(f"/tasks/{care.pk}/message/").status_code == 404
    assert outsider_client.post(f"/tasks/{care.pk}/message/", {"channel": "email", "text": "x"}).status_code == 404


def test_it_refuses_a_gateway_inside_unless_allowed(gateway, settings, owner, care, contact):
    consent(contact, "sms")
    settings.DAVOR_OUTBOUND_ALLOW_HOSTS = []

    with pytest.raises(SmsGatewayError, match="konnte nicht verwendet werden"):
        care_message_send(user=owner, task=care, channel="sms", text="Danke!")

    assert gateway.requests == []
    care.refresh_from_db()
    assert care.done_at is None


def test_it_starts_with_todays_texts_in_german_and_english(db):
    templates = {(t.language, t.channel): t for t in CareTemplate.objects.all()}

    assert set(templates) == {("de", "email"), ("de", "sms"), ("en", "email"), ("en", "sms")}
    assert templates["de", "email"].subject == "Vielen Dank"
    assert templates["en", "email"].subject == "Thank you"
    assert "{greeting}" in templates["de", "email"].body


def test_it_fills_an_edited_template_with_the_names(care, customer):
    CareTemplate.objects.filter(language="de", channel="email").update(
        subject="Danke, {contact}!", body="Liebe Grüße an alle bei {customer}, {contact}. {seller}"
    )

    message = care_message_compose(task=care, channel="email")

    assert message.subject == "Danke, Jens Kessler!"
    assert message.text.startswith(f"Liebe Grüße an alle bei {customer.name}, Jens Kessler.")


def test_it_writes_to_an_english_customer_from_the_english_template(care, customer):
    customer.language = "en"
    customer.save(update_fields=["language"])

    message = care_message_compose(task=care, channel="email")

    assert message.subject == "Thank you"
    assert "thank you for our appointment on 10.03.2026." in message.text


def test_it_refuses_a_template_with_an_unknown_placeholder(db):
    template = CareTemplate(language="de", channel="email", subject="Danke", body="Hallo {kunde}")

    with pytest.raises(ValidationError, match="kunde"):
        template.full_clean(exclude=["language", "channel"])


def test_it_previews_the_mail_before_sending_it(owner_client, owner, care, contact, smtp):
    consent(contact, "email")
    CareTemplate.objects.filter(language="de", channel="email").update(subject="Danke für den Termin, {contact}")
    url = f"/tasks/{care.pk}/message/"
    page = owner_client.get(url).content.decode()
    assert 'value="Danke für den Termin, Jens Kessler"' in page

    preview = owner_client.post(
        url, {"channel": "email", "subject": "Danke für den Termin, Jens Kessler", "text": "Danke!\nBis bald"}
    )

    assert preview.status_code == 200
    html = preview.content.decode()
    assert "j.kessler@kessler-antriebe.de" in html
    assert '<dd class="care-subject">Danke für den Termin, Jens Kessler</dd>' in html
    assert '<pre class="care-body">Danke!\nBis bald</pre>' in html
    assert 'name="action" value="send"' in html
    assert smtp.messages == []
    care.refresh_from_db()
    assert care.done_at is None

    owner_client.post(
        url,
        {
            "channel": "email",
            "subject": "Danke für den Termin, Jens Kessler",
            "text": "Danke!\nBis bald",
            "action": "send",
        },
    )

    (message,) = smtp.messages
    assert message["Subject"] == "Danke für den Termin, Jens Kessler"
    assert message.get_content().splitlines() == ["Danke!", "Bis bald"]
