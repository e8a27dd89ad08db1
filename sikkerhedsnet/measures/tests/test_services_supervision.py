from __future__ import annotations

from datetime import date

import pytest

from sikkerhedsnet.cases.tests.factories import TeamWorld, make_team_world
from sikkerhedsnet.lib.errors import Refused
from sikkerhedsnet.measures.ladder import MeasureKind
from sikkerhedsnet.measures.models import SupervisionVisit
from sikkerhedsnet.measures.services.supervision import supervision_visit_record
from sikkerhedsnet.measures.tests.factories import MeasureFactory

TODAY = date(2026, 6, 15)

pytestmark = pytest.mark.usefixtures("today")


@pytest.fixture
def tw(db: None) -> TeamWorld:
    return make_team_world()


def _visit(tw: TeamWorld, measure: object, visited_on: date) -> SupervisionVisit:
    return supervision_visit_record(
        actor=tw.owner,
        measure=measure,  # type: ignore[arg-type]
        visited_on=visited_on,
        visited_by=tw.colleague,
        spoke_with_child=True,
        note=" Godt besøg ",
    )


def test_a_visit_to_a_placement_is_recorded(tw: TeamWorld) -> None:
    measure = MeasureFactory.create(case=tw.case, kind=MeasureKind.KINSHIP_FOSTER_CARE)
    visit = _visit(tw, measure, date(2026, 6, 1))
    assert (visit.visited_by, visit.note, visit.spoke_with_child) == (
        tw.colleague,
        "Godt besøg",
        True,
    )


def test_a_support_measure_gets_no_supervision_visits(tw: TeamWorld) -> None:
    measure = MeasureFactory.create(case=tw.case, kind=MeasureKind.FAMILY_TREATMENT)
    with pytest.raises(Refused, match="anbringelser"):
        _visit(tw, measure, date(2026, 6, 1))


@pytest.mark.parametrize(
    ("visited_on", "message"),
    [
        (date(2026, 6, 16), "fremtiden"),
        (date(2026, 3, 31), "før anbringelsen"),
    ],
)
def test_a_visit_outside_the_placement_is_refused(
    tw: TeamWorld, visited_on: date, message: str
) -> None:
    measure = MeasureFactory.create(case=tw.case, kind=MeasureKind.FOSTER_FAMILY)
    with pytest.raises(Refused, match=message):
        _visit(tw, measure, visited_on)


def test_a_visit_after_the_placement_ended_is_refused(tw: TeamWorld) -> None:
    measure = MeasureFactory.create(
        case=tw.case, kind=MeasureKind.FOSTER_FAMILY, status="ended", end_date=date(2026, 5, 1)
    )
    with pytest.raises(Refused, match="sluttede"):
        _visit(tw, measure, date(2026, 5, 2))
    assert _visit(tw, measure, date(2026, 5, 1)).pk
