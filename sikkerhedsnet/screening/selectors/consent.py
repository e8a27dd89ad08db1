"""Reads about the parents' consent that earlier positions follow the child to a new unit.

Whether a consent is in force on a day is decided in one place, selectors.positions
.consent_in_force; recent_positions and visible_assessments obey it.
"""

from __future__ import annotations

from django.db.models import Q, QuerySet

from sikkerhedsnet.people.models import Child, Custody, Guardian, Unit
from sikkerhedsnet.screening.models import GuideAssessment, SharingConsent
from sikkerhedsnet.screening.selectors.positions import consent_in_force


def visible_assessments(*, child: Child, units: list[Unit]) -> QuerySet[GuideAssessment]:
    """Guide assessments made in the viewer's units; other units' only with consent in force."""
    return GuideAssessment.objects.filter(child=child).filter(
        Q(unit__in=units) | consent_in_force()
    )


def guardians_with_custody(*, child: Child) -> list[Guardian]:
    custodies = Custody.objects.filter(child=child, has_custody=True).select_related("guardian")
    return [custody.guardian for custody in custodies.order_by("guardian__first_name")]


def open_consent(*, child: Child) -> SharingConsent | None:
    """The consent not yet withdrawn, if any (at most one: consent_record sees to that)."""
    return (
        SharingConsent.objects.filter(child=child, withdrawn_on__isnull=True)
        .select_related("given_by", "recorded_by")
        .first()
    )
