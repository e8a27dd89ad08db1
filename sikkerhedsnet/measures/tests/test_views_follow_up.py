"""The follow-up, supervision, coordinator and transition pages: access and what they do."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from django.urls import reverse

from sikkerhedsnet.audit.models import AccessLog
from sikkerhedsnet.cases.tests.factories import CaseFactory, TeamWorld, make_team_world
from sikkerhedsnet.conftest import client_for
from sikkerhedsnet.measures.ladder import MeasureKind
from sikkerhedsnet.measures.models import AdultServicesCoordinator, FollowUp, Measure
from sikkerhedsnet.measures.tests.factories import MeasureFactory
from sikkerhedsnet.people.tests import factories as f

TODAY = date(2026, 6, 15)


pytestmark = pytest.mark.usefixtures("today")


@pytest.fixture
def tw(db: None) -> TeamWorld:
    return make_team_world()


@pytest.fixture
def placement(tw: TeamWorld) -> Measure:
    return MeasureFactory.create(
        case=tw.case, kind=MeasureKind.KINSHIP_FOSTER_CARE, provider="Mormor"
    )


def _urls(tw: TeamWorld, measure: Measure) -> dict[str, str]:
    args = [tw.case.pk, measure.pk]
    return {
        "follow_up": reverse("measures:follow_up", args=args),
        "supervision": reverse("measures:supervision", args=args),
        "coordinator": reverse("measures:coordinator", args=[tw.case.pk]),
    }


FOLLOW_UP = {
    "held_on": "10.06.2026",
    "child_took_part": "on",
    "professionals": "",
    "what_changed": "Barnet er faldet til hos mormor.",
    "safety_scale": "7",
}
VISIT = {"visited_on": "01.06.2026", "spoke_with_child": "yes", "note": "Talte alene med barnet."}
COORDINATOR = {"expected_name": "", "name": "Karin Voksen", "contact": "", "named_on": "15.06.2026"}


# Access ------------------------------------------------------------------------------------------


@pytest.mark.parametrize("page", ["follow_up", "supervision", "coordinator"])
def test_it_requires_access(tw: TeamWorld, placement: Measure, page: str) -> None:
    url = _urls(tw, placement)[page]
    for user in (tw.owner, tw.leader, tw.colleague):
        assert client_for(user).get(url).status_code == 200
    for user in (tw.other_worker, tw.other_leader, tw.fagperson, tw.intake):
        assert client_for(user).get(url).status_code == 404
    assert AccessLog.objects.filter(user=tw.owner, child=tw.child).exists()


@pytest.mark.parametrize(
    ("page", "data"),
    [("follow_up", FOLLOW_UP), ("supervision", VISIT), ("coordinator", COORDINATOR)],
)
def test_a_team_colleague_reads_but_may_not_change(
    tw: TeamWorld, placement: Measure, page: str, data: dict[str, str]
) -> None:
    url = _urls(tw, placement)[page]
    colleague = client_for(tw.colleague)
    page_html = colleague.get(url).content.decode()
    assert 'method="post"' not in page_html.split("<main", 1)[1].split("</main>", 1)[0]
    assert colleague.post(url, {**data, "visited_by": tw.colleague.pk}).status_code == 404
    assert client_for(tw.other_worker).post(url, data).status_code == 404
    assert not FollowUp.objects.exists()
    assert not AdultServicesCoordinator.objects.exists()


def test_a_measure_of_another_case_is_not_found(tw: TeamWorld) -> None:
    other = MeasureFactory.create(case=tw.other_case)
    url = reverse("measures:follow_up", args=[tw.case.pk, other.pk])
    assert client_for(tw.owner).get(url).status_code == 404


def test_a_support_measure_has_no_supervision_page(tw: TeamWorld) -> None:
    measure = MeasureFactory.create(case=tw.case)
    assert client_for(tw.owner).get(_urls(tw, measure)["supervision"]).status_code == 404


# Follow-up ---------------------------------------------------------------------------------------


def test_recording_a_follow_up_shows_the_next_date(tw: TeamWorld, placement: Measure) -> None:
    url = _urls(tw, placement)["follow_up"]
    client = client_for(tw.owner)
    page = client.post(url, FOLLOW_UP, follow=True).content.decode()
    assert "Næste opfølgning skal holdes senest 10.09.2026" in page
    assert '<dd id="next-follow-up">10.09.2026</dd>' in page
    placement.refresh_from_db()
    assert placement.next_follow_up_due == date(2026, 9, 10)


def test_a_follow_up_without_participants_keeps_the_input(
    tw: TeamWorld, placement: Measure
) -> None:
    url = _urls(tw, placement)["follow_up"]
    data = {**FOLLOW_UP, "child_took_part": ""}
    response = client_for(tw.owner).post(url, data)
    page = response.content.decode()
    assert response.status_code == 400
    assert "Angiv, hvem der deltog i mødet." in page
    assert "faldet til hos mormor" in page


def test_a_bad_date_is_a_danish_message(tw: TeamWorld, placement: Measure) -> None:
    url = _urls(tw, placement)["follow_up"]
    response = client_for(tw.owner).post(url, {**FOLLOW_UP, "held_on": "31.02.2026"})
    assert response.status_code == 400
    assert "Skriv datoen som DD.MM.ÅÅÅÅ" in response.content.decode()


def _interval_url(tw: TeamWorld, measure: Measure) -> str:
    return reverse("measures:follow_up_interval", args=[tw.case.pk, measure.pk])


def test_an_own_interval_without_a_reason_is_refused(tw: TeamWorld, placement: Measure) -> None:
    data = {"version": "1", "interval_weeks": "4", "reason": ""}
    response = client_for(tw.owner).post(_interval_url(tw, placement), data)
    assert response.status_code == 400
    assert "Skriv, hvorfor der skal følges op med et andet interval." in response.content.decode()
    placement.refresh_from_db()
    assert placement.follow_up_interval_weeks is None


def test_an_own_interval_with_a_reason_is_saved(tw: TeamWorld, placement: Measure) -> None:
    data = {"version": "1", "interval_weeks": "4", "reason": "Nyanbragt; tæt opfølgning."}
    response = client_for(tw.owner).post(_interval_url(tw, placement), data)
    assert response.status_code == 302
    placement.refresh_from_db()
    assert (placement.follow_up_interval_weeks, placement.version) == (4, 2)
    assert placement.next_follow_up_due == date(2026, 4, 29)


def test_an_interval_from_an_older_page_says_so_and_keeps_the_input(
    tw: TeamWorld, placement: Measure
) -> None:
    Measure.objects.filter(pk=placement.pk).update(version=2)
    data = {"version": "1", "interval_weeks": "4", "reason": "Min begrundelse"}
    response = client_for(tw.leader).post(_interval_url(tw, placement), data)
    page = response.content.decode()
    assert response.status_code == 409
    assert "en kollega nåede først" in page
    assert "Min begrundelse" in page
    assert 'name="version" value="2"' in page


def test_the_interval_page_is_only_a_post(tw: TeamWorld, placement: Measure) -> None:
    assert client_for(tw.owner).get(_interval_url(tw, placement)).status_code == 405


# Supervision -------------------------------------------------------------------------------------


def test_visits_are_counted_only_when_the_child_was_spoken_to(
    tw: TeamWorld, placement: Measure
) -> None:
    url = _urls(tw, placement)["supervision"]
    client = client_for(tw.owner)
    client.post(url, {**VISIT, "visited_by": tw.colleague.pk})
    page = client.post(
        url,
        {**VISIT, "visited_on": "05.06.2026", "spoke_with_child": "no", "visited_by": tw.owner.pk},
        follow=True,
    ).content.decode()
    assert "1 af 2 besøg med samtale med barnet i de seneste 12 måneder" in page
    assert placement.supervision_visits.count() == 2


def test_a_visitor_outside_the_team_is_refused(tw: TeamWorld, placement: Measure) -> None:
    url = _urls(tw, placement)["supervision"]
    response = client_for(tw.owner).post(url, {**VISIT, "visited_by": tw.other_worker.pk})
    assert response.status_code == 400
    assert not placement.supervision_visits.exists()


# Coordinator -------------------------------------------------------------------------------------


def test_naming_a_coordinator(tw: TeamWorld, placement: Measure) -> None:
    url = _urls(tw, placement)["coordinator"]
    assert client_for(tw.owner).post(url, COORDINATOR).status_code == 302
    assert AdultServicesCoordinator.objects.get(child=tw.child).name == "Karin Voksen"
    response = client_for(tw.leader).post(url, {**COORDINATOR, "name": "Jens"})
    assert response.status_code == 409
    assert AdultServicesCoordinator.objects.get(child=tw.child).name == "Karin Voksen"


# The transition list and agenda ------------------------------------------------------------------


def _young(tw: TeamWorld, birth: date, caseworker: Any, team: Any = None) -> Measure:
    child = f.ChildFactory.create(birth_date=birth, first_name=f"Ung{birth:%m%d}")
    case = CaseFactory.create(child=child, team=team or tw.team, caseworker=caseworker)
    return MeasureFactory.create(case=case)


def test_the_transition_list_by_role(tw: TeamWorld) -> None:
    mine = _young(tw, date(2009, 6, 15), tw.owner)  # 17 today
    theirs = _young(tw, date(2009, 1, 1), tw.colleague)
    _young(tw, date(2009, 6, 16), tw.owner)  # 17 tomorrow
    other_team = _young(tw, date(2009, 2, 1), tw.other_worker, tw.other_team)
    url = reverse("measures:transition_list")

    def names(user: Any) -> set[str]:
        page = client_for(user).get(url).content.decode()
        return {
            m.child.first_name for m in (mine, theirs, other_team) if m.child.first_name in page
        }

    assert names(tw.owner) == {mine.child.first_name}
    assert names(tw.leader) == {mine.child.first_name, theirs.child.first_name}
    assert names(tw.other_leader) == {other_team.child.first_name}
    assert "Ung0616" not in client_for(tw.leader).get(url).content.decode()
    for user in (tw.fagperson, tw.intake):
        assert client_for(user).get(url).status_code == 404


def test_the_agenda_puts_the_nearest_17_and_a_half_or_18_first(tw: TeamWorld) -> None:
    later = _young(tw, date(2009, 4, 1), tw.owner)  # 17½ on 01.10.2026
    adult = _young(tw, date(2008, 7, 20), tw.owner)  # 18 on 20.07.2026
    half = _young(tw, date(2009, 1, 10), tw.owner)  # 17½ on 10.07.2026
    url = reverse("measures:transition_agenda") + "?maaned=2026-07"
    page = client_for(tw.owner).get(url).content.decode()
    order = [page.index(m.child.first_name) for m in (half, adult, later)]
    assert order == sorted(order)
    assert "transition_print.css" in page


def test_the_agenda_refuses_a_month_it_cannot_read(tw: TeamWorld) -> None:
    url = reverse("measures:transition_agenda") + "?maaned=juli"
    response = client_for(tw.owner).get(url, follow=True)
    assert "Skriv måneden som ÅÅÅÅ-MM" in response.content.decode()


# The case page -----------------------------------------------------------------------------------


def test_the_case_page_shows_the_next_follow_up_and_supervision(
    tw: TeamWorld, placement: Measure
) -> None:
    page = client_for(tw.owner).get(reverse("cases:detail", args=[tw.case.pk])).content.decode()
    assert "Registrér opfølgning" in page
    assert "01.07.2026" in page
    assert "Tilsyn: 0 af 2 besøg" in page
    colleague_page = client_for(tw.colleague).get(reverse("cases:detail", args=[tw.case.pk]))
    assert "Se opfølgning" in colleague_page.content.decode()
