"""Following up a placement and the move to adulthood, in the browser: the caseworker opens a
young person's case, records a follow-up meeting and sees the next date, is refused an own
interval without a reason, records a supervision visit, names the adult-services coordinator
from the transition list, and prints the month's agenda. Every page is axe-checked."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.utils import timezone

from sikkerhedsnet.cases.models import Case
from sikkerhedsnet.cases.tests.factories import CaseFactory, make_team
from sikkerhedsnet.lib.dates import add_months
from sikkerhedsnet.measures.cadence import next_follow_up_due
from sikkerhedsnet.measures.ladder import MeasureKind
from sikkerhedsnet.measures.models import AdultServicesCoordinator, Measure
from sikkerhedsnet.measures.tests.factories import MeasureFactory
from sikkerhedsnet.people.models import Role, User
from sikkerhedsnet.people.tests import factories as f
from tests.browser.conftest import Tab

pytestmark = pytest.mark.browser

NewTab = Callable[..., Tab]
SUBMIT = "main form button[type=submit]"


@dataclass
class Young:
    caseworker: User
    case: Case
    placement: Measure


@pytest.fixture
def young(transactional_db: None) -> Young:
    today = timezone.localdate()
    family_team = make_team("Familieteam Nord")
    caseworker = f.staff(Role.CASEWORKER, family_team, username="rikke", first_name="Rikke")
    birth = add_months(today, -(17 * 12 + 7))  # 17 years and 7 months: coordinator overdue
    child = f.ChildFactory.create(first_name="Mikkel", birth_date=birth)
    case = CaseFactory.create(child=child, team=family_team, caseworker=caseworker)
    placement = MeasureFactory.create(
        case=case,
        kind=MeasureKind.KINSHIP_FOSTER_CARE,
        provider="Mormor i Brande",
        decided_on=add_months(today, -4),
        start_date=add_months(today, -4),
    )
    return Young(caseworker, case, placement)


def test_follow_up_supervision_and_coordinator(new_tab: NewTab, young: Young) -> None:
    today = timezone.localdate()
    tab = new_tab()
    tab.log_in("rikke")
    tab.goto(f"/sager/{young.case.pk}/")
    assert "Opfølgning på foranstaltninger" in tab.page.content()

    tab.click("text=Registrér opfølgning")
    tab.page.check("#id_child_took_part")
    tab.page.check("#id_family_took_part")
    tab.submit(
        "form[action$='opfoelgning/'] button[type=submit]",
        {"#id_what_changed": "Mikkel er faldet godt til hos mormor.", "#id_safety_scale": "7"},
    )
    due = next_follow_up_due(kind=young.placement.kind, held_on=today, interval_weeks=None)
    assert tab.page.inner_text("#next-follow-up") == due.strftime("%d.%m.%Y")

    tab.submit("form[action$='interval/'] button[type=submit]", {"#id_interval_weeks": "4"})
    assert "Skriv, hvorfor der skal følges op med et andet interval." in tab.page.content()

    tab.goto(f"/sager/{young.case.pk}/foranstaltninger/{young.placement.pk}/tilsyn/")
    tab.page.check("#id_spoke_with_child_0")
    tab.submit(SUBMIT, {"#id_note": "Talte med Mikkel alene på hans værelse."})
    assert "1 af 2 besøg med samtale med barnet" in tab.page.inner_text("#supervision-count")

    tab.goto("/overgang/")
    assert "Mangler (fristen er overskredet)" in tab.page.content()
    tab.click("main table a:has-text('Udpeg')")
    tab.submit(SUBMIT, {"#id_name": "Karin Voksen", "#id_contact": "Voksenhandicap"})
    assert AdultServicesCoordinator.objects.get(child=young.case.child).name == "Karin Voksen"

    tab.goto(f"/overgang/dagsorden/?maaned={today:%Y-%m}")
    assert "Mikkel" in tab.page.content()
    assert "Karin Voksen" in tab.page.content()
