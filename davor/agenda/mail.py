"""The mail Davor's agenda sends: invitations with their .ics, and the morning digest."""

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _

from davor.agenda.ics import customer_link, duration_note, invitation_ics, participant_line, when_text
from davor.agenda.models import Appointment, Participant, Task
from davor.agenda.selectors import TodayAgenda
from davor.lib.bounds import one_line
from davor.users.models import User


def invitation_send(*, appointment: Appointment, method: str, participants: list[Participant]) -> None:
    """Mail METHOD:REQUEST or METHOD:CANCEL to the participants, in the customer's language."""
    language = appointment.customer.language or settings.LANGUAGE_CODE
    ics = invitation_ics(appointment, method=method, attendees=participants, language=language)
    seller = appointment.owner
    with translation.override(language):
        # A line break in a subject would end the mail header: one line, whatever was stored.
        subject_text = one_line(appointment.title or appointment.customer.name)
        if method == "CANCEL":
            subject = _("Cancelled: %(subject)s on %(when)s")
            intro = _("the following appointment is cancelled:")
        else:
            subject = _("Invitation: %(subject)s on %(when)s")
            intro = _("we would like to confirm the following appointment:")
        when = when_text(appointment)
        lines = [
            _("Good day,"),
            "",
            intro,
            "",
            f"{subject_text}",
            _("When: %(when)s") % {"when": when},
        ]
        if duration_note(appointment):
            lines.append(duration_note(appointment))
        if appointment.location:
            lines.append(_("Where: %(place)s") % {"place": appointment.location})
        lines += [_("Participants:")] + [f"- {participant_line(p)}" for p in appointment.participants.all()]
        lines += ["", _("Kind regards"), seller.get_full_name() or seller.username]
        message = EmailMessage(
            subject=subject % {"subject": subject_text, "when": when},
            body="\n".join(lines),
            from_email=settings.DEFAULT_FROM_EMAIL,
            to=[p.contact.email for p in participants if p.contact and p.contact.email],
            reply_to=[seller.email] if seller.email else None,
        )
    filename = "cancel.ics" if method == "CANCEL" else "invite.ics"
    message.attach(filename, ics, f"text/calendar; method={method}; charset=utf-8")
    message.send()


def digest_send(*, user: User, agenda: TodayAgenda) -> None:
    """The morning digest: today's appointments, due and overdue tasks, care touches, open wrap-ups.

    The customer's overdue promises get their own list: those are calls to make, not work to do.
    """
    with translation.override(user.language or settings.LANGUAGE_CODE):
        context = {
            "user": user,
            "agenda": agenda,
            "overdue": [t for t in agenda.overdue if t.kind != Task.Kind.CUSTOMER_PROMISE],
            "flagged": [t for t in agenda.overdue if t.kind == Task.Kind.CUSTOMER_PROMISE],
            "base_url": settings.DAVOR_BASE_URL,
        }
        body = render_to_string("agenda/digest.txt", context)
        subject = _("Davor: your day on %(day)s") % {"day": agenda.today.strftime("%d.%m.%Y")}
    EmailMessage(subject=subject, body=body, from_email=settings.DEFAULT_FROM_EMAIL, to=[user.email]).send()


__all__ = ["customer_link", "digest_send", "invitation_send"]
