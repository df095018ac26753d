"""A logging filter that keeps secrets in addresses out of the log.

The calendar feed's address is its only key (``/calendar/feed/<token>.ics``):
a feed that fails, or a wrong token, would otherwise write the token into
the log ("Not Found: /calendar/feed/…"), readable by whoever reads logs.
"""

import logging
import re

# Path segments that are secrets: the feed token (and anything else added here later).
_SECRET_PATHS = re.compile(r"(/calendar/feed/)[^/\s\"'?]+")


def redact(text: str) -> str:
    return _SECRET_PATHS.sub(r"\1…", text)


class RedactSecrets(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        cleaned = redact(message)
        if cleaned != message:
            record.msg, record.args = cleaned, ()
        if record.exc_info and record.exc_text is None and "/calendar/feed/" in message:
            record.exc_text = redact(logging.Formatter().formatException(record.exc_info))
        return True
