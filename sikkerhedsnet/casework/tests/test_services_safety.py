from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from sikkerhedsnet.cases.tests.factories import TeamWorld
from sikkerhedsnet.casework.models import NetworkMember, ParticipantRole, SafetyMeeting
from sikkerhedsnet.casework.services.safety import (
    network_member_add,
    network_member_end,
    safety_meeting_create,
    safety_meeting_update,
    safety_score_record,
)
from sikkerhedsnet.lib.errors import Conflict, Refused

# Midnight UTC on 10.05.2026 (02.00 in Copenhagen), for the whole module.
TODAY = datetime(2026, 5, 10, tzinfo=UTC)
pytestmark = pytest.mark.usefixtures("today")


def _meeting(tw: TeamWorld) -> SafetyMeeting:
    return safety_meeting_create(
        actor=tw.owner,
        case=tw.case,
        held_on=date(2026, 4, 1),
        columns={"harm": "Blå mærker", "strengths": "Mormor hjælper"},
    )


def test_a_meeting_keeps_its_three_columns(tw: TeamWorld) -> None:
    meeting = _meeting(tw)
    assert (meeting.harm, meeting.strengths, meeting.next_steps) == (
        "Blå mærker",
        "Mormor hjælper",
        "",
    )


def test_a_meeting_cannot_be_in_the_future_or_name_unknown_columns(tw: TeamWorld) -> None:
    with pytest.raises(Refused, match="fremtiden"):
        safety_meeting_create(actor=tw.owner, case=tw.case, held_on=date(2026, 5, 11), columns={})
    with pytest.raises(Refused):
        safety_meeting_create(
            actor=tw.owner, case=tw.case, held_on=date(2026, 5, 1), columns={"risk_score": "9"}
        )


def test_editing_the_mapping_is_compare_and_set(tw: TeamWorld) -> None:
    meeting = _meeting(tw)
    safety_meeting_update(
        actor=tw.leader,
        meeting=meeting,
        expected_version=1,
        held_on=meeting.held_on,
        columns={"harm": "Leder"},
    )
    with pytest.raises(Conflict):
        safety_meeting_update(
            actor=tw.owner,
            meeting=meeting,
            expected_version=1,
            held_on=meeting.held_on,
            columns={"harm": "Rådgiver"},
        )
    assert SafetyMeeting.objects.get().harm == "Leder"


def test_each_participant_scores_once_per_meeting_on_the_scale(tw: TeamWorld) -> None:
    meeting = _meeting(tw)
    score = safety_score_record(
        actor=tw.owner,
        meeting=meeting,
        participant_name="Emma",
        participant_role=ParticipantRole.CHILD,
        score=4,
    )
    assert score.score == 4
    with pytest.raises(Refused, match="allerede"):
        safety_score_record(
            actor=tw.owner,
            meeting=meeting,
            participant_name="Emma",
            participant_role=ParticipantRole.CHILD,
            score=5,
        )
    for wrong in (-1, 11):
        with pytest.raises(Refused, match="0 til 10"):
            safety_score_record(
                actor=tw.owner,
                meeting=meeting,
                participant_name="Mor",
                participant_role=ParticipantRole.MOTHER,
                score=wrong,
            )


def test_a_network_member_who_stops_keeps_the_row(tw: TeamWorld) -> None:
    member = network_member_add(
        actor=tw.owner,
        case=tw.case,
        name="Inger",
        relation="mormor",
        commitment="Henter Emma hver tirsdag.",
        joined_on=date(2026, 4, 1),
    )
    with pytest.raises(Refused, match="før"):
        network_member_end(
            actor=tw.owner, member=member, expected_version=1, left_on=date(2026, 3, 1)
        )
    network_member_end(actor=tw.owner, member=member, expected_version=1, left_on=date(2026, 5, 1))
    assert NetworkMember.objects.get().left_on == date(2026, 5, 1)
    with pytest.raises(Conflict):
        network_member_end(
            actor=tw.owner, member=member, expected_version=1, left_on=date(2026, 5, 2)
        )
