"""Supervision visits to a placement: the law's two a year, talking with the child."""

from __future__ import annotations

from datetime import date

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from sikkerhedsnet.audit.services import audit_event_record
from sikkerhedsnet.cases.services.journal import journal_event_record
from sikkerhedsnet.lib.errors import Refused
from sikkerhedsnet.measures import journal
from sikkerhedsnet.measures.ladder import is_placement
from sikkerhedsnet.measures.models import Measure, SupervisionVisit
from sikkerhedsnet.people.models import User


def _check_visit(measure: Measure, visited_on: date) -> None:
    if not is_placement(measure.kind):
        raise Refused(_("Tilsynsbesøg registreres kun på anbringelser."))
    if measure.start_date is None:
        raise Refused(_("Anbringelsen er ikke startet endnu."))
    if visited_on > timezone.localdate():
        raise Refused(_("Besøgsdatoen kan ikke ligge i fremtiden."))
    if visited_on < measure.start_date:
        raise Refused(_("Besøget kan ikke ligge før anbringelsen startede."))
    if measure.end_date is not None and visited_on > measure.end_date:
        raise Refused(_("Besøget kan ikke ligge efter anbringelsen sluttede."))


@transaction.atomic
def supervision_visit_record(
    *,
    actor: User,
    measure: Measure,
    visited_on: date,
    visited_by: User,
    spoke_with_child: bool,
    note: str,
) -> SupervisionVisit:
    _check_visit(measure, visited_on)
    visit = SupervisionVisit.objects.create(
        measure=measure,
        visited_on=visited_on,
        visited_by=visited_by,
        spoke_with_child=spoke_with_child,
        note=note.strip(),
    )
    visited = journal.supervision_visit_recorded(visit)
    journal_event_record(case=measure.case, actor=actor, source=visit, **visited)
    audit_event_record(
        actor=actor,
        event_type="supervision_visit.recorded",
        subject=visit,
        extra={
            "case": measure.case_id,
            "measure": measure.pk,
            "spoke_with_child": spoke_with_child,
        },
    )
    return visit
