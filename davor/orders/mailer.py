"""Django's SMTP backend, keeping the server's answer to each message.

A confirmation counts as sent only when the server accepted it, and the
record shows what the server said ("250 2.0.0 Ok: queued as 4F1…"), so that a
lost e-mail can be traced in the server's log. The answer is left on the
message as ``smtp_reply``.
"""

import smtplib
from typing import cast

from django.core.mail.backends import smtp


class _ReplyKeeping(smtplib.SMTP):
    last_reply = ""

    def data(self, msg):
        code, reply = super().data(msg)
        self.last_reply = f"{code} {reply.decode('utf-8', 'replace')}"
        return code, reply


class _ReplyKeepingSSL(_ReplyKeeping, smtplib.SMTP_SSL):
    pass


class EmailBackend(smtp.EmailBackend):
    @property
    def connection_class(self):
        return _ReplyKeepingSSL if self.use_ssl else _ReplyKeeping

    def _send(self, email_message) -> bool:
        sent = super()._send(email_message)  # type: ignore[misc]  # private in Django, missing from the stubs
        if sent:
            email_message.smtp_reply = cast(_ReplyKeeping, self.connection).last_reply
        return sent
