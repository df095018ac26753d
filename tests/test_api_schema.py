"""schemathesis against /api/v1/openapi.json: no server error and no answer that breaks the schema.

Runs in-process through the WSGI app with a personal token, a few examples
per operation, on the test database with one customer of the token's user.
Then hypothesis sends hostile and boundary values (control characters, line
breaks, dates at the ends of the calendar, ids past 64 bits, broken form
counts) into the forms and operations with input bounds: never a 5xx, and a
refused request changes nothing.
"""

import pytest
import schemathesis
from django.core import signals
from django.db import close_old_connections
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import response_schema_conformance

from davor.users.tokens import api_token_create
from davor.wsgi import application

EXAMPLES_PER_OPERATION = 8


@pytest.fixture(autouse=True)
def _keep_the_test_connection():
    """Calling the WSGI app directly fires request_started/finished, which close "old"
    connections: on PostgreSQL that is the test's own connection, mid-transaction.
    Django's test client switches this off the same way."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


def test_it_answers_every_operation_without_server_errors_or_schema_violations(owner, customer, contact):
    _token, secret = api_token_create(user=owner, name="schemathesis")
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application, headers={"Host": "localhost"})
    headers = {"Authorization": f"Bearer {secret}", "Host": "localhost"}
    failures = []
    statuses: list[int] = []

    for result in schema.get_all_operations():
        operation = result.ok()

        @given(case=operation.as_strategy())
        @settings(
            max_examples=EXAMPLES_PER_OPERATION,
            deadline=None,
            database=None,
            derandomize=True,
            phases=[Phase.explicit, Phase.generate],
            suppress_health_check=list(HealthCheck),
        )
        def check(case) -> None:
            response = case.call(headers=headers)
            statuses.append(response.status_code)
            case.validate_response(response, checks=[not_a_server_error, response_schema_conformance])

        try:
            check()
        except Exception as error:  # collect all operations' failures, then report them together
            failures.append(f"{operation.method.upper()} {operation.path}: {error}")

    assert failures == []
    assert sum(200 <= status < 300 for status in statuses) > 20  # the token works: real answers were checked


# --- hostile and boundary values into the forms and operations with input bounds -----------------------

FUZZ_EXAMPLES = 30
HOSTILE_TEXT = st.one_of(
    st.sampled_from(
        [
            "", " ", "Termin\r\nBcc: alle@example.com", "a\x00b", "a\x0bb", "\x1b[31m", "\u2028", "=HYPERLINK(1)",
            "ß" * 201, "x" * 5000, "0001-01-01T00:00", "9999-12-31T22:00", "31.12.9999",
        ]
    ),
    st.text(max_size=60),
)  # fmt: skip
MOMENTS = st.sampled_from(
    [
        "0001-01-01T00:00", "1899-12-31T23:59", "1900-01-01T00:00", "2026-03-11T10:00", "2200-12-31T22:00",
        "2201-01-01T00:00", "9999-12-31T22:00", "9999-12-31T23:59:59+23:59", "2026-02-30T10:00", "abc", "", "-1",
    ]
)  # fmt: skip
NUMBERS = st.sampled_from(["0", "-1", "1", "abc", "1e9", str(2**31), str(2**63 - 1), str(2**63), str(2**64), ""])
FUZZ_SETTINGS = settings(
    max_examples=FUZZ_EXAMPLES,
    deadline=None,
    database=None,
    derandomize=True,
    suppress_health_check=list(HealthCheck),
)


def _snapshot() -> tuple:
    """Everything the fuzzed operations could write: a refused request must leave it as it was."""
    from davor.agenda.models import Appointment
    from davor.calls.models import Call
    from davor.customers.models import Customer
    from davor.pipeline.models import Opportunity
    from davor.telephony.models import PhoneCall

    return (
        list(
            Appointment.objects.order_by("pk").values_list("title", "location", "start", "duration_minutes", "version")
        ),
        list(Opportunity.objects.order_by("pk").values_list("description", "horizon", "status", "version")),
        Customer.objects.count(),
        PhoneCall.objects.count(),
        Call.objects.count(),
    )


STATUSES: list[int] = []


def _sent(response, before: tuple) -> None:
    STATUSES.append(response.status_code)
    assert response.status_code < 500, response.content[:300]
    if response.status_code >= 400:
        assert _snapshot() == before, f"a refused request ({response.status_code}) changed data"


@pytest.fixture
def targets(owner, customer):
    from datetime import UTC, datetime

    from davor.agenda.models import Appointment
    from davor.pipeline.models import Opportunity

    appointment = Appointment.objects.create(
        customer=customer, owner=owner, start=datetime(2026, 3, 10, 13, tzinfo=UTC), location="Werk", title="T"
    )
    wish = Opportunity.objects.create(customer=customer, owner=owner, description="Linearführungen")
    return appointment, wish


def test_hostile_values_never_answer_5xx_nor_write_half(owner_client, owner_api, targets):
    appointment, wish = targets

    @given(title=HOSTILE_TEXT, location=HOSTILE_TEXT, start=MOMENTS, end=MOMENTS, version=NUMBERS)
    @FUZZ_SETTINGS
    def appointment_page(title, location, start, end, version) -> None:
        before = _snapshot()
        form = {"title": title, "location": location, "start": start, "end": end, "version": version}
        _sent(owner_client.post(f"/appointments/{appointment.pk}/", form), before)

    @given(title=HOSTILE_TEXT, start=MOMENTS, minutes=NUMBERS, version=NUMBERS, if_match=NUMBERS)
    @FUZZ_SETTINGS
    def appointment_api(title, start, minutes, version, if_match) -> None:
        before = _snapshot()
        body = {"title": title, "start": start, "duration_minutes": minutes, "version": version}
        body = {
            k: (int(v) if k in ("duration_minutes", "version") and v.lstrip("-").isdigit() else v)
            for k, v in body.items()
        }
        _sent(owner_api.send("PATCH", f"/appointments/{appointment.pk}/", body, {"If-Match": if_match}), before)

    @given(description=HOSTILE_TEXT, horizon=MOMENTS, version=NUMBERS)
    @FUZZ_SETTINGS
    def opportunity_api(description, horizon, version) -> None:
        before = _snapshot()
        body = {"description": description, "horizon": horizon[:10], "version": version}
        _sent(owner_api.send("PATCH", f"/opportunities/{wish.pk}/", body), before)

    @given(name=HOSTILE_TEXT, country=st.sampled_from(["DE", "xx", "", "D\x00", "ZZ"]), count=NUMBERS)
    @FUZZ_SETTINGS
    def customer_form_and_api(name, country, count) -> None:
        before = _snapshot()
        form = {"name": name, "status": "prospect", "country": country, "language": "de", "contact-TOTAL_FORMS": count}
        _sent(owner_client.post("/customers/new/", form), before)
        _sent(owner_api.send("POST", "/customers/", {"name": name, "country": country}), _snapshot())

    @given(at=MOMENTS, caller=HOSTILE_TEXT, call_id=HOSTILE_TEXT, path_id=NUMBERS)
    @FUZZ_SETTINGS
    def telephony_and_ids(at, caller, call_id, path_id) -> None:
        before = _snapshot()
        event = {"event": "ringing", "caller": caller, "call_id": call_id, "at": at}
        _sent(owner_api.send("POST", "/telephony/events", event), before)
        for path in (f"/appointments/{path_id}/", f"/customers/{path_id}/", f"/calls/{path_id}/"):
            assert owner_client.get(path).status_code < 500
        assert owner_api.get("/appointments/", {"customer_id": path_id, "page_size": path_id}).status_code < 500

    @given(started_at=MOMENTS, count=NUMBERS, note=HOSTILE_TEXT)
    @FUZZ_SETTINGS
    def wrapup(started_at, count, note) -> None:
        form = {"started_at": started_at, "note": note, "appointments-TOTAL_FORMS": count}
        _sent(owner_client.post(f"/calls/new/?customer={appointment.customer_id}", form), _snapshot())

    fuzzers = (appointment_page, appointment_api, opportunity_api, customer_form_and_api, telephony_and_ids, wrapup)
    for fuzz in fuzzers:
        fuzz()
    # Both kinds were sent: values taken (some saves went through) and values refused.
    assert any(status < 400 for status in STATUSES) and any(400 <= status < 500 for status in STATUSES)
    # The pages and exports that broke on stored values still answer.
    for path in (
        f"/appointments/{appointment.pk}/",
        f"/appointments/{appointment.pk}/ics/",
        "/",
        "/customers/export/?format=xlsx",
    ):
        assert owner_client.get(path).status_code == 200
