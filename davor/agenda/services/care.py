"""Care messages: the thank-you SMS or mail written from a template, sent, and the touch marked done."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from davor.agenda.models import Appointment, Task
from davor.agenda.sms import sms_send
from davor.customers.models import Channel, Contact
from davor.users.models import User

MESSAGE_CHANNELS = (Channel.EMAIL, Channel.SMS)


def care_message_compose(*, task: Task, channel: str) -> str:
    """The suggested text, in the customer's language, with the contact's name and the last appointment."""
    contact = task.contact
    seller = task.owner.get_full_name() or task.owner.username
    last = (
        Appointment.objects.filter(customer=task.customer, cancelled_at__isnull=True, start__lte=timezone.now())
        .order_by("-start")
        .first()
    )
    with translation.override(task.customer.language or settings.LANGUAGE_CODE):
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
            thanks = _("thank you for our appointment on %(day)s.") % {"day": day}
        else:
            thanks = _("thank you for the good conversation.")
        if channel == Channel.SMS:
            return f"{greeting} {thanks} {_('Kind regards')}, {seller}"
        return "\n".join(
            [greeting, "", thanks, _("If you need anything, I am glad to help."), "", _("Kind regards"), seller]
        )


def care_message_send(*, user: User, task: Task, channel: str, text: str) -> Task:
    """Send ``text`` to the task's contact on ``channel`` (needs consent), then mark the touch done with it.

    The message goes out before anything is written: when the mail server or
    the SMS gateway refuses, the touch stays open as it was.
    """
    contact = _check(task=task, channel=channel, text=text)
    if channel == Channel.EMAIL:
        with translation.override(task.customer.language or settings.LANGUAGE_CODE):
            subject = _("Thank you")
        EmailMessage(
            subject=subject,
            body=text,
            from_email=settings.DEFAULT_FROM_EMAIL,
            to=[contact.email],
            reply_to=[user.email] if user.email else None,
        ).send()
    else:
        sms_send(to=contact.mobile, text=text, reference=f"task-{task.pk}")
    return _mark_sent(user=user, task=task, channel=channel, text=text)


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
