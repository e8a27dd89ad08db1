"""Acting on concern: dialogue with the parents, unit plans and cross-disciplinary meetings.

A yellow or red position or a concern turns into a dialogue meeting with the parents, a unit plan
(local action plan) with actions, owners and dates, and if needed the child is put forward at a
cross-disciplinary meeting (lokalisering) with the parents' consent, or anonymously without it.
Texts are kept as written; every change is history.
"""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from sikkerhedsnet.lib.dates import local_day


class DialogueStatus(models.TextChoices):
    PLANNED = "planned", _("Planlagt")
    HELD = "held", _("Holdt")
    CANCELLED = "cancelled", _("Aflyst")


class DialogueMeeting(models.Model):
    """A talk with the parents about the child: what both sides see, and what was agreed.

    A meeting is booked ahead (planned: a time, a place, who takes part; the parents get an
    invitation letter) and recorded afterwards on the same row (held), or cancelled. A meeting
    nobody booked is recorded afterwards straight away (held, with no time or place). The record
    of a held meeting is not edited: what the parents agreed to stays as it was written.
    `version` is a compare-and-set on moving, cancelling and recording a planned meeting, so two
    colleagues cannot both move it, or record it twice.
    """

    child = models.ForeignKey(
        "people.Child", on_delete=models.PROTECT, related_name="dialogue_meetings"
    )
    unit = models.ForeignKey("people.Unit", on_delete=models.PROTECT, related_name="+")
    # db_default: rows written straight to the table (the synthetic town) are records afterwards.
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=DialogueStatus.choices,
        default=DialogueStatus.HELD,
        db_default=DialogueStatus.HELD,
    )
    # Booked ahead: when, where, what for and who comes. Empty for a meeting recorded afterwards.
    starts_at = models.DateTimeField(_("tidspunkt"), null=True, blank=True)
    place = models.CharField(_("sted"), max_length=200, blank=True, db_default="")
    purpose = models.TextField(_("det vil vi gerne tale med jer om"), blank=True, db_default="")
    guardians = models.ManyToManyField(
        "people.Guardian", blank=True, related_name="+", verbose_name=_("forældre")
    )
    staff = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="+", verbose_name=_("personale")
    )
    others = models.CharField(_("andre deltagere"), max_length=300, blank=True, db_default="")
    booked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    booked_at = models.DateTimeField(null=True, blank=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)
    cancel_reason = models.CharField(_("begrundelse"), max_length=500, blank=True, db_default="")
    # The record, written once the meeting is held.
    held_on = models.DateField(_("dato for mødet"), null=True, blank=True)
    participants = models.CharField(_("deltagere"), max_length=500, blank=True)
    staff_view = models.TextField(_("det ser personalet"), blank=True)
    parents_view = models.TextField(_("det ser og ønsker forældrene"), blank=True)
    agreed = models.TextField(_("det aftalte vi"), blank=True)
    # The yellow or red position the meeting followed up, when it was started from one.
    screening = models.ForeignKey(
        "screening.Screening", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(null=True, blank=True)
    version = models.PositiveIntegerField(default=1, db_default=1)
    history = HistoricalRecords(m2m_fields=[guardians, staff])

    class Meta:
        ordering = ["-held_on", "-id"]
        indexes = [
            models.Index(fields=["child", "held_on"]),
            models.Index(
                fields=["starts_at"], name="dialogue_planned_start", condition=Q(status="planned")
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(status="held", held_on__isnull=False, recorded_by__isnull=False)
                | (~Q(status="held") & Q(starts_at__isnull=False)),
                name="dialogue_held_is_recorded_planned_has_time",
            )
        ]

    def __str__(self) -> str:
        return f"Dialogmøde {self.day} ({self.child_id})"

    @property
    def day(self) -> date | None:
        """The meeting's Danish day: the day it was held, else the day it is planned for."""
        if self.held_on is not None:
            return self.held_on
        return local_day(self.starts_at) if self.starts_at is not None else None

    @property
    def is_planned(self) -> bool:
        return self.status == DialogueStatus.PLANNED


class PlanStatus(models.TextChoices):
    ACTIVE = "active", _("Aktiv")
    CLOSED = "closed", _("Afsluttet")
    ESCALATED = "escalated", _("Løftet videre")


class UnitPlan(models.Model):
    """The unit's local action plan for a child: goals, actions, a review date.

    `version` is raised on every save so that two people editing the same plan cannot overwrite
    each other (compare-and-set in the services).
    """

    child = models.ForeignKey("people.Child", on_delete=models.PROTECT, related_name="unit_plans")
    unit = models.ForeignKey("people.Unit", on_delete=models.PROTECT, related_name="unit_plans")
    created_on = models.DateField(_("oprettet den"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    goals = models.TextField(_("mål"))
    review_due = models.DateField(_("evalueres senest"), db_index=True)
    status = models.CharField(
        _("status"), max_length=10, choices=PlanStatus.choices, default=PlanStatus.ACTIVE
    )
    ended_on = models.DateField(_("afsluttet den"), null=True, blank=True)
    dialogue_meeting = models.ForeignKey(
        DialogueMeeting, null=True, blank=True, on_delete=models.PROTECT, related_name="plans"
    )
    screening = models.ForeignKey(
        "screening.Screening", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    version = models.PositiveIntegerField(default=1)
    # Raised when what the parents read changes (goals, review date, an action added), not when
    # an action is marked done: their agreement names the edition they answered to.
    content_version = models.PositiveIntegerField(default=1, db_default=1)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-created_on", "-id"]
        indexes = [
            models.Index(fields=["child", "created_on"]),
            models.Index(
                fields=["review_due"], name="unit_plan_active_review", condition=Q(status="active")
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(status="active", ended_on__isnull=True)
                | (~Q(status="active") & Q(ended_on__isnull=False)),
                name="unit_plan_ended_when_not_active",
            )
        ]

    def __str__(self) -> str:
        return f"Handleplan {self.pk} ({self.child_id})"


class PlanAction(models.Model):
    """One agreed action: what, who does it (staff, parents or others), by when."""

    plan = models.ForeignKey(UnitPlan, on_delete=models.PROTECT, related_name="actions")
    description = models.CharField(_("handling"), max_length=500)
    owner = models.CharField(_("ansvarlig"), max_length=200)
    due_on = models.DateField(_("frist"))
    done_on = models.DateField(_("udført den"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["due_on", "id"]
        indexes = [
            models.Index(fields=["due_on"], name="plan_action_open_due", condition=Q(done_on=None))
        ]

    def __str__(self) -> str:
        return f"{self.description} ({self.due_on})"


class ReviewOutcome(models.TextChoices):
    CONTINUE = "continue", _("Planen fortsætter")
    CLOSE = "close", _("Planen afsluttes")
    ESCALATE = "escalate", _("Bekymringen løftes videre")


class PlanReview(models.Model):
    """An evaluation of the plan: what happened, and whether it goes on, ends or is escalated."""

    plan = models.ForeignKey(UnitPlan, on_delete=models.PROTECT, related_name="reviews")
    reviewed_on = models.DateField(_("evalueret den"))
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    note = models.TextField(_("evaluering"))
    outcome = models.CharField(_("resultat"), max_length=10, choices=ReviewOutcome.choices)
    next_review_due = models.DateField(_("næste evaluering senest"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-reviewed_on", "-id"]

    def __str__(self) -> str:
        return f"Evaluering {self.reviewed_on} ({self.plan_id})"


class ParentAnswer(models.TextChoices):
    AGREED = "agreed", _("Enig i planen")
    NOT_AGREED = "not_agreed", _("Ikke enig i planen")


class PlanAgreement(models.Model):
    """A parent's answer to the unit plan as she read it: agreed or not, in her own words.

    `plan_version` is the plan's content_version she answered to; a plan changed since shows the
    answer as one given to an earlier edition. Answers are kept, never changed: a new answer is a
    new row.
    """

    plan = models.ForeignKey(UnitPlan, on_delete=models.PROTECT, related_name="agreements")
    guardian = models.ForeignKey("people.Guardian", on_delete=models.PROTECT, related_name="+")
    plan_version = models.PositiveIntegerField()
    answer = models.CharField(_("svar"), max_length=10, choices=ParentAnswer.choices)
    comment = models.TextField(_("forælderens egne bemærkninger"), blank=True)
    answered_on = models.DateField(_("dato"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-answered_on", "-id"]

    def __str__(self) -> str:
        return f"Svar {self.answered_on} ({self.plan_id})"


class MeetingSeries(models.Model):
    """Recurring cross-disciplinary meetings for a school, a daycare or a district.

    The standing participants (leder, PPR psychologist, health visitor, a social worker from
    intake) are members of every meeting in the series.
    """

    name = models.CharField(_("navn"), max_length=200)
    unit = models.ForeignKey(
        "people.Unit", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    district = models.CharField(_("distrikt"), max_length=100, blank=True)
    standing_members = models.ManyToManyField(
        settings.AUTH_USER_MODEL, related_name="meeting_series", verbose_name=_("faste deltagere")
    )
    interval_weeks = models.PositiveSmallIntegerField(_("mødes hver (uger)"), default=6)
    location = models.CharField(_("sted"), max_length=200, blank=True)
    active = models.BooleanField(_("aktiv"), default=True)
    history = HistoricalRecords(m2m_fields=[standing_members])

    class Meta:
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(unit__isnull=False, district="")
                | Q(unit__isnull=True) & ~Q(district=""),
                name="meeting_series_unit_or_district",
            )
        ]

    def __str__(self) -> str:
        return self.name


class CollaborationMeeting(models.Model):
    """One meeting in a series, with its agenda of children put forward."""

    series = models.ForeignKey(MeetingSeries, on_delete=models.PROTECT, related_name="meetings")
    starts_at = models.DateTimeField(_("tidspunkt"), db_index=True)
    location = models.CharField(_("sted"), max_length=200, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-starts_at"]

    def __str__(self) -> str:
        return f"{self.series} {self.starts_at:%Y-%m-%d}"


class Consent(models.TextChoices):
    GIVEN = "given", _("Forældrene har givet samtykke")
    NOT_GIVEN = "not_given", _("Ingen samtykke: anonym drøftelse")


class MeetingOutcome(models.TextChoices):
    CONTINUE_WITH_PLAN = "continue_with_plan", _("Fortsætter i enheden med en handleplan")
    REFER_PPR = "refer_ppr", _("Henvises til PPR")
    SOCIAL_WORKER_ADVICE = "social_worker_advice", _("Råd fra socialrådgiveren")
    NOTIFICATION = "notification", _("Underretning til visitationen")


class AgendaItem(models.Model):
    """A child put forward at a meeting, or an anonymous consultation without the child's identity.

    Without the parents' consent the child is never stored on the item: `child` is empty and only
    the anonymous description (age, the concern in general terms) is kept.
    """

    meeting = models.ForeignKey(
        CollaborationMeeting, on_delete=models.PROTECT, related_name="agenda_items"
    )
    child = models.ForeignKey(
        "people.Child", null=True, blank=True, on_delete=models.PROTECT, related_name="agenda_items"
    )
    unit = models.ForeignKey("people.Unit", on_delete=models.PROTECT, related_name="+")
    anonymous_description = models.CharField(_("anonym beskrivelse"), max_length=300, blank=True)
    concern = models.TextField(_("det vil vi drøfte"))
    consent = models.CharField(_("samtykke"), max_length=10, choices=Consent.choices)
    parents_invited = models.BooleanField(_("forældrene er inviteret"), default=False)
    put_forward_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    put_forward_at = models.DateTimeField(auto_now_add=True)
    minutes = models.TextField(_("referat"), blank=True)
    minutes_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    minutes_at = models.DateTimeField(null=True, blank=True)
    outcome = models.CharField(
        _("resultat"), max_length=24, choices=MeetingOutcome.choices, blank=True
    )
    notification = models.ForeignKey(
        "intake.Notification", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    version = models.PositiveIntegerField(default=1)
    history = HistoricalRecords()

    class Meta:
        ordering = ["put_forward_at", "id"]
        indexes = [models.Index(fields=["child", "meeting"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(consent="given", child__isnull=False)
                | Q(consent="not_given", child__isnull=True) & ~Q(anonymous_description=""),
                name="agenda_item_identity_needs_consent",
            ),
            models.CheckConstraint(
                condition=Q(notification__isnull=True) | Q(outcome="notification"),
                name="agenda_item_notification_is_outcome",
            ),
        ]

    def __str__(self) -> str:
        return f"Punkt {self.pk} ({self.meeting_id})"
