"""Encrypt what Davor must keep but never show: CalDAV app passwords.

The Fernet key is derived from SECRET_KEY, so a database dump alone does
not reveal the passwords; rotating SECRET_KEY means reconnecting calendars.
"""

import base64
import hashlib

from cryptography.fernet import Fernet, InvalidToken
from django.conf import settings


def _fernet() -> Fernet:
    digest = hashlib.sha256(f"davor.agenda.caldav:{settings.SECRET_KEY}".encode()).digest()
    return Fernet(base64.urlsafe_b64encode(digest))


def encrypt(plain: str) -> str:
    return _fernet().encrypt(plain.encode()).decode()


def decrypt(token: str) -> str:
    """The plain text, or "" when the key changed since it was stored."""
    try:
        return _fernet().decrypt(token.encode()).decode()
    except InvalidToken:
        return ""
