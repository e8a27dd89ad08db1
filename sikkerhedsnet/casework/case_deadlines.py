"""What is due next on a case, as casework knows it (for "Mine sager" and the case page).

Listed under "case_deadlines" in sikkerhedsnet/plugins.py. The child assessment's deadline is
casework's to tell, not the case's: only casework knows when an assessment is finished, when an
interim assessment has moved the expected end, and when a placement needs the child's plan. One
query per kind for the whole list of cases.
"""

from __future__ import annotations

from django.db.models import Max
from django.utils.translation import gettext_lazy as _

from sikkerhedsnet.cases.hooks import Due
from sikkerhedsnet.cases.models import Case
from sikkerhedsnet.casework.models import Assessment, ChildPlan, InterimAssessment
from sikkerhedsnet.casework.selectors import child_plan_due


def casework_deadlines(cases: list[Case]) -> dict[int, list[Due]]:
    ids = [case.pk for case in cases if case.is_open]
    assessments = {a.case_id: a for a in Assessment.objects.filter(case_id__in=ids)}
    expected = dict(
        InterimAssessment.objects.filter(assessment__case_id__in=ids)
        .values("assessment__case_id")
        .annotate(latest=Max("expected_done_on"))
        .values_list("assessment__case_id", "latest")
    )
    planned = set(ChildPlan.objects.filter(case_id__in=ids).values_list("case_id", flat=True))
    found: dict[int, list[Due]] = {}
    for case in cases:
        if case.pk not in ids:
            continue
        assessment = assessments.get(case.pk)
        if assessment is None or assessment.is_open:
            if case.pk in expected:
                found[case.pk] = [Due(expected[case.pk], _("Undersøgelse (foreløbig vurdering)"))]
            else:
                found[case.pk] = [Due(case.assessment_due_on, _("Børnefaglig undersøgelse"))]
            continue
        plan_due = child_plan_due(assessment)
        if plan_due is not None and case.pk not in planned:
            found[case.pk] = [Due(plan_due, _("Barnets plan"))]
    return found
