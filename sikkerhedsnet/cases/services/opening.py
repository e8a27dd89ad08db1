"""Opening a case: from intake's decision, or directly by a faglig leder for a child.

A case opened by intake goes to a team at once, so that it is never invisible: the team of the
child's earlier case (one team follows a family), else the team of the child's district, else the
team with the fewest open cases.
"""

from __future__ import annotations

from datetime import date

from django.db import transaction
from django.db.models import Count, Q
from django.utils.translation import gettext as _

from sikkerhedsnet.audit.services import audit_event_record
from sikkerhedsnet.cases.access import led_teams
from sikkerhedsnet.cases.models import Case, CaseStatus
from sikkerhedsnet.intake.models import Notification
from sikkerhedsnet.people.models import Child, Enrolment, Unit, UnitKind, User, current_on


class CaseRefused(ValueError):
    """The change does not fit the case or the user; the message is shown as it is."""


def default_team(child: Child, day: date) -> Unit | None:
    teams = Unit.objects.filter(kind=UnitKind.FAMILY_DEPARTMENT)
    earlier = Case.objects.filter(child=child, team__isnull=False).order_by("-opened_on").first()
    if earlier is not None:
        return earlier.team
    districts = Enrolment.objects.filter(current_on(day), child=child).values("unit__district")
    local = teams.filter(district__in=districts).exclude(district="").order_by("pk").first()
    if local is not None:
        return local
    open_cases = Count("cases", filter=Q(cases__status=CaseStatus.OPEN))
    return teams.annotate(open_cases=open_cases).order_by("open_cases", "pk").first()


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
        source_notification=source_notification,
        team=team or default_team(child, opened_on),
    )
    extra: dict[str, object] = {"team": case.team_id}
    if source_notification is not None:
        extra["notification"] = source_notification.reference
    audit_event_record(actor=actor, event_type="case.opened", subject=case, extra=extra)
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
    return case_open(
        actor=actor, child=child, opened_on=today, became_aware_on=became_aware_on, team=team
    )
