"""Sending an SMS through the configured HTTP gateway (format: docs/sms-gateway.md)."""

import json
import logging
import urllib.error
import urllib.request

from django.conf import settings
from django.utils.translation import gettext as _

from davor.lib.outbound import GENERIC, OutboundRefused, url_check

log = logging.getLogger(__name__)

TIMEOUT_SECONDS = 10


class SmsGatewayError(Exception):
    """The gateway is not configured, unreachable or said no; the message says which."""


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    """A redirect could lead past the outbound check: the gateway must answer itself."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):  # type: ignore[no-untyped-def]
        return None


_opener = urllib.request.build_opener(_NoRedirects)


def sms_send(*, to: str, text: str, reference: str) -> str:
    """POST the message to DAVOR_SMS_URL; returns the gateway's message id ("" if it gives none).

    Every failure reads the same for the seller (see davor.lib.outbound); the
    log keeps the reason for the administrator.
    """
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
        url_check(settings.DAVOR_SMS_URL)
        with _opener.open(request, timeout=TIMEOUT_SECONDS) as response:
            answer = response.read()
    except urllib.error.HTTPError as error:
        log.warning("The SMS gateway answered HTTP %s", error.code)
        raise SmsGatewayError(str(GENERIC)) from error
    except (OutboundRefused, urllib.error.URLError, OSError, ValueError) as error:
        log.warning("The SMS gateway could not be used: %s", type(error).__name__)
        raise SmsGatewayError(str(GENERIC)) from error
    try:
        return str(json.loads(answer or b"{}").get("id", ""))
    except (ValueError, AttributeError):
        return ""
