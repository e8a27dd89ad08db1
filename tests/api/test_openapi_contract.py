"""Every API operation answers as /api/openapi.json says it does, for several kinds of user.

Schemathesis generates requests from the published document (positive mode: inputs the schema
allows) and checks each response: no 5xx, a documented status code, a documented content type
and a body that validates against the documented schema. Each operation also gets hand-picked
requests with ids that exist, so the 200 responses are checked and not only the 404s.

The requests go through Django's WSGI handler in this thread, inside the test's transaction.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
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
from sikkerhedsnet.intake.models import Channel, Notification, SourceKind
from sikkerhedsnet.intake.services.handling import urgent_assessment_record
from sikkerhedsnet.intake.services.receiving import ChildGiven, Notifier, notification_receive
from sikkerhedsnet.people.models import Role, User
from sikkerhedsnet.people.tests import factories as f
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
USERS = ["leader", "outsider", "dpo", "intake"]


@pytest.fixture
def town(db: None) -> Town:
    return build_town()


@dataclass(frozen=True)
class Intake:
    """Intake's user, a notification waiting for assessment and one waiting for a decision."""

    user: User
    received: Notification
    assessed: Notification


@pytest.fixture
def intake(town: Town) -> Intake:
    user = f.staff(Role.INTAKE, username="ida", first_name="Ida")
    received, assessed = (
        notification_receive(
            channel=Channel.PROFESSIONAL,
            source_kind=SourceKind.DAYCARE,
            text="Emil virker sulten og træt.",
            notifier=Notifier(user=town.leader),
            about=ChildGiven(child=town.child),
            is_professional=True,
        )
        for _ in range(2)
    )
    urgent_assessment_record(
        actor=user,
        notification=assessed,
        expected_version=assessed.version,
        danger_to_health_or_development=False,
        acute_help_needed=False,
        note="Ingen akut fare.",
    )
    assessed.refresh_from_db()
    return Intake(user=user, received=received, assessed=assessed)


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


# Writes with session login need Django's CSRF token, in a cookie and in the header.
CSRF_TOKEN = "k" * 32
CSRF_HEADERS = {"X-CSRFToken": CSRF_TOKEN}


def session_cookie(user: User) -> dict[str, str]:
    client = Client()
    client.force_login(user)
    return {"sessionid": client.cookies["sessionid"].value, "csrftoken": CSRF_TOKEN}


def known_bodies(path: str, town: Town, intake: Intake) -> list[dict[str, Any]]:
    """Bodies that get past validation, so the 200s and 201s are checked too."""
    if path == "/api/notifications":
        text = "Emil kommer ofte sulten i institutionen."
        registration = {"channel": "phone", "source_kind": "police", "notifier_name": "Politiet"}
        return [
            {"child_id": town.child.pk, "text": text, "duty_ground": "need_of_support"},
            {"text": text, "registration": {**registration, "child_cpr": town.child.cpr}},
        ]
    if path.endswith("/assessment"):
        return [
            {
                "expected_version": intake.received.version,
                "danger_to_health_or_development": False,
                "acute_help_needed": False,
                "note": "Ingen akut fare.",
            }
        ]
    if path.endswith("/decision"):
        return [{"expected_version": intake.assessed.version, "kind": "child_assessment"}]
    return []


def known_cases(operation: Any, town: Town, intake: Intake) -> list[Any]:
    """Requests that hit real rows: ids of the leader's unit and child, the child's CPR, a
    notification in the state each handling step needs, and bodies that validate."""
    names = {parameter.name for parameter in operation.iter_parameters()}
    path = operation.path
    waiting = intake.assessed if path.endswith("/decision") else intake.received
    path_ids = {"unit_id": town.unit.pk, "child_id": town.child.pk, "notification_id": waiting.pk}
    path_parameters = {name: value for name, value in path_ids.items() if name in names}
    cases = [operation.Case(path_parameters=path_parameters)]
    cases += [
        operation.Case(path_parameters=path_parameters, body=body)
        for body in known_bodies(path, town, intake)
    ]
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
    *, api_schema: Any, town: Town, intake: Intake, who: str, path: str, method: str
) -> None:
    user: User = intake.user if who == "intake" else getattr(town, who)
    cookies = session_cookie(user)
    operation = api_schema[path][method]

    for case in known_cases(operation, town, intake):
        case.call_and_validate(cookies=cookies, headers=CSRF_HEADERS, checks=CHECKS)

    @HYPOTHESIS
    @given(case=operation.as_strategy())
    def generated(case: Any) -> None:
        case.call_and_validate(cookies=cookies, headers=CSRF_HEADERS, checks=CHECKS)

    generated()


@pytest.mark.parametrize(("path", "method"), OPERATIONS)
def test_anonymous_responses_match_the_document(
    api_schema: Any, town: Town, intake: Intake, path: str, method: str
) -> None:
    operation = api_schema[path][method]
    for case in known_cases(operation, town, intake):
        case.call_and_validate(checks=CHECKS)
