"""The shared state of one generator run: what earlier steps made, for later steps to build on.

Each step reads what it needs from `SynthContext` and appends what it made (model instances with
their primary keys already set). A later step (screenings, notifications, cases) is one more
function over the same context; nothing is re-read from the database between steps.
"""

from __future__ import annotations

import random
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from typing import Protocol

from django.db.models import Max, Model

from sikkerhedsnet.people.models import (
    Child,
    Custody,
    Enrolment,
    Guardian,
    Membership,
    NetworkPerson,
    Unit,
    User,
)
from sikkerhedsnet.synth.sizing import MunicipalityPlan


class ProgressSink(Protocol):
    """Where a step reports progress; the command shows it as a `rich` bar."""

    def step(self, label: str, total: int) -> None: ...

    def advance(self, amount: int) -> None: ...


class NoProgress:
    def step(self, label: str, total: int) -> None:
        pass

    def advance(self, amount: int) -> None:
        pass


class IdAllocator:
    """Primary keys handed out before insertion, so rows can point at each other in memory.

    The generator runs in one transaction on a database without children, so nobody else takes
    ids meanwhile; sequences (PostgreSQL) are moved past the last id when the run ends.
    """

    def __init__(self) -> None:
        self._next: dict[type[Model], int] = {}

    def take(self, model: type[Model], count: int) -> range:
        first = self.one(model)
        self._next[model] = first + count
        return range(first, first + count)

    def one(self, model: type[Model]) -> int:
        # Called once per generated row: keep it to a dictionary lookup.
        pk = self._next.get(model)
        if pk is None:
            highest = model._default_manager.aggregate(highest=Max("pk"))["highest"]
            pk = (highest or 0) + 1
        self._next[model] = pk + 1
        return pk

    @property
    def models(self) -> list[type[Model]]:
        return list(self._next)


@dataclass
class Household:
    """Siblings living together with one or two guardians; the unit of geography."""

    position: int  # place in the municipality's geographic order, 0 .. households - 1
    district: str
    last_name: str
    address: str
    children: list[Child] = field(default_factory=list)
    guardians: list[Guardian] = field(default_factory=list)


@dataclass
class SynthContext:
    n_children: int
    seed: int
    today: date
    plan: MunicipalityPlan
    progress: ProgressSink = field(default_factory=NoProgress)
    history_years: int = 0  # years of screening history before `today` (set by generate())
    ids: IdAllocator = field(default_factory=IdAllocator)
    units: list[Unit] = field(default_factory=list)
    staff: list[User] = field(default_factory=list)
    memberships: list[Membership] = field(default_factory=list)
    children: list[Child] = field(default_factory=list)
    households: list[Household] = field(default_factory=list)
    guardians: list[Guardian] = field(default_factory=list)
    custodies: list[Custody] = field(default_factory=list)
    network: list[NetworkPerson] = field(default_factory=list)
    enrolments: list[Enrolment] = field(default_factory=list)
    household_of_child: dict[int, Household] = field(default_factory=dict)
    _units_by_kind: dict[str, list[Unit]] = field(default_factory=lambda: defaultdict(list))

    def rng(self, step: str) -> random.Random:
        """A random stream per step, so adding a step later leaves earlier steps' output alone."""
        return random.Random(f"{self.seed}:{step}")

    def add_unit(self, unit: Unit) -> None:
        self.units.append(unit)
        self._units_by_kind[unit.kind].append(unit)

    def units_of(self, kind: str) -> list[Unit]:
        return self._units_by_kind[kind]
