"""The rows of a unit's round page (TOPI): this round's positions, ratings and earlier rounds'.

One child's row holds the team's rating count, the user's own rating, this round's joint
position (if this unit set it) and the last joint positions of earlier rounds, read in a fixed
number of queries for the whole page.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from django.db.models import Count

from sikkerhedsnet.people.models import Child, Enrolment, Unit, User
from sikkerhedsnet.people.selectors import unit_roster
from sikkerhedsnet.screening.models import Instrument, Position, Rating, Screening
from sikkerhedsnet.screening.selectors.positions import RECENT_POSITIONS, recent_positions
from sikkerhedsnet.screening.selectors.rounds import Round

if TYPE_CHECKING:
    from sikkerhedsnet.screening.services.positions import JointPositionConflict


@dataclass
class RowNotice:
    """What the last post of a row did: saved parts, a refusal, or a conflict."""

    saved: list[str] = field(default_factory=list)
    error: str = ""
    conflict: JointPositionConflict | None = None
    chosen: str = ""  # the joint position the user chose, when it was not saved
    # The version just written by this user; only then may the page's version move on, so that
    # a change by someone else is never taken in without the user seeing it.
    joint_version: int | None = None

    @property
    def chosen_label(self) -> str:
        return str(Position(self.chosen).label) if self.chosen else ""


@dataclass
class RoundRow:
    enrolment: Enrolment
    ratings: int  # the team's own ratings in this round
    mine: Rating | None
    joint: Screening | None  # this round's joint position, if this unit set it
    elsewhere: bool  # another unit set this round's joint position
    age: int = 0
    earlier: list[Screening] = field(default_factory=list)  # earlier rounds', newest first
    notice: RowNotice | None = None
    pending: dict[str, str] = field(default_factory=dict)  # choices shown again, not saved

    @property
    def child(self) -> Child:
        return self.enrolment.child

    @property
    def rating_checked(self) -> str:
        return self.pending.get("rating") or (self.mine.position if self.mine else "")

    @property
    def joint_checked(self) -> str:
        return self.pending.get("joint") or (self.joint.position if self.joint else "")

    @property
    def reason(self) -> str:
        if "reason" in self.pending:
            return self.pending["reason"]
        return self.joint.reason if self.joint else ""

    @property
    def version(self) -> int | None:
        return self.joint.version if self.joint else None


@dataclass
class RoundState:
    """This round's joint positions, the unit's rating counts and the user's own ratings."""

    joints: dict[int, Screening]
    counts: dict[int, int]
    mine: dict[int, Rating]

    def row(
        self, enrolment: Enrolment, unit: Unit, *, age: int = 0, earlier: Sequence[Screening] = ()
    ) -> RoundRow:
        joint = self.joints.get(enrolment.child_id)
        return RoundRow(
            enrolment=enrolment,
            ratings=self.counts.get(enrolment.child_id, 0),
            mine=self.mine.get(enrolment.child_id),
            joint=joint if joint is not None and joint.unit_id == unit.pk else None,
            elsewhere=joint is not None and joint.unit_id != unit.pk,
            age=age,
            earlier=list(earlier),
        )


def round_state(*, user: User, unit: Unit, rnd: Round, child_ids: list[int]) -> RoundState:
    in_round = {"round_deadline": rnd.deadline, "child_id__in": child_ids}
    joints = (
        Screening.objects.filter(instrument=Instrument.TRAFFIC_LIGHT, **in_round)
        .select_related("recorded_by")
        .only(
            "child_id",
            "unit_id",
            "position",
            "reason",
            "version",
            "updated_at",
            "recorded_by__first_name",
            "recorded_by__last_name",
            "recorded_by__username",
        )
    )
    counts = (
        Rating.objects.filter(unit=unit, **in_round)
        .values("child_id")
        .annotate(n=Count("id"))
        .values_list("child_id", "n")
    )
    return RoundState(
        joints={s.child_id: s for s in joints},
        counts=dict(counts),
        mine={r.child_id: r for r in Rating.objects.filter(rater=user, **in_round)},
    )


def round_rows(
    *, user: User, unit: Unit, rnd: Round, day: date, group: str = "", child_id: int | None = None
) -> list[RoundRow]:
    """The rows of the round page in a fixed number of queries, by group and name."""
    enrolments = unit_roster(user=user, unit=unit, day=day)
    if group:
        enrolments = enrolments.filter(group=group)
    if child_id is not None:
        enrolments = enrolments.filter(child_id=child_id)
    unique = _first_per_child(enrolments)
    ids = [e.child_id for e in unique]
    state = round_state(user=user, unit=unit, rnd=rnd, child_ids=ids)
    history = recent_positions(child_ids=ids, unit=unit, limit=RECENT_POSITIONS + 1)
    return [
        state.row(
            e, unit, age=e.child.age_on(day), earlier=_before(history.get(e.child_id, []), rnd)
        )
        for e in unique
    ]


def _before(positions: list[Screening], rnd: Round) -> list[Screening]:
    """The last joint positions of earlier rounds; this round's is in the row's radios."""
    return [s for s in positions if s.round_deadline != rnd.deadline][:RECENT_POSITIONS]


def _first_per_child(enrolments: Iterable[Enrolment]) -> list[Enrolment]:
    """One row per child, even if two enrolments in the unit overlap (two groups at once)."""
    seen: set[int] = set()
    unique = []
    for enrolment in enrolments:
        if enrolment.child_id not in seen:
            seen.add(enrolment.child_id)
            unique.append(enrolment)
    return unique


def unit_groups(*, user: User, unit: Unit, day: date) -> list[str]:
    """The groups of the unit's current roster, in order (for the group picker)."""
    roster = unit_roster(user=user, unit=unit, day=day).order_by("group")
    return list(roster.values_list("group", flat=True).distinct())
