"""Intake's button on the concern guide's result (the hook "guide_next_steps"): notify.

The professional's notification form from the child's page, for those who notify from there
(the sharpened duty of public employees to notify, Barnets Lov § 133). The guide's level 4
recommends it; at the other levels it is a secondary button, as the professional decides.
"""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from sikkerhedsnet.intake.access import may_notify_from_child_page
from sikkerhedsnet.people.models import Child, User
from sikkerhedsnet.screening.hooks import GuideRecommendation, GuideStep, Step


def intake_steps(child: Child, recommendation: GuideRecommendation, user: User) -> list[GuideStep]:
    if not may_notify_from_child_page(user):
        return []
    url = reverse("intake:notify_child", args=[child.pk])
    return [GuideStep(Step.NOTIFY, _("Underret kommunen"), url)]
