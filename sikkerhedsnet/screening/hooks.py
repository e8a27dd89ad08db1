"""Hooks the screening area's rules offer, filled by later areas through the plug-in table.

`unit_plan_sources`: each returns an Exists() that is true when the child (OuterRef "child_id")
has a unit plan made on or after the date in OuterRef "concern_since" (the outer query annotates
it). The collaboration area lists its unit plans under "unit_plan_sources" in
`sikkerhedsnet/plugins.py`; with none listed, no child has a plan.

`escalation_sources`: the same for an escalation beyond the unit (a cross-disciplinary meeting,
a referral to PPR, a notification), listed under "escalation_sources" by the collaboration and
intake areas.

`guide_next_steps`: the buttons on the concern guide's result. Each source is called with the
child, the guide's recommendation and the viewer, and returns the steps that viewer may take
(booking a dialogue meeting and putting the child forward at a cross-disciplinary meeting are
collaboration's; notifying is intake's); a step she may not take is simply not returned. The
step the guide recommends for the decided level is the primary button, the others secondary.
Screening imports neither area: they are listed under "guide_next_steps" in the plug-in table.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db.models import Exists, Q
from django.utils.functional import Promise

from sikkerhedsnet.lib.plugins import load_callables

if TYPE_CHECKING:
    from sikkerhedsnet.people.models import Child, User

ChildSince = Callable[[], Exists]


class Step:
    """The next steps a guide result can lead to, by code."""

    DIALOGUE_MEETING = "dialogue_meeting"  # talk with the parents (collaboration)
    CROSS_DISCIPLINARY = "cross_disciplinary_meeting"  # put forward at lokalisering
    FAMILY_DEPARTMENT = "family_department"  # talk it over with a social worker, anonymously
    NOTIFY = "notify"  # a notification to the municipality (intake)


# The step each level of the guide recommends, as the shipped catalogue words it (its levels'
# "next_step"): 1 carry on, 2 talk with the parents and make a unit plan, 3 a cross-disciplinary
# meeting or a talk with a social worker, 4 notify at once (the sharpened duty of public
# employees to notify, Barnets Lov § 133).
RECOMMENDED_STEP: dict[int, str] = {
    2: Step.DIALOGUE_MEETING,
    3: Step.CROSS_DISCIPLINARY,
    4: Step.NOTIFY,
}


@dataclass(frozen=True)
class GuideRecommendation:
    """What the guide's result recommends: the level the professional decided, and its step."""

    level: int
    step: str | None  # a Step code; None: carry on as before (level 1)
    assessment_id: int
    unit_id: int
    position_id: int | None  # the joint position the assessment set, if any


@dataclass(frozen=True)
class GuideStep:
    """One button: what it does (a Step code), its label and where it goes."""

    code: str
    label: str | Promise
    url: str


GuideNextSteps = Callable[["Child", GuideRecommendation, "User"], list[GuideStep]]


def recommendation_for(
    *, level: int, assessment_id: int, unit_id: int, position_id: int | None
) -> GuideRecommendation:
    return GuideRecommendation(
        level=level,
        step=RECOMMENDED_STEP.get(level),
        assessment_id=assessment_id,
        unit_id=unit_id,
        position_id=position_id,
    )


def guide_next_steps(
    child: Child, recommendation: GuideRecommendation, user: User
) -> list[GuideStep]:
    """Every step the viewer may take, the recommended one first."""
    sources: list[GuideNextSteps] = load_callables("guide_next_steps")
    steps = [step for source in sources for step in source(child, recommendation, user)]
    return sorted(steps, key=lambda step: step.code != recommendation.step)


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
