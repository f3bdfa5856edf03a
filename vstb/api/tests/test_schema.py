"""The OpenAPI schema, checked by schemathesis with requests it generates from it (a few
examples per operation, valid and invalid): no answer is a server error, and every answer
matches what the schema says of its status, type and body."""

from datetime import timedelta

import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from django.utils import timezone
from hypothesis import HealthCheck, given, settings

from vstb.accounts.models import ApiToken
from vstb.conftest import build_world
from vstb.wsgi import application

# A few examples per operation keeps the suite fast; CI runs them on every push.
EXAMPLES = 6


def test_every_operation_answers_as_its_schema_says(db, client):
    world = build_world()
    _token, secret = ApiToken.issue(
        world.users["district_secretariat"],
        "schemathesis",
        timezone.now() + timedelta(days=1),
        False,
    )
    headers = {"Authorization": f"Bearer {secret}"}
    # As Django's test client does: the request must not close the test's connection (on
    # PostgreSQL that ends the test's transaction).
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application)
        _check_every_operation(schema, headers, client)
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


def _check_every_operation(schema, headers, client):
    checked = 0
    for result in schema.get_all_operations():
        operation = result.ok()

        @given(case=operation.as_strategy())
        @settings(
            max_examples=EXAMPLES,
            deadline=None,
            suppress_health_check=list(HealthCheck),
            derandomize=True,
            database=None,
        )
        def answers_as_documented(case):
            case.call_and_validate(headers=headers)

        answers_as_documented()
        checked += 1
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    assert checked == sum(len(operations) for operations in paths.values())


def test_the_schema_is_openapi_3_1_and_documents_every_error(client):
    document = client.get("/api/v1/openapi.json").json()
    assert document["openapi"].startswith("3.1")
    for path, operations in document["paths"].items():
        for method, operation in operations.items():
            assert {"401", "404", "422"} <= set(operation["responses"]), (method, path)
