"""Who may see which case, and why: one place, like people/access.py for children.

A rådgiver sees her own cases (and may edit them) and, read-only, the other cases of her team; a
faglig leder sees and edits her team's cases. A team is a family-department unit; membership is
through `Membership`. Intake does not see cases: DESIGN §7 gives intake the notifications, and
intake's decision ends its part (it still sees the notification and the decision it made).
Nobody else sees a case; a fagperson never does. Missing and forbidden are both 404, and every
case shown is logged as a read of its child.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import rules
from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from sikkerhedsnet.audit.services import access_log_record
from sikkerhedsnet.cases.models import Case, CaseStatus
from sikkerhedsnet.lib.http import AuthedRequest
from sikkerhedsnet.people.access import today
from sikkerhedsnet.people.hooks import ChildScope
from sikkerhedsnet.people.models import Membership, Role, Unit, UnitKind, User, current_on

CASE_ROLES = {Role.CASEWORKER, Role.TEAM_LEADER}


@dataclass(frozen=True)
class CaseAccess:
    """What the user may do with the case: each capability decided here, once; the pages,
    their templates and the services ask it."""

    case: Case
    can_edit: bool  # the responsible caseworker, or the faglig leder of the case's team
    can_assign: bool  # the faglig leder of the case's team gives the case to a rådgiver
    can_take: bool  # a rådgiver of the team takes a case that has no rådgiver
    basis: str  # why the user may see it, in plain words for the access log


def team_ids(user: User, *, day: date | None = None) -> list[int]:
    """The family-department teams `user` works in on `day`."""
    return list(
        Membership.objects.filter(
            current_on(day or today()), user=user, unit__kind=UnitKind.FAMILY_DEPARTMENT
        ).values_list("unit_id", flat=True)
    )


def led_teams(user: User, *, day: date | None = None) -> QuerySet[Unit]:
    """The teams a faglig leder leads (none for anyone else)."""
    if not _may_see_cases(user) or user.role != Role.TEAM_LEADER:
        return Unit.objects.none()
    return Unit.objects.filter(pk__in=team_ids(user, day=day))


def _may_see_cases(user: User) -> bool:
    return bool(user.is_authenticated and user.is_active and user.role in CASE_ROLES)


# Intake sees the case its decision opened, read-only, until a caseworker has it: the child does
# not vanish from intake's sight between the decision and the assignment (DESIGN §7's "intake sees
# no cases" holds again from then on).
INTAKE_SEES = Q(source_notification__isnull=False, caseworker__isnull=True, status=CaseStatus.OPEN)


def _intake_sees(user: User, case: Case) -> bool:
    return (
        user.role == Role.INTAKE
        and case.source_notification_id is not None
        and case.caseworker_id is None
        and case.is_open
    )


def _visible_q(user: User, day: date) -> Q | None:
    if user.is_authenticated and user.is_active and user.role == Role.INTAKE:
        return INTAKE_SEES
    if not _may_see_cases(user):
        return None
    teams = team_ids(user, day=day)
    if user.role == Role.TEAM_LEADER:
        return Q(team_id__in=teams)
    return Q(caseworker=user) | Q(team_id__in=teams)


def visible_cases(user: User, *, day: date | None = None) -> QuerySet[Case]:
    query = _visible_q(user, day or today())
    if query is None:
        return Case.objects.none()
    return Case.objects.filter(query)


def case_rights(user: User, case: Case, *, day: date | None = None) -> tuple[bool, str] | None:
    """(can_edit, basis) for `user` on `case`, or None when she may not see it."""
    if _intake_sees(user, case):
        return False, _("oprettet ved visitationens afgørelse, endnu uden rådgiver")
    if not _may_see_cases(user):
        return None
    in_team = case.team_id is not None and case.team_id in team_ids(user, day=day)
    if user.role == Role.TEAM_LEADER:
        return (True, _("faglig leder")) if in_team else None
    if case.caseworker_id == user.pk:
        return True, _("egen sag")
    if in_team:
        return False, _("sag i eget team")
    return None


def case_access(user: User, case: Case, *, day: date | None = None) -> CaseAccess | None:
    """What `user` may do with `case`, or None when she may not see it. Nothing is logged."""
    rights = case_rights(user, case, day=day)
    if rights is None:
        return None
    can_edit, basis = rights
    return CaseAccess(
        case=case,
        can_edit=can_edit,
        can_assign=can_edit and user.role == Role.TEAM_LEADER,
        can_take=user.role == Role.CASEWORKER and case.caseworker_id is None,
        basis=basis,
    )


def _capability(name: str) -> rules.Predicate:
    def has(user: User, case: Case) -> bool:
        access = case_access(user, case)
        return access is not None and bool(getattr(access, name))

    predicate: rules.Predicate = rules.predicate(has, name=f"case_{name}")
    return predicate


# The same capabilities as permissions, for whatever asks django-rules (`user.has_perm`).
rules.add_perm("cases.change_case", _capability("can_edit"))
rules.add_perm("cases.assign_case", _capability("can_assign"))
rules.add_perm("cases.take_case", _capability("can_take"))
rules.add_perm(
    "cases.view_case", rules.predicate(lambda user, case: case_access(user, case) is not None)
)


def access_case(user: User, case_id: int, *, shown: str, channel: str = "web") -> CaseAccess:
    """The case if `user` may see it, with what she may do; the read is logged. 404 otherwise."""
    case = (
        Case.objects.select_related("child", "team", "caseworker").filter(pk=case_id).first()
        if _may_see_cases(user) or (user.is_authenticated and user.role == Role.INTAKE)
        else None
    )
    access = case_access(user, case) if case is not None else None
    if case is None or access is None:
        raise Http404
    access_log_record(user=user, child=case.child, shown=shown, basis=access.basis, channel=channel)
    return access


def case_for(
    request: AuthedRequest, case_id: int, *, shown: str, to_change: bool = False
) -> CaseAccess:
    """The case for a page (access_case: 404 otherwise, the read is logged). A POST, or a page
    that only changes (`to_change`), needs `can_edit` as well: a colleague who may read the
    case but not change it gets a 404, as she has no link to it."""
    access = access_case(request.user, case_id, shown=shown)
    if (to_change or request.method == "POST") and not access.can_edit:
        raise Http404
    return access


# A caseworker opens the child page of the children in her visible cases ----------------------


def _children_in_my_cases(user: User, day: date) -> Q | None:
    query = _visible_q(user, day)
    if query is None:
        return None
    return Q(pk__in=Case.objects.filter(query).values("child_id"))


def _children_in_my_cases_basis(user: User, child_id: int, day: date) -> str | None:
    for case in visible_cases(user, day=day).filter(child_id=child_id):
        rights = case_rights(user, case, day=day)
        if rights is not None:
            return _("Barnet har en sag (%(basis)s)") % {"basis": rights[1]}
    return None


CHILDREN_IN_MY_CASES = ChildScope(
    name="children_in_my_cases",
    children=_children_in_my_cases,
    basis=_children_in_my_cases_basis,
)
rules.add_perm("cases.view_caseload", rules.predicate(_may_see_cases))
