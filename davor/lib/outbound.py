"""The one check before Davor connects anywhere a user or an administrator named (CalDAV, SMS, fax).

A seller types a CalDAV address; without this check, Davor would connect to
whatever it names — the database server next door, the cloud's metadata
service at 169.254.169.254, a port on the machine itself — and the answer
would tell the seller what is there. So every outbound address is resolved
first and refused when any of its addresses is loopback, private, link-local,
multicast, reserved or unspecified, unless the administrator allowed that host
by name in ``DAVOR_OUTBOUND_ALLOW_HOSTS`` (a calendar server in the office
network, for instance).

Every refusal and every failure to connect reads the same (``GENERIC``), so
that nobody can tell a closed port from an open service by the message.
"""

import ipaddress
import socket
from urllib.parse import urlsplit

from django.conf import settings
from django.utils.translation import gettext_lazy as _

# What every refused or failed outbound connection says, whatever the reason.
GENERIC = _("The server at this address could not be used. Check the address, or ask your administrator.")


class OutboundRefused(Exception):
    """The address may not be connected to, or could not be; ``str()`` is the generic text."""

    def __init__(self) -> None:
        super().__init__(str(GENERIC))


def allowed_hosts() -> set[str]:
    """The host names (or addresses) the administrator allowed, lower case."""
    return {host.strip().lower().rstrip(".") for host in settings.DAVOR_OUTBOUND_ALLOW_HOSTS if host.strip()}


def _is_public(address: str) -> bool:
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return not (
        ip.is_loopback
        or ip.is_private
        or ip.is_link_local
        or ip.is_multicast
        or ip.is_reserved
        or ip.is_unspecified
        or not ip.is_global
    )


def host_check(host: str, *, port: int | None = None, unresolvable_ok: bool = False) -> None:
    """Refuse ``host`` unless allowed by name or every address it resolves to is public.

    ``unresolvable_ok`` is for a mail domain: it may have only MX records, and
    Davor never connects to it itself (its mail server does).
    """
    name = (host or "").strip().lower().rstrip(".").strip("[]")
    if not name:
        raise OutboundRefused
    if name in allowed_hosts():
        return
    try:
        infos = socket.getaddrinfo(name, port or 0, proto=socket.IPPROTO_TCP)
    except (OSError, UnicodeError) as error:
        if unresolvable_ok:
            return
        raise OutboundRefused from error
    if not infos or not all(_is_public(str(info[4][0])) for info in infos):
        raise OutboundRefused


def url_check(url: str) -> None:
    """Refuse ``url`` unless it is http(s) to a host ``host_check`` lets through."""
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError as error:
        raise OutboundRefused from error
    if parts.scheme not in {"http", "https"} or not parts.hostname:
        raise OutboundRefused
    host_check(parts.hostname, port=port or (443 if parts.scheme == "https" else 80))
