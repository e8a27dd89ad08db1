"""Who may see which child, and why: one place, one mechanism.

A child scope (people/hooks.py) turns a user into a set of children (a Q on Child) plus a plain
reason that goes into the access log. Each later area (cases, intake, meetings) lists its own scope
under "child_scopes" in sikkerhedsnet/plugins.py; the union of a user's scopes is what she may
see. `access_child` is the only way a view fetches one child: it answers 404 for missing and
forbidden alike and writes the access-log row.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

import rules
from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from sikkerhedsnet.audit.services import access_log_record
from sikkerhedsnet.people.hooks import ChildScope, child_scopes
from sikkerhedsnet.people.models import Child, Enrolment, Membership, Role, Unit, User, current_on

if TYPE_CHECKING:
    from django.utils.functional import _StrOrPromise as StrOrPromise


@dataclass(frozen=True)
class ChildAccess:
    child: Child
    basis: str
    can_see_full_cpr: bool

    @property
    def cpr_shown(self) -> str:
        return self.child.cpr_formatted if self.can_see_full_cpr else self.child.cpr_masked


def today() -> date:
    return timezone.localdate()


def user_unit_ids(user: User, day: date) -> list[int]:
    return list(
        Membership.objects.filter(current_on(day), user=user).values_list("unit_id", flat=True)
    )


def visible_children(user: User, *, day: date | None = None) -> QuerySet[Child]:
    day = day or today()
    query = Q()
    for scope in child_scopes():
        scope_q = scope.children(user, day)
        if scope_q is not None:
            query |= scope_q
    if not query:
        return Child.objects.none()
    return Child.objects.filter(query)


def access_child(
    user: User, child_id: int, *, shown: StrOrPromise, channel: str = "web"
) -> ChildAccess:
    """The child if `user` may see it, with the reason; the read is logged. 404 otherwise."""
    if not user.is_authenticated or not user.is_active:
        raise Http404
    day = today()
    child = Child.objects.filter(pk=child_id).first()
    basis = _first_basis(user, child_id, day) if child is not None else None
    if child is None or basis is None:
        raise Http404
    access_log_record(user=user, child=child, shown=shown, basis=basis, channel=channel)
    return ChildAccess(
        child=child, basis=basis, can_see_full_cpr=user.has_perm("people.view_full_cpr")
    )


def _first_basis(user: User, child_id: int, day: date) -> str | None:
    for scope in child_scopes():
        if scope.children(user, day) is None:
            continue
        basis = scope.basis(user, child_id, day)
        if basis is not None:
            return basis
    return None


# Units --------------------------------------------------------------------------------------

# The administrator configures units; management sees statistics only, not units.
UNIT_WIDE_ROLES = {Role.ADMINISTRATOR}


def visible_units(user: User, *, day: date | None = None) -> QuerySet[Unit]:
    if not user.is_authenticated:
        return Unit.objects.none()
    if user.role in UNIT_WIDE_ROLES:
        return Unit.objects.all()
    return Unit.objects.filter(pk__in=user_unit_ids(user, day or today()))


def access_unit(user: User, unit_id: int) -> Unit:
    unit = visible_units(user).filter(pk=unit_id).first()
    if unit is None:
        raise Http404
    return unit


# The first scope: staff of a unit see the children enrolled there -----------------------------

UNIT_STAFF_ROLES = {Role.PROFESSIONAL, Role.UNIT_LEADER}


def _enrolled_in_my_units(user: User, day: date) -> Q | None:
    if user.role not in UNIT_STAFF_ROLES:
        return None
    enrolments = Enrolment.objects.filter(current_on(day), unit_id__in=user_unit_ids(user, day))
    return Q(pk__in=enrolments.values("child_id"))


def _enrolled_in_my_units_basis(user: User, child_id: int, day: date) -> str | None:
    enrolment = (
        Enrolment.objects.filter(
            current_on(day), child_id=child_id, unit_id__in=user_unit_ids(user, day)
        )
        .select_related("unit")
        .first()
    )
    if enrolment is None:
        return None
    return _("Indskrevet i %(unit)s, hvor du arbejder") % {"unit": enrolment.unit.name}


ENROLLED_IN_MY_UNITS = ChildScope(
    name="enrolled_in_my_units",
    children=_enrolled_in_my_units,
    basis=_enrolled_in_my_units_basis,
)


# Capabilities by role (rules predicates; object-level rules slot in beside them) ------------


def role_is(*roles: Role) -> rules.Predicate:
    predicate: rules.Predicate = rules.predicate(
        lambda user: bool(user.is_authenticated and user.role in roles)
    )
    return predicate


FULL_CPR_ROLES = (Role.UNIT_LEADER, Role.INTAKE, Role.CASEWORKER, Role.TEAM_LEADER)

rules.add_perm("people.view_full_cpr", role_is(*FULL_CPR_ROLES))
# The list of units: the staff of units see their own, the administrator all (visible_units).
rules.add_perm("people.view_unit", role_is(*UNIT_STAFF_ROLES, *UNIT_WIDE_ROLES))
# Works with the children of her units (screens them, meets their parents).
rules.add_perm("people.work_in_unit", role_is(*UNIT_STAFF_ROLES))
rules.add_perm("audit.view_accesslog", role_is(Role.DATA_PROTECTION))
rules.add_perm("imports.import_data", role_is(Role.ADMINISTRATOR))

# Staff: the administrator creates users, sets their role, units and teams, deactivates them and
# resets their passwords (people/services/staff.py checks the same permission).
rules.add_perm("people.manage_staff", role_is(Role.ADMINISTRATOR))


@dataclass(frozen=True)
class StaffAccess:
    staff: User
    can_deactivate: bool
    can_reactivate: bool
    can_reset_password: bool


def access_staff(user: User, staff_id: int) -> StaffAccess:
    """A staff member for the administrator to manage; 404 for everyone else or when missing."""
    if not user.has_perm("people.manage_staff"):
        raise Http404
    staff = User.objects.filter(pk=staff_id).first()
    if staff is None:
        raise Http404
    is_self = staff.pk == user.pk
    return StaffAccess(
        staff=staff,
        # Nobody locks herself out; the last active administrator is the service's rule.
        can_deactivate=staff.is_active and not is_self,
        can_reactivate=not staff.is_active,
        # Her own password she changes herself ("Skift adgangskode"), knowing the old one.
        can_reset_password=not is_self,
    )
