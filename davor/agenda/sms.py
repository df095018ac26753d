"""Sending an SMS through the configured HTTP gateway (format: docs/sms-gateway.md)."""

import json
import urllib.error
import urllib.request

from django.conf import settings
from django.utils.translation import gettext as _

TIMEOUT_SECONDS = 10


class SmsGatewayError(Exception):
    """The gateway is not configured, unreachable or said no; the message says which."""


def sms_send(*, to: str, text: str, reference: str) -> str:
    """POST the message to DAVOR_SMS_URL; returns the gateway's message id ("" if it gives none)."""
    if not settings.DAVOR_SMS_URL:
        raise SmsGatewayError(_("No SMS gateway is configured (DAVOR_SMS_URL)."))
    body = json.dumps({"to": to, "text": text, "reference": reference}).encode()
    request = urllib.request.Request(
        settings.DAVOR_SMS_URL,
        data=body,
        method="POST",
        headers={"Content-Type": "application/json", "Authorization": f"Bearer {settings.DAVOR_SMS_TOKEN}"},
    )
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT_SECONDS) as response:
            answer = response.read()
    except urllib.error.HTTPError as error:
        detail = error.read().decode(errors="replace")[:200]
        raise SmsGatewayError(
            _("The SMS gateway refused the message (HTTP %(status)s): %(detail)s")
            % {"status": error.code, "detail": detail}
        ) from error
    except (urllib.error.URLError, OSError) as error:
        raise SmsGatewayError(_("The SMS gateway could not be reached: %(reason)s") % {"reason": error}) from error
    try:
        return str(json.loads(answer or b"{}").get("id", ""))
    except (ValueError, AttributeError):
        return ""
