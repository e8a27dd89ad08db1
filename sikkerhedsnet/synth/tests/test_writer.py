from __future__ import annotations

from datetime import date

from django.db import connection

from sikkerhedsnet.audit.models import AccessLog
from sikkerhedsnet.people.models import Child, Enrolment, Unit, UnitKind, User
from sikkerhedsnet.synth.context import SynthContext
from sikkerhedsnet.synth.sizing import MunicipalityPlan
from sikkerhedsnet.synth.writer import insert, plain_writer


def test_the_large_tables_take_the_fast_path_and_others_fall_back(db: None) -> None:
    assert all(plain_writer(model) for model in (Child, Enrolment, Unit, User))
    # auto_now_add is filled in by bulk_create's preparation, so AccessLog must go through it.
    assert plain_writer(AccessLog) is None


def test_rows_read_back_as_written(db: None) -> None:
    ctx = SynthContext(
        n_children=1, seed=1, today=date(2026, 3, 10), plan=MunicipalityPlan.for_children(1)
    )
    unit = Unit(
        id=ctx.ids.one(Unit), code="DAG900", name="Børnehuset Æblehaven", kind=UnitKind.DAYCARE
    )
    child = Child(
        id=ctx.ids.one(Child),
        cpr="7003201234",
        first_name="Åse",
        last_name="Søndergaard",
        birth_date=date(2020, 3, 10),
        sex="female",
        is_replacement_cpr=True,
    )
    enrolment = Enrolment(
        id=ctx.ids.one(Enrolment), child_id=child.pk, unit_id=unit.pk, since=date(2021, 1, 1)
    )
    insert(ctx, "test", (Unit, [unit]), (Child, [child]), (Enrolment, [enrolment]))
    saved = Enrolment.objects.select_related("child", "unit").get()
    assert (saved.unit.kind, saved.unit.name) == ("daycare", "Børnehuset Æblehaven")
    assert (saved.child.birth_date, saved.child.is_replacement_cpr) == (date(2020, 3, 10), True)
    assert (saved.since, saved.until, saved.group) == (date(2021, 1, 1), None, "")
    assert Enrolment.objects.filter(unit__kind=UnitKind.DAYCARE, until__isnull=True).count() == 1


def test_the_planner_gets_statistics_for_the_new_rows(town: SynthContext) -> None:
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("SELECT count(*) FROM sqlite_stat1 WHERE tbl = 'people_enrolment'")
        else:
            cursor.execute("SELECT reltuples FROM pg_class WHERE relname = 'people_enrolment'")
        (value,) = cursor.fetchone()
    assert value > 0
