from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class PhoneCall(models.Model):
    """A call as the phone system reported it: ringing, answered, hung up.

    Once hung up after being answered it is a wrap-up waiting to be written
    (Today lists it until ``wrapup_done_at``). The customer and contact are
    what the caller ID matched when it rang.
    """

    class State(models.TextChoices):
        RINGING = "ringing", _("Ringing")
        CONNECTED = "connected", _("Connected")
        ENDED = "ended", _("Ended")

    class Direction(models.TextChoices):
        INBOUND = "in", _("Inbound")
        OUTBOUND = "out", _("Outbound")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("seller"), on_delete=models.CASCADE, related_name="phone_calls"
    )
    # The phone system's own id of the call (FRITZ!Box: the connection id), to match its later events.
    reference = models.CharField(_("reference"), max_length=64, blank=True)
    direction = models.CharField(_("direction"), max_length=3, choices=Direction.choices, default=Direction.INBOUND)
    state = models.CharField(_("state"), max_length=10, choices=State.choices, default=State.RINGING)
    number = models.CharField(_("number"), max_length=32, blank=True, help_text=_("The other side's number."))
    extension = models.CharField(_("extension"), max_length=20, blank=True)
    customer = models.ForeignKey(
        "customers.Customer", verbose_name=_("customer"), null=True, blank=True, on_delete=models.CASCADE
    )
    contact = models.ForeignKey(
        "customers.Contact", verbose_name=_("contact"), null=True, blank=True, on_delete=models.SET_NULL
    )
    started_at = models.DateTimeField(_("rang at"))
    connected_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    ended_at = models.DateTimeField(_("hung up at"), null=True, blank=True)
    talked_seconds = models.PositiveIntegerField(
        _("seconds talked"), null=True, blank=True, help_text=_("As the phone system reports it, when it does.")
    )
    wrapup_done_at = models.DateTimeField(_("wrap-up done"), null=True, blank=True)

    class Meta:
        verbose_name = _("phone call")
        verbose_name_plural = _("phone calls")
        ordering = ["-started_at", "-pk"]
        indexes = [
            models.Index(fields=["user", "state", "started_at"], name="telephony_live"),
            models.Index(fields=["user", "reference"], name="telephony_reference"),
        ]

    def __str__(self) -> str:
        return f"{self.number or '?'} · {self.started_at:%d.%m.%Y %H:%M}"

    @property
    def duration_seconds(self) -> int | None:
        """What the phone system reported, else the time from answer to hang-up."""
        if self.talked_seconds is not None:
            return self.talked_seconds
        if self.connected_at is None or self.ended_at is None:
            return None
        return max(int((self.ended_at - self.connected_at).total_seconds()), 0)

    @property
    def duration_minutes(self) -> int | None:
        seconds = self.duration_seconds
        return None if seconds is None else max(1, -(-seconds // 60))
