"""What measures write in the case journal (cases/journal.py says how): a measure decided, started,
ended or withdrawn, a placement moved, a follow-up held, a supervision visit, a network search;
and where those entries link back to.

A decision names its legal ground by the paragraph of Barnets Lov it is made under (§ 30 early
preventive help, § 32 support, § 46 placement with consent, § 47 placement without consent).
"""

from __future__ import annotations

from datetime import date

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from sikkerhedsnet.cases.hooks import JournalLinks
from sikkerhedsnet.cases.journal import JournalEvent, day, in_journal_language, lines
from sikkerhedsnet.lib.worklist import Link
from sikkerhedsnet.measures.ladder import MeasureKind, is_placement
from sikkerhedsnet.measures.legal import PARAGRAPH
from sikkerhedsnet.measures.models import (
    FollowUp,
    LegalGround,
    Measure,
    NetworkSearch,
    SiblingsPlacement,
    SupervisionVisit,
)
from sikkerhedsnet.measures.timeline import where

MEASURE_DECIDED = "measures.measure_decided"
MEASURE_STARTED = "measures.measure_started"
MEASURE_ENDED = "measures.measure_ended"
MEASURE_WITHDRAWN = "measures.measure_withdrawn"
PLACEMENT_MOVED = "measures.placement_moved"
FOLLOW_UP_RECORDED = "measures.follow_up_recorded"
SUPERVISION_VISIT_RECORDED = "measures.supervision_visit_recorded"
NETWORK_SEARCH_RECORDED = "measures.network_search_recorded"


def _kind(measure: Measure) -> str:
    # The enum's label, not get_kind_display(), which hashes every choice on each call: the
    # synthetic municipality builds tens of thousands of these.
    return str(MeasureKind(measure.kind).label)


def _provider(measure: Measure) -> str:
    return _("Leverandør: %(provider)s") % {"provider": where(measure)}


def _decided_title(measure: Measure) -> str:
    kind = _kind(measure).lower()
    if measure.legal_ground == LegalGround.PLACEMENT_WITH_CONSENT:
        return _("Afgørelse: Anbringelse med samtykke, %(kind)s (Barnets Lov § 46)") % {
            "kind": kind
        }
    if measure.legal_ground == LegalGround.PLACEMENT_WITHOUT_CONSENT:
        return _("Afgørelse: Anbringelse uden samtykke, %(kind)s (Barnets Lov § 47)") % {
            "kind": kind
        }
    return _("Afgørelse: %(kind)s bevilget (Barnets Lov %(paragraph)s)") % {
        "kind": _kind(measure),
        "paragraph": PARAGRAPH.get(measure.legal_ground, ""),
    }


@in_journal_language
def measure_decided(measure: Measure) -> JournalEvent:
    months = measure.expected_months
    return {
        "event": MEASURE_DECIDED,
        "occurred_on": measure.decided_on,
        "title": _decided_title(measure),
        "text": lines(
            _("Akut anbringelse.") if measure.acute else "",
            _provider(measure),
            _("Formål: %(purpose)s") % {"purpose": measure.purpose},
            ngettext(
                "Forventet varighed: %(months)d måned.",
                "Forventet varighed: %(months)d måneder.",
                months,
            )
            % {"months": months},
            str(SiblingsPlacement(measure.siblings).label) + "." if measure.siblings else "",
            _("Begrundelse for at vælge en mere indgribende foranstaltning: %(reason)s")
            % {"reason": measure.intrusiveness_reason}
            if measure.intrusiveness_reason
            else "",
            # Set when the decision put the child on the list; kept when she gets her place.
            _("Tilbuddet er fuldt. Barnet står på venteliste fra %(day)s.")
            % {"day": day(measure.waiting_since)}
            if measure.waiting_since is not None
            else "",
        ),
    }


def _first_follow_up(measure: Measure) -> str:
    if measure.start_date is None:
        return ""
    due = measure.first_follow_up_due(measure.start_date)
    return _("Første opfølgning senest %(day)s.") % {"day": day(due)}


@in_journal_language
def measure_started(measure: Measure, *, from_waiting_list: bool) -> JournalEvent:
    if measure.start_date is None:
        raise ValueError("the measure has not started")
    title = _("Anbringelse startet: %(kind)s") if is_placement(measure.kind) else None
    return {
        "event": MEASURE_STARTED,
        "occurred_on": measure.start_date,
        "title": (title or _("Foranstaltning startet: %(kind)s")) % {"kind": _kind(measure)},
        "text": lines(
            _provider(measure),
            _("Startet fra ventelisten, da der blev en plads ledig.") if from_waiting_list else "",
            _first_follow_up(measure),
        ),
    }


@in_journal_language
def measure_ended(measure: Measure) -> JournalEvent:
    if measure.end_date is None or measure.start_date is None:
        raise ValueError("the measure has not ended")
    title = _("Anbringelse afsluttet: %(kind)s") if is_placement(measure.kind) else None
    return {
        "event": MEASURE_ENDED,
        "occurred_on": measure.end_date,
        "title": (title or _("Foranstaltning afsluttet: %(kind)s")) % {"kind": _kind(measure)},
        "text": lines(
            _provider(measure),
            _("Startede %(start)s.") % {"start": day(measure.start_date)},
        ),
    }


@in_journal_language
def measure_withdrawn(measure: Measure, *, reason: str, on: date) -> JournalEvent:
    return {
        "event": MEASURE_WITHDRAWN,
        "occurred_on": on,
        "title": _("Afgørelse trukket tilbage: %(kind)s") % {"kind": _kind(measure)},
        "text": lines(
            _("Besluttet %(day)s.") % {"day": day(measure.decided_on)},
            _("Begrundelse: %(reason)s") % {"reason": reason},
        ),
    }


@in_journal_language
def placement_moved(successor: Measure, previous: Measure) -> JournalEvent:
    if successor.start_date is None or previous.end_date is None:
        raise ValueError("the move has no dates")
    return {
        "event": PLACEMENT_MOVED,
        "occurred_on": successor.start_date,
        "title": _("Barnet er flyttet fra %(old)s til %(new)s")
        % {"old": _kind(previous).lower(), "new": _kind(successor).lower()},
        "text": lines(
            _("Fra: %(where)s (sidste dag %(day)s)")
            % {"where": where(previous), "day": day(previous.end_date)},
            _("Til: %(where)s") % {"where": where(successor)},
            _("Begrundelse for at vælge et mere indgribende sted: %(reason)s")
            % {"reason": successor.intrusiveness_reason}
            if successor.intrusiveness_reason
            else "",
            _first_follow_up(successor),
        ),
    }


def _took_part(follow_up: FollowUp) -> str:
    who = [
        str(name)
        for took_part, name in (
            (follow_up.child_took_part, _("barnet")),
            (follow_up.family_took_part, _("familien")),
            (follow_up.network_took_part, _("netværket")),
        )
        if took_part
    ]
    if follow_up.professionals:
        who.append(follow_up.professionals)
    return _("Deltog: %(who)s.") % {"who": ", ".join(who)} if who else ""


@in_journal_language
def follow_up_recorded(follow_up: FollowUp) -> JournalEvent:
    measure = follow_up.measure
    return {
        "event": FOLLOW_UP_RECORDED,
        "occurred_on": follow_up.held_on,
        "title": _("Opfølgning på %(kind)s") % {"kind": _kind(measure).lower()},
        "text": lines(
            _took_part(follow_up),
            _("Hvad har ændret sig: %(text)s") % {"text": follow_up.what_changed},
            _("Sikkerhedsskala: %(score)d.") % {"score": follow_up.safety_scale}
            if follow_up.safety_scale is not None
            else "",
            _("Næste opfølgning senest %(day)s.") % {"day": day(follow_up.next_due)}
            if follow_up.next_due is not None
            else "",
        ),
    }


@in_journal_language
def supervision_visit_recorded(visit: SupervisionVisit) -> JournalEvent:
    return {
        "event": SUPERVISION_VISIT_RECORDED,
        "occurred_on": visit.visited_on,
        "title": _("Tilsynsbesøg: %(where)s") % {"where": where(visit.measure)},
        "text": lines(
            _("Besøget af %(name)s.") % {"name": visit.visited_by},
            _("Talte med barnet.") if visit.spoke_with_child else _("Talte ikke med barnet."),
            visit.note,
        ),
    }


@in_journal_language
def network_search_recorded(search: NetworkSearch) -> JournalEvent:
    title = (
        _("Netværksafdækning: netværket kan tage barnet")
        if search.found_carer
        else _("Netværksafdækning: netværket kan ikke tage barnet")
    )
    return {
        "event": NETWORK_SEARCH_RECORDED,
        "occurred_on": search.searched_on,
        "title": title,
        "text": lines(
            _("Overvejet: %(people)s") % {"people": search.people_considered},
            _("Resultat: %(result)s") % {"result": search.result},
        ),
    }


# Where the entries link back to -------------------------------------------------------------


def _measure_links(case_id: int, ids: list[int]) -> dict[int, Link]:
    label = gettext_lazy("Se foranstaltningen")
    return {pk: Link(reverse("measures:measure_detail", args=[case_id, pk]), label) for pk in ids}


def _follow_up_links(case_id: int, ids: list[int]) -> dict[int, Link]:
    label = gettext_lazy("Se opfølgningen")
    pairs = FollowUp.objects.filter(pk__in=ids, measure__case_id=case_id).values_list(
        "pk", "measure_id"
    )
    return {
        pk: Link(reverse("measures:follow_up", args=[case_id, measure_id]), label)
        for pk, measure_id in pairs
    }


def _visit_links(case_id: int, ids: list[int]) -> dict[int, Link]:
    label = gettext_lazy("Se tilsynet")
    pairs = SupervisionVisit.objects.filter(pk__in=ids, measure__case_id=case_id).values_list(
        "pk", "measure_id"
    )
    return {
        pk: Link(reverse("measures:supervision", args=[case_id, measure_id]), label)
        for pk, measure_id in pairs
    }


JOURNAL_LINKS = JournalLinks(
    by_source={
        Measure._meta.label_lower: _measure_links,
        FollowUp._meta.label_lower: _follow_up_links,
        SupervisionVisit._meta.label_lower: _visit_links,
    }
)
