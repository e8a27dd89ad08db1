"""The child's timeline: what has happened around the child, newest first, from every area.

Each area registers a source at start-up (screening, intake, collaboration; later cases and
measures). A source gets the viewer, the child and the ChildAccess (the access check and the log
are already done) and returns the entries of its area that this viewer may see, newest first, at
most `limit` of them, with one query (or a fixed few), never one per entry. The timeline merges
them and shows the newest; "vis flere" asks again with a larger limit.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Protocol

from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import SafeString

from sikkerhedsnet.core.auth import AuthedRequest
from sikkerhedsnet.people.access import ChildAccess
from sikkerhedsnet.people.models import Child, User
from sikkerhedsnet.people.sections import ChildSection, register_child_section

# The order of the steps of the work with a concern, for entries on the same day without a time.
STAGE = {
    "screening": 0,
    "guide_assessment": 1,
    "dialogue_meeting": 2,
    "unit_plan": 3,
    "plan_review": 4,
    "plan_ended": 5,
}

FIRST_SHOWN = 50
MAX_SHOWN = 1000


@dataclass(frozen=True)
class TimelineEntry:
    """One event: when (a day, or a moment), what kind, a title, a short summary, a link."""

    when: date | datetime
    kind: str
    title: str
    summary: str = ""
    url: str = ""
    # Orders entries of the same day that have no time: a later step of the work comes first
    # (a plan made after the dialogue meeting that followed the screening). See STAGE.
    stage: int = 0

    @property
    def has_time(self) -> bool:
        return isinstance(self.when, datetime)

    @property
    def sort_key(self) -> tuple[date, time, int]:
        # A moment sorts by its Danish day and time; a bare day before that day's moments
        # (newest first: after them), as it has no time to place it by.
        if isinstance(self.when, datetime):
            local = timezone.localtime(self.when)
            return local.date(), local.time(), self.stage
        return self.when, time.min, self.stage


class TimelineSource(Protocol):
    def __call__(
        self, viewer: User, child: Child, access: ChildAccess, *, limit: int
    ) -> list[TimelineEntry]: ...


@dataclass(frozen=True)
class Source:
    name: str
    entries: TimelineSource


_SOURCES: dict[str, Source] = {}


def register_timeline_source(name: str) -> Callable[[TimelineSource], TimelineSource]:
    """Decorator: register `entries` under `name` (each name once)."""

    def register(entries: TimelineSource) -> TimelineSource:
        if name in _SOURCES:
            raise ValueError(f"timeline source {name} is registered twice")
        _SOURCES[name] = Source(name=name, entries=entries)
        return entries

    return register


@dataclass(frozen=True)
class Timeline:
    entries: list[TimelineEntry]
    has_more: bool
    limit: int


def child_timeline(*, viewer: User, access: ChildAccess, limit: int = FIRST_SHOWN) -> Timeline:
    """The newest `limit` entries this viewer may see, from every source, newest first."""
    found: list[TimelineEntry] = []
    for source in _SOURCES.values():
        # One more than shown, so that "vis flere" is offered only when there is more.
        found.extend(source.entries(viewer, access.child, access, limit=limit + 1))
    found.sort(key=lambda entry: entry.sort_key, reverse=True)
    return Timeline(entries=found[:limit], has_more=len(found) > limit, limit=limit)


def shown_limit(raw: str | None) -> int:
    """The number of entries asked for in the query string, within bounds; bad input: the first."""
    try:
        wanted = int(raw or FIRST_SHOWN)
    except ValueError:
        return FIRST_SHOWN
    return min(max(wanted, FIRST_SHOWN), MAX_SHOWN)


def render_timeline(request: AuthedRequest, access: ChildAccess, *, limit: int) -> SafeString:
    timeline = child_timeline(viewer=request.user, access=access, limit=limit)
    context = {
        "child": access.child,
        "timeline": timeline,
        "more": min(limit + FIRST_SHOWN, MAX_SHOWN),
        "can_show_more": timeline.has_more and limit < MAX_SHOWN,
    }
    return render_to_string("people/timeline_section.html", context, request=request)


def render_timeline_section(request: AuthedRequest, access: ChildAccess) -> SafeString | None:
    return render_timeline(request, access, limit=FIRST_SHOWN)


TIMELINE_SECTION = register_child_section(
    ChildSection(name="timeline", order=90, render=render_timeline_section)
)
