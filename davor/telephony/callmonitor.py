"""The AVM FRITZ!Box call monitor: a text line per call event on TCP port 1012.

    23.06.26 10:15:03;RING;0;07111234523;5551234;SIP0;          caller, our number
    23.06.26 10:16:40;CALL;1;10;5551234;07111234523;SIP0;       our extension, our number, called
    23.06.26 10:15:09;CONNECT;0;10;07111234523;                 extension, the other side
    23.06.26 10:17:30;DISCONNECT;0;141;                         seconds talked

The box numbers its connections 0, 1, 2… and reuses them, so a call is
known by its connection id only until it ends. The client reconnects after
a drop, waiting longer each time (up to a minute), and logs what it did.
"""

import logging
import socket
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime

from django.utils import timezone

log = logging.getLogger("davor.callmonitor")

DEFAULT_PORT = 1012
BACKOFF = (1.0, 2.0, 5.0, 10.0, 30.0, 60.0)
_KINDS = {"RING": "ringing", "CALL": "dialing", "CONNECT": "answered", "DISCONNECT": "hungup"}


@dataclass(frozen=True)
class MonitorEvent:
    event: str  # ringing, dialing, answered, hungup: the telephony service's words
    connection: str
    number: str = ""
    extension: str = ""
    at: datetime | None = None
    seconds: int | None = None  # DISCONNECT: how long the box says the call was talked


def parse_line(line: str) -> MonitorEvent | None:
    """One line of the call monitor; None for anything else (blank, garbled, unknown kind)."""
    fields = line.strip().split(";")
    if len(fields) < 4 or fields[1] not in _KINDS:
        return None
    stamp, kind, connection = fields[0], fields[1], fields[2]
    at = _time(stamp)
    if kind == "RING":
        return MonitorEvent("ringing", connection, number=fields[3], at=at)
    if kind == "CALL":
        called = fields[5] if len(fields) > 5 else ""
        return MonitorEvent("dialing", connection, number=called, extension=fields[3], at=at)
    if kind == "CONNECT":
        number = fields[4] if len(fields) > 4 else ""
        return MonitorEvent("answered", connection, number=number, extension=fields[3], at=at)
    # The box counts the seconds talked itself: more exact than two line stamps a second apart each.
    seconds = fields[3].strip()
    return MonitorEvent("hungup", connection, at=at, seconds=int(seconds) if seconds.isdigit() else None)


def _time(stamp: str) -> datetime | None:
    try:
        naive = datetime.strptime(stamp.strip(), "%d.%m.%y %H:%M:%S")
    except ValueError:
        return None
    return timezone.make_aware(naive)


class CallMonitor:
    """Connects to the box, hands each event to ``handle``, reconnects after drops until ``stop`` is set."""

    def __init__(
        self,
        *,
        host: str,
        port: int = DEFAULT_PORT,
        handle: Callable[[MonitorEvent], None],
        backoff: Sequence[float] = BACKOFF,
        stop: threading.Event | None = None,
    ):
        self.host, self.port, self.handle, self.backoff = host, port, handle, backoff
        self.stop = stop or threading.Event()
        self.connections = 0

    def run(self) -> None:
        failures = 0
        while not self.stop.is_set():
            try:
                with socket.create_connection((self.host, self.port), timeout=10) as sock:
                    self.connections += 1
                    failures = 0
                    log.info("connected to the call monitor at %s:%s", self.host, self.port)
                    self._read(sock)
                if not self.stop.is_set():
                    log.warning("the call monitor at %s:%s closed the connection", self.host, self.port)
            except OSError as error:
                log.warning("call monitor at %s:%s: %s", self.host, self.port, error)
            if self.stop.is_set():
                break
            delay = self.backoff[min(failures, len(self.backoff) - 1)]
            failures += 1
            log.info("reconnecting in %.0f s", delay)
            self.stop.wait(delay)

    def _read(self, sock: socket.socket) -> None:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_KEEPALIVE, 1)  # notice a box that vanished silently
        sock.settimeout(0.5)  # the box is quiet between calls; the timeout only lets us notice stop
        buffer = b""
        while not self.stop.is_set():
            try:
                chunk = sock.recv(4096)
            except TimeoutError:
                continue
            if not chunk:
                return
            buffer += chunk
            *lines, buffer = buffer.split(b"\n")
            for raw in lines:
                self._dispatch(raw.decode("utf-8", errors="replace"))

    def _dispatch(self, line: str) -> None:
        event = parse_line(line)
        if event is None:
            if line.strip():
                log.info("ignored line: %r", line.strip())
            return
        started = time.perf_counter()
        try:
            self.handle(event)
        except Exception:  # one bad event must not end the monitor
            log.exception("could not record %s of connection %s", event.event, event.connection)
            return
        log.info(
            "%s connection %s %s (%.0f ms)",
            event.event,
            event.connection,
            event.number or "",
            (time.perf_counter() - started) * 1000,
        )
