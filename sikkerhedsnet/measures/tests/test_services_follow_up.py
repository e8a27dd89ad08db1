from __future__ import annotations

from datetime import date

import pytest

from sikkerhedsnet.audit.models import AuditEvent
from sikkerhedsnet.cases.tests.factories import TeamWorld, make_team_world
from sikkerhedsnet.lib.errors import Conflict, Refused
from sikkerhedsnet.measures.ladder import MeasureKind
from sikkerhedsnet.measures.models import Measure, MeasureStatus
from sikkerhedsnet.measures.services.follow_up import (
    follow_up_record,
    measure_follow_up_interval_set,
)
from sikkerhedsnet.measures.tests.factories import MeasureFactory

TODAY = date(2026, 6, 15)

pytestmark = pytest.mark.usefixtures("today")


@pytest.fixture
def tw(db: None) -> TeamWorld:
    return make_team_world()


def _record(tw: TeamWorld, measure: Measure, **changes: object) -> object:
    meeting: dict[str, object] = {
        "held_on": date(2026, 6, 10),
        "child_took_part": True,
        "family_took_part": True,
        "network_took_part": False,
        "professionals": "Familiebehandler Ida",
        "what_changed": "Morgenerne fungerer bedre.",
        "safety_scale": 6,
        **changes,
    }
    return follow_up_record(actor=tw.owner, measure=measure, **meeting)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("kind", "next_due"),
    [
        (MeasureKind.FAMILY_TREATMENT, date(2026, 9, 10)),
        (MeasureKind.FOSTER_FAMILY, date(2026, 9, 10)),
        (MeasureKind.RESIDENTIAL_HOME, date(2026, 9, 10)),
        (MeasureKind.RESIDENTIAL_INSTITUTION, date(2026, 7, 22)),
    ],
)
def test_a_follow_up_sets_the_next_date_on_the_cadence(
    tw: TeamWorld, kind: str, next_due: date
) -> None:
    measure = MeasureFactory.create(case=tw.case, kind=kind)
    follow_up = _record(tw, measure)
    measure.refresh_from_db()
    assert measure.next_follow_up_due == next_due
    assert follow_up.next_due == next_due  # type: ignore[attr-defined]
    assert measure.version == 2
    assert AuditEvent.objects.filter(event_type="follow_up.recorded").count() == 1


def test_an_older_follow_up_recorded_late_does_not_move_the_date_back(tw: TeamWorld) -> None:
    measure = MeasureFactory.create(case=tw.case)
    _record(tw, measure)
    _record(tw, measure, held_on=date(2026, 5, 1))
    measure.refresh_from_db()
    assert measure.next_follow_up_due == date(2026, 9, 10)


def test_the_caseworkers_interval_is_used_for_the_next_follow_up(tw: TeamWorld) -> None:
    measure = MeasureFactory.create(
        case=tw.case, follow_up_interval_weeks=4, follow_up_interval_reason="Skrøbelig periode"
    )
    _record(tw, measure)
    measure.refresh_from_db()
    assert measure.next_follow_up_due == date(2026, 7, 8)


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"held_on": date(2026, 6, 16)}, "fremtiden"),
        ({"held_on": date(2026, 3, 31)}, "før foranstaltningen startede"),
        (
            {"child_took_part": False, "family_took_part": False, "professionals": " "},
            "hvem der deltog",
        ),
        ({"what_changed": "  "}, "ændret sig"),
        ({"safety_scale": 11}, "0 til 10"),
    ],
)
def test_a_follow_up_is_refused_with_a_reason(
    tw: TeamWorld, changes: dict[str, object], message: str
) -> None:
    measure = MeasureFactory.create(case=tw.case)
    with pytest.raises(Refused, match=message):
        _record(tw, measure, **changes)


def test_no_follow_up_on_a_measure_that_has_not_started(tw: TeamWorld) -> None:
    measure = MeasureFactory.create(case=tw.case, status=MeasureStatus.DECIDED, start_date=None)
    with pytest.raises(Refused, match="i gang"):
        _record(tw, measure)


def test_an_own_interval_needs_a_reason(tw: TeamWorld) -> None:
    measure = MeasureFactory.create(case=tw.case)
    with pytest.raises(Refused, match="hvorfor"):
        measure_follow_up_interval_set(
            actor=tw.owner, measure=measure, expected_version=1, interval_weeks=4, reason=" "
        )
    measure.refresh_from_db()
    assert (measure.follow_up_interval_weeks, measure.version) == (None, 1)


def test_an_own_interval_with_a_reason_moves_the_next_date(tw: TeamWorld) -> None:
    measure = MeasureFactory.create(case=tw.case)
    _record(tw, measure)
    updated = measure_follow_up_interval_set(
        actor=tw.owner,
        measure=measure,
        expected_version=2,
        interval_weeks=4,
        reason="Mor er lige flyttet; vi følger tættere op.",
    )
    assert updated.next_follow_up_due == date(2026, 7, 8)
    assert updated.follow_up_interval_reason.startswith("Mor er")
    back = measure_follow_up_interval_set(
        actor=tw.owner, measure=updated, expected_version=3, interval_weeks=None, reason="x"
    )
    assert back.next_follow_up_due == date(2026, 9, 10)
    assert (back.follow_up_interval_weeks, back.follow_up_interval_reason) == (None, "")


def test_an_interval_from_an_older_page_is_refused(tw: TeamWorld) -> None:
    measure = MeasureFactory.create(case=tw.case)
    _record(tw, measure)  # version 2 now
    with pytest.raises(Conflict):
        measure_follow_up_interval_set(
            actor=tw.leader, measure=measure, expected_version=1, interval_weeks=8, reason="Ro"
        )


def test_an_interval_out_of_range_is_refused(tw: TeamWorld) -> None:
    measure = MeasureFactory.create(case=tw.case)
    with pytest.raises(Refused, match="1 og 52"):
        measure_follow_up_interval_set(
            actor=tw.owner, measure=measure, expected_version=1, interval_weeks=60, reason="x"
        )
