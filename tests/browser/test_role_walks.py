"""Each role's main job, from the login form to the outcome, through the links a user follows.

One test per role whose main job no other browser test walks from the login page: the leder
(her unit's children, a child with the full CPR number, the round's overview and her worklist),
the faglig leder (a case without a caseworker is given to a rådgiver, and her load shows it), the
rådgiver (Mine sager, a case, a journal note), the data protection officer (the access log's
search form), the administrator (a children file imported into a unit) and ledelsen (the menu
to a unit's round statistics, without names). The fagperson, the
intake worker and the PPR psychologist are walked in test_round_keyboard.py,
test_intake_flow.py and test_collaboration_meeting.py / test_concern_to_meeting.py.

Every page on the way is checked by axe-core, for console errors and for failed resources
(conftest.Tab).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.utils import timezone
from playwright.sync_api import FilePayload

from sikkerhedsnet.audit.models import AccessLog
from sikkerhedsnet.cases.models import Case, CaseAssignment, JournalEntry, JournalKind
from sikkerhedsnet.cases.tests.factories import CaseFactory, make_team
from sikkerhedsnet.imports.models import ImportRun
from sikkerhedsnet.people.models import Child, Enrolment, Role, Unit, User, current_on
from sikkerhedsnet.people.tests import factories as f
from tests.browser.conftest import Tab
from tests.town import Town

pytestmark = pytest.mark.browser

NewTab = Callable[..., Tab]
SUBMIT = "main form button[type=submit]"


def _main(tab: Tab) -> str:
    return tab.page.locator("main").inner_text()


# The leder ------------------------------------------------------------------------------------


def test_the_leader_opens_her_unit_a_child_the_overview_and_her_worklist(
    new_tab: NewTab, town: Town
) -> None:
    """Emil has been enrolled since 2022 and has no joint position in the last closed round, so
    the safety net puts him on the leder's worklist (screening/worklist.py, NOT_SCREENED)."""
    tab = new_tab()
    tab.log_in(town.leader.username)
    page = tab.page
    assert page.locator("h1").inner_text() == "Goddag, Lene"

    tab.click(f"main a[href='/enheder/{town.unit.pk}/']")
    assert page.locator("h1").inner_text() == "Solsikken"
    roster = page.locator("#roster").inner_text()
    assert "Emil Larsen" in roster
    assert town.child.cpr_masked in roster  # masked in the list (DESIGN §7)
    assert town.child.cpr_formatted not in roster
    assert town.other_child.first_name not in roster  # Mælkebøtten's child

    tab.click(f"#roster a[href='/boern/{town.child.pk}/']")
    assert page.locator("h1").inner_text() == "Emil Larsen"
    assert town.child.cpr_formatted in _main(tab)  # the leder sees the full number
    assert AccessLog.objects.filter(user=town.leader, child=town.child).exists()

    tab.goto(f"/enheder/{town.unit.pk}/")
    tab.click(f"main a[href='/enheder/{town.unit.pk}/overblik/']")
    overview = _main(tab)
    assert "Overblik over trivselsrunderne i Solsikken" in overview
    assert "Tallene er præcise, fordi du arbejder i enheden." in overview
    assert "Afsluttet runde med frist" in overview

    tab.click("nav a[href='/opgaver/']")
    assert page.locator("h1").inner_text() == "Mine opgaver"
    row = page.locator("main table tbody tr", has_text="Emil Larsen")
    assert row.count() == 1
    assert "Ikke vurderet i runden" in row.inner_text()
    assert "Solsikken" in row.inner_text()
    assert "Mælkebøtten" not in _main(tab)
    tab.click(f"main table a[href='/boern/{town.child.pk}/']")
    assert page.locator("h1").inner_text() == "Emil Larsen"


# The faglig leder and the rådgiver ------------------------------------------------------------


@dataclass(frozen=True)
class Team:
    team: Unit
    leader: User
    rikke: User
    rasmus: User
    rikkes_case: Case
    free_case: Case


@pytest.fixture
def team(town: Town) -> Team:
    today = timezone.localdate()
    unit = make_team("Familieteam Vest")
    leader = f.staff(Role.TEAM_LEADER, unit, username="tove", first_name="Tove")
    rikke = f.staff(Role.CASEWORKER, unit, username="rikke", first_name="Rikke")
    rasmus = f.staff(Role.CASEWORKER, unit, username="rasmus", first_name="Rasmus")
    sofie = f.ChildFactory.create(first_name="Sofie", last_name="Jensen")
    rikkes_case = CaseFactory.create(
        child=sofie, team=unit, caseworker=rikke, opened_on=today, became_aware_on=today
    )
    free_case = CaseFactory.create(
        child=town.child, team=unit, caseworker=None, opened_on=today, became_aware_on=today
    )
    return Team(unit, leader, rikke, rasmus, rikkes_case, free_case)


def test_the_team_leader_gives_a_case_without_a_caseworker_to_a_caseworker(
    new_tab: NewTab, team: Team
) -> None:
    case = team.free_case
    tab = new_tab()
    tab.log_in(team.leader.username)
    page = tab.page
    tab.click("nav a[href='/sager/']")  # a faglig leder lands on her team's caseload
    assert page.url.endswith("/sager/team/")
    assert page.locator("h1").inner_text() == "Teamets sagsstamme"
    loads = page.locator("main table").first
    assert "\t0\t" in loads.locator("tbody tr", has_text="Rasmus").inner_text()
    free = page.locator("main table tbody tr", has_text="Emil Larsen")
    assert free.count() == 1
    assert case.child.cpr_masked in free.inner_text()

    tab.click(f"main table a[href='/sager/{case.pk}/']")
    assert page.locator("h1").inner_text() == f"Sag {case.pk}: Emil Larsen"
    assert "Sagen har ingen rådgiver" in _main(tab)
    tab.click(f"main a[href='/sager/{case.pk}/fordel/']")
    assert "Sagen har ingen rådgiver." in _main(tab)
    options = page.locator("main fieldset label").all_inner_texts()
    assert any(text.startswith("Rasmus") and "0 af 25 sager" in text for text in options), options
    assert any(text.startswith("Rikke") and "1 af 25 sager" in text for text in options), options
    page.click("main fieldset label:has-text('Rasmus')")
    tab.click(SUBMIT)

    assert page.url.endswith(f"/sager/{case.pk}/")
    assert "Sagen er fordelt til Rasmus" in _main(tab)
    case.refresh_from_db()
    assert case.caseworker == team.rasmus
    assignment = CaseAssignment.objects.get(case=case)
    assert (assignment.caseworker, assignment.assigned_by) == (team.rasmus, team.leader)

    tab.click("nav a[href='/sager/']")
    rasmus = page.locator("main table").first.locator("tbody tr", has_text="Rasmus")
    assert "\t1\t" in rasmus.inner_text()
    assert "Alle teamets åbne sager har en rådgiver." in _main(tab)

    # Rasmus finds it under Mine sager.
    worker = new_tab()
    worker.log_in(team.rasmus.username)
    worker.click("nav a[href='/sager/']")
    mine = worker.page.locator("main table").first.inner_text()
    assert f"Sag {case.pk}" in mine
    assert "Emil Larsen" in mine


def test_the_caseworker_opens_a_case_from_her_cases_and_writes_a_journal_note(
    new_tab: NewTab, team: Team
) -> None:
    case = team.rikkes_case
    today = timezone.localdate().strftime("%d.%m.%Y")
    tab = new_tab()
    tab.log_in(team.rikke.username)
    page = tab.page
    tab.click("nav a[href='/sager/']")
    assert page.locator("h1").inner_text() == "Mine sager"
    assert "Du har 1 åben sag" in _main(tab)
    mine = page.locator("main table").first.inner_text()
    assert "Sofie Jensen" in mine
    assert "Emil Larsen" not in mine  # the team's free case is listed below, not as hers

    tab.click(f"main table a[href='/sager/{case.pk}/']")
    assert page.locator("h1").inner_text() == f"Sag {case.pk}: Sofie Jensen"
    assert "kun læseadgang" not in _main(tab)
    tab.click(f"main a[href='/sager/{case.pk}/journal/ny/']")
    assert page.locator("h1").inner_text() == f"Skriv i journalen for sag {case.pk}"
    assert page.input_value("#id_occurred_on") == today
    page.select_option("#id_kind", JournalKind.PHONE)
    tab.submit(
        SUBMIT,
        {
            "#id_title": "Samtale med mor",
            "#id_text": "Mor fortæller, at Sofie sover bedre.\nVi ses på hjemmebesøg i næste uge.",
        },
    )

    assert page.url.endswith(f"/sager/{case.pk}/")
    assert "Notatet er skrevet i journalen." in _main(tab)
    journal = page.locator("main ol.journal").inner_text()
    assert f"{today} · Telefonsamtale: Samtale med mor" in journal
    assert "Mor fortæller, at Sofie sover bedre." in journal
    assert "Skrevet af Rikke" in journal
    entry = JournalEntry.objects.get(case=case, title="Samtale med mor")
    assert (entry.kind, entry.written_by) == (JournalKind.PHONE, team.rikke)


# Databeskyttelse ------------------------------------------------------------------------------


def test_the_data_protection_officer_searches_the_access_log_for_a_childs_reads(
    new_tab: NewTab, town: Town
) -> None:
    leader = new_tab()
    leader.log_in(town.leader.username)
    leader.goto(f"/boern/{town.child.pk}/")
    outsider = new_tab()
    outsider.log_in(town.outsider.username)
    outsider.goto(f"/boern/{town.other_child.pk}/")

    today = timezone.localdate().strftime("%d.%m.%Y")
    tab = new_tab()
    tab.log_in(town.dpo.username)
    page = tab.page
    tab.click("nav a[href='/adgangslog/']")
    assert page.locator("h1").inner_text() == "Adgangslog"
    tab.submit(
        SUBMIT,
        {"#id_cpr": town.child.cpr_formatted, "#id_date_from": today, "#id_date_to": today},
    )
    assert page.input_value("#id_cpr")  # the search stays in the form
    rows = page.locator("main table tbody tr").all_inner_texts()
    assert rows, _main(tab)
    assert all("Emil Larsen" in row for row in rows), rows
    assert any(town.leader.username in row and "Barnets side" in row for row in rows), rows
    assert not any(town.outsider.username in row for row in rows), rows
    expected = AccessLog.objects.filter(child=town.child).count()
    assert f"{expected} opslag." in _main(tab)

    # Who else was read today, by the user from the other unit.
    page.fill("#id_cpr", "")
    tab.submit(SUBMIT, {"#id_username": town.outsider.username})
    rows = page.locator("main table tbody tr").all_inner_texts()
    assert rows, _main(tab)
    assert all(town.outsider.username in row for row in rows), rows
    assert any(town.other_child.cpr_formatted in row for row in rows), rows
    assert not any("Emil Larsen" in row for row in rows), rows


# The administrator ----------------------------------------------------------------------------


def test_the_administrator_imports_a_children_file_into_a_unit(new_tab: NewTab, town: Town) -> None:
    admin = f.staff(Role.ADMINISTRATOR, username="adam", first_name="Adam")
    unit = f.UnitFactory.create(name="Bøgely", code="DAG003")
    born = timezone.localdate().replace(year=timezone.localdate().year - 3, day=1)
    cprs = [f.replacement_cpr(born, "female"), f.replacement_cpr(born, "male")]
    content = (
        "cpr;first_name;last_name;unit_code\n"
        f"{cprs[0]};Alma;Nielsen;DAG003\n"
        f"{cprs[1]};Noah;Nielsen;DAG003\n"
    ).encode()

    tab = new_tab()
    tab.log_in(admin.username)
    page = tab.page
    tab.click("nav a[href='/import/']")
    assert page.locator("h1").inner_text() == "Import og eksport"
    assert "cpr,first_name,last_name,unit_code" in _main(tab)
    upload: FilePayload = {"name": "boern.csv", "mimeType": "text/csv", "buffer": content}
    page.set_input_files("#id_file", files=upload)
    tab.click(SUBMIT)

    run = ImportRun.objects.get()
    assert page.url.endswith(f"/import/importer/{run.pk}/")
    main = _main(tab)
    assert "boern.csv er importeret: 2 rækker." in main
    assert "Alma Nielsen" in main
    assert "Noah Nielsen" in main
    assert Child.objects.get(cpr=cprs[0]).cpr_masked in main
    assert cprs[0] not in main
    enrolled = Enrolment.objects.filter(current_on(timezone.localdate()), unit=unit)
    assert sorted(enrolled.values_list("child__first_name", flat=True)) == ["Alma", "Noah"]

    tab.click(f"main a[href='/import/importer/enhed/{unit.pk}/']")
    assert page.locator("h1").inner_text() == "Importer til Bøgely"
    assert "boern.csv" in page.locator("main table").inner_text()
    tab.click(f"main a[href='/enheder/{unit.pk}/']")
    assert "2 børn er indskrevet i enheden i dag." in _main(tab)


# Ledelsen -------------------------------------------------------------------------------------


def test_management_follows_the_menu_to_a_units_statistics_without_names(
    new_tab: NewTab, town: Town
) -> None:
    """Ledelsen sees how far the rounds are, unit by unit, with small numbers suppressed and no
    child named (DESIGN §7)."""
    chief = f.UserFactory.create(username="chefen", role=Role.MANAGEMENT, first_name="Bodil")
    tab = new_tab()
    tab.log_in(chief.username)
    tab.click("nav a[href='/trivselsrunder/']")
    page = tab.page
    assert page.locator("h1").inner_text() == "Trivselsrunder i kommunen"
    tab.click(f"main a[href='/enheder/{town.unit.pk}/overblik/']")
    overview = _main(tab)
    assert "Overblik over trivselsrunderne i Solsikken" in overview
    assert "Du ser statistik uden navne" in overview
    assert town.child.first_name not in overview
    assert AccessLog.objects.filter(user=chief, unit=town.unit, child__isnull=True).exists()
