"""Care messages: the thank-you SMS or mail written from a template, sent, and the touch marked done."""

from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from davor.agenda.models import CARE_PLACEHOLDERS, Appointment, CareTemplate, Task
from davor.agenda.sms import sms_send
from davor.customers.models import Channel, Contact
from davor.users.models import User

MESSAGE_CHANNELS = (Channel.EMAIL, Channel.SMS)


@dataclass(frozen=True)
class CareMessage:
    subject: str
    text: str


def care_message_compose(*, task: Task, channel: str) -> CareMessage:
    """The customer's language's template for ``channel``, filled in with names and the last appointment."""
    language = task.customer.language or settings.LANGUAGE_CODE
    template = care_template_for(language=language, channel=channel)
    if template is None:
        return CareMessage("", "")
    with translation.override(language):
        values = _placeholder_values(task)
    return CareMessage(template.subject.format_map(values), template.body.format_map(values))


def care_template_for(*, language: str, channel: str) -> CareTemplate | None:
    """The template in ``language``, else in Davor's default language (an admin may add more)."""
    templates = {t.language: t for t in CareTemplate.objects.filter(channel=channel)}
    return templates.get(language) or templates.get(settings.LANGUAGE_CODE)


def _placeholder_values(task: Task) -> dict[str, str]:
    contact = task.contact
    last = (
        Appointment.objects.filter(customer=task.customer, cancelled_at__isnull=True, start__lte=timezone.now())
        .order_by("-start")
        .first()
    )
    if contact is not None and contact.salutation == "Frau":
        greeting = _("Dear Ms %(name)s,") % {"name": contact.last_name}
    elif contact is not None and contact.salutation == "Herr":
        greeting = _("Dear Mr %(name)s,") % {"name": contact.last_name}
    elif contact is not None:
        greeting = _("Dear %(name)s,") % {"name": contact.full_name}
    else:
        greeting = _("Good day,")
    if last is not None:
        day = timezone.localtime(last.start).strftime("%d.%m.%Y")
        occasion = _("our appointment on %(day)s") % {"day": day}
    else:
        occasion = _("the good conversation")
    values = {
        "greeting": greeting,
        "contact": contact.full_name if contact else "",
        "customer": task.customer.name,
        "seller": task.owner.get_full_name() or task.owner.username,
        "occasion": occasion,
    }
    assert set(values) == set(CARE_PLACEHOLDERS)
    return values


def care_message_send(*, user: User, task: Task, channel: str, text: str, subject: str = "") -> Task:
    """Send ``text`` to the task's contact on ``channel`` (needs consent), then mark the touch done with it.

    A mail without ``subject`` takes the template's. The message goes out
    before anything is written: when the mail server or the SMS gateway
    refuses, the touch stays open as it was.
    """
    preview = care_message_preview(task=task, channel=channel, text=text, subject=subject)
    if channel == Channel.EMAIL:
        EmailMessage(
            subject=preview.subject,
            body=text,
            from_email=settings.DEFAULT_FROM_EMAIL,
            to=[preview.to],
            reply_to=[user.email] if user.email else None,
        ).send()
    else:
        sms_send(to=preview.to, text=text, reference=f"task-{task.pk}")
    return _mark_sent(user=user, task=task, channel=channel, text=text)


@dataclass(frozen=True)
class CarePreview:
    """The message exactly as it will go out."""

    to: str
    subject: str
    text: str


def care_message_preview(*, task: Task, channel: str, text: str, subject: str = "") -> CarePreview:
    """What ``care_message_send`` would send; ValidationError for what stops it (consent, address, text)."""
    contact = _check(task=task, channel=channel, text=text)
    if channel == Channel.EMAIL:
        subject = subject.strip() or care_message_compose(task=task, channel=channel).subject
        return CarePreview(contact.email, subject, text)
    return CarePreview(contact.mobile, "", text)


def _check(*, task: Task, channel: str, text: str) -> Contact:
    if task.done_at is not None:
        raise ValidationError(_("This care touch is already done."))
    if channel not in MESSAGE_CHANNELS:
        raise ValidationError(_("Care messages go by e-mail or SMS."))
    if not text.strip():
        raise ValidationError({"text": [_("Write the message first.")]})
    contact = task.contact
    if contact is None:
        raise ValidationError(_("This care touch has no contact to write to."))
    if not contact.has_consent(channel):
        raise ValidationError(
            _("%(name)s has not agreed to be contacted by %(channel)s.")
            % {"name": contact.full_name, "channel": Channel(channel).label}
        )
    if channel == Channel.EMAIL and not contact.email:
        raise ValidationError(_("%(name)s has no e-mail address.") % {"name": contact.full_name})
    if channel == Channel.SMS and not contact.mobile:
        raise ValidationError(_("%(name)s has no mobile number.") % {"name": contact.full_name})
    return contact


@transaction.atomic
def _mark_sent(*, user: User, task: Task, channel: str, text: str) -> Task:
    task.done_at = timezone.now()
    task.done_by = user
    task.channel = channel
    task.done_note = f"{Channel(channel).label}: {text.strip()}"
    task.save(update_fields=["done_at", "done_by", "channel", "done_note"])
    return task
