"""Writing Signs of Safety: the mapping of a meeting, the scale scores, the safety network."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from sikkerhedsnet.audit.services import audit_event_record
from sikkerhedsnet.cases.models import Case
from sikkerhedsnet.cases.services.journal import journal_event_record
from sikkerhedsnet.casework import journal
from sikkerhedsnet.casework.models import (
    MAPPING_COLUMNS,
    SCALE_MAX,
    SCALE_MIN,
    NetworkMember,
    ParticipantRole,
    SafetyMeeting,
    SafetyScore,
)
from sikkerhedsnet.lib.errors import Refused
from sikkerhedsnet.lib.versions import check_version, compare_and_set
from sikkerhedsnet.people.models import User


def _mapping(columns: dict[str, str]) -> dict[str, Any]:
    unknown = set(columns) - set(MAPPING_COLUMNS)
    if unknown:
        raise Refused(_("Ukendt felt: %(names)s") % {"names": ", ".join(sorted(unknown))})
    return {name: text.strip() for name, text in columns.items()}


def _held_by_today(held_on: date) -> None:
    if held_on > timezone.localdate():
        raise Refused(_("Mødet kan ikke være holdt i fremtiden."), field="held_on")


@transaction.atomic
def safety_meeting_create(
    *, actor: User, case: Case, held_on: date, columns: dict[str, str]
) -> SafetyMeeting:
    _held_by_today(held_on)
    meeting = SafetyMeeting.objects.create(
        case=case, held_on=held_on, created_by=actor, **_mapping(columns)
    )
    held = journal.safety_meeting_held(meeting)
    journal_event_record(case=case, actor=actor, source=meeting, **held)
    audit_event_record(
        actor=actor, event_type="safety_meeting.created", subject=meeting, extra={"case": case.pk}
    )
    return meeting


@transaction.atomic
def safety_meeting_update(
    *,
    actor: User,
    meeting: SafetyMeeting,
    expected_version: int,
    held_on: date,
    columns: dict[str, str],
) -> SafetyMeeting:
    _held_by_today(held_on)
    updated = compare_and_set(
        SafetyMeeting,
        pk=meeting.pk,
        expected_version=expected_version,
        actor=actor,
        held_on=held_on,
        **_mapping(columns),
    )
    audit_event_record(
        actor=actor,
        event_type="safety_meeting.updated",
        subject=updated,
        extra={"case": meeting.case_id},
    )
    return updated


@transaction.atomic
def safety_score_record(
    *,
    actor: User,
    meeting: SafetyMeeting,
    participant_name: str,
    participant_role: ParticipantRole,
    score: int,
) -> SafetyScore:
    if not SCALE_MIN <= score <= SCALE_MAX:
        raise Refused(_("Skalaen går fra 0 til 10."))
    name = participant_name.strip()
    if not name:
        raise Refused(_("Skriv deltagerens navn."))
    try:
        with transaction.atomic():
            row = SafetyScore.objects.create(
                meeting=meeting,
                participant_name=name,
                participant_role=participant_role,
                score=score,
                recorded_by=actor,
                recorded_at=timezone.now(),
            )
    except IntegrityError:
        raise Refused(
            _("%(name)s har allerede givet en score på dette møde.") % {"name": name}
        ) from None
    audit_event_record(
        actor=actor,
        event_type="safety_score.recorded",
        subject=meeting,
        extra={"case": meeting.case_id, "role": str(participant_role), "score": score},
    )
    return row


@transaction.atomic
def network_member_add(
    *, actor: User, case: Case, name: str, relation: str, commitment: str, joined_on: date
) -> NetworkMember:
    member = NetworkMember.objects.create(
        case=case,
        name=name.strip(),
        relation=relation.strip(),
        commitment=commitment.strip(),
        joined_on=joined_on,
        added_by=actor,
    )
    audit_event_record(
        actor=actor, event_type="safety_network.added", subject=member, extra={"case": case.pk}
    )
    return member


@transaction.atomic
def network_member_end(
    *, actor: User, member: NetworkMember, expected_version: int, left_on: date
) -> NetworkMember:
    """The person no longer helps; the row stays, with the day it ended."""
    current = check_version(member, expected_version)
    if current.left_on is not None:
        raise Refused(_("%(name)s er allerede taget ud af netværket.") % {"name": current.name})
    if left_on < current.joined_on:
        raise Refused(_("Slutdatoen kan ikke ligge før, personen kom med i netværket."))
    ended = compare_and_set(
        NetworkMember, pk=member.pk, expected_version=expected_version, actor=actor, left_on=left_on
    )
    audit_event_record(
        actor=actor,
        event_type="safety_network.ended",
        subject=ended,
        extra={"case": member.case_id, "left_on": str(left_on)},
    )
    return ended
