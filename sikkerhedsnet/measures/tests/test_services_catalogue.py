from __future__ import annotations

from typing import Any

import pytest

from sikkerhedsnet.audit.models import AuditEvent
from sikkerhedsnet.lib.errors import Conflict, Refused
from sikkerhedsnet.measures.ladder import MeasureKind
from sikkerhedsnet.measures.models import Offer
from sikkerhedsnet.measures.services.catalogue import offer_create, offer_update, offers_demo_load
from sikkerhedsnet.people.models import Role
from sikkerhedsnet.people.tests import factories as f

FIELDS: dict[str, Any] = {
    "name": " Børnehuset ",
    "provider": "Kommunen",
    "kind": MeasureKind.DAY_TREATMENT,
    "in_municipality": True,
    "min_age": 6,
    "max_age": 12,
    "target_group": "Børn i risiko for anbringelse",
    "capacity": 12,
    "monthly_price": 30_000,
    "active": True,
}


def test_an_offer_is_created_and_changed_compare_and_set(db: None) -> None:
    admin = f.staff(Role.ADMINISTRATOR)
    offer = offer_create(actor=admin, **FIELDS)
    assert offer.name == "Børnehuset"
    changed = offer_update(
        actor=admin, offer=offer, expected_version=1, **(FIELDS | {"capacity": 14})
    )
    assert (changed.capacity, changed.version) == (14, 2)
    with pytest.raises(Conflict):
        offer_update(actor=admin, offer=offer, expected_version=1, **FIELDS)
    events = AuditEvent.objects.filter(subject_id=offer.pk).values_list("event_type", flat=True)
    assert sorted(events) == ["offer.created", "offer.updated"]


@pytest.mark.parametrize(
    ("change", "message"),
    [({"min_age": 13}, "Fra-alderen"), ({"capacity": 0}, "uden pladser")],
)
def test_a_bad_offer_is_refused(db: None, change: dict[str, Any], message: str) -> None:
    with pytest.raises(Refused, match=message):
        offer_create(actor=None, **(FIELDS | change))


def test_the_demo_catalogue_loads_once(db: None) -> None:
    made = offers_demo_load()
    assert made == Offer.objects.count() > 20
    assert offers_demo_load() == 0
    houses = Offer.objects.get(name="Børnehuset")
    assert (houses.kind, houses.capacity, houses.min_age, houses.max_age) == (
        MeasureKind.DAY_TREATMENT,
        12,
        6,
        12,
    )
    emergency = Offer.objects.get(name="Akutboliger for unge")
    assert (emergency.capacity, emergency.in_municipality) == (7, True)
    course = Offer.objects.get(name="Forældrekurset")
    assert (course.min_age, course.max_age, course.kind) == (6, 9, MeasureKind.EARLY_PREVENTIVE)
    assert Offer.objects.filter(name="Ungekontakten", in_municipality=True).exists()
    assert Offer.objects.filter(name="Døgninstitutionen Skovly", in_municipality=True).exists()
