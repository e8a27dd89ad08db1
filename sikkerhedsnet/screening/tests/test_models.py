"""The ADBB rules kept on the model: the cutoff (is_flagged, flagged()) and the due date."""

from __future__ import annotations

from datetime import date

import pytest
from pytest_django.fixtures import Settings

from sikkerhedsnet.conftest import World
from sikkerhedsnet.screening.models import Instrument, Position, Screening
from sikkerhedsnet.screening.tests.factories import AdbbScreeningFactory, ScreeningFactory

VISIT = date(2026, 11, 20)


def _scoring(total: int) -> Screening:
    return Screening(instrument=Instrument.ADBB, adbb_total=total, screened_on=VISIT)


@pytest.mark.parametrize(("total", "flagged"), [(4, False), (5, True), (32, True)])
def test_the_default_cutoff_is_5(total: int, flagged: bool) -> None:
    assert _scoring(total).is_flagged is flagged


def test_the_cutoff_is_policy(settings: Settings) -> None:
    settings.SIKKERHEDSNET_POLICY = {"adbb_cutoff": 4}
    assert _scoring(4).is_flagged is True
    settings.SIKKERHEDSNET_POLICY = {"adbb_cutoff": 5}
    assert _scoring(4).is_flagged is False


def test_the_follow_up_is_due_after_the_policys_days(settings: Settings) -> None:
    assert _scoring(5).follow_up_due == date(2026, 12, 4)
    settings.SIKKERHEDSNET_POLICY = {"adbb_follow_up_days": 7}
    assert _scoring(5).follow_up_due == date(2026, 11, 27)


def test_the_queryset_flags_the_same_scorings_as_the_property(
    world: World, settings: Settings
) -> None:
    settings.SIKKERHEDSNET_POLICY = {"adbb_cutoff": 5}
    low = AdbbScreeningFactory.create(child=world.child, adbb_total=4)
    high = AdbbScreeningFactory.create(child=world.child, adbb_total=5)
    ScreeningFactory.create(child=world.child, position=Position.RED)
    assert list(Screening.objects.flagged()) == [high]
    assert (low.is_flagged, high.is_flagged) == (False, True)
