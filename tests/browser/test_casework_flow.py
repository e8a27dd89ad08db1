"""From intake's decision to the caseworker's work: intake decides on a child assessment, which
opens a case; the faglig leder assigns it; the caseworker writes the assessment in the ICS
triangle, maps a Signs of Safety meeting with the participants' scores (drawn as a chart under
the page's CSP, with the numbers in a table), writes the safety network, concludes with a
placement with consent and makes the child's plan. Every page is checked by axe-core, and a
CSP refusal shows up as a console error (conftest.Tab)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta

import pytest
from django.utils import timezone

from sikkerhedsnet.cases.models import Case
from sikkerhedsnet.cases.tests.factories import make_team
from sikkerhedsnet.casework.ics import DIMENSIONS
from sikkerhedsnet.casework.models import (
    Assessment,
    ChildPlan,
    ParticipantRole,
    SafetyMeeting,
)
from sikkerhedsnet.casework.services.safety import safety_meeting_create, safety_score_record
from sikkerhedsnet.intake.models import Notification
from sikkerhedsnet.intake.services.handling import urgent_assessment_record
from sikkerhedsnet.intake.tests.factories import make_notification
from sikkerhedsnet.people.models import Child, Role, User
from sikkerhedsnet.people.tests import factories as f
from tests.browser.conftest import Tab

pytestmark = pytest.mark.browser

NewTab = Callable[..., Tab]
SUBMIT = "main form button[type=submit]"


@dataclass
class Family:
    intake: User
    leader: User
    caseworker: User
    child: Child
    notification: Notification


@pytest.fixture
def family(transactional_db: None) -> Family:
    family_team = make_team("Familieteam Nord")
    leader = f.staff(Role.TEAM_LEADER, family_team, username="lene", first_name="Lene")
    caseworker = f.staff(Role.CASEWORKER, family_team, username="rikke", first_name="Rikke")
    intake = f.staff(Role.INTAKE, username="vibeke", first_name="Vibeke")
    daycare = f.UnitFactory.create(name="Solsikken")
    child = f.EnrolmentFactory.create(unit=daycare, child__first_name="Emma").child
    school = f.staff(Role.PROFESSIONAL, daycare, username="pia")
    notification = make_notification(
        child=child, at=timezone.now() - timedelta(hours=3), user=school
    )
    urgent_assessment_record(
        actor=intake,
        notification=notification,
        expected_version=notification.version,
        danger_to_health_or_development=True,
        acute_help_needed=False,
        note="Bekymring for omsorgen; ingen akut fare.",
    )
    return Family(intake, leader, caseworker, child, notification)


def _intake_decides(tab: Tab, family: Family) -> Case:
    tab.log_in(family.intake.username)
    tab.goto(f"/visitation/{family.notification.pk}/")
    tab.page.click("label[for='id_kind_3']")  # Børnefaglig undersøgelse
    tab.submit(
        "main form[action$='/afgoerelse/'] button[type=submit]",
        {"#id_reason": "Omsorgssvigt skal undersøges."},
    )
    return Case.objects.get(child=family.child)


def _leader_assigns(tab: Tab, family: Family, case: Case) -> None:
    tab.log_in(family.leader.username)
    tab.goto("/sager/team/")
    tab.click(f"main a[href='/sager/{case.pk}/fordel/']")
    tab.page.click("main label:has-text('Rikke')")
    tab.click(SUBMIT)
    case.refresh_from_db()
    assert case.caseworker == family.caseworker


def _assessment(tab: Tab, case: Case) -> None:
    page = tab.page
    tab.goto(f"/sager/{case.pk}/")
    tab.click(f"main a[href='/sager/{case.pk}/undersoegelse/']")
    assert page.locator("h1").inner_text() == "Børnefaglig undersøgelse"
    main = page.locator("main").inner_text()
    for side in ("Barnets udvikling", "Forældrekompetencer", "Familie og netværk"):
        assert side in main
    fields = {f"#id_dimension_{d.code}": f"Beskrivelse af {d.code}." for d in DIMENSIONS}
    fields["#id_child_view"] = "Emma siger, at hun savner sin mormor."
    fields["#id_parents_view"] = "Mor er enig i, at der er brug for hjælp."
    tab.submit("main form[action$='/tekster/'] button[type=submit]", fields)
    assert "Undersøgelsen er gemt." in page.locator("main").inner_text()
    assert page.input_value("#id_dimension_housing_money") == "Beskrivelse af housing_money."
    assert len(Assessment.objects.get(case=case).dimensions) == len(DIMENSIONS)


def _safety(tab: Tab, family: Family, case: Case, today: str) -> None:
    page = tab.page
    # An earlier meeting, so the scale has a line over time.
    earlier = safety_meeting_create(
        actor=family.caseworker,
        case=case,
        held_on=timezone.localdate() - timedelta(days=14),
        columns={"harm": "Emma er kommet sulten i børnehave."},
    )
    for name, role, score in (
        ("Emma", ParticipantRole.CHILD, 3),
        ("Rikke", ParticipantRole.CASEWORKER, 2),
    ):
        safety_score_record(
            actor=family.caseworker,
            meeting=earlier,
            participant_name=name,
            participant_role=role,
            score=score,
        )
    tab.goto(f"/sager/{case.pk}/")
    tab.click(f"main a[href='/sager/{case.pk}/signs-of-safety/']")
    tab.click(f"main a[href='/sager/{case.pk}/signs-of-safety/nyt-moede/']")
    tab.submit(
        SUBMIT,
        {
            "#id_held_on": today,
            "#id_harm": "Emma har været alene hjemme om aftenen.",
            "#id_danger_statements": "Vi er bekymrede for, at Emma kommer til skade alene.",
            "#id_strengths": "Mormor henter Emma to dage om ugen.",
            "#id_safety_goals": "Emma er aldrig alene hjemme om aftenen.",
            "#id_next_steps": "Netværksmøde med mormor og naboen.",
        },
    )
    assert "Mødet er gemt." in page.locator("main").inner_text()
    meeting = SafetyMeeting.objects.get(case=case, held_on=timezone.localdate())
    for who, role_code, typed in (("Emma", "child", "5"), ("Rikke", "caseworker", "4")):
        page.fill("#id_participant_name", who)
        page.select_option("#id_participant_role", role_code)
        tab.submit("main form[action$='/skala/'] button[type=submit]", {"#id_score": typed})
        assert "Scoren er gemt." in page.locator("main").inner_text()
    assert meeting.scores.count() == 2

    tab.click(f"main .breadcrumbs a[href='/sager/{case.pk}/signs-of-safety/']")
    page.wait_for_selector("#safety-scale-chart svg", timeout=10_000)
    table = page.locator("main table").first.inner_text()
    assert "Emma (Barnet)" in table
    assert "3" in table
    assert "5" in table
    tab.submit(
        "main form[action$='/netvaerk/'] button[type=submit]",
        {
            "#id_name": "Inger Hansen",
            "#id_relation": "mormor",
            "#id_commitment": "Henter Emma tirsdag og torsdag og er hos hende om aftenen.",
            "#id_joined_on": today,
        },
    )
    assert "Inger Hansen er skrevet ind i netværket." in page.locator("main").inner_text()


def _conclude_and_plan(tab: Tab, case: Case, today: str) -> None:
    page = tab.page
    tab.goto(f"/sager/{case.pk}/undersoegelse/")
    page.fill("#id_conclusion", "Emma kan ikke bo hjemme lige nu; mor giver samtykke.")
    page.click("label:has-text('Anbringelse med samtykke')")
    tab.submit("main form[action$='/konklusion/'] button[type=submit]", {"#id_decided_on": today})
    assert "Undersøgelsen er afsluttet." in page.locator("main").inner_text()

    tab.click(f"main a[href='/sager/{case.pk}/barnets-plan/']")
    assert "Barnets plan skal foreligge senest" in page.locator("main").inner_text()
    tab.submit(SUBMIT, {"#id_adopted_on": today})
    page.check("#id_agreed_with_child")
    page.check("#id_agreed_with_parents")
    tab.submit(
        "main form[action$='/maal/'] button[type=submit]",
        {
            "#id_text": "Emma går i børnehave hver dag og ser mor hver weekend.",
            "#id_agreed_on": today,
        },
    )
    assert "Målet er gemt." in page.locator("main").inner_text()
    plan = ChildPlan.objects.get(case=case)
    assert plan.goals.get().agreed_with_child


def test_from_decision_to_the_childs_plan(new_tab: NewTab, family: Family) -> None:
    today = timezone.localdate().strftime("%d.%m.%Y")
    case = _intake_decides(new_tab(), family)
    _leader_assigns(new_tab(), family, case)

    tab = new_tab()
    tab.log_in(family.caseworker.username)
    _assessment(tab, case)
    _safety(tab, family, case, today)
    _conclude_and_plan(tab, case, today)
    tab.goto(f"/sager/{case.pk}/")
    section = tab.page.locator("main").inner_text()
    assert "afsluttet den" in section
    assert "1 mål" in section
