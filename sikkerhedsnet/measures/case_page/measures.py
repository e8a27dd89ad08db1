"""The measures section of the case page: the case's measures and placements (each placement
with its moves), its refusals, the latest network search, and the ways to decide a measure or
refuse one."""

from __future__ import annotations

from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import SafeString

from sikkerhedsnet.cases.access import CaseAccess
from sikkerhedsnet.cases.hooks import CaseSection
from sikkerhedsnet.lib.http import AuthedRequest
from sikkerhedsnet.measures.selectors.catalogue import case_measure_paths, latest_network_search
from sikkerhedsnet.measures.selectors.decision_letters import case_refusals


def _render(request: AuthedRequest, access: CaseAccess) -> SafeString:
    case = access.case
    context = {
        "access": access,
        "case": case,
        "paths": case_measure_paths(case.pk),
        "last_search": latest_network_search(case, day=timezone.localdate()),
        "refusals": case_refusals(case),
    }
    html = render_to_string("measures/catalogue/_case_section.html", context, request=request)
    return SafeString(html)


MEASURES_SECTION = CaseSection(name="measures", render=_render)
