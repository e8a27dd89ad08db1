from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import Exists, F, OuterRef, Prefetch, Q, QuerySet

from sikkerhedsnet.audit.models import AuditEvent
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


def unit_enrolled_count(*, unit: Unit, day: date) -> int:
    """How many children are enrolled in the unit on `day`: a number, no child in it."""
    return (
        Enrolment.objects.filter(current_on(day), unit=unit).values("child_id").distinct().count()
    )


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


# Staff: the administrator's list and a user's page -----------------------------------------


def staff_list(
    *,
    day: date,
    search: str = "",
    role: str = "",
    unit: Unit | None = None,
    active: bool | None = True,
) -> QuerySet[User]:
    """Staff by name, with `current_memberships` (their units and teams on `day`).

    `active`: True the active, False the deactivated, None both.
    """
    users = User.objects.all()
    if active is not None:
        users = users.filter(is_active=active)
    if role:
        users = users.filter(role=role)
    if unit is not None:
        users = users.filter(
            Exists(Membership.objects.filter(current_on(day), user=OuterRef("pk"), unit=unit))
        )
    for word in search.split()[:4]:
        users = users.filter(
            Q(first_name__icontains=word)
            | Q(last_name__icontains=word)
            | Q(username__icontains=word)
        )
    current = Membership.objects.filter(current_on(day)).select_related("unit")
    return users.prefetch_related(
        Prefetch(
            "memberships", queryset=current.order_by("unit__name"), to_attr="current_memberships"
        )
    ).order_by("last_name", "first_name", "username", "pk")


def staff_memberships(*, user: User) -> QuerySet[Membership]:
    """All her memberships, the open ones first, the newest first."""
    return (
        Membership.objects.filter(user=user)
        .select_related("unit")
        .order_by(F("until").desc(nulls_first=True), "-since", "unit__name")
    )


def staff_events(*, user: User, limit: int = 50) -> QuerySet[AuditEvent]:
    """The audit trail of changes to her, newest first."""
    return (
        AuditEvent.objects.filter(subject_type=User._meta.label_lower, subject_id=user.pk)
        .select_related("actor")
        .order_by("-at", "-id")[:limit]
    )
