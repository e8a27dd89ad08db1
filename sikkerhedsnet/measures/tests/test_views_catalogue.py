from __future__ import annotations

from datetime import date
from typing import Any

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from sikkerhedsnet.audit.models import AccessLog
from sikkerhedsnet.conftest import client_for
from sikkerhedsnet.measures.ladder import MeasureKind
from sikkerhedsnet.measures.models import Measure, MeasureStatus, NetworkSearch, Offer
from sikkerhedsnet.measures.tests.catalogue_world import (
    TODAY,
    CatalogueWorld,
    catalogue_world,
    measure,
    network_search,
)
from sikkerhedsnet.people.models import Role
from sikkerhedsnet.people.tests import factories as f


@pytest.fixture(autouse=True)
def _today(time_machine: time_machine.TimeMachineFixture) -> None:
    time_machine.move_to(TODAY, tick=False)


@pytest.fixture
def cw(db: None) -> CatalogueWorld:
    return catalogue_world()


def _placement(cw: CatalogueWorld) -> Measure:
    return measure(
        cw.tw,
        kind=MeasureKind.FOSTER_FAMILY,
        legal_ground="placement_with_consent",
        siblings="apart",
        start_date=date(2026, 1, 1),
    )


# Access -------------------------------------------------------------------------------------


def _case_pages(cw: CatalogueWorld) -> tuple[list[str], list[str]]:
    case, placed = cw.tw.case.pk, _placement(cw)
    reads = [
        reverse("cases:detail", args=[case]),  # the section
        reverse("measures:measure_detail", args=[case, placed.pk]),
    ]
    writes = [
        reverse("measures:measure_new", args=[case]),
        reverse("measures:network_search_new", args=[case]),
        reverse("measures:measure_move", args=[case, placed.pk]),
    ]
    return reads, writes


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
def test_it_requires_access(cw: CatalogueWorld, who: str, reads: int, writes: int) -> None:
    client = client_for(getattr(cw.tw, who))
    read_pages, write_pages = _case_pages(cw)
    assert [client.get(page).status_code for page in read_pages] == [reads] * len(read_pages)
    assert [client.get(page).status_code for page in write_pages] == [writes] * len(write_pages)


def test_a_measure_of_another_case_is_404(cw: CatalogueWorld) -> None:
    other = measure(cw.tw, case=cw.tw.other_case, child=cw.tw.other_case.child)
    url = reverse("measures:measure_detail", args=[cw.tw.case.pk, other.pk])
    assert client_for(cw.tw.owner).get(url).status_code == 404


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("measures:measure_start", {"version": 1, "start_date": "10.05.2026"}),
        ("measures:measure_end", {"version": 1, "end_date": "10.05.2026"}),
    ],
)
def test_a_colleague_cannot_start_or_end(
    cw: CatalogueWorld, name: str, data: dict[str, Any]
) -> None:
    decided = measure(cw.tw, status=MeasureStatus.DECIDED, start_date=None)
    url = reverse(name, args=[cw.tw.case.pk, decided.pk])
    assert client_for(cw.tw.colleague).post(url, data).status_code == 404
    decided.refresh_from_db()
    assert decided.version == 1


def test_a_page_is_logged_as_a_read_of_the_child(cw: CatalogueWorld) -> None:
    placed = _placement(cw)
    client_for(cw.tw.colleague).get(
        reverse("measures:measure_detail", args=[cw.tw.case.pk, placed.pk])
    )
    row = AccessLog.objects.get()
    assert (row.user, row.child, row.shown) == (cw.tw.colleague, cw.tw.child, "Foranstaltninger")


@pytest.mark.parametrize(
    ("role", "list_status", "edit_status"),
    [
        (Role.ADMINISTRATOR, 200, 200),
        (Role.TEAM_LEADER, 200, 200),
        (Role.CASEWORKER, 200, 404),
        (Role.PROFESSIONAL, 404, 404),
        (Role.MANAGEMENT, 404, 404),
        (Role.INTAKE, 404, 404),
    ],
)
def test_the_catalogue_requires_its_roles(
    cw: CatalogueWorld, role: str, list_status: int, edit_status: int
) -> None:
    client = client_for(f.staff(role))
    assert client.get(reverse("measures:offer_list")).status_code == list_status
    for url in (
        reverse("measures:offer_new"),
        reverse("measures:offer_edit", args=[cw.centre.pk]),
        reverse("measures:capacity"),
    ):
        assert client.get(url).status_code == edit_status


def test_it_requires_login(cw: CatalogueWorld) -> None:
    assert Client().get(reverse("measures:offer_list")).status_code == 302
    assert Client().get(reverse("measures:measure_new", args=[cw.tw.case.pk])).status_code == 302


# The catalogue ------------------------------------------------------------------------------


OFFER_POST = {
    "version": 0,
    "name": "Børnehuset Kastanjen",
    "provider": "Kommunen",
    "kind": "day_treatment",
    "in_municipality": "on",
    "min_age": 6,
    "max_age": 12,
    "capacity": 12,
    "monthly_price": 30000,
    "active": "on",
}


def test_a_leader_adds_an_offer(cw: CatalogueWorld) -> None:
    response = client_for(cw.tw.leader).post(reverse("measures:offer_new"), OFFER_POST)
    assert response.status_code == 302
    assert Offer.objects.get(name="Børnehuset Kastanjen").capacity == 12


def test_bad_ages_are_refused_in_danish(cw: CatalogueWorld) -> None:
    data = OFFER_POST | {"min_age": 13}
    response = client_for(cw.tw.leader).post(reverse("measures:offer_new"), data)
    assert response.status_code == 400
    assert "Til-alderen skal være mindst lige så høj" in response.content.decode()


def test_an_offer_edit_conflict_keeps_the_input(cw: CatalogueWorld) -> None:
    url = reverse("measures:offer_edit", args=[cw.centre.pk])
    client = client_for(cw.tw.leader)
    data = OFFER_POST | {"version": 1, "kind": "family_treatment", "name": "Familiecentret Nord"}
    assert client.post(url, data).status_code == 302
    again = client.post(url, data | {"name": "Mit navn"})
    assert again.status_code == 409
    text = again.content.decode()
    assert "Mit navn" in text and "en kollega" in text.lower()
    cw.centre.refresh_from_db()
    assert cw.centre.name == "Familiecentret Nord"


def test_the_capacity_page_shows_occupancy_and_cost(cw: CatalogueWorld) -> None:
    measure(cw.tw, offer=cw.centre, start_date=date(2026, 1, 1), monthly_cost=18_000)
    measure(cw.tw, offer=cw.centre, start_date=date(2026, 1, 1), monthly_cost=18_000)
    measure(
        cw.tw,
        offer=cw.centre,
        status=MeasureStatus.WAITING,
        start_date=None,
        waiting_since=date(2026, 4, 2),
    )
    text = client_for(cw.tw.leader).get(reverse("measures:capacity")).content.decode()
    assert "100 %" in text and "02.04.2026" in text
    assert "180.000 kr." in text  # two measures, January to May


# Deciding -----------------------------------------------------------------------------------


def _decision(**extra: Any) -> dict[str, Any]:
    return {
        "kind": "family_treatment",
        "offer": "",
        "legal_ground": "support_with_consent",
        "purpose": "Ro om sengetid",
        "expected_months": 6,
        "decided_on": "10.05.2026",
        **extra,
    }


def test_the_decision_page_lists_fitting_offers_least_intrusive_first(cw: CatalogueWorld) -> None:
    page = client_for(cw.tw.owner).get(reverse("measures:measure_new", args=[cw.tw.case.pk]))
    text = page.content.decode()
    table = text[text.index('id="fitting-offers"') :]
    positions = [
        table.index(name)
        for name in (
            "Familiecentret",
            "Hjemmestøtte",
            "Familiehuset Syd",
            "Døgninstitutionen Egely",
        )
    ]
    assert positions == sorted(positions)
    assert "Forældrekursus" not in table[: table.index("</table>")]


def test_the_kind_filter_narrows_the_list(cw: CatalogueWorld) -> None:
    url = reverse("measures:measure_new", args=[cw.tw.case.pk])
    text = client_for(cw.tw.owner).get(url, {"type": "residential_institution"}).content.decode()
    table = text[text.index('id="fitting-offers"') : text.index("</table>")]
    assert "Døgninstitutionen Egely" in table and "Familiecentret" not in table


def test_a_caseworker_decides_a_local_offer(cw: CatalogueWorld) -> None:
    url = reverse("measures:measure_new", args=[cw.tw.case.pk])
    data = _decision(offer=cw.centre.pk, start_on="10.05.2026")
    response = client_for(cw.tw.owner).post(url, data)
    decided = Measure.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse(
        "measures:measure_detail", args=[cw.tw.case.pk, decided.pk]
    )
    assert (decided.offer, decided.status, decided.decided_by) == (
        cw.centre,
        MeasureStatus.ACTIVE,
        cw.tw.owner,
    )


def test_a_more_intrusive_choice_without_a_reason_is_refused_in_danish(cw: CatalogueWorld) -> None:
    network_search(cw.tw)
    url = reverse("measures:measure_new", args=[cw.tw.case.pk])
    data = _decision(
        kind="residential_institution",
        offer=cw.institution.pk,
        legal_ground="placement_with_consent",
        siblings="no_siblings",
        purpose="Mit formål",
    )
    response = client_for(cw.tw.owner).post(url, data)
    assert response.status_code == 400
    text = response.content.decode()
    assert "Der findes et mindre indgribende tilbud" in text
    assert "Mit formål" in text  # the input is kept
    assert not Measure.objects.exists()


def test_a_placement_without_a_network_search_is_refused(cw: CatalogueWorld) -> None:
    url = reverse("measures:measure_new", args=[cw.tw.case.pk])
    data = _decision(
        kind="kinship_foster_care",
        provider="Mormor",
        monthly_cost=12000,
        legal_ground="placement_with_consent",
        siblings="together",
        intrusiveness_reason="Barnet er ikke sikkert hjemme.",
    )
    response = client_for(cw.tw.owner).post(url, data)
    assert response.status_code == 400
    assert "netværk være afdækket" in response.content.decode()


def test_a_network_search_is_recorded(cw: CatalogueWorld) -> None:
    url = reverse("measures:network_search_new", args=[cw.tw.case.pk])
    data = {"searched_on": "09.05.2026", "people_considered": "Mormor", "result": "Kan tage barnet"}
    assert client_for(cw.tw.owner).post(url, data).status_code == 302
    assert NetworkSearch.objects.get().searched_by == cw.tw.owner


def test_bad_input_is_a_danish_message_not_an_error(cw: CatalogueWorld) -> None:
    url = reverse("measures:measure_new", args=[cw.tw.case.pk])
    response = client_for(cw.tw.owner).post(
        url, _decision(expected_months="seks", decided_on="i går", offer="999999")
    )
    assert response.status_code == 400
    text = response.content.decode()
    assert "helt antal måneder" in text and "DD.MM.ÅÅÅÅ, fx" in text


def test_the_start_and_end_pages_refuse_and_conflict(cw: CatalogueWorld) -> None:
    decided = measure(cw.tw, status=MeasureStatus.DECIDED, start_date=None, decided_on=TODAY)
    client = client_for(cw.tw.owner)
    start = reverse("measures:measure_start", args=[cw.tw.case.pk, decided.pk])
    future = client.post(start, {"version": 1, "start_date": "11.05.2026"})
    assert future.status_code == 400 and "fremtiden" in future.content.decode()
    assert client.post(start, {"version": 1, "start_date": "10.05.2026"}).status_code == 302
    end = reverse("measures:measure_end", args=[cw.tw.case.pk, decided.pk])
    stale = client.post(end, {"version": 1, "end_date": "10.05.2026"})
    assert stale.status_code == 409
    assert client.post(end, {"version": 2, "end_date": "10.05.2026"}).status_code == 302


def test_a_move_is_shown_in_the_history(cw: CatalogueWorld) -> None:
    placed = _placement(cw)
    url = reverse("measures:measure_move", args=[cw.tw.case.pk, placed.pk])
    data = {
        "version": 1,
        "kind": "kinship_foster_care",
        "offer": "",
        "provider": "Moster Lise",
        "monthly_cost": 12000,
        "siblings": "together",
        "moved_on": "01.04.2026",
    }
    response = client_for(cw.tw.owner).post(url, data)
    assert response.status_code == 302
    page = client_for(cw.tw.owner).get(response["Location"]).content.decode()
    assert "Flytninger" in page and "Moster Lise" in page
    assert "01.01.2026–31.03.2026" in page


def test_the_case_page_shows_the_measures_and_the_way_to_decide(cw: CatalogueWorld) -> None:
    placed = _placement(cw)
    network_search(cw.tw)
    url = reverse("cases:detail", args=[cw.tw.case.pk])
    mine = client_for(cw.tw.owner).get(url).content.decode()
    assert "Foranstaltninger og anbringelser" in mine
    assert reverse("measures:measure_detail", args=[cw.tw.case.pk, placed.pk]) in mine
    assert "Familiens netværk er senest afdækket den 01.04.2026" in mine
    assert reverse("measures:measure_new", args=[cw.tw.case.pk]) in mine
    colleagues = client_for(cw.tw.colleague).get(url).content.decode()
    assert reverse("measures:measure_detail", args=[cw.tw.case.pk, placed.pk]) in colleagues
    assert reverse("measures:measure_new", args=[cw.tw.case.pk]) not in colleagues


def test_a_decision_is_withdrawn_from_its_page(cw: CatalogueWorld) -> None:
    decided = measure(cw.tw, status=MeasureStatus.DECIDED, start_date=None, offer=cw.centre)
    url = reverse("measures:measure_withdraw", args=[cw.tw.case.pk, decided.pk])
    assert client_for(cw.tw.colleague).post(url, {"version": 1, "reason": "x"}).status_code == 404
    refused = client_for(cw.tw.owner).post(url, {"version": 1, "reason": ""})
    assert refused.status_code == 400
    assert "Skriv, hvorfor beslutningen trækkes tilbage." in refused.content.decode()
    assert client_for(cw.tw.owner).post(url, {"version": 1, "reason": "Ok"}).status_code == 302
    decided.refresh_from_db()
    assert decided.status == MeasureStatus.ENDED
