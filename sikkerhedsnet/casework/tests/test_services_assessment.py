from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from sikkerhedsnet.audit.models import AuditEvent
from sikkerhedsnet.cases.tests.factories import TeamWorld
from sikkerhedsnet.casework.models import Assessment, AssessmentDecision
from sikkerhedsnet.casework.services.assessment import (
    assessment_conclude,
    assessment_save,
    interim_assessment_record,
)
from sikkerhedsnet.lib.errors import Conflict, Refused

# Midnight UTC on 10.05.2026, as the tests that freeze time have it.
TODAY = datetime(2026, 5, 10, tzinfo=UTC)


def _save(tw: TeamWorld, version: int, **texts: str) -> Assessment:
    return assessment_save(
        actor=tw.owner,
        case=tw.case,
        expected_version=version,
        dimensions=texts,
        child_view="Jeg vil gerne bo hjemme.",
        parents_view="",
    )


def test_the_first_save_creates_the_assessment_with_an_audit_row(tw: TeamWorld) -> None:
    assessment = _save(tw, 0, health="Ingen bemærkninger", school=" ")
    assert assessment.version == 1
    assert assessment.dimensions == {"health": "Ingen bemærkninger"}
    assert assessment.child_view == "Jeg vil gerne bo hjemme."
    event = AuditEvent.objects.get(event_type="assessment.saved")
    assert event.extra["dimensions"] == ["health"]


def test_a_save_on_the_version_shown_moves_it_on(tw: TeamWorld) -> None:
    _save(tw, 0, health="a")
    assessment = _save(tw, 1, health="b")
    assert (assessment.version, assessment.dimensions["health"]) == (2, "b")
    assert assessment.history.count() == 2


def test_a_second_writer_on_an_old_version_is_refused_and_nothing_is_overwritten(
    tw: TeamWorld,
) -> None:
    _save(tw, 0, health="first")
    _save(tw, 1, health="colleague's")
    with pytest.raises(Conflict):
        _save(tw, 1, health="mine")
    assert Assessment.objects.get().dimensions["health"] == "colleague's"


def test_two_starting_at_once_is_a_conflict(tw: TeamWorld) -> None:
    _save(tw, 0, health="first")
    with pytest.raises(Conflict):
        _save(tw, 0, health="second")


def test_an_unknown_dimension_is_refused(tw: TeamWorld) -> None:
    with pytest.raises(Refused):
        _save(tw, 0, horoscope="x")


def test_an_interim_assessment_is_added_and_moves_the_version(tw: TeamWorld, today: date) -> None:
    interim = interim_assessment_record(
        actor=tw.owner,
        case=tw.case,
        expected_version=0,
        text="Mangler samtale med skolen.",
        expected_done_on=date(2026, 8, 1),
    )
    assert interim.recorded_on == today
    assert interim.assessment.version == 1
    interim_assessment_record(
        actor=tw.owner,
        case=tw.case,
        expected_version=1,
        text="Mere",
        expected_done_on=date(2026, 9, 1),
    )
    assert Assessment.objects.get().version == 2


def test_an_interim_assessment_expected_done_in_the_past_is_refused(
    tw: TeamWorld, today: date
) -> None:
    with pytest.raises(Refused, match="passeret"):
        interim_assessment_record(
            actor=tw.owner,
            case=tw.case,
            expected_version=0,
            text="x",
            expected_done_on=date(2026, 5, 9),
        )


def _conclude(tw: TeamWorld, version: int, **kwargs: object) -> Assessment:
    values: dict[str, object] = {
        "conclusion": "Familien har brug for støtte i hjemmet.",
        "decision": AssessmentDecision.SUPPORT,
        "decided_on": date(2026, 5, 9),
        **kwargs,
    }
    return assessment_conclude(
        actor=tw.owner,
        case=tw.case,
        expected_version=version,
        **values,  # type: ignore[arg-type]
    )


def test_the_conclusion_records_the_decision_and_closes_the_assessment(
    tw: TeamWorld, today: date
) -> None:
    _save(tw, 0, health="a")
    assessment = _conclude(tw, 1)
    assert (assessment.decision, assessment.decided_on) == ("support", date(2026, 5, 9))
    assert not assessment.is_open
    event = AuditEvent.objects.get(event_type="assessment.concluded")
    assert event.extra["within_deadline"] is True  # aware 01.03.2026, due 01.07.2026
    with pytest.raises(Refused, match="afsluttet"):
        _save(tw, 2, health="later")


def test_a_conclusion_needs_an_assessment_a_text_and_a_date_not_in_the_future(
    tw: TeamWorld,
    today: date,
) -> None:
    with pytest.raises(Refused, match="Skriv undersøgelsen"):
        _conclude(tw, 0)
    _save(tw, 0, health="a")
    with pytest.raises(Refused, match="konklusion"):
        _conclude(tw, 1, conclusion="  ")
    with pytest.raises(Refused, match="fremtiden"):
        _conclude(tw, 1, decided_on=date(2026, 5, 11))
    with pytest.raises(Refused, match="opmærksom"):
        _conclude(tw, 1, decided_on=date(2026, 2, 28))
