"""What is due next on a case's measures (for "Mine sager", the caseload and the case page).

Listed under "case_deadlines" in sikkerhedsnet/plugins.py, beside casework's deadlines; the
hook (cases.hooks.next_due) shows the earliest open one, overdue or not. Three deadlines:

- the next follow-up of every measure in progress (Barnets Lov § 95: the first at the latest 3
  months after the start, then as decided at the first; the model's cadence in cadence.py),
  stored on the measure as `next_follow_up_due`;
- the next supervision visit of a placement, speaking with the child (Barnets Lov § 156, stk. 5:
  at least two a year; cadence.supervision_visit_due);
- for a young person on the transition list (from 17) with an open measure, the adult-services
  coordinator to be named by 17½ (DESIGN §3, adulthood.py), until one is.

A deadline is kept on its last day, as the worklist's rules count it. One query per kind for
the whole list of cases; the dates are then worked out per measure in Python.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date

from django.utils import timezone
from django.utils.translation import gettext as _

from sikkerhedsnet.cases.hooks import Due
from sikkerhedsnet.cases.models import Case
from sikkerhedsnet.lib.dates import local_day
from sikkerhedsnet.measures import adulthood, cadence
from sikkerhedsnet.measures.ladder import is_placement
from sikkerhedsnet.measures.models import (
    AdultServicesCoordinator,
    Measure,
    MeasureStatus,
    SupervisionVisit,
)

OPEN_STATUSES = (MeasureStatus.WAITING, MeasureStatus.DECIDED, MeasureStatus.ACTIVE)


def measure_deadlines(cases: list[Case]) -> dict[int, list[Due]]:
    day = local_day(timezone.now())
    ids = [case.pk for case in cases if case.is_open]
    measures = list(
        Measure.objects.filter(case_id__in=ids, status__in=OPEN_STATUSES).select_related("child")
    )
    running = [m for m in measures if m.status == MeasureStatus.ACTIVE and _started(m, day)]
    visits = _visits([m.pk for m in running if is_placement(m.kind)], day)
    found: dict[int, list[Due]] = defaultdict(list)
    for measure in running:
        kind = measure.get_kind_display()
        if measure.next_follow_up_due is not None:
            label = _("Opfølgning (%(kind)s)") % {"kind": kind}
            found[measure.case_id].append(Due(measure.next_follow_up_due, label))
        if is_placement(measure.kind):
            assert measure.start_date is not None  # noqa: S101 - _started
            due = cadence.supervision_visit_due(
                start_date=measure.start_date, visits=visits[measure.pk], day=day
            )
            if due is not None:
                label = _("Tilsynsbesøg (%(kind)s)") % {"kind": kind}
                found[measure.case_id].append(Due(due, label))
    for case_id, coordinator in _coordinators(measures, day).items():
        found[case_id].append(coordinator)
    return dict(found)


def _started(measure: Measure, day: date) -> bool:
    return measure.start_date is not None and measure.start_date <= day


def _visits(measure_ids: list[int], day: date) -> dict[int, list[date]]:
    """The days of each placement's visits speaking with the child (the ones that count)."""
    found: dict[int, list[date]] = defaultdict(list)
    rows = SupervisionVisit.objects.filter(
        measure_id__in=measure_ids, spoke_with_child=True, visited_on__lte=day
    ).values_list("measure_id", "visited_on")
    for measure_id, visited_on in rows:
        found[measure_id].append(visited_on)
    return found


def _coordinators(measures: list[Measure], day: date) -> dict[int, Due]:
    after, up_to = adulthood.transition_list_birth_range(day)
    young = {m.case_id: m.child for m in measures if after < m.child.birth_date <= up_to}
    named = set(
        AdultServicesCoordinator.objects.filter(
            child_id__in=[child.pk for child in young.values()], named_on__lte=day
        ).values_list("child_id", flat=True)
    )
    label = _("Koordinator fra voksenområdet")
    return {
        case_id: Due(adulthood.coordinator_due(child.birth_date), label)
        for case_id, child in young.items()
        if child.pk not in named
    }
