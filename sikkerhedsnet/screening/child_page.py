"""The screening part of the child's page: positions, ADBB, guide assessments and consent.

Shown to staff of a unit where the child is enrolled. Positions are the ones this viewer may
see (her unit's own; earlier units' only with the parents' consent). ADBB scorings are health
visitors' records and are shown to health visitors only.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.template.loader import render_to_string
from django.utils.safestring import SafeString

from sikkerhedsnet.lib.http import AuthedRequest
from sikkerhedsnet.people.access import ChildAccess, today
from sikkerhedsnet.people.hooks import ChildSection
from sikkerhedsnet.people.models import Child, Enrolment, Unit, UnitKind
from sikkerhedsnet.screening.access import units_shared_with
from sikkerhedsnet.screening.adbb_scale import adbb_age_error
from sikkerhedsnet.screening.models import GuideAssessment, Instrument, Screening
from sikkerhedsnet.screening.selectors.consent import open_consent, visible_assessments
from sikkerhedsnet.screening.selectors.guide import Guide, guide_by_version
from sikkerhedsnet.screening.selectors.positions import recent_positions

ADBB_SHOWN = 5
ASSESSMENTS_SHOWN = 3


@dataclass(frozen=True)
class AdbbRow:
    screening: Screening
    flagged: bool
    due: date
    visited_on: date | None


@dataclass(frozen=True)
class AssessmentRow:
    assessment: GuideAssessment
    name: str  # the decided level's name in the guide it was made with


def _adbb_rows(child: Child) -> list[AdbbRow]:
    scorings = Screening.objects.filter(child=child, instrument=Instrument.ADBB).order_by(
        "-screened_on", "-id"
    )[:ADBB_SHOWN]
    rows = []
    for screening in scorings.prefetch_related("follow_ups"):
        visits = sorted(visit.visited_on for visit in screening.follow_ups.all())
        rows.append(
            AdbbRow(
                screening=screening,
                flagged=screening.is_flagged,
                due=screening.follow_up_due,
                visited_on=visits[0] if visits else None,
            )
        )
    return rows


def _assessment_rows(child: Child, units: list[Unit]) -> list[AssessmentRow]:
    assessments = (
        visible_assessments(child=child, units=units)
        .select_related("unit")
        .order_by("-assessed_on", "-id")[:ASSESSMENTS_SHOWN]
    )
    guides: dict[str, Guide | None] = {}
    rows = []
    for assessment in assessments:
        version = assessment.guide_version
        if version not in guides:
            guides[version] = guide_by_version(version)
        guide = guides[version]
        name = guide.level(assessment.decided_level).name if guide is not None else ""
        rows.append(AssessmentRow(assessment=assessment, name=name))
    return rows


def render_screening_section(request: AuthedRequest, access: ChildAccess) -> SafeString | None:
    child, day = access.child, today()
    units = units_shared_with(actor=request.user, child_id=child.pk, day=day)
    if not units:
        return None
    # The first of the viewer's units; staff rarely share more than one unit with a child.
    positions = recent_positions(child_ids=[child.pk], unit=units[0]).get(child.pk, [])
    consent = open_consent(child=child)
    elsewhere = Enrolment.objects.filter(child=child).exclude(unit__in=units).exists()
    health_visitor = any(unit.kind == UnitKind.HEALTH_VISITING for unit in units)
    context = {
        "child": child,
        "positions": positions,
        "hidden_note": elsewhere and consent is None,
        "is_health_visitor": health_visitor,
        "adbb_rows": _adbb_rows(child) if health_visitor else [],
        "adbb_note": adbb_age_error(child=child, screened_on=day) if health_visitor else None,
        "assessments": _assessment_rows(child, units),
        "consent": consent,
    }
    return render_to_string("screening/child_page/_section.html", context, request=request)


SCREENING_SECTION = ChildSection(name="screening", render=render_screening_section)
