"""Traffic-light positions in the current screening round, the TOPI way.

Each professional first rates a child on her own (`rating_set`, one Rating per rater, child and
round, changed in place). The team then agrees the joint position (`joint_position_set`), which is
the one that counts. Two people changing the same joint position never silently overwrite each
other: the write is a compare-and-set on `version` (UPDATE … WHERE version = expected, as
healthchecks does for its checks), and the loser gets a JointPositionConflict naming the value
that is there now, who set it and when.

The round is always the one containing today; rounds are computed from policy, never stored.
"""

from __future__ import annotations

from datetime import date, datetime

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from sikkerhedsnet.audit.services import audit_event_record
from sikkerhedsnet.lib.errors import Conflict, Refused
from sikkerhedsnet.people.models import Child, Unit, User
from sikkerhedsnet.screening.access import may_set_positions
from sikkerhedsnet.screening.models import Instrument, Position, Rating, Screening
from sikkerhedsnet.screening.selectors.positions import joint_in_round
from sikkerhedsnet.screening.selectors.rounds import round_on

REASON_MAX_LENGTH = 200


class PositionRefused(Refused):
    """The actor may not set positions for this child in this unit; views answer 404."""


class JointPositionTakenElsewhere(Refused):
    """Another unit already set the child's joint position in this round (one per round)."""


class JointPositionConflict(Conflict):
    """Someone changed the joint position after the page showed `expected_version`.

    `current` is the joint position as it is now (None: the page showed one that is gone).
    """

    current: Screening | None

    def __init__(self, current: Screening | None) -> None:
        super().__init__(current)

    @property
    def position(self) -> str:
        return self.current.position if self.current else ""

    @property
    def version(self) -> int | None:
        return self.current.version if self.current else None

    @property
    def recorded_by(self) -> User | None:
        return self.current.recorded_by if self.current else None

    @property
    def updated_at(self) -> datetime | None:
        return self.current.updated_at if self.current else None


def _check(
    *,
    actor: User,
    child: Child,
    unit: Unit,
    position: str,
    reason: str,
    day: date,
    joint: bool = False,
) -> None:
    if position not in Position.values:
        raise ValueError(f"unknown position {position!r}")
    if len(reason) > REASON_MAX_LENGTH:
        raise ValueError(f"reason longer than {REASON_MAX_LENGTH} characters")
    if not may_set_positions(actor=actor, child=child, unit=unit, day=day, joint=joint):
        raise PositionRefused


@transaction.atomic
def rating_set(
    *, actor: User, child: Child, unit: Unit, position: str, reason: str | None = None
) -> Rating:
    """The actor's own rating of the child in the current round, created or changed in place.

    `reason=None` keeps the reason the rating already has: the round page asks for a reason
    only with the joint position.
    """
    day = timezone.localdate()
    _check(actor=actor, child=child, unit=unit, position=position, reason=reason or "", day=day)
    deadline = round_on(day).deadline
    mine = Rating.objects.filter(child=child, round_deadline=deadline, rater=actor)
    rating = mine.select_for_update().first()
    if reason is None:
        reason = rating.reason if rating is not None else ""
    if rating is not None and (rating.position, rating.reason) == (position, reason):
        return rating  # nothing changed: no history row, no audit event
    if rating is None:
        rating = Rating(child=child, round_deadline=deadline, rater=actor)
    rating.unit, rating.position, rating.reason = unit, position, reason
    rating._history_user = actor  # type: ignore[attr-defined]  # simple-history reads it
    try:
        with transaction.atomic():  # a savepoint: a double-post by the same rater may race us
            rating.save()
    except IntegrityError:
        rating.pk = mine.get().pk
        rating.save(force_update=True)
    audit_event_record(
        actor=actor,
        event_type="screening.rating_set",
        subject=rating,
        extra={"child_id": child.pk, "round_deadline": deadline.isoformat(), "position": position},
    )
    return rating


@transaction.atomic
def joint_position_set(
    *,
    actor: User,
    child: Child,
    unit: Unit,
    position: str,
    reason: str = "",
    expected_version: int | None,
) -> Screening:
    """The team's joint position for the child in the current round.

    `expected_version` is the version the actor's page showed (None: there was none). If the
    position has changed since, nothing is written and JointPositionConflict says what is there
    now; asking for exactly the value that is already there is not a conflict.
    """
    day = timezone.localdate()
    _check(
        actor=actor, child=child, unit=unit, position=position, reason=reason, day=day, joint=True
    )
    deadline = round_on(day).deadline
    current = joint_in_round(child=child, deadline=deadline)
    if current is None:
        if expected_version is not None:
            raise JointPositionConflict(None)  # the page showed one; positions are never deleted
        return _joint_create(
            actor=actor,
            child=child,
            unit=unit,
            position=position,
            reason=reason,
            day=day,
            deadline=deadline,
        )
    if current.unit_id != unit.pk:
        raise JointPositionTakenElsewhere
    if (current.position, current.reason) == (position, reason):
        return current  # already what the actor asks for: nothing to overwrite
    if expected_version != current.version:
        raise JointPositionConflict(current)
    return _joint_update(actor=actor, current=current, position=position, reason=reason, day=day)


def _joint_create(
    *,
    actor: User,
    child: Child,
    unit: Unit,
    position: str,
    reason: str,
    day: date,
    deadline: date,
) -> Screening:
    screening = Screening(
        child=child,
        unit=unit,
        instrument=Instrument.TRAFFIC_LIGHT,
        round_deadline=deadline,
        screened_on=day,
        position=position,
        reason=reason,
        recorded_by=actor,
        version=1,
    )
    screening._history_user = actor  # type: ignore[attr-defined]  # simple-history reads it
    try:
        with transaction.atomic():  # a savepoint, so that losing the race leaves us usable
            screening.save()
    except IntegrityError:
        # Someone created the round's joint position between our read and our insert.
        winner = joint_in_round(child=child, deadline=deadline)
        if winner is None or winner.unit_id != unit.pk:
            raise JointPositionTakenElsewhere from None
        if (winner.position, winner.reason) == (position, reason):
            return winner
        raise JointPositionConflict(winner) from None
    _joint_audit(actor=actor, screening=screening, previous="")
    return screening


def _joint_update(
    *, actor: User, current: Screening, position: str, reason: str, day: date
) -> Screening:
    changed = Screening.objects.filter(pk=current.pk, version=current.version).update(
        position=position,
        reason=reason,
        screened_on=day,
        recorded_by=actor,
        updated_at=timezone.now(),
        version=F("version") + 1,
    )
    previous = current.position
    current.refresh_from_db()
    if not changed:
        raise JointPositionConflict(current)
    # A queryset update bypasses simple-history's signals, so the history row is written here.
    Screening.history.bulk_history_create([current], update=True, default_user=actor)
    _joint_audit(actor=actor, screening=current, previous=previous)
    return current


def _joint_audit(*, actor: User, screening: Screening, previous: str) -> None:
    audit_event_record(
        actor=actor,
        event_type="screening.joint_position_set",
        subject=screening,
        extra={
            "child_id": screening.child_id,
            "round_deadline": screening.round_deadline.isoformat(),
            "position": screening.position,
            "previous": previous,
            "version": screening.version,
        },
    )
