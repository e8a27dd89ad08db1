from __future__ import annotations

from datetime import date

import pytest

from sikkerhedsnet.people.models import Child, Enrolment, UnitKind
from sikkerhedsnet.synth.pipeline import generate
from sikkerhedsnet.synth.tests.conftest import current_children

# A spring day, the first day of a school year, and a leap day.
DAYS = [date(2026, 3, 10), date(2026, 8, 1), date(2028, 2, 29)]


def ages_on(day: date) -> dict[int, int]:
    return {child.pk: child.age_on(day) for child in Child.objects.all()}


@pytest.mark.parametrize("day", DAYS, ids=str)
def test_each_child_is_where_its_age_puts_it(db: None, day: date) -> None:
    generate(children=300, seed=8, today=day)
    ages = ages_on(day)

    def aged(low: int, high: int) -> set[int]:
        return {pk for pk, age in ages.items() if low <= age <= high}

    assert current_children(UnitKind.DAYCARE, day) >= aged(1, 5)
    assert not current_children(UnitKind.DAYCARE, day) & aged(6, 17)
    assert current_children(UnitKind.SCHOOL, day) == aged(6, 16)
    assert current_children(UnitKind.SFO, day) == aged(6, 9)
    assert current_children(UnitKind.HEALTH_VISITING, day) == aged(0, 0)
    assert current_children(UnitKind.DENTAL, day) == set(ages)


def test_a_school_child_has_its_daycare_history(db: None) -> None:
    day = date(2026, 3, 10)
    generate(children=300, seed=8, today=day)
    seven = next(c for c in Child.objects.order_by("pk") if c.age_on(day) == 7)
    rows = {e.unit.kind: e for e in Enrolment.objects.filter(child=seven).select_related("unit")}
    assert set(rows) == {
        UnitKind.HEALTH_VISITING,
        UnitKind.DENTAL,
        UnitKind.DAYCARE,
        UnitKind.SCHOOL,
        UnitKind.SFO,
    }
    daycare, school = rows[UnitKind.DAYCARE], rows[UnitKind.SCHOOL]
    assert daycare.until is not None
    assert daycare.until < school.since <= day
    assert school.until is None
    assert rows[UnitKind.SFO].until is None
    assert daycare.group
    assert school.group == rows[UnitKind.SFO].group
    assert school.group[0] in "01"  # 0. or 1. klasse at seven, by school-year cohort


def test_classes_have_grades_and_letters(db: None) -> None:
    day = date(2026, 3, 10)
    generate(children=1000, seed=8, today=day)
    groups = set(
        Enrolment.objects.filter(unit__kind=UnitKind.SCHOOL, until__isnull=True).values_list(
            "group", flat=True
        )
    )
    grades = {group.split(".")[0] for group in groups}
    assert grades == {str(grade) for grade in range(11)}
    assert all(group.split(".")[1] in "ABCD" for group in groups), groups


def test_a_finished_sfo_place_names_the_class_of_its_time(db: None) -> None:
    day = date(2026, 3, 10)
    generate(children=300, seed=8, today=day)
    twelve = next(c for c in Child.objects.order_by("pk") if c.age_on(day) == 12)
    sfo = Enrolment.objects.get(child=twelve, unit__kind=UnitKind.SFO)
    school = Enrolment.objects.get(child=twelve, unit__kind=UnitKind.SCHOOL)
    assert sfo.until is not None
    assert sfo.until < day
    sfo_grade, school_grade = int(sfo.group.split(".")[0]), int(school.group.split(".")[0])
    assert sfo_grade <= 4 < school_grade
    assert sfo.group.split(".")[1] == school.group.split(".")[1]
