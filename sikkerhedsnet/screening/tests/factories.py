from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import factory

from sikkerhedsnet.people.models import Child, Role, Unit, UnitKind, User
from sikkerhedsnet.people.tests import factories as f
from sikkerhedsnet.people.tests.factories import ChildFactory, UnitFactory, UserFactory
from sikkerhedsnet.screening.models import AdbbFollowUp, Instrument, Position, Screening
from sikkerhedsnet.screening.selectors.rounds import round_on


class ScreeningFactory(factory.django.DjangoModelFactory[Screening]):
    class Meta:
        model = Screening

    child = factory.SubFactory(ChildFactory)
    unit = factory.SubFactory(UnitFactory)
    instrument = Instrument.TRAFFIC_LIGHT
    screened_on = date(2026, 9, 20)
    position: str = Position.GREEN

    round_deadline = factory.LazyAttribute(lambda s: round_on(s.screened_on).deadline)


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


BORN = date(2026, 6, 1)  # 5 months old on 20 November 2026, a visit day in the ADBB tests


@dataclass
class Health:
    unit: Unit
    nurse: User
    baby: Child


def make_health() -> Health:
    """A health-visiting unit with a nurse and an infant enrolled there."""
    unit = f.UnitFactory.create(name="Sundhedsplejen Nord", kind=UnitKind.HEALTH_VISITING)
    nurse = f.staff(Role.PROFESSIONAL, unit, username="nina", first_name="Nina")
    baby = f.ChildFactory.create(first_name="Ida", birth_date=BORN)
    f.EnrolmentFactory.create(child=baby, unit=unit, since=BORN)
    f.CustodyFactory.create(child=baby)
    return Health(unit, nurse, baby)
