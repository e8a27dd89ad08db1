"""Who may do what in the screening area, each answer written once.

- The concern guide: `screening.view_concernguide` (every role that works with children;
  management and the data protection officer have no use for it) and
  `screening.change_concernguide` (only the administrator puts a new version in force). The menu
  and the templates ask these permissions.
- A child's health pages (ADBB, the guide, consent): staff of a unit where the child is enrolled
  (`access_staff_child`); ADBB only in a health-visiting unit.
- The round page: the unit's own staff (`access_round_unit`), for a child enrolled there today
  (`access_round_child`); setting positions is `may_set_positions`.
- The overview of a unit's rounds (`access_overview`):

  - the unit's own staff (professional or unit leader with a membership in force): exact numbers;
  - management and the administrator, for any unit: the same tables as aggregates, every count
    under the policy's `statistics_min_count` shown as "under 5", and just enough further cells
    hidden that no suppressed count can be worked out from a total (DESIGN §7);
  - anyone else: 404, exactly like a unit that does not exist.

  The overview has its own access function instead of widening `people.access.visible_units`:
  management may see a unit's aggregates but none of its children, so giving management the
  units there would open the unit page and roster too.

Every access function raises Http404 for missing and forbidden alike.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

import rules
from django.http import Http404
from django.utils.translation import gettext as _

from sikkerhedsnet.people.access import (
    UNIT_STAFF_ROLES,
    ChildAccess,
    access_child,
    access_unit,
    role_is,
    today,
    user_unit_ids,
    visible_children,
)
from sikkerhedsnet.people.models import Child, Enrolment, Role, Unit, UnitKind, User, current_on
from sikkerhedsnet.people.selectors import unit_roster
from sikkerhedsnet.policy import get_policy
from sikkerhedsnet.screening.selectors.positions import positions_allowed

# The concern guide ----------------------------------------------------------------------------

# Every role that works with children reads the guide; management and the data protection
# officer have no use for it. Only the administrator puts a new version in force.
GUIDE_READER_ROLES = (
    Role.PROFESSIONAL,
    Role.UNIT_LEADER,
    Role.INTAKE,
    Role.CASEWORKER,
    Role.TEAM_LEADER,
    Role.PPR,
    Role.ADMINISTRATOR,
)
VIEW_GUIDE = "screening.view_concernguide"
CHANGE_GUIDE = "screening.change_concernguide"
rules.add_perm(VIEW_GUIDE, role_is(*GUIDE_READER_ROLES))
rules.add_perm(CHANGE_GUIDE, role_is(Role.ADMINISTRATOR))


# Staff of the child's units -------------------------------------------------------------------


def units_shared_with(
    *, actor: User, child_id: int, day: date, kinds: Iterable[str] | None = None
) -> list[Unit]:
    """Units where the actor works and the child is enrolled on `day` (optionally of `kinds`).

    This is the relationship that lets unit staff act on a child: record consent, a guide
    assessment, or (in a health-visiting unit) an ADBB scoring.
    """
    if not actor.is_authenticated or actor.role not in UNIT_STAFF_ROLES:
        return []
    units = Unit.objects.filter(
        memberships__in=actor.memberships.filter(current_on(day)),
        enrolments__in=Enrolment.objects.filter(current_on(day), child_id=child_id),
    )
    if kinds is not None:
        units = units.filter(kind__in=list(kinds))
    return list(units.distinct().order_by("name"))


def health_visiting_units(*, actor: User, child_id: int, day: date) -> list[Unit]:
    """The health-visiting units where the actor works and the child is enrolled."""
    return units_shared_with(
        actor=actor, child_id=child_id, day=day, kinds=[UnitKind.HEALTH_VISITING]
    )


@dataclass(frozen=True)
class StaffChildAccess:
    """A child seen by staff of the units (`units`, never empty) where it is enrolled."""

    child_access: ChildAccess
    units: list[Unit]

    @property
    def child(self) -> Child:
        return self.child_access.child

    @property
    def can_set_position(self) -> bool:
        """Some of the units gives traffic-light positions (the guide may set the child's)."""
        return any(positions_allowed(unit) for unit in self.units)


def access_staff_child(
    user: User, child_id: int, *, shown: str, kinds: Iterable[str] | None = None
) -> StaffChildAccess:
    """The child and the viewer's units where it is enrolled; 404 for everyone else.

    The units are found first (404 when there is none, before anything is logged); then the
    child is fetched through access_child, which checks again and writes the access-log row.
    """
    units = units_shared_with(actor=user, child_id=child_id, day=today(), kinds=kinds)
    if not units:
        raise Http404
    return StaffChildAccess(child_access=access_child(user, child_id, shown=shown), units=units)


# The round page -------------------------------------------------------------------------------


def sets_joint_positions(unit: Unit) -> bool:
    """Units whose children the policy screens (daycare, school): the joint position is theirs."""
    return unit.kind in get_policy().screened_unit_kinds


def rates_children(unit: Unit) -> bool:
    """Units whose staff rate the children in the round: the screened units, and the SFO, whose
    pedagogues rate beside the school (the school sets the joint position)."""
    return sets_joint_positions(unit) or unit.kind == UnitKind.SFO


def _rates_in_unit(user: User, unit: Unit | None) -> bool:
    return (
        unit is not None
        and user.role in UNIT_STAFF_ROLES
        and rates_children(unit)
        and unit.pk in user_unit_ids(user, today())
    )


def _unit_has_rounds(user: User, unit: Unit | None) -> bool:
    return unit is not None and rates_children(unit)


# The unit page (people) asks these for its links to the round and its overview.
rules.add_perm("screening.rate_in_unit", rules.predicate(_rates_in_unit))
rules.add_perm("screening.unit_has_rounds", rules.predicate(_unit_has_rounds))


def access_round_unit(user: User, unit_id: int) -> Unit:
    """The unit if it has a round and the user works there as a professional or its leader; 404
    otherwise (a health visitor's or a dental clinic's children are not screened in rounds)."""
    unit = access_unit(user, unit_id)
    if user.role not in UNIT_STAFF_ROLES or not rates_children(unit):
        raise Http404
    return unit


def access_round_child(user: User, unit: Unit, child_id: int, day: date) -> Child:
    """A child enrolled in the unit today whom the user may see (the read is logged); 404."""
    if not unit_roster(user=user, unit=unit, day=day).filter(child_id=child_id).exists():
        raise Http404
    return access_child(user, child_id, shown=_("Trivselsrunde")).child


def may_set_positions(
    *, actor: User, child: Child, unit: Unit, day: date, joint: bool = False
) -> bool:
    """Staff of a rating unit (`joint`: of a screened unit), for a child enrolled there today
    whom the actor may see. An SFO never sets the joint position: that would block the school's."""
    allowed = sets_joint_positions(unit) if joint else rates_children(unit)
    if (
        not allowed
        or actor.role not in UNIT_STAFF_ROLES
        or unit.pk not in user_unit_ids(actor, day)
    ):
        return False
    enrolled = Enrolment.objects.filter(current_on(day), unit=unit, child=child)
    return (
        visible_children(actor, day=day)
        .filter(pk=child.pk)
        .filter(pk__in=enrolled.values("child_id"))
        .exists()
    )


# The overview of a unit's rounds --------------------------------------------------------------


def _works_in(user: User, unit: Unit) -> bool:
    return user.role in UNIT_STAFF_ROLES and unit.pk in user_unit_ids(user, today())


is_unit_staff = rules.predicate(_works_in)


sees_unit_statistics = role_is(Role.MANAGEMENT, Role.ADMINISTRATOR)
# The municipality's units with rounds, each to its statistics (ledelsen's way in; no children).
rules.add_perm("screening.view_round_statistics", sees_unit_statistics)


def round_statistics_units(user: User) -> list[Unit]:
    """Every unit with a round, for a statistics user; 404 for everyone else."""
    if not user.is_active or not sees_unit_statistics(user):
        raise Http404
    kinds = (*get_policy().screened_unit_kinds, UnitKind.SFO)
    return list(Unit.objects.filter(kind__in=kinds).order_by("kind", "name"))


@dataclass(frozen=True)
class OverviewAccess:
    unit: Unit
    exact: bool  # False: aggregates with small counts suppressed


def access_overview(user: User, unit_id: int) -> OverviewAccess:
    if not user.is_authenticated or not user.is_active:
        raise Http404
    unit = Unit.objects.filter(pk=unit_id).first()
    if unit is None:
        raise Http404
    if is_unit_staff(user, unit):
        return OverviewAccess(unit=unit, exact=True)
    if sees_unit_statistics(user):
        return OverviewAccess(unit=unit, exact=False)
    raise Http404
