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
from django.utils import timezone
from django.utils.translation import gettext as _

from sikkerhedsnet.audit.services import audit_event_record
from sikkerhedsnet.cases import journal
from sikkerhedsnet.cases.access import case_access, team_ids
from sikkerhedsnet.cases.models import (
    Case,
    CaseAssignment,
    CaseConflict,
    CaseRefused,
    caseload_cap,
    over_cap,
)
from sikkerhedsnet.cases.selectors import open_load
from sikkerhedsnet.cases.services.journal import journal_event_record
from sikkerhedsnet.lib.versions import check_version, compare_and_set
from sikkerhedsnet.people.models import Role, User


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


def _check_who(*, actor: User, case: Case, caseworker: User) -> None:
    access = case_access(actor, case)
    leads = access is not None and access.can_assign
    takes_free_case = access is not None and access.can_take and caseworker == actor
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
    current = check_version(case, expected_version, conflict=CaseConflict)
    _check_who(actor=actor, case=current, caseworker=caseworker)
    previous = current.caseworker
    reason, over_cap_reason = reason.strip(), over_cap_reason.strip()
    if current.caseworker_id is not None and not reason:
        raise CaseRefused(_("Skriv, hvorfor sagen skifter rådgiver."))
    User.objects.select_for_update().filter(pk=caseworker.pk).first()
    load = open_load(caseworker)
    over = over_cap(load + 1)  # with this case
    if over and not (actor.role == Role.TEAM_LEADER and over_cap_reason):
        raise OverCap(caseworker, load, caseload_cap())
    current = compare_and_set(
        Case,
        pk=current.pk,
        expected_version=expected_version,
        actor=actor,
        conflict=CaseConflict,
        related=("caseworker", "team", "child"),
        caseworker=caseworker,
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
    changed = journal.caseworker_changed(assignment, previous=previous)
    journal_event_record(case=current, actor=actor, source=assignment, **changed)
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
