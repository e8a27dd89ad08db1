from __future__ import annotations

from datetime import date, timedelta

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from sikkerhedsnet.policy import get_policy

ADBB_ITEM_COUNT = 8
ADBB_ITEM_MAX = 4


class Position(models.TextChoices):
    GREEN = "green", _("Grøn")
    YELLOW = "yellow", _("Gul")
    RED = "red", _("Rød")


CONCERN_POSITIONS = (Position.YELLOW, Position.RED)


class Instrument(models.TextChoices):
    TRAFFIC_LIGHT = "traffic_light", _("Trivselsvurdering")
    ADBB = "adbb", _("ADBB")


class ConcernGuideVersion(models.Model):
    """One version of the municipality's concern guide; the newest is in force."""

    content = models.JSONField()
    note = models.CharField(_("bemærkning"), max_length=200, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-uploaded_at", "-id"]

    def __str__(self) -> str:
        return f"{self.content.get('version', '?')} ({self.uploaded_at:%Y-%m-%d})"


class GuideAssessment(models.Model):
    """The signs a professional ticked in the guide, what it proposed, and what she decided."""

    child = models.ForeignKey("people.Child", on_delete=models.PROTECT, related_name="+")
    unit = models.ForeignKey("people.Unit", on_delete=models.PROTECT, related_name="+")
    assessed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    assessed_on = models.DateField(_("dato"))
    guide_version = models.CharField(max_length=50)
    age_band = models.CharField(max_length=10)
    signs = models.JSONField(default=list)
    proposed_level = models.PositiveSmallIntegerField()
    decided_level = models.PositiveSmallIntegerField()
    decision_reason = models.CharField(_("begrundelse"), max_length=1000, blank=True)
    history = HistoricalRecords()

    def __str__(self) -> str:
        return f"{self.child_id} {self.assessed_on} niveau {self.decided_level}"


def adbb_follow_up_due(screened_on: date) -> date:
    """The last day for the follow-up visit after an ADBB scoring (the rule flags the day after)."""
    return screened_on + timedelta(days=get_policy().adbb_follow_up_days)


class ScreeningQuerySet(models.QuerySet["Screening"]):
    def flagged(self) -> ScreeningQuerySet:
        """ADBB scorings with a total at or over the policy's cutoff (Screening.is_flagged)."""
        return self.filter(instrument=Instrument.ADBB, adbb_total__gte=get_policy().adbb_cutoff)


class Screening(models.Model):
    """What counts for a child in a round: the team's joint position, or an ADBB scoring.

    A traffic-light position describes the child's situation now; there is one joint position per
    child and round, changed in place (the history keeps every earlier value). ADBB scorings are
    made at health-visitor visits, several per round if needed.
    """

    child = models.ForeignKey("people.Child", on_delete=models.PROTECT, related_name="screenings")
    unit = models.ForeignKey("people.Unit", on_delete=models.PROTECT, related_name="screenings")
    instrument = models.CharField(max_length=16, choices=Instrument.choices)
    round_deadline = models.DateField(_("rundens frist"))
    screened_on = models.DateField(_("vurderet den"))
    position = models.CharField(_("position"), max_length=6, choices=Position.choices, blank=True)
    reason = models.CharField(_("kort begrundelse"), max_length=200, blank=True)
    adbb_scores = models.JSONField(null=True, blank=True)
    adbb_total = models.PositiveSmallIntegerField(null=True, blank=True)
    guide_assessment = models.ForeignKey(
        GuideAssessment, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)
    version = models.PositiveIntegerField(default=1)
    history = HistoricalRecords()

    objects = ScreeningQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["child", "round_deadline"],
                condition=Q(instrument="traffic_light"),
                name="one_joint_position_per_child_and_round",
            ),
            models.CheckConstraint(
                condition=(Q(instrument="traffic_light") & ~Q(position=""))
                | (Q(instrument="adbb") & Q(adbb_total__gte=0) & Q(adbb_total__lte=32)),
                name="screening_has_a_result_for_its_instrument",
            ),
        ]
        indexes = [
            models.Index(fields=["child", "instrument", "screened_on"]),
            models.Index(fields=["unit", "round_deadline"]),
            models.Index(fields=["instrument", "round_deadline", "position"]),
        ]

    def __str__(self) -> str:
        result = self.position or f"ADBB {self.adbb_total}"
        return f"{self.child_id} {self.screened_on} {result}"

    @property
    def is_flagged(self) -> bool:
        """An ADBB total at or over the policy's cutoff: the scoring asks for a follow-up visit.

        The one place the rule is written; `Screening.objects.flagged()` is the same in SQL.
        """
        return (
            self.instrument == Instrument.ADBB
            and (self.adbb_total or 0) >= get_policy().adbb_cutoff
        )

    @property
    def follow_up_due(self) -> date:
        """The last day for the follow-up visit an ADBB scoring at or over the cutoff asks for."""
        return adbb_follow_up_due(self.screened_on)


class Rating(models.Model):
    """One professional's own rating before the team agrees the joint position (TOPI)."""

    child = models.ForeignKey("people.Child", on_delete=models.PROTECT, related_name="+")
    unit = models.ForeignKey("people.Unit", on_delete=models.PROTECT, related_name="+")
    round_deadline = models.DateField()
    rater = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    position = models.CharField(max_length=6, choices=Position.choices)
    reason = models.CharField(max_length=200, blank=True)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["child", "round_deadline", "rater"], name="one_rating_per_rater_and_round"
            )
        ]

    def __str__(self) -> str:
        return f"{self.child_id} {self.round_deadline} {self.rater_id} {self.position}"


class AdbbFollowUp(models.Model):
    """The follow-up visit an ADBB total at or over the cutoff asks for."""

    screening = models.ForeignKey(Screening, on_delete=models.PROTECT, related_name="follow_ups")
    visited_on = models.DateField(_("besøgsdato"))
    note = models.CharField(_("notat"), max_length=1000, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    history = HistoricalRecords()

    def __str__(self) -> str:
        return f"{self.screening_id} {self.visited_on}"


class SharingConsent(models.Model):
    """The parents' consent that earlier positions follow the child to a new unit."""

    child = models.ForeignKey("people.Child", on_delete=models.PROTECT, related_name="+")
    given_by = models.ForeignKey("people.Guardian", on_delete=models.PROTECT, related_name="+")
    given_on = models.DateField(_("givet den"))
    withdrawn_on = models.DateField(_("trukket tilbage den"), null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    history = HistoricalRecords()

    def __str__(self) -> str:
        return f"{self.child_id} {self.given_on}"
