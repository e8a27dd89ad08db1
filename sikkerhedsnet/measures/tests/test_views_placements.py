from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from sikkerhedsnet.conftest import client_for
from sikkerhedsnet.measures.ladder import MeasureKind
from sikkerhedsnet.measures.models import Measure
from sikkerhedsnet.measures.tests.catalogue_world import (
    TODAY,  # noqa: F401 - the day the `today` fixture freezes
    CatalogueWorld,
    catalogue_world,
    make_measure,
)

pytestmark = pytest.mark.usefixtures("today")


@pytest.fixture
def cw(db: None) -> CatalogueWorld:
    return catalogue_world()


def _placement(cw: CatalogueWorld) -> Measure:
    return make_measure(
        cw.tw,
        kind=MeasureKind.FOSTER_FAMILY,
        legal_ground="placement_with_consent",
        siblings="apart",
        start_date=date(2026, 1, 1),
    )


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
    assert "Flytninger" in page
    assert "Moster Lise" in page
    assert "01.01.2026–31.03.2026" in page
