"""A small generated municipality, and helpers to read it back by day and unit kind."""

from __future__ import annotations

from datetime import date

import pytest

from sikkerhedsnet.people.models import Enrolment, current_on
from sikkerhedsnet.synth.context import SynthContext
from sikkerhedsnet.synth.pipeline import generate

SMALL = 300
TODAY = date(2026, 3, 10)


@pytest.fixture
def town(db: None) -> SynthContext:
    return generate(children=SMALL, seed=11, today=TODAY)


def current_children(kind: str, day: date) -> set[int]:
    """Ids of children with an enrolment of this unit kind in force on `day`."""
    return set(
        Enrolment.objects.filter(current_on(day), unit__kind=kind).values_list(
            "child_id", flat=True
        )
    )
