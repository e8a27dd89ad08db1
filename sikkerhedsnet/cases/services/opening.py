"""Opening a case: from intake's decision, or directly by a faglig leder for a child.

A case opened by intake goes to a team at once, so that it is never invisible: the team of the
child's earlier case (one team follows a family), else the team of the child's district, else the
team with the fewest open cases.

The journal starts with how the case came: the notification received and intake's decision,
or the faglig leder who opened it.
"""

from __future__ import annotations

from datetime import date

from django.db import transaction
from django.utils.translation import gettext as _

from sikkerhedsnet.audit.services import audit_event_record
from sikkerhedsnet.cases import journal
from sikkerhedsnet.cases.access import led_teams
from sikkerhedsnet.cases.models import Case, CaseRefused, CaseStatus
from sikkerhedsnet.cases.selectors import default_team
from sikkerhedsnet.cases.services.journal import journal_event_record
from sikkerhedsnet.intake.models import COPENHAGEN, Decision, DecisionKind, Notification
from sikkerhedsnet.people.models import Child, Unit, User


@transaction.atomic
def case_open(
    *,
    actor: User,
    child: Child,
    opened_on: date,
    became_aware_on: date,
    source_notification: Notification | None = None,
    team: Unit | None = None,
) -> Case:
    case = Case.objects.create(
        child=child,
        opened_on=opened_on,
        became_aware_on=became_aware_on,
        assessment_due_on=Case.assessment_due(became_aware_on),
        source_notification=source_notification,
        team=team or default_team(child, opened_on),
    )
    extra: dict[str, object] = {"team": case.team_id}
    if source_notification is not None:
        extra["notification"] = source_notification.reference
    audit_event_record(actor=actor, event_type="case.opened", subject=case, extra=extra)
    return case


def case_open_on_decision(
    *, actor: User, notification: Notification, decision: Decision
) -> Case | None:
    """Intake's hook "notification_decided": a full child assessment opens the child's case.

    Called inside intake's decision transaction. The 4-month deadline runs from when the
    municipality became aware: the receipt. The case goes to a team at once (default_team), so
    it is never unseen.
    """
    child = notification.child
    if decision.kind != DecisionKind.CHILD_ASSESSMENT or child is None:
        return None
    case = case_open(
        actor=actor,
        child=child,
        opened_on=decision.decided_at.astimezone(COPENHAGEN).date(),
        became_aware_on=notification.received_at.astimezone(COPENHAGEN).date(),
        source_notification=notification,
    )
    received = journal.notification_received(notification)
    journal_event_record(case=case, actor=actor, source=notification, **received)
    decided = journal.opened_by_intake(decision, case)
    journal_event_record(case=case, actor=actor, source=decision, **decided)
    return case


@transaction.atomic
def case_open_by_leader(
    *, actor: User, child: Child, team: Unit, became_aware_on: date, today: date
) -> Case:
    """A faglig leder opens a case for a child in one of her teams."""
    if not led_teams(actor).filter(pk=team.pk).exists():
        raise CaseRefused(_("Du kan kun oprette sager i et team, du er faglig leder for."))
    if became_aware_on > today:
        raise CaseRefused(_("Datoen, kommunen blev opmærksom, kan ikke ligge efter i dag."))
    if Case.objects.filter(child=child, team=team, status=CaseStatus.OPEN).exists():
        raise CaseRefused(_("Barnet har allerede en åben sag i teamet."))
    case = case_open(
        actor=actor, child=child, opened_on=today, became_aware_on=became_aware_on, team=team
    )
    journal_event_record(case=case, actor=actor, source=case, **journal.opened(case, actor))
    return case
