from __future__ import annotations

from datetime import date

import factory

from sikkerhedsnet.people.tests.factories import ChildFactory, UnitFactory, UserFactory
from sikkerhedsnet.screening.models import AdbbFollowUp, Instrument, Position, Screening
from sikkerhedsnet.screening.rounds import round_on


class ScreeningFactory(factory.django.DjangoModelFactory[Screening]):
    class Meta:
        model = Screening

    child = factory.SubFactory(ChildFactory)
    unit = factory.SubFactory(UnitFactory)
    instrument = Instrument.TRAFFIC_LIGHT
    screened_on = date(2026, 9, 20)
    position: str = Position.GREEN

    @factory.lazy_attribute
    def round_deadline(self) -> date:
        return round_on(self.screened_on).deadline


class AdbbScreeningFactory(ScreeningFactory):
    instrument = Instrument.ADBB
    position = ""
    adbb_scores = [1, 1, 1, 1, 1, 0, 0, 0]
    adbb_total = 5


class AdbbFollowUpFactory(factory.django.DjangoModelFactory[AdbbFollowUp]):
    class Meta:
        model = AdbbFollowUp

    screening = factory.SubFactory(AdbbScreeningFactory)
    visited_on = date(2026, 10, 1)
    recorded_by = factory.SubFactory(UserFactory)
