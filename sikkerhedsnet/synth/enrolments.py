"""Step: every child's enrolments by age, with the history of the units it has left.

The path through childhood, in the synthetic municipality:
- health visiting from birth to the first birthday;
- dental care from birth, for everyone up to 17;
- daycare from the first of the month after 10 months old until the day before turning 6;
- school from the 6th birthday until the day before turning 17 (0. to 10. klasse), with SFO until
  the day before turning 10.
Changing from daycare to school on the 6th birthday (not on 1 August) keeps the rule simple and
exact: every child aged 1-5 is in a daycare, every child aged 6-16 in a school. Classes follow
the Danish cohort rule (0. klasse from August of the year the child turns 6), so a class holds
one birth year; a child who turns 6 before August sits in 0. klasse a few months early.
"""

from __future__ import annotations

import math
from collections import defaultdict
from datetime import date

from sikkerhedsnet.people.models import Child, Enrolment, Unit, UnitKind
from sikkerhedsnet.synth import names
from sikkerhedsnet.synth.context import SynthContext
from sikkerhedsnet.synth.dates import ONE_DAY, add_months_first_of_month, birthday, school_year
from sikkerhedsnet.synth.writer import insert

DAYCARE_START_MONTHS = 10
CLASS_SIZE = 24
LAST_GRADE = 10


class EnrolmentMaker:
    def __init__(self, ctx: SynthContext) -> None:
        self.ctx = ctx
        self.today = ctx.today
        self.households = len(ctx.households)
        # (school id, school year, grade) -> pupils' school and SFO enrolments, to split in classes
        self.cohorts: dict[tuple[int, int, int], list[tuple[Enrolment, Enrolment, date]]]
        self.cohorts = defaultdict(list)

    def near(self, kind: str, position: int) -> Unit:
        """The unit of a kind that serves a household's place in the geographic order."""
        units = self.ctx.units_of(kind)
        return units[position * len(units) // self.households]

    def ends(self, day: date) -> date | None:
        """The last day of an enrolment that ends before `day`, or None if it runs on today."""
        return day - ONE_DAY if day <= self.today else None

    def add(
        self, child: Child, unit: Unit, since: date, until: date | None, group: str = ""
    ) -> Enrolment:
        enrolment = Enrolment(
            id=self.ctx.ids.one(Enrolment),
            child_id=child.pk,
            unit_id=unit.pk,
            group=group,
            since=since,
            until=until,
        )
        self.ctx.enrolments.append(enrolment)
        return enrolment

    def child(self, child: Child, position: int) -> None:
        birth = child.birth_date
        self.add(
            child,
            self.near(UnitKind.HEALTH_VISITING, position),
            birth,
            self.ends(birthday(birth, 1)),
        )
        self.add(child, self.near(UnitKind.DENTAL, position), birth, None)
        self.daycare(child, position)
        if birthday(birth, 6) <= self.today:
            self.school(child, position)

    def daycare(self, child: Child, position: int) -> None:
        start = add_months_first_of_month(child.birth_date, DAYCARE_START_MONTHS)
        if start > self.today:
            return  # at home with its parents
        unit = self.near(UnitKind.DAYCARE, position)
        until = self.ends(birthday(child.birth_date, 6))
        small = until is None and birthday(child.birth_date, 3) > self.today
        self.add(child, unit, start, until, daycare_group(unit, child.pk, small))

    def school(self, child: Child, position: int) -> None:
        # Schools and SFOs are made in pairs, so the same position finds a school and its SFO.
        school = self.near(UnitKind.SCHOOL, position)
        sfo = self.near(UnitKind.SFO, position)
        start = birthday(child.birth_date, 6)
        school_until = self.ends(birthday(child.birth_date, 17))
        enrolment = self.add(child, school, start, school_until)
        sfo_enrolment = self.add(child, sfo, start, self.ends(birthday(child.birth_date, 10)))
        last_day = school_until or self.today
        # A class is a cohort in one school year: pupils who left in earlier years form their own.
        key = (school.pk, school_year(last_day), grade_on(child.birth_date, last_day))
        self.cohorts[key].append((enrolment, sfo_enrolment, child.birth_date))

    def name_classes(self) -> None:
        """Split each school's cohort into classes of about 24 (2.A, 2.B, ...) in pupil order."""
        for (_, _, grade), pupils in self.cohorts.items():
            classes = max(1, math.ceil(len(pupils) / CLASS_SIZE))
            for i, (enrolment, sfo_enrolment, birth) in enumerate(pupils):
                letter = chr(ord("A") + i * classes // len(pupils))
                enrolment.group = f"{grade}.{letter}"
                sfo_grade = grade
                if sfo_enrolment.until is not None:
                    # A finished SFO place keeps the class the child was in when it ended.
                    sfo_grade = grade_on(birth, sfo_enrolment.until)
                sfo_enrolment.group = f"{sfo_grade}.{letter}"


def grade_on(birth: date, day: date) -> int:
    """The class (0-10) of a pupil born on `birth`, by birth-year cohort."""
    return max(0, min(LAST_GRADE, school_year(day) - (birth.year + 6)))


def daycare_group(unit: Unit, child_id: int, small: bool) -> str:
    """Two groups for under-threes and two for older children, named per daycare."""
    groups = names.SMALL_CHILD_GROUPS if small else names.BIG_CHILD_GROUPS
    return groups[(unit.pk + child_id % 2) % len(groups)]


def create_enrolments(ctx: SynthContext) -> None:
    maker = EnrolmentMaker(ctx)
    for household in ctx.households:
        for child in household.children:
            maker.child(child, household.position)
    maker.name_classes()
    insert(ctx, "Indskrivninger", (Enrolment, ctx.enrolments))
