"""The notifications API: the pages' access rules, the pages' Danish messages, 409 on conflict."""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from typing import Any

import pytest
from django.test import Client

from sikkerhedsnet.audit.models import AccessLog
from sikkerhedsnet.cases.models import Case
from sikkerhedsnet.conftest import World, client_for
from sikkerhedsnet.intake.models import (
    Channel,
    DecisionKind,
    Notification,
    SourceKind,
    Status,
)
from sikkerhedsnet.intake.services.handling import urgent_assessment_record
from sikkerhedsnet.intake.tests.factories import CPH, make_notification
from sikkerhedsnet.people.models import Role, User

NOW = datetime(2026, 11, 20, 16, 0, tzinfo=CPH)
ALL_OPERATIONS = [
    ("post", "/api/notifications"),
    ("get", "/api/intake/queue"),
    ("post", "/api/notifications/{id}/assessment"),
    ("post", "/api/notifications/{id}/decision"),
]


TODAY = NOW
pytestmark = pytest.mark.usefixtures("today")


@pytest.fixture
def intake(world: World) -> User:
    return world.role_users[Role.INTAKE]


def post(client: Client, path: str, body: dict[str, Any]) -> Any:
    return client.post(path, data=json.dumps(body), content_type="application/json")


def notified(world: World, *, hours_ago: float = 2) -> Notification:
    return make_notification(
        child=world.child, at=NOW - timedelta(hours=hours_ago), user=world.colleague
    )


def assess_body(notification: Notification, **changes: Any) -> dict[str, Any]:
    return {
        "expected_version": notification.version,
        "danger_to_health_or_development": False,
        "acute_help_needed": False,
        "note": "Ingen akut fare; forældrene kontaktes.",
        **changes,
    }


def assessed(notification: Notification, actor: User) -> Notification:
    urgent_assessment_record(
        actor=actor,
        notification=notification,
        expected_version=notification.version,
        danger_to_health_or_development=False,
        acute_help_needed=False,
        note="Ingen akut fare.",
    )
    notification.refresh_from_db()
    return notification


# Access -------------------------------------------------------------------------------------------


def test_it_requires_login(world: World) -> None:
    notification = notified(world)
    client = Client()
    for method, path in ALL_OPERATIONS:
        response = getattr(client, method)(path.format(id=notification.pk))
        assert response.status_code == 401, path


def test_it_requires_access_the_queue_and_handling_are_intakes(world: World) -> None:
    notification = notified(world)
    for role, user in world.role_users.items():
        if role == Role.INTAKE:
            continue
        client = client_for(user)
        assert client.get("/api/intake/queue").status_code == 404, role
        bodies = {
            "assessment": assess_body(notification),
            "decision": {"expected_version": notification.version, "kind": "early_advice"},
        }
        for action, body in bodies.items():
            response = post(client, f"/api/notifications/{notification.pk}/{action}", body)
            assert response.status_code == 404, (role, action)
    notification.refresh_from_db()
    assert notification.status == Status.RECEIVED


def test_writes_need_the_csrf_token_like_any_session_post(world: World, intake: User) -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(intake)
    response = post(client, "/api/notifications", {"text": "x"})
    assert response.status_code == 403


# A professional notifies --------------------------------------------------------------------------


def test_a_professional_notifies_about_a_child_in_her_unit(world: World) -> None:
    response = post(
        client_for(world.colleague),
        "/api/notifications",
        {"child_id": world.child.pk, "text": "Barnet er ofte sultent.", "duty_ground": "abuse"},
    )
    assert response.status_code == 201, response.content
    body = response.json()
    notification = Notification.objects.get(pk=body["id"])
    assert body["reference"] == notification.reference
    assert body["child_id"] == world.child.pk
    assert (notification.channel, notification.source_kind) == (Channel.PROFESSIONAL, "daycare")
    assert (notification.notifier_user, notification.duty_ground) == (world.colleague, "abuse")
    assert notification.is_professional
    assert notification.receipt_due_on is not None
    assert datetime.fromisoformat(body["assessment_due_at"]) == NOW + timedelta(hours=24)
    log = AccessLog.objects.get(child=world.child, user=world.colleague)
    assert log.channel == "api"


def test_from_a_meeting_and_urgent(world: World) -> None:
    response = post(
        client_for(world.owner),
        "/api/notifications",
        {
            "child_id": world.child.pk,
            "text": "Aftalt på mødet.",
            "duty_ground": "need_of_support",
            "urgent": True,
            "from_meeting": True,
        },
    )
    assert response.status_code == 201
    notification = Notification.objects.get()
    assert (notification.channel, notification.urgent) == (Channel.MEETING, True)


def test_a_child_she_may_not_see_is_404_and_nothing_is_stored(world: World) -> None:
    for child_id in (world.child.pk, 999_999):
        response = post(
            client_for(world.outsider),
            "/api/notifications",
            {"child_id": child_id, "text": "Bekymring.", "duty_ground": "need_of_support"},
        )
        assert response.status_code == 404
    assert not Notification.objects.exists()


def test_roles_that_do_not_notify_get_404(world: World) -> None:
    for role in (Role.CASEWORKER, Role.MANAGEMENT, Role.DATA_PROTECTION, Role.ADMINISTRATOR):
        response = post(
            client_for(world.role_users[role]),
            "/api/notifications",
            {"child_id": world.child.pk, "text": "Bekymring.", "duty_ground": "need_of_support"},
        )
        assert response.status_code == 404, role
    assert not AccessLog.objects.exists()


def test_the_pages_danish_messages_come_back_as_400(world: World) -> None:
    client = client_for(world.colleague)
    response = post(client, "/api/notifications", {"child_id": world.child.pk, "text": ""})
    assert response.status_code == 400
    assert response.json()["errors"] == {
        "duty_ground": ["Vælg, hvorfor du underretter."],
        "text": ["Skriv, hvad du er bekymret for."],
    }
    too_long = "x" * 20_001
    response = post(
        client,
        "/api/notifications",
        {"child_id": world.child.pk, "text": too_long, "duty_ground": "abuse"},
    )
    assert "Teksten er for lang: den har 20.001 tegn" in response.json()["detail"]
    response = post(client, "/api/notifications", {"text": "Bekymring.", "duty_ground": "abuse"})
    assert response.json()["errors"] == {"child_id": ["Angiv barnet, du underretter om."]}
    assert not Notification.objects.exists()


def test_a_professional_cannot_register_for_others(world: World) -> None:
    body = {
        "child_id": world.child.pk,
        "text": "Bekymring.",
        "duty_ground": "abuse",
        "registration": {"channel": "phone", "source_kind": "police", "notifier_name": "Politi"},
    }
    response = post(client_for(world.colleague), "/api/notifications", body)
    assert response.status_code == 400
    assert "registration" in response.json()["errors"]


def test_a_body_of_the_wrong_shape_is_a_documented_422(world: World) -> None:
    response = post(client_for(world.colleague), "/api/notifications", {"text": 17})
    assert response.status_code == 422
    assert isinstance(response.json()["detail"], list)


# Intake registers ---------------------------------------------------------------------------------


def registration(**changes: Any) -> dict[str, Any]:
    return {
        "text": "Politiet ringede om uro på adressen.",
        "registration": {
            "channel": "phone",
            "source_kind": "police",
            "is_professional": True,
            "notifier_name": "Vagtchef Jensen",
            "notifier_organisation": "Politiet",
            **changes,
        },
    }


def test_intake_registers_a_call_about_a_child_found_by_cpr(world: World, intake: User) -> None:
    body = registration(child_cpr=world.child.cpr_formatted, received_at="2026-11-20T13:05:30")
    response = post(client_for(intake), "/api/notifications", body)
    assert response.status_code == 201, response.content
    notification = Notification.objects.get()
    assert notification.child == world.child
    assert (notification.channel, notification.source_kind) == (Channel.PHONE, SourceKind.POLICE)
    assert notification.registered_by == intake
    # Naive: Danish time, in whole minutes as on the page.
    assert notification.received_at == datetime(2026, 11, 20, 13, 5, tzinfo=CPH)
    assert notification.receipt_due_on is not None


def test_an_unknown_cpr_is_kept_with_the_name_to_match_later(world: World, intake: User) -> None:
    body = registration(child_cpr="630124-4002", child_name="Ida")
    response = post(client_for(intake), "/api/notifications", body)
    assert response.json()["child_id"] is None
    assert Notification.objects.get().child_name_given == "Ida (CPR 630124-4002)"


def test_intake_gets_the_registration_forms_messages(world: World, intake: User) -> None:
    client = client_for(intake)
    body = registration(anonymous=True, received_at="2026-11-21T09:00:00+01:00", child_name="Ida")
    response = post(client, "/api/notifications", body)
    assert response.status_code == 400
    assert response.json()["errors"] == {
        "registration.received_at": ["Tidspunktet ligger i fremtiden. Skriv, hvornår den kom."],
        "registration.anonymous": [
            "En fagperson med skærpet underretningspligt kan ikke underrette anonymt."
        ],
    }
    response = post(client, "/api/notifications", {"text": "Uden registrering."})
    assert list(response.json()["errors"]) == ["registration"]
    response = post(client, "/api/notifications", {**registration(), "child_id": world.child.pk})
    assert list(response.json()["errors"]) == ["child_id"]
    assert not Notification.objects.exists()


# The queue ----------------------------------------------------------------------------------------


def test_the_queue_puts_the_nearest_deadline_first_with_the_clock(
    world: World, intake: User
) -> None:
    later = notified(world, hours_ago=1)
    overdue = notified(world, hours_ago=25)
    waiting_decision = assessed(notified(world, hours_ago=3), intake)
    response = client_for(intake).get("/api/intake/queue")
    assert response.status_code == 200
    body = response.json()
    assert (body["count"], body["waiting_assessment"], body["waiting_decision"]) == (3, 2, 1)
    rows = body["notifications"]
    assert [row["id"] for row in rows] == [overdue.pk, later.pk, waiting_decision.pk]
    assert [row["seconds_left"] for row in rows] == [-3600, 23 * 3600, None]
    assert [row["overdue"] for row in rows] == [True, False, False]
    assert rows[0]["clock"] == "overskredet med 1 t 0 min"
    assert rows[0]["child_cpr_masked"] == world.child.cpr_masked
    assert rows[0]["version"] == overdue.version
    # Three notifications from the same professional within days: three in 12 months.
    assert rows[1]["flags"] == ["3 underretninger på 12 måneder"]


def test_the_queue_says_the_status_as_the_page_does(world: World, intake: User) -> None:
    late = assessed(notified(world, hours_ago=30), intake)  # assessed now, 6 hours late
    on_time = assessed(notified(world, hours_ago=3), intake)
    rows = client_for(intake).get("/api/intake/queue").json()["notifications"]
    texts = {row["id"]: (row["status"], row["status_text"]) for row in rows}
    assert texts == {
        late.pk: ("assessed", "Vurderet efter fristen"),
        on_time.pk: ("assessed", "Vurderet"),
    }


def test_the_queue_pages_by_50(world: World, intake: User) -> None:
    for _ in range(51):
        make_notification(child=None, at=NOW - timedelta(hours=1), name="Nabo")
    client = client_for(intake)
    first = client.get("/api/intake/queue").json()
    second = client.get("/api/intake/queue?page=2").json()
    assert (first["pages"], len(first["notifications"]), len(second["notifications"])) == (2, 50, 1)
    assert second["notifications"][0]["child_name"] == ""


# Assessment and decision --------------------------------------------------------------------------


def test_intake_assesses_within_the_deadline(world: World, intake: User) -> None:
    notification = notified(world)
    response = post(
        client_for(intake),
        f"/api/notifications/{notification.pk}/assessment",
        assess_body(notification, danger_to_health_or_development=True),
    )
    assert response.status_code == 200, response.content
    body = response.json()
    assert (body["status"], body["version"], body["within_deadline"]) == (
        "assessed",
        notification.version + 1,
        True,
    )
    notification.refresh_from_db()
    assert notification.urgent_assessment.danger_to_health_or_development


def test_a_stale_version_is_a_409_naming_the_current_one(world: World, intake: User) -> None:
    notification = notified(world)
    client = client_for(intake)
    path = f"/api/notifications/{notification.pk}/assessment"
    assert post(client, path, assess_body(notification)).status_code == 200
    response = post(client, path, assess_body(notification))
    assert response.status_code == 409
    assert response.json()["current_version"] == notification.version + 1
    assert response.json()["status"] == "assessed"
    assert "En kollega har ændret underretningen" in response.json()["detail"]


def test_assessing_twice_with_the_current_version_is_refused(world: World, intake: User) -> None:
    notification = assessed(notified(world), intake)
    response = post(
        client_for(intake),
        f"/api/notifications/{notification.pk}/assessment",
        assess_body(notification),
    )
    assert response.status_code == 400
    assert response.json()["errors"] == {
        "__all__": ["Underretningen er allerede vurderet. Den kan ikke vurderes igen."]
    }


def test_an_assessment_needs_a_note(world: World, intake: User) -> None:
    notification = notified(world)
    response = post(
        client_for(intake),
        f"/api/notifications/{notification.pk}/assessment",
        assess_body(notification, note=""),
    )
    assert response.json()["errors"] == {"note": ["Skriv en kort begrundelse for vurderingen."]}


def test_a_decision_comes_after_the_assessment(world: World, intake: User) -> None:
    notification = notified(world)
    body = {"expected_version": notification.version, "kind": "early_advice"}
    response = post(client_for(intake), f"/api/notifications/{notification.pk}/decision", body)
    assert response.status_code == 400
    assert response.json()["errors"] == {
        "__all__": ["Underretningen skal vurderes, før der kan træffes en afgørelse."]
    }


def test_no_action_needs_a_reason(world: World, intake: User) -> None:
    notification = assessed(notified(world), intake)
    body = {"expected_version": notification.version, "kind": "no_action", "reason": " "}
    response = post(client_for(intake), f"/api/notifications/{notification.pk}/decision", body)
    assert response.status_code == 400
    assert list(response.json()["errors"]) == ["reason"]


def test_a_child_assessment_decision_opens_the_case(world: World, intake: User) -> None:
    notification = assessed(notified(world), intake)
    body = {"expected_version": notification.version, "kind": DecisionKind.CHILD_ASSESSMENT}
    response = post(client_for(intake), f"/api/notifications/{notification.pk}/decision", body)
    assert response.status_code == 200, response.content
    case = Case.objects.get()
    assert response.json()["case_id"] == case.pk
    assert response.json()["status"] == "decided"
    assert case.child == world.child


def test_a_decision_on_a_stale_version_is_a_409(world: World, intake: User) -> None:
    notification = assessed(notified(world), intake)
    body = {"expected_version": notification.version - 1, "kind": "early_advice"}
    response = post(client_for(intake), f"/api/notifications/{notification.pk}/decision", body)
    assert response.status_code == 409
    notification.refresh_from_db()
    assert notification.status == Status.ASSESSED


# The document -------------------------------------------------------------------------------------


def test_every_operation_documents_its_answers(world: World) -> None:
    paths = Client().get("/api/openapi.json").json()["paths"]
    responses = {
        (method, path): set(paths[path][method]["responses"])
        for path in paths
        if "notifications" in path or "intake" in path
        for method in paths[path]
    }
    writes = {"201", "400", "401", "403", "404", "422"}
    assert responses == {
        ("post", "/api/notifications"): writes,
        ("get", "/api/intake/queue"): {"200", "401", "404"},
        ("post", "/api/notifications/{notification_id}/assessment"): writes - {"201"}
        | {"200", "409"},
        ("post", "/api/notifications/{notification_id}/decision"): writes - {"201"}
        | {"200", "409"},
    }
