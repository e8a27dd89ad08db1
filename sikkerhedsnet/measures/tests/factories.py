"""Factories of the measures area: `<Model>Factory` for a row with sensible defaults."""

from __future__ import annotations

from datetime import date

import factory

from sikkerhedsnet.measures.cadence import first_follow_up_due
from sikkerhedsnet.measures.ladder import MeasureKind
from sikkerhedsnet.measures.models import LegalGround, Measure, MeasureStatus, Offer


class MeasureFactory(factory.django.DjangoModelFactory[Measure]):
    """An active family-treatment measure started 01.04.2026 on `case`, with its first deadline."""

    class Meta:
        model = Measure

    child = factory.LazyAttribute(lambda measure: measure.case.child)
    kind = MeasureKind.FAMILY_TREATMENT
    provider = "Familiecentret"
    in_municipality = True
    legal_ground = LegalGround.SUPPORT_WITH_CONSENT
    purpose = "Styrke forældrenes omsorg"
    expected_months = 6
    status = MeasureStatus.ACTIVE
    decided_on = date(2026, 3, 20)
    start_date = date(2026, 4, 1)
    monthly_cost = 20_000

    next_follow_up_due = factory.LazyAttribute(
        lambda measure: (
            None
            if measure.start_date is None
            else first_follow_up_due(kind=measure.kind, start_date=measure.start_date)
        )
    )


class OfferFactory(factory.django.DjangoModelFactory[Offer]):
    class Meta:
        model = Offer

    name = factory.Sequence(lambda n: f"Tilbud {n}")
    provider = "Kommunen"
    kind = MeasureKind.FAMILY_TREATMENT
    capacity = 2
    monthly_price = 20_000
