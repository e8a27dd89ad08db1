"""Every API operation answers as /api/openapi.json says it does, for several kinds of user.

Schemathesis generates requests from the published document (positive mode: inputs the schema
allows) and checks each response: no 5xx, a documented status code, a documented content type
and a body that validates against the documented schema. Each operation also gets hand-picked
requests with ids that exist, so the 200 responses are checked and not only the 404s.

The requests go through Django's WSGI handler in this thread, inside the test's transaction.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from django.core import signals
from django.core.handlers.wsgi import WSGIHandler
from django.db import close_old_connections
from django.test import Client
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from sikkerhedsnet.api import api
from sikkerhedsnet.people.models import User
from tests.town import Town, build_town

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]
MAX_EXAMPLES = 25
HYPOTHESIS = settings(
    max_examples=MAX_EXAMPLES,
    deadline=None,
    derandomize=True,  # the same requests on every run, so CI failures reproduce locally
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)

# Collected from the API object so each operation is its own test; test_the_document_is_served
# makes sure the document served over HTTP has the same operations.
OPERATIONS = sorted(
    (path, method.upper())
    for path, item in api.get_openapi_schema()["paths"].items()
    for method in item
)
USERS = ["leader", "outsider", "dpo"]


@pytest.fixture
def town(db: None) -> Town:
    return build_town()


@pytest.fixture
def wsgi_app() -> Iterator[WSGIHandler]:
    # A real WSGI server closes the database connection after each request; inside a test that
    # would end the test's transaction. Django's test client disconnects the same signal.
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    try:
        yield WSGIHandler()
    finally:
        signals.request_started.connect(close_old_connections)
        signals.request_finished.connect(close_old_connections)


@pytest.fixture
def api_schema(wsgi_app: WSGIHandler, db: None) -> Any:
    return schemathesis.openapi.from_wsgi("/api/openapi.json", wsgi_app)


def session_cookie(user: User) -> dict[str, str]:
    client = Client()
    client.force_login(user)
    return {"sessionid": client.cookies["sessionid"].value}


def known_cases(operation: Any, town: Town) -> list[Any]:
    """Requests that hit real rows: ids of the leader's unit and child, the child's CPR."""
    names = {parameter.name for parameter in operation.iter_parameters()}
    path_ids = {"unit_id": town.unit.pk, "child_id": town.child.pk}
    path_parameters = {name: value for name, value in path_ids.items() if name in names}
    cases = [operation.Case(path_parameters=path_parameters)]
    if "cpr" in names:
        cases.append(operation.Case(query={"cpr": town.child.cpr}))
        cases.append(operation.Case(query={"cpr": "311399-0000"}))  # not a date: a 400
    if "page" in names:
        cases.append(operation.Case(path_parameters=path_parameters, query={"page": 2}))
    return cases


def test_the_document_is_served(api_schema: Any) -> None:
    served = sorted(
        (result.ok().path, result.ok().method.upper()) for result in api_schema.get_all_operations()
    )
    assert served == OPERATIONS


@pytest.mark.parametrize("who", USERS)
@pytest.mark.parametrize(("path", "method"), OPERATIONS)
def test_responses_match_the_document(
    api_schema: Any, town: Town, who: str, path: str, method: str
) -> None:
    user: User = getattr(town, who)
    cookies = session_cookie(user)
    operation = api_schema[path][method]

    for case in known_cases(operation, town):
        case.call_and_validate(cookies=cookies, checks=CHECKS)

    @HYPOTHESIS
    @given(case=operation.as_strategy())
    def generated(case: Any) -> None:
        case.call_and_validate(cookies=cookies, checks=CHECKS)

    generated()


@pytest.mark.parametrize(("path", "method"), OPERATIONS)
def test_anonymous_responses_match_the_document(
    api_schema: Any, town: Town, path: str, method: str
) -> None:
    operation = api_schema[path][method]
    for case in known_cases(operation, town):
        case.call_and_validate(checks=CHECKS)
