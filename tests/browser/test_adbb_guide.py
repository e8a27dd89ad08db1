"""A health visitor records an ADBB at the cutoff and its follow-up visit; a daycare leader
uses the concern guide. Every page on the way is checked by axe-core (conftest.Tab)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta

import pytest
from django.utils import timezone

from sikkerhedsnet.people.models import Child, Role, Unit, UnitKind, User
from sikkerhedsnet.people.tests import factories as f
from sikkerhedsnet.screening.adbb_scale import ADBB_ITEMS
from sikkerhedsnet.screening.models import AdbbFollowUp, GuideAssessment, Screening
from sikkerhedsnet.screening.selectors.guide import age_band_for, default_guide
from tests.browser.conftest import Tab
from tests.town import Town

pytestmark = pytest.mark.browser

NewTab = Callable[..., Tab]
# Five items scored 1 and three scored 0: a total of 5, the default cutoff.
AT_CUTOFF = [1, 1, 1, 1, 1, 0, 0, 0]


@dataclass(frozen=True)
class HealthVisiting:
    unit: Unit
    nurse: User
    baby: Child


@pytest.fixture
def health(town: Town) -> HealthVisiting:
    unit = f.UnitFactory.create(
        name="Sundhedsplejen Nord", code="SUN001", kind=UnitKind.HEALTH_VISITING
    )
    nurse = f.staff(Role.PROFESSIONAL, unit, username="nina", first_name="Nina")
    born = timezone.localdate() - timedelta(days=150)  # about five months old
    baby = f.ChildFactory.create(first_name="Ida", last_name="Holm", birth_date=born)
    f.EnrolmentFactory.create(child=baby, unit=unit, since=born)
    f.CustodyFactory.create(child=baby)
    return HealthVisiting(unit, nurse, baby)


def test_health_visitor_records_an_adbb_at_the_cutoff_and_the_follow_up(
    new_tab: NewTab, health: HealthVisiting
) -> None:
    tab = new_tab()
    tab.log_in(health.nurse.username)
    tab.goto(f"/boern/{health.baby.pk}/")
    tab.click(f"main a[href='/boern/{health.baby.pk}/adbb/']")
    assert tab.page.locator("h1").inner_text() == "ADBB: ny scoring"

    today = timezone.localdate()
    for item, score in zip(ADBB_ITEMS, AT_CUTOFF, strict=True):
        tab.page.click(f"label[for='id_item_{item.code}_{score}']")
    tab.submit("main form button[type=submit]", {"#id_screened_on": today.strftime("%d.%m.%Y")})

    screening = Screening.objects.get(child=health.baby)
    assert screening.adbb_total == 5
    warning = tab.page.locator("main .alert-warning").inner_text()
    due = (today + timedelta(days=14)).strftime("%d.%m.%Y")
    assert "på eller over grænsen på 5" in warning
    assert f"senest {due}" in warning

    tab.click("main .alert-warning a")
    tab.submit(
        "main form button[type=submit]",
        {"#id_visited_on": today.strftime("%d.%m.%Y"), "#id_note": "Mere kontakt i dag."},
    )
    assert AdbbFollowUp.objects.get().note == "Mere kontakt i dag."
    assert "Mere kontakt i dag." in tab.page.locator("main").inner_text()


def test_a_refused_scoring_keeps_the_input_and_names_the_error(
    new_tab: NewTab, health: HealthVisiting
) -> None:
    tab = new_tab()
    tab.log_in(health.nurse.username)
    tab.goto(f"/boern/{health.baby.pk}/adbb/")
    tab.page.click("label[for='id_item_facial_expression_3']")
    tab.submit("main form button[type=submit]", {"#id_screened_on": "01.01.2020"})
    errors = tab.page.locator("main .form-error-message").all_inner_texts()
    assert any("før barnets fødsel" in error for error in errors)
    assert any("Vælg en score for Øjenkontakt." in error for error in errors)
    assert tab.page.is_checked("#id_item_facial_expression_3")
    assert not Screening.objects.exists()


def test_daycare_leader_uses_the_concern_guide(new_tab: NewTab, town: Town) -> None:
    guide = default_guide()
    band = age_band_for(guide, town.child, timezone.localdate())
    sign = band.areas[0].signs_at(2)[0]

    tab = new_tab()
    tab.log_in(town.leader.username)
    tab.goto(f"/boern/{town.child.pk}/")
    tab.click(f"main a[href='/boern/{town.child.pk}/bekymringsguide/']")
    proposal = tab.page.locator("#proposal")
    assert "Niveau 1: Trivsel" in proposal.inner_text()

    # Ticking a sign updates the proposal in place (HTMX).
    tab.page.click(f"label[for='sign-{sign.id}']")
    tab.page.wait_for_selector("#proposal >> text=Niveau 2: Begyndende bekymring")

    # Deciding otherwise without a reason is refused; the tick survives.
    tab.page.click("label[for='id_decided_level_2']")  # the third option: level 3
    tab.click("main form button[value=save]")
    assert "når guiden foreslår niveau 2" in tab.page.locator("main").inner_text()
    assert tab.page.is_checked(f"[id='sign-{sign.id}']")

    tab.page.fill("#id_reason", "Set tre gange denne måned.")
    tab.click("main form button[value=save]")
    assessment = GuideAssessment.objects.get()
    assert (assessment.proposed_level, assessment.decided_level) == (2, 3)
    assert assessment.signs == [sign.id]
    assert str(sign.text) in tab.page.locator("main").inner_text()

    tab.goto("/bekymringsguide/")
    tab.goto(f"/boern/{town.child.pk}/samtykke/")


def test_administrator_edits_the_guide(new_tab: NewTab, town: Town) -> None:
    f.staff(Role.ADMINISTRATOR, username="adam", first_name="Adam")
    tab = new_tab()
    tab.log_in("adam")
    tab.click("header a[href='/bekymringsguide/rediger/']")
    text = tab.page.input_value("#id_content")
    assert '"version": "2026.1"' in text

    tab.submit("main form button[type=submit]", {"#id_content": '{"version": "x", "levels": 3}'})
    problems = tab.page.locator("main .alert-error li").all_inner_texts()
    assert any(problem.startswith("niveauer: skal være en liste") for problem in problems)

    tab.submit(
        "main form button[type=submit]",
        {"#id_content": text.replace('"version": "2026.1"', '"version": "2027.1"')},
    )
    assert "Den nye version af guiden er i kraft." in tab.page.locator("main").inner_text()
    assert default_guide().version == "2026.1"  # the shipped file is untouched
