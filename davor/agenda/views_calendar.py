"""Appointment pages, the calendar settings page, the subscription feed and care messages."""

from smtplib import SMTPException

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from davor.agenda import services
from davor.agenda.caldav_push import CalendarPushError
from davor.agenda.forms import AppointmentForm, CaldavForm, CareMessageForm
from davor.agenda.ics import feed_ics, invitation_ics
from davor.agenda.selectors import appointment_get_for_user, feed_for_user, feed_owner, task_get_for_user
from davor.agenda.sms import SmsGatewayError
from davor.lib.locking import ChangedMeanwhile
from davor.users.http import AuthenticatedRequest as Request

# What a refused change can raise: the message is written for the seller.
REFUSALS = (CalendarPushError, SmsGatewayError, SMTPException, OSError)


def _errors(error: ValidationError) -> list[str]:
    return [str(message) for message in error.messages]


@require_http_methods(["GET", "POST"])
def appointment_detail(request: Request, appointment_id: int) -> HttpResponse:
    appointment = appointment_get_for_user(user=request.user, appointment_id=appointment_id)
    if request.method == "POST":
        form = AppointmentForm(request.POST)
        status = 400
        if form.is_valid():
            data = {**form.cleaned_data}
            version = data.pop("version")
            if data["start"] != appointment.start and data["end"] == appointment.end and appointment.end:
                # Moved, its end left as it was: it keeps its length, as a calendar does when you drag it.
                data["end"] = data["start"] + (appointment.end - appointment.start)
            try:
                services.appointment_update(
                    user=request.user, appointment=appointment, expected_version=version, **data
                )
            except ChangedMeanwhile as conflict:
                form.add_error(None, conflict.message)
                # Saving again replaces their changes, knowingly: the form now carries the current version.
                form.data = {**form.data.dict(), "version": str(conflict.current)}  # type: ignore[attr-defined]
                status = 409
            except ValidationError as error:
                form.add_error(None, error)
            except REFUSALS as error:
                form.add_error(None, str(error))
            else:
                messages.success(request, _("Appointment saved."))
                return redirect("appointment_detail", appointment.pk)
        appointment.refresh_from_db()
    else:
        status = 200
        local_start = timezone.localtime(appointment.start).replace(tzinfo=None)
        end = appointment.end
        form = AppointmentForm(
            initial={
                "title": appointment.title,
                "location": appointment.location,
                "start": local_start,
                "end": timezone.localtime(end).replace(tzinfo=None) if end else None,
                "version": appointment.version,
            }
        )
    participants = list(appointment.participants.all())
    return render(
        request,
        "agenda/appointment.html",
        {"appointment": appointment, "form": form, "participants": participants, "nav": "today"},
        status=status,
    )


@require_POST
def appointment_invite(request: Request, appointment_id: int) -> HttpResponse:
    appointment = appointment_get_for_user(user=request.user, appointment_id=appointment_id)
    ids = [int(pk) for pk in request.POST.getlist("participant") if pk.isdigit()]
    try:
        chosen = services.appointment_invite(user=request.user, appointment=appointment, participant_ids=ids)
    except ValidationError as error:
        for text in _errors(error):
            messages.error(request, text)
    except REFUSALS as error:
        messages.error(request, _("The invitation could not be sent: %(reason)s") % {"reason": error})
    else:
        messages.success(request, _("Invitation sent to %(names)s.") % {"names": ", ".join(p.name for p in chosen)})
    return redirect("appointment_detail", appointment.pk)


@require_POST
def appointment_cancel(request: Request, appointment_id: int) -> HttpResponse:
    appointment = appointment_get_for_user(user=request.user, appointment_id=appointment_id)
    try:
        services.appointment_cancel(user=request.user, appointment=appointment)
    except REFUSALS as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Appointment cancelled."))
    return redirect("appointment_detail", appointment.pk)


@require_safe
def appointment_ics(request: Request, appointment_id: int) -> HttpResponse:
    appointment = appointment_get_for_user(user=request.user, appointment_id=appointment_id)
    method = "CANCEL" if appointment.cancelled_at else "REQUEST"
    body = invitation_ics(appointment, method=method, attendees=appointment.participants.all())
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="appointment-{appointment.pk}.ics"'
    return response


@require_safe
def calendar_page(request: Request) -> HttpResponse:
    account = services.calendar_account_for(user=request.user)
    feed_url = request.build_absolute_uri(reverse("calendar_feed", args=[account.feed_token]))
    form = CaldavForm(initial={"url": account.caldav_url, "username": account.caldav_username})
    return render(
        request, "agenda/calendar.html", {"account": account, "feed_url": feed_url, "form": form, "nav": "today"}
    )


@require_POST
def feed_reset(request: Request) -> HttpResponse:
    services.feed_token_reset(user=request.user)
    messages.success(request, _("New subscription address made; the old one no longer works."))
    return redirect("calendar_settings")


@require_POST
def caldav_connect(request: Request) -> HttpResponse:
    form = CaldavForm(request.POST)
    if form.is_valid():
        try:
            services.caldav_connect(user=request.user, **form.cleaned_data)
        except CalendarPushError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Calendar connected."))
            return redirect("calendar_settings")
    account = services.calendar_account_for(user=request.user)
    feed_url = request.build_absolute_uri(reverse("calendar_feed", args=[account.feed_token]))
    context = {"account": account, "feed_url": feed_url, "form": form, "nav": "today"}
    return render(request, "agenda/calendar.html", context, status=400)


@require_POST
def caldav_disconnect(request: Request) -> HttpResponse:
    services.caldav_disconnect(user=request.user)
    messages.success(request, _("Calendar disconnected."))
    return redirect("calendar_settings")


@login_not_required
@require_safe
def feed(request, token: str) -> HttpResponse:
    """The private subscription feed: the token in the address is the only key."""
    user = feed_owner(token=token)
    appointments, tasks = feed_for_user(user=user, now=timezone.now())
    response = HttpResponse(feed_ics(user=user, appointments=appointments, tasks=tasks))
    response["Content-Type"] = "text/calendar; charset=utf-8"
    response["Cache-Control"] = "private, max-age=300"
    return response


@require_http_methods(["GET", "POST"])
def care_message(request: Request, task_id: int) -> HttpResponse:
    """Write the message from the template, preview exactly what goes out, then send it from the preview."""
    task = task_get_for_user(user=request.user, task_id=task_id)
    preview = None
    if request.method == "POST":
        form = CareMessageForm(request.POST)
        if form.is_valid():
            try:
                if request.POST.get("action") == "send":
                    services.care_message_send(user=request.user, task=task, **form.cleaned_data)
                    messages.success(request, _("Sent; the care touch is done."))
                    return redirect("today")
                preview = services.care_message_preview(task=task, **form.cleaned_data)
            except ValidationError as error:
                for text in _errors(error):
                    form.add_error(None, text)
            except REFUSALS as error:
                form.add_error(None, str(error))
    else:
        channel = request.GET.get("channel") or (task.channel if task.channel in ("email", "sms") else "email")
        if channel not in ("email", "sms"):
            channel = "email"
        composed = services.care_message_compose(task=task, channel=channel)
        form = CareMessageForm(initial={"channel": channel, "subject": composed.subject, "text": composed.text})
    status = 400 if request.method == "POST" and preview is None else 200
    context = {"task": task, "form": form, "preview": preview, "nav": "today"}
    return render(request, "agenda/care_message.html", context, status=status)
