"""The follow-up section of the case page: each open measure's next follow-up, supervision of
placements, and, for a young person on the transition list, the adult-services coordinator."""

from __future__ import annotations

from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import SafeString

from sikkerhedsnet.cases.access import CaseAccess
from sikkerhedsnet.cases.hooks import CaseSection
from sikkerhedsnet.lib.http import AuthedRequest
from sikkerhedsnet.measures import adulthood
from sikkerhedsnet.measures.access import MeasureAccess
from sikkerhedsnet.measures.ladder import is_placement
from sikkerhedsnet.measures.models import AdultServicesCoordinator
from sikkerhedsnet.measures.selectors import follow_up as selectors


def _render(request: AuthedRequest, access: CaseAccess) -> SafeString | None:
    case = access.case
    day = timezone.localdate()
    measures = list(selectors.open_measures(case))
    if not measures:
        return None
    rows = [
        {
            "measure": measure,
            "access": MeasureAccess(case_access=access, measure=measure),
            "state": selectors.follow_up_state(measure, day),
            "supervision": (
                selectors.supervision_summary(measure, day) if is_placement(measure.kind) else None
            ),
        }
        for measure in measures
    ]
    after, up_to = adulthood.transition_list_birth_range(day)
    on_list = after < case.child.birth_date <= up_to
    context = {
        "case": case,
        "access": access,
        "rows": rows,
        "on_list": on_list,
        "coordinator": AdultServicesCoordinator.objects.filter(child=case.child).first(),
        "coordinator_due": adulthood.coordinator_due(case.child.birth_date),
    }
    html = render_to_string("measures/follow_up/_case_section.html", context, request=request)
    return SafeString(html)


FOLLOW_UP_SECTION = CaseSection(name="follow_up", render=_render)
