"""Giving a case its responsible caseworker, within the caseload cap.

Assignment is the faglig leder's: she gives a case to a rådgiver of the case's team. A rådgiver
may take a case of her team that has nobody, but never over the cap. Going over the cap needs a
faglig leder and a written reason, kept with the assignment. Each change is a compare-and-set on
Case.version, so two leaders assigning at once never silently overwrite each other; the
caseworker's row is locked while her load is counted, so two cases given to her at once cannot
both slip under the cap.
"""

from __future__ import annotations

from datetime import datetime

from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from sikkerhedsnet.audit.services import audit_event_record
from sikkerhedsnet.cases.access import case_rights, team_ids
from sikkerhedsnet.cases.models import Case, CaseAssignment, CaseStatus
from sikkerhedsnet.cases.services.opening import CaseRefused
from sikkerhedsnet.people.models import Role, User
from sikkerhedsnet.policy import get_policy


class CaseConflict(Exception):
    """A colleague changed the case after the page showed `expected_version`."""

    def __init__(self, current: Case) -> None:
        super().__init__(current.pk)
        self.current = current


class OverCap(CaseRefused):
    """The caseworker would go over the cap and no faglig leder gave a reason."""

    def __init__(self, caseworker: User, load: int, cap: int) -> None:
        super().__init__(
            _(
                "%(name)s har allerede %(load)s sager, og loftet er %(cap)s. Kun en faglig "
                "leder kan gå over loftet, og det kræver en skriftlig begrundelse."
            )
            % {"name": caseworker, "load": load, "cap": cap}
        )
        self.load = load


def open_load(caseworker: User) -> int:
    return Case.objects.filter(caseworker=caseworker, status=CaseStatus.OPEN).count()


def _compare_and_set(*, actor: User, case: Case, expected_version: int, **changes: object) -> Case:
    updated = Case.objects.filter(pk=case.pk, version=expected_version).update(
        version=F("version") + 1, **changes
    )
    current = Case.objects.select_related("caseworker", "team", "child").get(pk=case.pk)
    if not updated:
        raise CaseConflict(current)
    Case.history.bulk_history_create([current], update=True, default_user=actor)
    return current


def _check_who(*, actor: User, case: Case, caseworker: User) -> None:
    rights = case_rights(actor, case)
    leads = actor.role == Role.TEAM_LEADER and rights is not None
    takes_free_case = (
        actor.role == Role.CASEWORKER
        and caseworker == actor
        and case.caseworker_id is None
        and rights is not None
    )
    if not (leads or takes_free_case):
        raise CaseRefused(_("Kun teamets faglige leder kan fordele sagen."))
    if not case.is_open:
        raise CaseRefused(_("Sagen er lukket og kan ikke fordeles."))
    if caseworker.role != Role.CASEWORKER or not caseworker.is_active:
        raise CaseRefused(_("Sagen kan kun gives til en rådgiver."))
    if case.team_id not in team_ids(caseworker):
        raise CaseRefused(_("%(name)s er ikke i sagens team.") % {"name": caseworker})
    if case.caseworker_id == caseworker.pk:
        raise CaseRefused(_("%(name)s har allerede sagen.") % {"name": caseworker})


@transaction.atomic
def case_assign(
    *,
    actor: User,
    case: Case,
    caseworker: User,
    expected_version: int,
    reason: str = "",
    over_cap_reason: str = "",
    now: datetime | None = None,
) -> Case:
    """Make `caseworker` responsible for `case`; the previous assignment ends now."""
    now = now or timezone.now()
    current = Case.objects.get(pk=case.pk)
    if current.version != expected_version:
        raise CaseConflict(current)
    _check_who(actor=actor, case=current, caseworker=caseworker)
    reason, over_cap_reason = reason.strip(), over_cap_reason.strip()
    if current.caseworker_id is not None and not reason:
        raise CaseRefused(_("Skriv, hvorfor sagen skifter rådgiver."))
    User.objects.select_for_update().filter(pk=caseworker.pk).first()
    cap, load = get_policy().caseload_cap, open_load(caseworker)
    over = load + 1 > cap
    if over and not (actor.role == Role.TEAM_LEADER and over_cap_reason):
        raise OverCap(caseworker, load, cap)
    current = _compare_and_set(
        actor=actor, case=current, expected_version=expected_version, caseworker=caseworker
    )
    CaseAssignment.objects.filter(case=current, until__isnull=True).update(until=now)
    assignment = CaseAssignment.objects.create(
        case=current,
        caseworker=caseworker,
        since=now,
        reason=reason,
        over_cap_reason=over_cap_reason if over else "",
        assigned_by=actor,
    )
    audit_event_record(
        actor=actor,
        event_type="case.assigned",
        subject=current,
        extra={
            "caseworker": caseworker.pk,
            "assignment": assignment.pk,
            "load_before": load,
            "over_cap": over,
        },
    )
    return current
