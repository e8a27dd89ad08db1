"""A small catalogue around casework's team world, for the catalogue and decision tests.

The case's child is 4 years old on TODAY. The offers, least intrusive first:
`course` (early preventive, 6–9 years: too old for the child), `centre` (the local family
centre, family treatment, 2 places), `external` (family treatment outside the municipality,
cheaper than nothing local but external), `home` (home support, local, dearer than the centre),
`institution` (local residential institution, 4 places), `inactive` (an old offer).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from sikkerhedsnet.cases.tests.factories import TeamWorld, make_team_world
from sikkerhedsnet.casework.models import ChildPlan, PlanGoal
from sikkerhedsnet.measures.ladder import MeasureKind
from sikkerhedsnet.measures.models import (
    LegalGround,
    Measure,
    MeasureStatus,
    NetworkSearch,
    Offer,
)

TODAY = date(2026, 5, 10)


def make_offer(**fields: Any) -> Offer:
    defaults: dict[str, Any] = {
        "provider": "Kommunen",
        "in_municipality": True,
        "min_age": 0,
        "max_age": 17,
        "monthly_price": 20_000,
    }
    return Offer.objects.create(**(defaults | fields))


@dataclass
class CatalogueWorld:
    tw: TeamWorld
    course: Offer
    centre: Offer
    external: Offer
    home: Offer
    institution: Offer
    inactive: Offer


def catalogue_world() -> CatalogueWorld:
    tw = make_team_world()
    return CatalogueWorld(
        tw=tw,
        course=make_offer(
            name="Forældrekursus", kind=MeasureKind.EARLY_PREVENTIVE, min_age=6, max_age=9
        ),
        centre=make_offer(
            name="Familiecentret",
            kind=MeasureKind.FAMILY_TREATMENT,
            capacity=2,
            monthly_price=18_000,
        ),
        external=make_offer(
            name="Familiehuset Syd",
            provider="Privat leverandør",
            kind=MeasureKind.FAMILY_TREATMENT,
            in_municipality=False,
            monthly_price=15_000,
        ),
        home=make_offer(name="Hjemmestøtte", kind=MeasureKind.HOME_SUPPORT, monthly_price=25_000),
        institution=make_offer(
            name="Døgninstitutionen Egely",
            kind=MeasureKind.RESIDENTIAL_INSTITUTION,
            capacity=4,
            monthly_price=95_000,
        ),
        inactive=make_offer(name="Gammelt tilbud", kind=MeasureKind.CONTACT_PERSON, active=False),
    )


def make_network_search(tw: TeamWorld, *, on: date = date(2026, 4, 1)) -> NetworkSearch:
    return NetworkSearch.objects.create(
        case=tw.case,
        searched_on=on,
        searched_by=tw.owner,
        people_considered="Mormor og morfar, moster Lise",
        result="Mormor kan tage barnet",
        found_carer=True,
    )


def make_plan_goal(tw: TeamWorld, text: str = "Barnet kommer i skole hver dag") -> PlanGoal:
    plan, _ = ChildPlan.objects.get_or_create(
        case=tw.case, defaults={"adopted_on": date(2026, 4, 1), "created_by": tw.owner}
    )
    return PlanGoal.objects.create(
        plan=plan,
        text=text,
        agreed_with_child=True,
        agreed_on=date(2026, 4, 1),
        created_by=tw.owner,
    )


def make_measure(tw: TeamWorld, **fields: Any) -> Measure:
    """A measure straight in the database, for reads (the services are tested on their own)."""
    kind = fields.get("kind", MeasureKind.FAMILY_TREATMENT)
    defaults: dict[str, Any] = {
        "case": tw.case,
        "child": tw.case.child,
        "kind": kind,
        "provider": "Kommunen",
        "in_municipality": True,
        "legal_ground": LegalGround.SUPPORT_WITH_CONSENT,
        "purpose": "Formål",
        "expected_months": 6,
        "decided_on": date(2025, 1, 1),
        "monthly_cost": 10_000,
        "status": MeasureStatus.ACTIVE,
        "start_date": date(2025, 1, 1),
    }
    return Measure.objects.create(**(defaults | fields))
