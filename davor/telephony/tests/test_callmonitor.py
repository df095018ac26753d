"""The call-monitor client against a fake FRITZ!Box speaking the line protocol over a real socket."""

import socket
import threading

import pytest

from davor.telephony.callmonitor import CallMonitor, MonitorEvent, parse_line
from davor.telephony.models import PhoneCall
from davor.telephony.services import monitor_event_record

pytestmark = pytest.mark.django_db


class FakeBox:
    """Serves one script of lines per connection, then closes it (a dropped connection)."""

    def __init__(self, scripts: list[list[str]]):
        self.scripts = scripts
        self.server = socket.create_server(("127.0.0.1", 0))
        self.port = self.server.getsockname()[1]
        self.accepted = 0
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def _serve(self):
        for script in self.scripts:
            conn, _addr = self.server.accept()
            self.accepted += 1
            with conn:
                for line in script:
                    conn.sendall(line.encode() + b"\n")
        self.server.close()


def test_it_parses_the_four_kinds_of_line():
    assert parse_line("23.06.26 10:15:03;RING;0;07111234523;5551234;SIP0;") == MonitorEvent(
        "ringing", "0", number="07111234523", at=parse_line("23.06.26 10:15:03;RING;0;x;y;").at
    )
    assert parse_line("23.06.26 10:16:40;CALL;1;10;5551234;0711 98765;SIP0;").number == "0711 98765"
    assert parse_line("23.06.26 10:15:09;CONNECT;0;10;07111234523;").event == "answered"
    assert parse_line("23.06.26 10:17:30;DISCONNECT;0;141;").event == "hungup"
    assert parse_line("23.06.26 10:17:30;DISCONNECT;0;141;").seconds == 141
    assert parse_line("garbage") is None and parse_line("") is None and parse_line("a;b;c;d") is None


def test_it_records_a_call_across_a_dropped_connection(owner, customer, contact):
    box = FakeBox(
        [
            ["02.03.26 10:00:00;RING;0;0711 12345231;5551234;SIP0;", "02.03.26 10:00:05;CONNECT;0;10;07111234523;"],
            ["nonsense line", "02.03.26 10:04:05;DISCONNECT;0;240;"],
        ]
    )
    stop = threading.Event()
    seen: list[str] = []

    def record(event):
        monitor_event_record(user=owner, event=event)
        seen.append(event.event)
        if event.event == "hungup":
            stop.set()

    monitor = CallMonitor(host="127.0.0.1", port=box.port, handle=record, backoff=(0.05,), stop=stop)
    timer = threading.Timer(10, stop.set)  # never hang the suite
    timer.start()
    monitor.run()
    timer.cancel()
    assert seen == ["ringing", "answered", "hungup"]
    assert monitor.connections == 2 and box.accepted == 2
    call = PhoneCall.objects.get()
    assert (call.customer, call.contact, call.state) == (customer, contact, PhoneCall.State.ENDED)
    assert call.duration_seconds == 240


def test_it_keeps_trying_while_the_box_is_unreachable(owner):
    spare = socket.create_server(("127.0.0.1", 0))
    port = spare.getsockname()[1]
    spare.close()  # nothing listens there now
    stop = threading.Event()
    waits = []
    monitor = CallMonitor(host="127.0.0.1", port=port, handle=lambda e: None, backoff=(0.01, 0.02), stop=stop)
    original = stop.wait

    def wait(delay):
        waits.append(delay)
        if len(waits) == 3:
            stop.set()
        return original(0)

    stop.wait = wait  # type: ignore[method-assign]
    monitor.run()
    assert waits == [0.01, 0.02, 0.02] and monitor.connections == 0


def test_it_takes_the_duration_the_box_reports(owner, customer, contact):
    # The stamps are 4 min 30 s apart, but the box counted 252 seconds talked (its lines lag behind).
    for line in (
        "02.03.26 10:00:00;RING;0;0711 12345231;5551234;SIP0;",
        "02.03.26 10:00:05;CONNECT;0;10;07111234523;",
        "02.03.26 10:04:35;DISCONNECT;0;252;",
    ):
        monitor_event_record(user=owner, event=parse_line(line))

    call = PhoneCall.objects.get()
    assert (call.talked_seconds, call.duration_seconds, call.duration_minutes) == (252, 252, 5)


def test_it_falls_back_to_the_stamps_when_no_duration_is_reported(owner, customer, contact):
    monitor_event_record(user=owner, event=parse_line("02.03.26 10:00:00;RING;0;0711 12345231;5551234;SIP0;"))
    monitor_event_record(user=owner, event=parse_line("02.03.26 10:00:05;CONNECT;0;10;07111234523;"))
    monitor_event_record(user=owner, event=parse_line("02.03.26 10:02:05;DISCONNECT;0;;"))

    assert PhoneCall.objects.get().duration_seconds == 120
