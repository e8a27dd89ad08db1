from __future__ import annotations

from collections import Counter
from datetime import date
from io import StringIO
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from django.db import transaction

from sikkerhedsnet.lib import cpr as cprlib
from sikkerhedsnet.people.models import Child, Enrolment, Guardian, Unit, User
from sikkerhedsnet.synth.context import SynthContext
from sikkerhedsnet.synth.families import FamilyMaker
from sikkerhedsnet.synth.pipeline import SynthRefused, generate
from sikkerhedsnet.synth.sizing import MunicipalityPlan
from sikkerhedsnet.synth.tests.conftest import SMALL, TODAY


def snapshot() -> dict[str, Any]:
    """What makes two municipalities the same: people, numbers, names, places and dates."""
    return {
        "children": list(
            Child.objects.order_by("pk").values_list(
                "cpr", "first_name", "last_name", "birth_date", "sex", "address"
            )
        ),
        "guardians": list(Guardian.objects.order_by("pk").values_list("cpr", "first_name")),
        "units": list(Unit.objects.order_by("pk").values_list("code", "name", "district")),
        "staff": list(User.objects.order_by("pk").values_list("username", "role")),
        "enrolments": list(
            Enrolment.objects.order_by("pk").values_list(
                "child__cpr", "unit__code", "group", "since", "until"
            )
        ),
    }


class _Undo(Exception):
    pass


def generated(seed: int) -> dict[str, Any]:
    """Generate, read back, and roll the database back to empty for the next run."""
    result: dict[str, Any] = {}
    try:
        with transaction.atomic():
            generate(children=SMALL, seed=seed, today=TODAY)
            result = snapshot()
            raise _Undo
    except _Undo:
        pass
    assert not Child.objects.exists()
    return result


def test_the_same_seed_makes_the_same_municipality(db: None) -> None:
    first = generated(seed=5)
    assert generated(seed=5) == first
    other = generated(seed=6)
    assert other["children"] != first["children"]
    assert len(other["children"]) == len(first["children"]) == SMALL


def test_every_cpr_is_a_unique_replacement_number_matching_the_row(town: SynthContext) -> None:
    children = list(Child.objects.all())
    assert len(children) == SMALL
    assert len({child.cpr for child in children}) == SMALL
    for child in children:
        parsed = cprlib.parse(child.cpr)
        assert parsed.is_replacement
        assert child.is_replacement_cpr
        assert (parsed.birth_date, parsed.sex) == (child.birth_date, child.sex)
    guardian_cprs = list(Guardian.objects.values_list("cpr", flat=True))
    assert len(set(guardian_cprs) | {c.cpr for c in children}) == len(guardian_cprs) + SMALL
    assert all(cprlib.parse(cpr).is_replacement for cpr in guardian_cprs)


def test_ages_run_from_0_to_17_evenly(town: SynthContext) -> None:
    ages = Counter(child.age_on(TODAY) for child in Child.objects.all())
    assert sorted(ages) == list(range(18))
    assert max(ages.values()) - min(ages.values()) <= 2


def test_households_have_one_to_three_siblings_sharing_their_guardians(town: SynthContext) -> None:
    sizes = Counter(len(household.children) for household in town.households)
    assert set(sizes) == {1, 2, 3}
    for household in town.households:
        assert 1 <= len(household.guardians) <= 2
        for child in household.children:
            guardian_ids = set(
                Child.objects.get(pk=child.pk).custodies.values_list("guardian_id", flat=True)
            )
            assert guardian_ids == {guardian.pk for guardian in household.guardians}
    assert Child.objects.filter(network__isnull=False).exists()


def test_the_command_makes_the_municipality_and_refuses_a_second_one(db: None) -> None:
    out = StringIO()
    call_command("synth", children=120, seed=3, today=TODAY, stdout=out)
    assert Child.objects.count() == 120
    assert "120 børn" in out.getvalue()
    with pytest.raises(CommandError, match="allerede 120 børn"):
        call_command("synth", children=120, seed=4, stdout=StringIO())
    assert Child.objects.count() == 120


def test_it_refuses_a_database_with_units(db: None) -> None:
    Unit.objects.create(code="X1", name="Eksisterende enhed", kind="daycare")
    with pytest.raises(SynthRefused, match="enheder"):
        generate(children=10, seed=1, today=TODAY)
    assert not Child.objects.exists()


def test_a_29_february_municipality_holds_together(db: None) -> None:
    generate(children=200, seed=2, today=date(2028, 2, 29))
    for child in Child.objects.all():
        assert cprlib.parse(child.cpr).birth_date == child.birth_date
        assert 0 <= child.age_on(date(2028, 2, 29)) <= 17


def test_cpr_numbers_never_repeat_even_when_many_share_a_birthday() -> None:
    ctx = SynthContext(n_children=1, seed=1, today=TODAY, plan=MunicipalityPlan.for_children(1))
    maker = FamilyMaker(ctx)
    # 2,500 of the 3,000 numbers a day and sex allow: random draws collide hundreds of times.
    numbers = [maker.cpr(date(2020, 2, 29), "male") for _ in range(2500)]
    assert len(set(numbers)) == len(numbers)
    assert {cprlib.parse(n).birth_date for n in numbers} == {date(2020, 2, 29)}
