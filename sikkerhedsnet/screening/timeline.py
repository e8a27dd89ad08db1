"""Screening's part of the child's timeline: positions, ADBB scorings and guide assessments.

The same rules as the screening section of the child's page: staff of a unit where the child is
enrolled see their units' positions and assessments (earlier units' only with the parents'
consent in force); ADBB scorings are health visitors' records and reach health visitors only.
"""

from __future__ import annotations

from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext as _

from sikkerhedsnet.people.access import ChildAccess, today
from sikkerhedsnet.people.hooks import STAGE, TimelineEntry
from sikkerhedsnet.people.models import Child, Unit, UnitKind, User
from sikkerhedsnet.screening.access import units_shared_with
from sikkerhedsnet.screening.models import GuideAssessment, Instrument, Screening
from sikkerhedsnet.screening.selectors.consent import visible_assessments
from sikkerhedsnet.screening.selectors.guide import Guide, guide_by_version
from sikkerhedsnet.screening.selectors.positions import consent_in_force


def _shared_units(viewer: User, child: Child) -> list[Unit]:
    return units_shared_with(actor=viewer, child_id=child.pk, day=today())


def screening_entries(
    viewer: User, child: Child, access: ChildAccess, *, limit: int
) -> list[TimelineEntry]:
    units = _shared_units(viewer, child)
    if not units:
        return []
    seen = Q(instrument=Instrument.TRAFFIC_LIGHT) & (Q(unit__in=units) | Q(consent_in_force()))
    if any(unit.kind == UnitKind.HEALTH_VISITING for unit in units):
        seen |= Q(instrument=Instrument.ADBB)
    screenings = (
        Screening.objects.filter(child=child)
        .filter(seen)
        .select_related("unit")
        .order_by("-screened_on", "-id")[:limit]
    )
    return [_screening_entry(screening) for screening in screenings]


def _screening_entry(screening: Screening) -> TimelineEntry:
    if screening.instrument == Instrument.ADBB:
        total = screening.adbb_total or 0
        flagged = screening.is_flagged
        return TimelineEntry(
            when=screening.screened_on,
            kind=_("ADBB"),
            title=(_("Score %(total)d, på eller over grænsen") if flagged else _("Score %(total)d"))
            % {"total": total},
            summary=screening.unit.name,
            url=reverse("screening:adbb_detail", args=[screening.child_id, screening.pk]),
        )
    return TimelineEntry(
        when=screening.screened_on,
        kind=_("Trivselsvurdering"),
        title=_("%(position)s position, %(unit)s")
        % {"position": screening.get_position_display(), "unit": screening.unit.name},
        summary=screening.reason,
        stage=STAGE["screening"],
    )


def guide_assessment_entries(
    viewer: User, child: Child, access: ChildAccess, *, limit: int
) -> list[TimelineEntry]:
    units = _shared_units(viewer, child)
    if not units:
        return []
    assessments = (
        visible_assessments(child=child, units=units)
        .select_related("unit")
        .order_by("-assessed_on", "-id")[:limit]
    )
    guides: dict[str, Guide | None] = {}
    return [_assessment_entry(assessment, guides) for assessment in assessments]


def _assessment_entry(
    assessment: GuideAssessment, guides: dict[str, Guide | None]
) -> TimelineEntry:
    # One lookup per guide version (there are few), not per assessment.
    if assessment.guide_version not in guides:
        guides[assessment.guide_version] = guide_by_version(assessment.guide_version)
    guide = guides[assessment.guide_version]
    title = _("Niveau %(level)d") % {"level": assessment.decided_level}
    if guide is not None:
        title += f": {guide.level(assessment.decided_level).name}"
    return TimelineEntry(
        when=assessment.assessed_on,
        kind=_("Bekymringsguiden"),
        title=title,
        summary=assessment.unit.name,
        url=reverse("screening:guide_assessment_detail", args=[assessment.child_id, assessment.pk]),
        stage=STAGE["guide_assessment"],
    )
