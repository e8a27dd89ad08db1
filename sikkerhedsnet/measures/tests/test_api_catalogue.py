from __future__ import annotations

from datetime import date

import pytest
from django.test import Client

from sikkerhedsnet.conftest import client_for
from sikkerhedsnet.measures.ladder import MeasureKind
from sikkerhedsnet.measures.tests.catalogue_world import (
    TODAY,  # noqa: F401 - the day the `today` fixture freezes
    CatalogueWorld,
    catalogue_world,
    make_measure,
)
from sikkerhedsnet.people.models import Role
from sikkerhedsnet.people.tests import factories as f

URL = "/api/measures/placement-mix"

pytestmark = pytest.mark.usefixtures("today")


@pytest.fixture
def cw(db: None) -> CatalogueWorld:
    cw = catalogue_world()
    for kind, count in (
        (MeasureKind.KINSHIP_FOSTER_CARE, 2),
        (MeasureKind.FOSTER_FAMILY, 12),
        (MeasureKind.RESIDENTIAL_INSTITUTION, 6),
    ):
        for _ in range(count):
            make_measure(
                cw.tw,
                kind=kind,
                legal_ground="placement_with_consent",
                start_date=date(2026, 1, 1),
            )
    return cw


@pytest.mark.parametrize(
    ("role", "status"),
    [
        (Role.MANAGEMENT, 200),
        (Role.ADMINISTRATOR, 200),
        (Role.TEAM_LEADER, 200),
        (Role.CASEWORKER, 404),
        (Role.PROFESSIONAL, 404),
        (Role.INTAKE, 404),
        (Role.DATA_PROTECTION, 404),
    ],
)
def test_it_requires_access(cw: CatalogueWorld, role: str, status: int) -> None:
    assert client_for(f.staff(role)).get(URL).status_code == status


def test_it_requires_login(cw: CatalogueWorld) -> None:
    assert Client().get(URL).status_code == 401


def test_the_mix_at_a_date_with_small_counts_hidden(cw: CatalogueWorld) -> None:
    body = client_for(f.staff(Role.MANAGEMENT)).get(URL, {"day": "2026-03-01"}).json()
    assert body["day"] == "2026-03-01"
    assert body["total"] == 20
    groups = {g["group"]: (g["count"], g["share"]) for g in body["groups"]}
    assert groups == {
        "network": (None, None),  # 2 is under 5
        "foster_family": (12, 0.6),
        "institution": (None, None),  # or network = 20 - 12 - 0
        "own_room": (0, 0.0),
    }


def test_before_any_placement_everything_is_hidden(cw: CatalogueWorld) -> None:
    body = client_for(f.staff(Role.MANAGEMENT)).get(URL, {"day": "2025-12-31"}).json()
    assert body["total"] is None


def test_a_bad_date_is_a_validation_error(cw: CatalogueWorld) -> None:
    response = client_for(f.staff(Role.MANAGEMENT)).get(URL, {"day": "i går"})
    assert response.status_code == 422


def test_the_definition_is_in_the_openapi_document(cw: CatalogueWorld) -> None:
    document = client_for(f.staff(Role.MANAGEMENT)).get("/api/openapi.json").json()
    operation = document["paths"][URL]["get"]
    assert "netværkspleje" in operation["description"]
    assert "dagen før den næste starter" in operation["description"]
