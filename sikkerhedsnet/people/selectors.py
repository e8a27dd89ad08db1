from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import Prefetch, Q, QuerySet

from sikkerhedsnet.people.access import ChildAccess, visible_children
from sikkerhedsnet.people.hooks import TimelineEntry, timeline_sources
from sikkerhedsnet.people.models import (
    Child,
    Custody,
    Enrolment,
    Membership,
    NetworkPerson,
    Unit,
    User,
    current_on,
)

# The timeline shows this many entries first; "vis flere" asks for more, up to MAX_SHOWN.
FIRST_SHOWN = 50
MAX_SHOWN = 1000


def unit_roster(*, user: User, unit: Unit, day: date, search: str = "") -> QuerySet[Enrolment]:
    """The unit's current enrolments of children the user may see, by group and name."""
    enrolments = (
        Enrolment.objects.filter(current_on(day), unit=unit)
        .filter(child__in=visible_children(user, day=day))
        .select_related("child")
        .only(
            "group",
            "child__id",
            "child__first_name",
            "child__last_name",
            "child__cpr",
            "child__birth_date",
        )
    )
    if search:
        for word in search.split()[:4]:
            enrolments = enrolments.filter(
                Q(child__first_name__icontains=word) | Q(child__last_name__icontains=word)
            )
    return enrolments.order_by("group", "child__last_name", "child__first_name", "child__id")


def unit_staff(*, unit: Unit, day: date) -> QuerySet[Membership]:
    return (
        Membership.objects.filter(current_on(day), unit=unit)
        .select_related("user")
        .order_by("user__last_name", "user__first_name")
    )


def child_record(*, child: Child) -> Child:
    """The child with what its page shows, in a fixed number of queries."""
    return (
        Child.objects.filter(pk=child.pk)
        .prefetch_related(
            Prefetch(
                "enrolments",
                queryset=Enrolment.objects.select_related("unit").order_by("-since"),
            ),
            Prefetch(
                "custodies",
                queryset=Custody.objects.select_related("guardian").order_by("guardian__last_name"),
            ),
            Prefetch("network", queryset=NetworkPerson.objects.order_by("name")),
        )
        .get()
    )


def siblings_of(*, child: Child, user: User) -> QuerySet[Child]:
    """Children sharing a guardian with `child`, limited to those the user may see anyway."""
    guardian_ids = Custody.objects.filter(child=child).values("guardian_id")
    return (
        visible_children(user)
        .filter(custodies__guardian_id__in=guardian_ids)
        .exclude(pk=child.pk)
        .distinct()
        .order_by("birth_date")
    )


@dataclass(frozen=True)
class Timeline:
    entries: list[TimelineEntry]
    has_more: bool
    limit: int


def child_timeline(*, viewer: User, access: ChildAccess, limit: int = FIRST_SHOWN) -> Timeline:
    """The newest `limit` entries this viewer may see, from every source, newest first."""
    found: list[TimelineEntry] = []
    for source in timeline_sources():
        # One more than shown, so that "vis flere" is offered only when there is more.
        found.extend(source(viewer, access.child, access, limit=limit + 1))
    found.sort(key=lambda entry: entry.sort_key, reverse=True)
    return Timeline(entries=found[:limit], has_more=len(found) > limit, limit=limit)
