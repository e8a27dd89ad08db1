from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from sikkerhedsnet.audit.models import AccessLog
from sikkerhedsnet.cases.tests.factories import TeamWorld
from sikkerhedsnet.casework.ics import DIMENSIONS
from sikkerhedsnet.casework.models import (
    Assessment,
    ChildPlan,
    NetworkMember,
    PlanGoal,
    SafetyMeeting,
    SafetyScore,
)
from sikkerhedsnet.conftest import client_for

# Midnight UTC on 10.05.2026 (02.00 in Copenhagen), for the whole module.
TODAY = datetime(2026, 5, 10, tzinfo=UTC)
pytestmark = pytest.mark.usefixtures("today")


def _meeting(tw: TeamWorld) -> SafetyMeeting:
    return SafetyMeeting.objects.create(case=tw.case, held_on=date(2026, 4, 1), created_by=tw.owner)


def _plan(tw: TeamWorld) -> ChildPlan:
    return ChildPlan.objects.create(case=tw.case, adopted_on=date(2026, 5, 1), created_by=tw.owner)


def _pages(tw: TeamWorld) -> list[str]:
    meeting = _meeting(tw)
    goal = PlanGoal.objects.create(
        plan=_plan(tw),
        text="Mål",
        agreed_with_child=True,
        agreed_on=date(2026, 5, 1),
        created_by=tw.owner,
    )
    case = tw.case.pk
    return [
        reverse("casework:assessment", args=[case]),
        reverse("casework:safety", args=[case]),
        reverse("casework:safety_meeting", args=[case, meeting.pk]),
        reverse("casework:child_plan", args=[case]),
        reverse("casework:safety_meeting_new", args=[case]),
        reverse("casework:goal_edit", args=[case, goal.pk]),
    ]


READ_PAGES = 4  # the first four are read pages; the last two are forms for editors only


@pytest.mark.parametrize(
    ("who", "reads", "writes"),
    [
        ("owner", 200, 200),
        ("leader", 200, 200),
        ("colleague", 200, 404),
        ("other_worker", 404, 404),
        ("other_leader", 404, 404),
        ("fagperson", 404, 404),
        ("intake", 404, 404),
    ],
)
def test_it_requires_access(tw: TeamWorld, who: str, reads: int, writes: int) -> None:
    client = client_for(getattr(tw, who))
    pages = _pages(tw)
    assert [client.get(page).status_code for page in pages[:READ_PAGES]] == [reads] * READ_PAGES
    assert [client.get(page).status_code for page in pages[READ_PAGES:]] == [writes] * 2


def test_it_requires_login(tw: TeamWorld) -> None:
    response = Client().get(reverse("casework:assessment", args=[tw.case.pk]))
    assert response.status_code == 302


def test_a_page_is_logged_as_a_read_of_the_child(tw: TeamWorld) -> None:
    client_for(tw.colleague).get(reverse("casework:safety", args=[tw.case.pk]))
    row = AccessLog.objects.get()
    assert (row.user, row.child, row.shown) == (tw.colleague, tw.child, "Signs of Safety")


def _texts(version: int, **extra: str) -> dict[str, Any]:
    data = {f"dimension_{d.code}": f"Om {d.code}" for d in DIMENSIONS}
    return {"version": version, "child_view": "Barnet", "parents_view": "Forældre", **data, **extra}


POSTS: list[tuple[str, dict[str, Any]]] = [
    ("casework:assessment_texts", _texts(0)),
    (
        "casework:assessment_interim",
        {"version": 0, "interim_text": "x", "expected_done_on": "01.08.2026"},
    ),
    (
        "casework:network_add",
        {"name": "Inger", "relation": "mormor", "commitment": "x", "joined_on": "01.05.2026"},
    ),
    ("casework:child_plan", {"adopted_on": "01.05.2026"}),
    ("casework:safety_meeting_new", {"version": 0, "held_on": "01.05.2026"}),
]


@pytest.mark.parametrize(("name", "data"), POSTS)
def test_a_colleague_who_may_read_cannot_write(
    tw: TeamWorld, name: str, data: dict[str, Any]
) -> None:
    response = client_for(tw.colleague).post(reverse(name, args=[tw.case.pk]), data)
    assert response.status_code == 404
    assert not Assessment.objects.exists()
    assert not NetworkMember.objects.exists()
    assert not ChildPlan.objects.exists()
    assert not SafetyMeeting.objects.exists()


@pytest.mark.parametrize(("name", "data"), POSTS)
def test_the_caseworker_can_write(tw: TeamWorld, name: str, data: dict[str, Any]) -> None:
    response = client_for(tw.owner).post(reverse(name, args=[tw.case.pk]), data)
    assert response.status_code == 302


def test_the_assessment_page_shows_the_triangle(tw: TeamWorld) -> None:
    page = client_for(tw.owner).get(reverse("casework:assessment", args=[tw.case.pk]))
    text = page.content.decode()
    for label in ("Barnets udvikling", "Forældrekompetencer", "Familie og netværk"):
        assert label in text
    assert text.count('name="dimension_') == 10
    assert "01.07.2026" in text


def test_a_conflicting_save_keeps_the_input_and_says_so(tw: TeamWorld) -> None:
    client = client_for(tw.owner)
    url = reverse("casework:assessment_texts", args=[tw.case.pk])
    client.post(url, _texts(0))
    client_for(tw.leader).post(url, _texts(1, dimension_health="Lederens tekst"))
    response = client.post(url, _texts(1, dimension_health="Min tekst om helbred"))
    assert response.status_code == 409
    text = response.content.decode()
    assert "En kollega har ændret det samme" in text
    assert "Min tekst om helbred" in text  # her input, kept in the field
    assert "Lederens tekst" in text  # the saved version, to compare
    assert 'name="version" value="2"' in text
    assert Assessment.objects.get().dimensions["health"] == "Lederens tekst"


def test_bad_input_gets_a_danish_message(tw: TeamWorld) -> None:
    client = client_for(tw.owner)
    response = client.post(
        reverse("casework:assessment_interim", args=[tw.case.pk]),
        {"version": 0, "interim_text": "", "expected_done_on": "31.02.2026"},
    )
    assert response.status_code == 400
    text = response.content.decode()
    assert "Skriv den foreløbige vurdering." in text
    assert "Skriv datoen som DD.MM.ÅÅÅÅ" in text


def test_concluding_closes_the_assessment(tw: TeamWorld) -> None:
    client = client_for(tw.owner)
    client.post(reverse("casework:assessment_texts", args=[tw.case.pk]), _texts(0))
    response = client.post(
        reverse("casework:assessment_conclusion", args=[tw.case.pk]),
        {
            "version": 1,
            "conclusion": "Anbringelse er nødvendig.",
            "decision": "placement_with_consent",
            "decided_on": "09.05.2026",
        },
    )
    assert response.status_code == 302
    page = client.get(reverse("casework:assessment", args=[tw.case.pk])).content.decode()
    assert "Afsluttet den 09.05.2026" in page
    assert 'name="dimension_' not in page
    plan_page = client.get(reverse("casework:child_plan", args=[tw.case.pk])).content.decode()
    assert "senest 09.08.2026" in plan_page


def test_scores_show_as_chart_and_table(tw: TeamWorld) -> None:
    client = client_for(tw.owner)
    meeting = _meeting(tw)
    later = SafetyMeeting.objects.create(
        case=tw.case, held_on=date(2026, 5, 1), created_by=tw.owner
    )
    for held, score in ((meeting, 3), (later, 6)):
        response = client.post(
            reverse("casework:safety_score_add", args=[tw.case.pk, held.pk]),
            {"participant_name": "Emma", "participant_role": "child", "score": score},
        )
        assert response.status_code == 302
    bad = client.post(
        reverse("casework:safety_score_add", args=[tw.case.pk, later.pk]),
        {"participant_name": "Mor", "participant_role": "mother", "score": 11},
    )
    assert bad.status_code == 400
    assert "Skriv en score fra 0 til 10." in bad.content.decode()
    assert SafetyScore.objects.count() == 2
    page = client.get(reverse("casework:safety", args=[tw.case.pk])).content.decode()
    assert 'id="safety-scale-spec"' in page
    assert "vega-embed.min.js" in page
    assert '<th scope="row">Emma (Barnet)</th><td>3</td><td>6</td>' in page


def test_a_meeting_of_another_case_is_404(tw: TeamWorld) -> None:
    other = SafetyMeeting.objects.create(
        case=tw.other_case, held_on=date(2026, 4, 1), created_by=tw.other_worker
    )
    response = client_for(tw.owner).get(
        reverse("casework:safety_meeting", args=[tw.case.pk, other.pk])
    )
    assert response.status_code == 404


def test_a_goal_edit_conflict_keeps_the_input(tw: TeamWorld) -> None:
    goal = PlanGoal.objects.create(
        plan=_plan(tw),
        text="Mål",
        agreed_with_child=True,
        agreed_on=date(2026, 5, 1),
        created_by=tw.owner,
    )
    url = reverse("casework:goal_edit", args=[tw.case.pk, goal.pk])
    data = {
        "version": 1,
        "text": "Lederens mål",
        "agreed_with_child": "on",
        "agreed_on": "02.05.2026",
    }
    assert client_for(tw.leader).post(url, data).status_code == 302
    response = client_for(tw.owner).post(url, {**data, "text": "Mit mål"})
    assert response.status_code == 409
    assert "Mit mål" in response.content.decode()
    assert PlanGoal.objects.get().text == "Lederens mål"


def test_a_goal_without_anyone_agreeing_is_refused(tw: TeamWorld) -> None:
    _plan(tw)
    response = client_for(tw.owner).post(
        reverse("casework:goal_add", args=[tw.case.pk]),
        {"version": 0, "text": "Mål", "agreed_on": "02.05.2026"},
    )
    assert response.status_code == 400
    assert "Angiv, hvem målet er aftalt med." in response.content.decode()
