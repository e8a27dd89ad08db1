"""Measures in the browser: a caseworker decides a local family-treatment measure for her case
(the list shows the least intrusive and local offers first, and a more intrusive choice than the
least intrusive fitting one is refused until she writes why); later she records a search of the
family's network and decides a network foster care placement, records a follow-up meeting on it
and sees the next date. Every page is axe-checked (conftest.Tab)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.utils import timezone

from sikkerhedsnet.cases.models import Case
from sikkerhedsnet.cases.tests.factories import CaseFactory, make_team
from sikkerhedsnet.casework.models import ChildPlan, PlanGoal
from sikkerhedsnet.lib.dates import add_months
from sikkerhedsnet.measures.cadence import next_follow_up_due
from sikkerhedsnet.measures.ladder import MeasureKind
from sikkerhedsnet.measures.models import Measure, MeasureStatus, NetworkSearch, Offer
from sikkerhedsnet.measures.services.catalogue import offers_demo_load
from sikkerhedsnet.people.models import Role, User
from sikkerhedsnet.people.tests import factories as f
from tests.browser.conftest import Tab

pytestmark = pytest.mark.browser

NewTab = Callable[..., Tab]
SUBMIT = "main form[method=post] button[type=submit]"


@dataclass
class Family:
    caseworker: User
    case: Case
    family_centre: Offer


@pytest.fixture
def family(transactional_db: None) -> Family:
    today = timezone.localdate()
    family_team = make_team("Familieteam Nord")
    caseworker = f.staff(Role.CASEWORKER, family_team, username="rikke", first_name="Rikke")
    child = f.ChildFactory.create(first_name="Emma", birth_date=add_months(today, -8 * 12 - 3))
    case = CaseFactory.create(child=child, team=family_team, caseworker=caseworker)
    plan = ChildPlan.objects.create(case=case, adopted_on=today, created_by=caseworker)
    PlanGoal.objects.create(
        plan=plan,
        text="Emma har en tryg hverdag med voksne, der ikke råber",
        agreed_with_child=True,
        agreed_with_parents=True,
        agreed_on=today,
        created_by=caseworker,
    )
    offers_demo_load()
    centre = Offer.objects.get(name="Familiecentret, familiebehandling")
    return Family(caseworker, case, centre)


def _decide_family_treatment(tab: Tab, family: Family) -> Measure:
    today = timezone.localdate()
    tab.goto(f"/sager/{family.case.pk}/")
    tab.click("text=Beslut en foranstaltning")
    tab.select_and_submit(
        "#id_type", MeasureKind.FAMILY_TREATMENT, "main button:has-text('Vis tilbud')"
    )
    names = tab.page.locator("#fitting-offers tbody th").all_inner_texts()
    # The municipality's own family centre before the external provider.
    assert [name.splitlines()[0] for name in names] == [
        "Familiecentret, familiebehandling",
        "Familiebehandling",
    ]
    page = tab.page
    page.select_option("#id_kind", MeasureKind.FAMILY_TREATMENT)
    page.select_option("#id_offer", str(family.family_centre.pk))
    page.check("label[for='id_legal_ground_1']")  # Støtte med samtykke
    page.check("label[for='id_goals_0']")
    tab.submit(
        SUBMIT,
        {
            "#id_purpose": "Forældrene lærer at sætte grænser uden at råbe.",
            "#id_expected_months": "6",
            "#id_start_on": today.strftime("%d.%m.%Y"),
        },
    )
    # Advice and groups at the family centre fit Emma too, and are less intrusive.
    assert "Der findes et mindre indgribende tilbud" in page.content()
    assert not Measure.objects.exists()
    tab.submit(
        SUBMIT,
        {"#id_intrusiveness_reason": "Rådgivning er prøvet i et halvt år uden bedring."},
    )
    measure = Measure.objects.get()
    assert page.inner_text("#measure-status") == "I gang"
    assert (measure.offer, measure.status) == (family.family_centre, MeasureStatus.ACTIVE)
    return measure


def _decide_network_placement(tab: Tab, family: Family) -> Measure:
    today = timezone.localdate()
    page = tab.page
    tab.goto(f"/sager/{family.case.pk}/")
    tab.click("text=Registrér netværksafdækning")
    page.check("#id_found_carer")
    tab.submit(
        SUBMIT,
        {
            "#id_people_considered": "Mormor Inger, moster Lise, naboen",
            "#id_result": "Mormor Inger kan tage Emma og har plads.",
        },
    )
    assert NetworkSearch.objects.filter(case=family.case).exists()
    assert "Familiens netværk er senest afdækket" in page.content()

    tab.click("text=Beslut en foranstaltning")
    page.select_option("#id_kind", MeasureKind.KINSHIP_FOSTER_CARE)
    page.check("#id_in_municipality")
    page.check("label[for='id_legal_ground_2']")  # Anbringelse med samtykke
    page.check("label[for='id_goals_0']")
    page.check("label[for='id_siblings_2']")  # Anbragt sammen med søskende
    tab.submit(
        SUBMIT,
        {
            "#id_provider": "Mormor, Inger Hansen",
            "#id_monthly_cost": "18000",
            "#id_intrusiveness_reason": "Emma er ikke tryg hjemme om natten trods behandlingen.",
            "#id_purpose": "Emma bor trygt hos mormor, mens forældrene får behandling.",
            "#id_expected_months": "12",
            "#id_start_on": today.strftime("%d.%m.%Y"),
        },
    )
    placement = Measure.objects.get(kind=MeasureKind.KINSHIP_FOSTER_CARE)
    assert (placement.status, placement.siblings) == (MeasureStatus.ACTIVE, "together")
    assert "Mormor, Inger Hansen" in page.content()
    return placement


def test_decide_a_local_measure_then_a_network_placement_and_follow_up(
    new_tab: NewTab, family: Family
) -> None:
    tab = new_tab()
    tab.log_in("rikke")
    _decide_family_treatment(tab, family)
    placement = _decide_network_placement(tab, family)

    page = tab.page
    tab.click("main a:has-text('Opfølgning')")
    page.check("#id_child_took_part")
    page.check("#id_family_took_part")
    tab.submit(
        "form[action$='opfoelgning/'] button[type=submit]",
        {"#id_what_changed": "Emma sover igennem hos mormor.", "#id_safety_scale": "7"},
    )
    today = timezone.localdate()
    due = next_follow_up_due(kind=placement.kind, held_on=today, interval_weeks=None)
    assert page.inner_text("#next-follow-up") == due.strftime("%d.%m.%Y")


def test_the_catalogue_capacity_and_move_pages_are_accessible(
    new_tab: NewTab, family: Family
) -> None:
    today = timezone.localdate()
    assert family.case.team is not None
    leader = f.staff(Role.TEAM_LEADER, family.case.team, username="lene", first_name="Lene")
    placed = Measure.objects.create(
        case=family.case,
        child=family.case.child,
        kind=MeasureKind.FOSTER_FAMILY,
        provider="Plejefamilien Holm",
        in_municipality=True,
        legal_ground="placement_with_consent",
        purpose="Tryghed",
        expected_months=12,
        siblings="apart",
        status=MeasureStatus.ACTIVE,
        decided_on=add_months(today, -2),
        start_date=add_months(today, -2),
        monthly_cost=40_000,
        offer=None,
        decided_by=leader,
    )
    tab = new_tab()
    tab.log_in(leader.username)
    tab.goto("/foranstaltninger/tilbud/")
    assert "Børnehuset" in tab.page.content()
    tab.click("main a:has-text('Nyt tilbud')")
    tab.submit(SUBMIT, {"#id_name": ""})
    assert "Skriv tilbuddets navn." in tab.page.content()
    tab.goto("/foranstaltninger/kapacitet/")
    assert "Udgifter pr. type og år" in tab.page.content()
    tab.goto(f"/sager/{family.case.pk}/foranstaltninger/{placed.pk}/flyt/")
    tab.page.select_option("#id_kind", MeasureKind.KINSHIP_FOSTER_CARE)
    tab.page.check("label[for='id_siblings_3']")  # Anbragt adskilt fra søskende
    tab.submit(SUBMIT, {"#id_provider": "Moster Lise", "#id_monthly_cost": "18000"})
    assert "Flytninger" in tab.page.content()
    assert "Moster Lise" in tab.page.content()
