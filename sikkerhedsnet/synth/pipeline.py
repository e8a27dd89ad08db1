"""The synthetic municipality: a pipeline of steps over one shared context, in one transaction.

Later areas add their step to `STEPS` (screenings after enrolments, notifications, cases, ...).
Each step gets its own random stream (`ctx.rng(name)`), so the same seed and the same day give
the same municipality, and a new step does not change what the earlier ones make.

Rows are written with `bulk_create`, which sends no signals: the generated data has no
simple-history rows, and its history starts with the first change made after generation.
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from sikkerhedsnet.lib.errors import Refused
from sikkerhedsnet.people.models import Child, Unit
from sikkerhedsnet.synth.casework import create_casework
from sikkerhedsnet.synth.collaboration import create_collaboration
from sikkerhedsnet.synth.context import NoProgress, ProgressSink, SynthContext
from sikkerhedsnet.synth.enrolments import create_enrolments
from sikkerhedsnet.synth.families import create_families
from sikkerhedsnet.synth.journal import create_journal
from sikkerhedsnet.synth.measures import create_measures
from sikkerhedsnet.synth.notifications import create_notifications
from sikkerhedsnet.synth.screenings import DEFAULT_HISTORY_YEARS, create_screenings
from sikkerhedsnet.synth.sizing import MunicipalityPlan
from sikkerhedsnet.synth.staff import create_staff
from sikkerhedsnet.synth.units import create_units
from sikkerhedsnet.synth.writer import analyze, prepare_connection, reset_sequences

Step = Callable[[SynthContext], None]

STEPS: list[tuple[str, Step]] = [
    ("units", create_units),
    ("staff", create_staff),
    ("families", create_families),
    ("enrolments", create_enrolments),
    ("screenings", create_screenings),
    ("notifications", create_notifications),
    ("collaboration", create_collaboration),
    ("casework", create_casework),
    ("measures", create_measures),
    ("journal", create_journal),  # last: it journalises what the steps above made
]


class SynthRefused(Refused):
    """The database is not empty; the message is Danish and shown to the user as it is."""


def ensure_empty() -> None:
    children = Child.objects.count()
    if children:
        raise SynthRefused(
            _(
                "Databasen indeholder allerede %(count)d børn. Den syntetiske kommune dannes kun "
                "i en database uden børn; brug en ny database."
            )
            % {"count": children}
        )
    if Unit.objects.exists():
        raise SynthRefused(
            _(
                "Databasen indeholder allerede enheder. Den syntetiske kommune dannes kun i en "
                "database uden enheder og børn; brug en ny database."
            )
        )


@contextmanager
def _gc_paused() -> Iterator[None]:
    # A million new objects would trigger the cyclic collector hundreds of times for nothing:
    # the generated rows only form cycles that live until the run ends.
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def generate(
    *,
    children: int,
    seed: int,
    today: date | None = None,
    progress: ProgressSink | None = None,
    history_years: int = DEFAULT_HISTORY_YEARS,
) -> SynthContext:
    """Make a municipality with `children` children aged 0-17, as it stands on `today`,
    with `history_years` years of screenings before it."""
    if children < 1:
        raise ValueError("children must be at least 1")
    if history_years < 0:
        raise ValueError("history_years must not be negative")
    ctx = SynthContext(
        n_children=children,
        seed=seed,
        today=today or timezone.localdate(),
        plan=MunicipalityPlan.for_children(children),
        progress=progress or NoProgress(),
        history_years=history_years,
    )
    with transaction.atomic(), _gc_paused():
        ensure_empty()
        prepare_connection()
        for _name, step in STEPS:
            step(ctx)
        reset_sequences(ctx.ids.models)
    analyze()
    return ctx
