"""The child's cases on the timeline: opened, a caseworker assigned or changed, closed.

Only those who may see the case see its entries (`visible_cases`: the case's team, and the
rådgiver who has it). A fagperson or leder of a daycare or school never sees case material, nor
does intake once its decision is made. A case is closed by a change of its status, which the
case's history keeps; the day it was closed is the first history row with the closed status.
"""

from __future__ import annotations

from datetime import datetime

from django.db.models import QuerySet
from django.urls import reverse
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from sikkerhedsnet.cases.access import visible_cases
from sikkerhedsnet.cases.models import Case, CaseAssignment, CaseStatus
from sikkerhedsnet.people.access import ChildAccess
from sikkerhedsnet.people.hooks import TimelineEntry
from sikkerhedsnet.people.models import Child, User

SUMMARY_CHARS = 140


def child_cases(viewer: User, child: Child) -> QuerySet[Case]:
    """The child's cases this viewer may see (none for anyone outside the case's team)."""
    return visible_cases(viewer).filter(child=child)


def case_url(case_id: int) -> str:
    return reverse("cases:detail", args=[case_id])


def short(text: str) -> str:
    return Truncator(" ".join(text.split())).chars(SUMMARY_CHARS)


def case_entries(
    viewer: User, child: Child, access: ChildAccess, *, limit: int
) -> list[TimelineEntry]:
    cases = list(child_cases(viewer, child).select_related("team").order_by("-opened_on", "-id"))
    if not cases:
        return []
    entries = [_opened(case) for case in cases[:limit]]
    entries.extend(_closed(cases, limit))
    entries.extend(_assignments(cases, limit))
    return entries


def _opened(case: Case) -> TimelineEntry:
    team = case.team.name if case.team else _("intet team")
    return TimelineEntry(
        when=case.opened_on,
        kind=_("Sag"),
        title=_("Sag oprettet"),
        summary=_("Team: %(team)s") % {"team": team},
        url=case_url(case.pk),
    )


def _closed(cases: list[Case], limit: int) -> list[TimelineEntry]:
    closed = [case.pk for case in cases if case.status == CaseStatus.CLOSED]
    if not closed:
        return []
    rows = (
        Case.history.filter(id__in=closed, status=CaseStatus.CLOSED)
        .order_by("id", "history_date")
        .values_list("id", "history_date")
    )
    first_closed: dict[int, datetime] = {}
    for case_id, at in rows:
        first_closed.setdefault(case_id, at)
    newest = sorted(first_closed.items(), key=lambda item: item[1], reverse=True)[:limit]
    return [
        TimelineEntry(when=at, kind=_("Sag"), title=_("Sagen er lukket"), url=case_url(pk))
        for pk, at in newest
    ]


def _assignments(cases: list[Case], limit: int) -> list[TimelineEntry]:
    rows = (
        CaseAssignment.objects.filter(case__in=[case.pk for case in cases])
        .select_related("caseworker")
        .order_by("case_id", "since", "id")
    )
    entries: list[TimelineEntry] = []
    previous_case = None
    for row in rows:
        first = row.case_id != previous_case
        previous_case = row.case_id
        name = row.caseworker.get_full_name() or row.caseworker.username
        entries.append(
            TimelineEntry(
                when=row.since,
                kind=_("Sag"),
                title=(_("Rådgiver tildelt: %(name)s") if first else _("Ny rådgiver: %(name)s"))
                % {"name": name},
                summary=short(row.reason),
                url=case_url(row.case_id),
            )
        )
    entries.sort(key=lambda entry: entry.sort_key, reverse=True)
    return entries[:limit]
