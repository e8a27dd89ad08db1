"""Collaboration's buttons on the concern guide's result (the hook "guide_next_steps").

Book a dialogue meeting with the parents (level 2's step), put the child forward at a
cross-disciplinary meeting (level 3's), or talk it over anonymously with the social worker at
that meeting (level 3's other way; the system has no consultation page of the family department
of its own, and the social worker from intake is a standing member of the meetings).

At level 4 no dialogue meeting is offered: the guide says to notify at once, and not to talk with
the parents first when violence or abuse by them is suspected.
"""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from sikkerhedsnet.collaboration.access import may_put_forward
from sikkerhedsnet.people.models import Child, User
from sikkerhedsnet.screening.hooks import GuideRecommendation, GuideStep, Step

SERIOUS_CONCERN = 4


def collaboration_steps(
    child: Child, recommendation: GuideRecommendation, user: User
) -> list[GuideStep]:
    steps = []
    if recommendation.level < SERIOUS_CONCERN and user.has_perm(
        "collaboration.add_dialoguemeeting", child
    ):
        url = reverse("collaboration:dialogue_book", args=[child.pk])
        if recommendation.position_id is not None:
            url += f"?position={recommendation.position_id}"
        steps.append(GuideStep(Step.DIALOGUE_MEETING, _("Planlæg dialogmøde med forældrene"), url))
    if may_put_forward(user):
        url = reverse("collaboration:put_forward", args=[child.pk])
        steps.append(
            GuideStep(Step.CROSS_DISCIPLINARY, _("Sæt barnet på et tværfagligt møde"), url)
        )
        steps.append(
            GuideStep(
                Step.FAMILY_DEPARTMENT,
                _("Drøft barnet anonymt med en socialrådgiver"),
                f"{url}?samtykke=nej",
            )
        )
    return steps
