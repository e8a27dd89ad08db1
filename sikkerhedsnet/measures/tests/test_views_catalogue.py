from __future__ import annotations

from datetime import date

import pytest
from django.test import Client
from django.urls import reverse

from sikkerhedsnet.conftest import client_for
from sikkerhedsnet.measures.models import MeasureStatus, Offer
from sikkerhedsnet.measures.tests.catalogue_world import (
    TODAY,  # noqa: F401 - the day the `today` fixture freezes
    CatalogueWorld,
    catalogue_world,
    make_measure,
)
from sikkerhedsnet.people.models import Role
from sikkerhedsnet.people.tests import factories as f

pytestmark = pytest.mark.usefixtures("today")


@pytest.fixture
def cw(db: None) -> CatalogueWorld:
    return catalogue_world()


# Access ---------------------------------------------------------------------------------------


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
    assert "Mit navn" in text
    assert "en kollega" in text.lower()
    cw.centre.refresh_from_db()
    assert cw.centre.name == "Familiecentret Nord"


def test_the_capacity_page_shows_occupancy_and_cost(cw: CatalogueWorld) -> None:
    make_measure(cw.tw, offer=cw.centre, start_date=date(2026, 1, 1), monthly_cost=18_000)
    make_measure(cw.tw, offer=cw.centre, start_date=date(2026, 1, 1), monthly_cost=18_000)
    make_measure(
        cw.tw,
        offer=cw.centre,
        status=MeasureStatus.WAITING,
        start_date=None,
        waiting_since=date(2026, 4, 2),
    )
    text = client_for(cw.tw.leader).get(reverse("measures:capacity")).content.decode()
    assert "100 %" in text
    assert "02.04.2026" in text
    assert "180.000 kr." in text  # two measures, January to May
