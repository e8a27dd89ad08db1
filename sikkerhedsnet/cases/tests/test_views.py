from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from sikkerhedsnet.audit.models import AccessLog
from sikkerhedsnet.cases.models import Case, CaseAssignment, JournalEntry
from sikkerhedsnet.cases.tests.factories import CaseFactory, TeamWorld, make_team_world
from sikkerhedsnet.casework.models import Assessment, AssessmentDecision, InterimAssessment
from sikkerhedsnet.conftest import client_for
from sikkerhedsnet.lib.tests.choices import assert_design_system_group
from sikkerhedsnet.measures.ladder import MeasureKind
from sikkerhedsnet.measures.tests.factories import MeasureFactory
from sikkerhedsnet.people.tests import factories as f

CPH = ZoneInfo("Europe/Copenhagen")


@pytest.fixture
def tw(db: None) -> TeamWorld:
    return make_team_world()


def _detail(case: Case) -> str:
    return reverse("cases:detail", args=[case.pk])


# The access matrix, over the pages ---------------------------------------------------------


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("owner", 200),
        ("colleague", 200),
        ("leader", 200),
        ("other_worker", 404),
        ("other_leader", 404),
        ("fagperson", 404),
        ("intake", 404),
    ],
)
def test_it_requires_access_to_the_case_page(tw: TeamWorld, who: str, status: int) -> None:
    response = client_for(getattr(tw, who)).get(_detail(tw.case))
    assert response.status_code == status


def test_an_anonymous_visitor_is_sent_to_login(tw: TeamWorld) -> None:
    response = Client().get(_detail(tw.case))
    assert response.status_code == 302


def test_the_case_page_shows_the_case_and_logs_the_read(tw: TeamWorld) -> None:
    response = client_for(tw.colleague).get(_detail(tw.case))
    text = response.content.decode()
    assert tw.child.cpr_masked in text
    assert tw.child.cpr_formatted not in text
    assert "kun læseadgang" in text
    assert "Skriv i journalen" not in text
    assert AccessLog.objects.filter(user=tw.colleague, child=tw.child).exists()


def test_the_owner_may_write_in_the_journal(tw: TeamWorld) -> None:
    url = reverse("cases:journal_add", args=[tw.case.pk])
    response = client_for(tw.owner).post(
        url,
        {
            "kind": "meeting",
            "occurred_on": "01.03.2026",
            "title": "Møde med familien",
            "text": "Aftaler",
        },
    )
    assert response.status_code == 302
    assert JournalEntry.objects.get().title == "Møde med familien"


@pytest.mark.parametrize("who", ["colleague", "other_worker", "fagperson"])
def test_it_requires_edit_rights_to_write(tw: TeamWorld, who: str) -> None:
    url = reverse("cases:journal_add", args=[tw.case.pk])
    assert client_for(getattr(tw, who)).get(url).status_code == 404


def test_bad_journal_input_is_a_danish_message(tw: TeamWorld) -> None:
    url = reverse("cases:journal_add", args=[tw.case.pk])
    response = client_for(tw.owner).post(
        url, {"kind": "note", "occurred_on": "31.02.2026", "title": "", "text": "x"}
    )
    assert response.status_code == 422
    assert "Skriv datoen som DD.MM.ÅÅÅÅ" in response.content.decode()
    assert not JournalEntry.objects.exists()


def test_a_correction_names_the_old_entry(tw: TeamWorld) -> None:
    client = client_for(tw.owner)
    url = reverse("cases:journal_add", args=[tw.case.pk])
    client.post(url, {"kind": "note", "occurred_on": "01.03.2026", "title": "Notat", "text": "a"})
    old = JournalEntry.objects.get()
    client.post(
        f"{url}?retter={old.pk}",
        {
            "kind": "note",
            "occurred_on": "02.03.2026",
            "title": "Rettelse",
            "text": "b",
            "retter": old.pk,
        },
    )
    assert JournalEntry.objects.get(title="Rettelse").corrects == old


# Caseloads -------------------------------------------------------------------------------


def test_mine_sager_lists_her_cases_with_the_next_deadline(tw: TeamWorld) -> None:
    response = client_for(tw.owner).get(reverse("cases:home"))
    text = response.content.decode()
    assert response.status_code == 200
    assert tw.child.full_name in text
    assert tw.case.assessment_due_on.strftime("%d.%m.%Y") in text


def test_mine_sager_shows_a_follow_up_due_where_the_assessment_is_done(tw: TeamWorld) -> None:
    Assessment.objects.create(
        case=tw.case,
        updated_at=timezone.now(),
        updated_by=tw.owner,
        decision=AssessmentDecision.SUPPORT,
        decided_on=date(2026, 3, 20),
    )
    MeasureFactory.create(case=tw.case, next_follow_up_due=date(2026, 11, 20))
    with time_machine.travel(datetime(2026, 11, 25, 9, 0, tzinfo=CPH), tick=False):
        text = client_for(tw.owner).get(reverse("cases:home")).content.decode()
    row = text[text.index(tw.child.full_name) :]
    row = row[: row.index("</tr>")]
    assert "20.11.2026: Opfølgning (Familiebehandling)" in row
    assert "Overskredet" in row


def test_mine_sager_shows_the_next_supervision_visit_of_a_placement(tw: TeamWorld) -> None:
    MeasureFactory.create(
        case=tw.case,
        kind=MeasureKind.FOSTER_FAMILY,
        start_date=date(2026, 6, 1),
        next_follow_up_due=date(2026, 12, 31),
    )
    # Casework's deadline is further off: an interim assessment expects the end in 2027.
    assessment = Assessment.objects.create(
        case=tw.case, updated_at=timezone.now(), updated_by=tw.owner
    )
    InterimAssessment.objects.create(
        assessment=assessment,
        text="x",
        expected_done_on=date(2027, 2, 1),
        recorded_on=date(2026, 7, 1),
        recorded_by=tw.owner,
    )
    with time_machine.travel(datetime(2026, 11, 25, 9, 0, tzinfo=CPH), tick=False):
        text = client_for(tw.owner).get(reverse("cases:home")).content.decode()
    assert "01.12.2026: Tilsynsbesøg (Almen plejefamilie)" in text  # 6 months after the start


@pytest.mark.parametrize("who", ["fagperson", "intake"])
def test_it_requires_a_case_role_for_the_caseload(tw: TeamWorld, who: str) -> None:
    assert client_for(getattr(tw, who)).get(reverse("cases:home")).status_code == 404
    assert client_for(getattr(tw, who)).get(reverse("cases:team")).status_code == 404


def test_a_radgiver_has_no_team_page(tw: TeamWorld) -> None:
    assert client_for(tw.owner).get(reverse("cases:team")).status_code == 404


def test_the_team_page_shows_loads_over_the_cap_and_free_cases(tw: TeamWorld) -> None:
    CaseFactory.create_batch(26, team=tw.team, caseworker=tw.colleague)
    free = CaseFactory.create(team=tw.team)
    CaseFactory.create(team=tw.other_team)
    response = client_for(tw.leader).get(reverse("cases:team"))
    text = response.content.decode()
    assert "Over loftet" in text
    assert reverse("cases:assign", args=[free.pk]) in text
    assert tw.other_case.child.full_name not in text


# Assignment and opening --------------------------------------------------------------------


def test_the_leader_assigns_from_the_page(tw: TeamWorld) -> None:
    free = CaseFactory.create(team=tw.team)
    url = reverse("cases:assign", args=[free.pk])
    client = client_for(tw.leader)
    page = client.get(url).content.decode()
    assert "1 af 25 sager" in page  # Rikke has the world's case
    response = client.post(url, {"version": 1, "caseworker": tw.owner.pk})
    assert response.status_code == 302
    free.refresh_from_db()
    assert free.caseworker == tw.owner


def test_over_the_cap_is_refused_with_the_input_kept(tw: TeamWorld) -> None:
    CaseFactory.create_batch(25, team=tw.team, caseworker=tw.colleague)
    free = CaseFactory.create(team=tw.team)
    response = client_for(tw.leader).post(
        reverse("cases:assign", args=[free.pk]), {"version": 1, "caseworker": tw.colleague.pk}
    )
    assert response.status_code == 422
    assert "loftet er 25" in response.content.decode()
    assert not CaseAssignment.objects.filter(case=free).exists()


def test_a_stale_version_is_a_conflict_not_an_overwrite(tw: TeamWorld) -> None:
    response = client_for(tw.leader).post(
        reverse("cases:assign", args=[tw.case.pk]),
        {"version": 7, "caseworker": tw.colleague.pk, "reason": "Orlov"},
    )
    assert response.status_code == 409
    text = response.content.decode()
    assert "En kollega har ændret sagen" in text
    assert "Orlov" in text
    tw.case.refresh_from_db()
    assert tw.case.caseworker == tw.owner


def test_the_caseworkers_are_radio_buttons_and_the_choice_stays_after_an_error(
    tw: TeamWorld,
) -> None:
    """Issue 13: the group showed empty text boxes (form-input) and hid the chosen rådgiver."""
    CaseFactory.create_batch(25, team=tw.team, caseworker=tw.colleague)
    free = CaseFactory.create(team=tw.team)
    url = reverse("cases:assign", args=[free.pk])
    page = client_for(tw.leader).get(url).content
    assert_design_system_group(page, "caseworker", "radio", set())
    response = client_for(tw.leader).post(url, {"version": 1, "caseworker": tw.colleague.pk})
    assert response.status_code == 422
    text = response.content.decode()
    assert_design_system_group(text, "caseworker", "radio", {str(tw.colleague.pk)})
    assert '<legend class="form-label" id="id_caseworker-legend">Rådgiver</legend>' in text
    assert "25 af 25 sager" in text
    assert '<span class="badge badge-small badge-warning">Ved loftet</span>' in text


@pytest.mark.parametrize("who", ["owner", "other_leader", "fagperson"])
def test_it_requires_the_leader_to_reassign(tw: TeamWorld, who: str) -> None:
    url = reverse("cases:assign", args=[tw.case.pk])
    assert client_for(getattr(tw, who)).get(url).status_code == 404


def test_the_leader_opens_a_case_by_cpr(tw: TeamWorld) -> None:
    child = f.ChildFactory.create()
    response = client_for(tw.leader).post(
        reverse("cases:open"),
        {"cpr": child.cpr, "team": tw.team.pk, "became_aware_on": "01.03.2026"},
    )
    assert response.status_code == 302
    case = Case.objects.get(child=child)
    assert (case.team, case.became_aware_on) == (tw.team, date(2026, 3, 1))


def test_an_unknown_cpr_is_a_clear_message(tw: TeamWorld) -> None:
    response = client_for(tw.leader).post(
        reverse("cases:open"),
        {"cpr": "010203-4444", "team": tw.team.pk, "became_aware_on": "01.03.2026"},
    )
    assert response.status_code == 422


@pytest.mark.parametrize("who", ["owner", "fagperson", "intake"])
def test_it_requires_a_leader_to_open(tw: TeamWorld, who: str) -> None:
    assert client_for(getattr(tw, who)).get(reverse("cases:open")).status_code == 404


def test_a_letter_is_made_and_downloaded(tw: TeamWorld) -> None:
    mother = f.CustodyFactory.create(child=tw.child).guardian
    client = client_for(tw.owner)
    response = client.post(
        reverse("cases:letter_add", args=[tw.case.pk]),
        {
            "template": "meeting",
            "recipient": mother.pk,
            "meeting_on": "20.04.2026",
            "meeting_time": "09.30",
            "place": "Rådhuset",
        },
    )
    assert response.status_code == 302
    entry = JournalEntry.objects.get(kind="letter")
    assert (
        "Afventer afsendelse"
        in client.get(reverse("cases:detail", args=[tw.case.pk])).content.decode()
    )
    pdf = client.get(reverse("cases:letter_pdf", args=[tw.case.pk, entry.pk]))
    assert pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF")
    outsider = client_for(tw.other_worker)
    assert outsider.get(reverse("cases:letter_pdf", args=[tw.case.pk, entry.pk])).status_code == 404


def test_a_meeting_letter_needs_a_time_and_place(tw: TeamWorld) -> None:
    mother = f.CustodyFactory.create(child=tw.child).guardian
    response = client_for(tw.owner).post(
        reverse("cases:letter_add", args=[tw.case.pk]),
        {"template": "meeting", "recipient": mother.pk, "meeting_time": "9"},
    )
    assert response.status_code == 422
    assert "Skriv klokkeslættet som TT.MM" in response.content.decode()
