"""The hooks of the child's page, which later areas fill through the plug-in table.

- `ChildScope` ("child_scopes"): who may see which child, and why. A scope turns a user into a set
  of children (a Q on Child) plus a plain reason that goes into the access log; the union of a
  user's scopes is what she may see (people/access.py).
- `ChildSection` ("child_page_sections"): a section of the child's page. It gets the request and
  the ChildAccess (the access check and log are already done) and returns rendered HTML, or None
  when it has nothing this viewer may see.
- `TimelineSource` ("timeline_sources"): the entries of one area on the child's timeline. It gets
  the viewer, the child and the ChildAccess and returns the entries this viewer may see, newest
  first, at most `limit` of them, with one query (or a fixed few), never one per entry.

Each is written in the area's `access.py`, `child_page.py` or `timeline.py` and listed by dotted
path in `sikkerhedsnet/plugins.py`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time
from typing import TYPE_CHECKING, Protocol

from django.db.models import Q
from django.utils import timezone
from django.utils.safestring import SafeString

from sikkerhedsnet.lib.plugins import load, load_callables
from sikkerhedsnet.people.models import Child, User

if TYPE_CHECKING:
    from sikkerhedsnet.lib.http import AuthedRequest
    from sikkerhedsnet.people.access import ChildAccess


# Child scopes -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class ChildScope:
    name: str
    children: Callable[[User, date], Q | None]
    basis: Callable[[User, int, date], str | None]


def child_scopes() -> list[ChildScope]:
    return load("child_scopes", ChildScope)


# Sections of the child's page -------------------------------------------------------------------

Renderer = Callable[["AuthedRequest", "ChildAccess"], SafeString | None]


@dataclass(frozen=True)
class ChildSection:
    name: str
    render: Renderer


def render_child_sections(request: AuthedRequest, access: ChildAccess) -> list[SafeString]:
    rendered = (
        section.render(request, access) for section in load("child_page_sections", ChildSection)
    )
    return [html for html in rendered if html]


# The timeline -----------------------------------------------------------------------------------

# The order of the steps of the work with a concern, for entries on the same day without a time.
STAGE = {
    "screening": 0,
    "guide_assessment": 1,
    "dialogue_meeting": 2,
    "unit_plan": 3,
    "plan_review": 4,
    "plan_ended": 5,
}


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


def timeline_sources() -> list[TimelineSource]:
    return load_callables("timeline_sources")
