"""Extension points that rules depend on and later areas fill in.

`unit_plan_sources`: each returns an Exists() that is true when the child (OuterRef "child_id")
has a unit plan made on or after the date in OuterRef "concern_since" (the outer query annotates
it). The collaboration area registers its unit plans here; until then no child has a plan.

`escalation_sources`: the same for an escalation beyond the unit (a cross-disciplinary meeting,
a referral to PPR, a notification), registered by the collaboration and intake areas.
"""

from __future__ import annotations

from collections.abc import Callable

from django.db.models import Exists, Q

ChildSince = Callable[[], Exists]

unit_plan_sources: list[ChildSince] = []
escalation_sources: list[ChildSince] = []


def any_of(sources: list[ChildSince]) -> Q:
    """Q that is true when any source matches; false (an empty OR) when there are none."""
    query = Q(pk__in=[])
    for source in sources:
        query |= Q(source())
    return query
