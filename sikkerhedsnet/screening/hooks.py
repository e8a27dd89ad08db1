"""Hooks the screening area's rules offer, filled by later areas through the plug-in table.

`unit_plan_sources`: each returns an Exists() that is true when the child (OuterRef "child_id")
has a unit plan made on or after the date in OuterRef "concern_since" (the outer query annotates
it). The collaboration area lists its unit plans under "unit_plan_sources" in
`sikkerhedsnet/plugins.py`; with none listed, no child has a plan.

`escalation_sources`: the same for an escalation beyond the unit (a cross-disciplinary meeting,
a referral to PPR, a notification), listed under "escalation_sources" by the collaboration and
intake areas.
"""

from __future__ import annotations

from collections.abc import Callable

from django.db.models import Exists, Q

from sikkerhedsnet.lib.plugins import load_callables

ChildSince = Callable[[], Exists]


def unit_plan_sources() -> list[ChildSince]:
    return load_callables("unit_plan_sources")


def escalation_sources() -> list[ChildSince]:
    return load_callables("escalation_sources")


def any_of(sources: list[ChildSince]) -> Q:
    """Q that is true when any source matches; false (an empty OR) when there are none."""
    query = Q(pk__in=[])
    for source in sources:
        query |= Q(source())
    return query
