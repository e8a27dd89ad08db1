"""Measures and placements on the child's timeline: decided, started, moved, ended; follow-ups
and supervision visits.

The same people see these as may open the case (`visible_cases`): the case's team and the
rådgiver who has it. A fagperson or leder of a daycare or school never sees them. A move between
placements is one entry (the new placement's start names the move), not an end and a start.
"""

from __future__ import annotations

from django.db.models import Exists, OuterRef
from django.db.models.functions import Coalesce, Greatest
from django.urls import reverse
from django.utils.translation import gettext as _

from sikkerhedsnet.cases.timeline import child_cases, short
from sikkerhedsnet.measures.ladder import is_placement
from sikkerhedsnet.measures.models import FollowUp, Measure, MeasureStatus, SupervisionVisit
from sikkerhedsnet.people.access import ChildAccess
from sikkerhedsnet.people.hooks import TimelineEntry
from sikkerhedsnet.people.models import Child, User

STARTED = (MeasureStatus.ACTIVE, MeasureStatus.ENDED)


def _kind(measure: Measure) -> str:
    return _("Anbringelse") if is_placement(measure.kind) else _("Foranstaltning")


def measure_entries(
    viewer: User, child: Child, access: ChildAccess, *, limit: int
) -> list[TimelineEntry]:
    # Ordered by each measure's latest event, so the first `limit` measures hold the newest
    # `limit` entries: every measure left out has only events older than each one taken.
    latest = Greatest(
        "decided_on",
        Coalesce("start_date", "decided_on"),
        Coalesce("end_date", "decided_on"),
    )
    measures = (
        Measure.objects.filter(case__in=child_cases(viewer, child).values("pk"))
        .select_related("offer")
        .annotate(latest=latest, moved_on=Exists(Measure.objects.filter(moved_from=OuterRef("pk"))))
        .order_by("-latest", "-id")[:limit]
    )
    entries: list[TimelineEntry] = []
    for measure in measures:
        entries.extend(_events(measure))
    entries.sort(key=lambda entry: entry.sort_key, reverse=True)
    return entries[:limit]


def where(measure: Measure) -> str:
    """The offer by its name, with the provider when that says more (an external provider, or
    the family of a network placement)."""
    offer = measure.offer
    if offer is None:
        return measure.provider
    if offer.in_municipality and measure.provider == offer.provider:
        return offer.name
    return f"{offer.name} ({measure.provider})"


def _events(measure: Measure) -> list[TimelineEntry]:
    what = {"kind": measure.get_kind_display(), "provider": where(measure)}
    url = reverse("measures:measure_detail", args=[measure.case_id, measure.pk])
    decided = _("%(kind)s, %(provider)s") % what
    if measure.acute:
        decided = _("%(what)s (akut)") % {"what": decided}
    events = [
        TimelineEntry(
            when=measure.decided_on,
            kind=_kind(measure),
            title=_("Besluttet: %(kind)s") % what,
            summary=f"{decided}. {short(measure.purpose)}",
            url=url,
        )
    ]
    if measure.start_date is not None and measure.status in STARTED:
        title = _("Flyttet til %(kind)s") if measure.moved_from_id else _("Startet: %(kind)s")
        events.append(
            TimelineEntry(
                when=measure.start_date,
                kind=_kind(measure),
                title=title % what,
                summary=what["provider"],
                url=url,
            )
        )
    if measure.end_date is not None and not getattr(measure, "moved_on", False):
        events.append(
            TimelineEntry(
                when=measure.end_date,
                kind=_kind(measure),
                title=_("Afsluttet: %(kind)s") % what,
                summary=what["provider"],
                url=url,
            )
        )
    # Newest first, so that a start on the day of the decision comes above the decision.
    return events[::-1]


def follow_up_entries(
    viewer: User, child: Child, access: ChildAccess, *, limit: int
) -> list[TimelineEntry]:
    follow_ups = (
        FollowUp.objects.filter(measure__case__in=child_cases(viewer, child).values("pk"))
        .select_related("measure")
        .order_by("-held_on", "-id")[:limit]
    )
    return [
        TimelineEntry(
            when=follow_up.held_on,
            kind=_("Opfølgning"),
            title=_("Opfølgning: %(kind)s") % {"kind": follow_up.measure.get_kind_display()},
            summary=_follow_up_summary(follow_up),
            url=reverse(
                "measures:follow_up", args=[follow_up.measure.case_id, follow_up.measure_id]
            ),
        )
        for follow_up in follow_ups
    ]


def _follow_up_summary(follow_up: FollowUp) -> str:
    parts = []
    if follow_up.safety_scale is not None:
        parts.append(_("Sikkerhedsskala %(score)d.") % {"score": follow_up.safety_scale})
    if follow_up.next_due is not None:
        parts.append(
            _("Næste opfølgning senest %(day)s.") % {"day": f"{follow_up.next_due:%d.%m.%Y}"}
        )
    parts.append(short(follow_up.what_changed))
    return " ".join(parts)


def supervision_entries(
    viewer: User, child: Child, access: ChildAccess, *, limit: int
) -> list[TimelineEntry]:
    visits = (
        SupervisionVisit.objects.filter(measure__case__in=child_cases(viewer, child).values("pk"))
        .select_related("measure__offer")
        .order_by("-visited_on", "-id")[:limit]
    )
    return [
        TimelineEntry(
            when=visit.visited_on,
            kind=_("Tilsyn"),
            title=_("Tilsynsbesøg, %(provider)s") % {"provider": where(visit.measure)},
            summary=_("Talte med barnet") if visit.spoke_with_child else _("Talte ikke med barnet"),
            url=reverse("measures:supervision", args=[visit.measure.case_id, visit.measure_id]),
        )
        for visit in visits
    ]
