"""schemathesis against /api/v1/openapi.json: no server error and no answer that breaks the schema.

Runs in-process through the WSGI app with a personal token, a few examples
per operation, on the test database with one customer of the token's user.
"""

import pytest
import schemathesis
from django.core import signals
from django.db import close_old_connections
from hypothesis import HealthCheck, Phase, given, settings
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
