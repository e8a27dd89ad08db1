from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from sikkerhedsnet.lib.workdays import add_working_days
from sikkerhedsnet.people.models import Unit, UnitKind
from sikkerhedsnet.policy import get_policy

COPENHAGEN = ZoneInfo("Europe/Copenhagen")
TEXT_MAX_CHARS = 20_000


class SourceKind(models.TextChoices):
    SCHOOL = "school", _("Skole")
    DAYCARE = "daycare", _("Dagtilbud")
    HEALTH = "health", _("Sundhedsvæsenet")
    POLICE = "police", _("Politiet")
    SOCIAL_SERVICES = "social_services", _("Kommunens øvrige forvaltninger")
    CITIZEN = "citizen", _("Borger")
    FAMILY = "family", _("Familie eller netværk")
    CHILD = "child", _("Barnet eller den unge selv")
    OTHER = "other", _("Andre")


# Who the notification comes from, by the kind of unit the professional works in. SFO is part
# of the school (folkeskoleloven § 3, stk. 4), so it counts as the school.
SOURCE_BY_UNIT_KIND: dict[str, SourceKind] = {
    UnitKind.SCHOOL: SourceKind.SCHOOL,
    UnitKind.SFO: SourceKind.SCHOOL,
    UnitKind.DAYCARE: SourceKind.DAYCARE,
    UnitKind.HEALTH_VISITING: SourceKind.HEALTH,
    UnitKind.DENTAL: SourceKind.HEALTH,
}


def source_kind_for(unit: Unit | None) -> SourceKind:
    if unit is None:
        return SourceKind.OTHER
    return SOURCE_BY_UNIT_KIND.get(unit.kind, SourceKind.OTHER)


class DutyGround(models.TextChoices):
    """The grounds of the public employee's sharpened duty to notify (Barnets Lov)."""

    NEED_OF_SUPPORT = "need_of_support", _("Barnet kan have behov for særlig støtte")
    EXPECTED_NEWBORN = "expected_newborn", _("Et kommende barn kan få behov for særlig støtte")
    SCHOOL_ABSENCE = "school_absence", _("Ulovligt skolefravær")
    ABUSE = "abuse", _("Overgreb mod barnet")


class Channel(models.TextChoices):
    PROFESSIONAL = "professional", _("Fagperson i Sikkerhedsnet")
    PUBLIC_FORM = "public_form", _("Den offentlige formular")
    PHONE = "phone", _("Telefon")
    LETTER = "letter", _("Brev eller e-mail")
    MEETING = "meeting", _("Tværfagligt møde")
    IMPORT = "import", _("Import")


class Status(models.TextChoices):
    RECEIVED = "received", _("Modtaget")
    # Whether it was within the 24 hours is shown beside it (selectors.status_text), not here.
    ASSESSED = "assessed", _("Vurderet")
    DECIDED = "decided", _("Afgjort")


class Notification(models.Model):
    """An underretning. Its text never changes after submission; corrections are addenda."""

    reference = models.CharField(_("kvitteringsnummer"), max_length=20, unique=True)
    received_at = models.DateTimeField(_("modtaget"), db_index=True)
    channel = models.CharField(_("kanal"), max_length=16, choices=Channel.choices)
    source_kind = models.CharField(_("afsender"), max_length=20, choices=SourceKind.choices)
    is_professional = models.BooleanField(_("fra en fagperson"), default=False)
    duty_ground = models.CharField(
        _("grundlag for underretningspligten"),
        max_length=20,
        choices=DutyGround.choices,
        blank=True,
    )
    urgent = models.BooleanField(_("anmeldt som akut"), default=False)
    text = models.TextField(_("underretningen"), max_length=TEXT_MAX_CHARS)
    # The child, or what the notifier knew of it when the CPR number was unknown.
    child = models.ForeignKey(
        "people.Child", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    child_name_given = models.CharField(_("barnets navn (oplyst)"), max_length=200, blank=True)
    child_address_given = models.CharField(_("adresse (oplyst)"), max_length=300, blank=True)
    # The notifier: a user, a named person, or nobody (anonymous).
    notifier_user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    is_anonymous = models.BooleanField(_("anonym"), default=False)
    notifier_name = models.CharField(_("underretterens navn"), max_length=200, blank=True)
    notifier_organisation = models.CharField(_("arbejdssted"), max_length=200, blank=True)
    notifier_email = models.EmailField(_("e-mail"), blank=True)
    notifier_phone = models.CharField(_("telefon"), max_length=30, blank=True)
    notifier_address = models.CharField(_("adresse"), max_length=300, blank=True)
    submitted_from = models.CharField(max_length=64, blank=True, db_index=True)  # keyed hash
    # Who notified, as one comparable key (user, named person or a one-off anonymous key).
    notifier_key = models.CharField(max_length=120, blank=True)
    # Repeated concern as of this notification's receipt, kept current by the services.
    notifications_in_12_months = models.PositiveSmallIntegerField(default=1)
    notifiers_in_7_days = models.PositiveSmallIntegerField(default=1)
    # Deadlines, stored so that queues and rules find due rows through an index.
    assessment_due_at = models.DateTimeField(db_index=True)
    receipt_due_on = models.DateField(null=True, blank=True, db_index=True)
    receipt_sent_at = models.DateTimeField(_("kvittering sendt"), null=True, blank=True)
    status = models.CharField(
        max_length=10, choices=Status.choices, default=Status.RECEIVED, db_index=True
    )
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    version = models.PositiveIntegerField(default=1)
    history = HistoricalRecords(excluded_fields=["submitted_from"])

    class Meta:
        ordering = ["assessment_due_at"]
        indexes = [
            models.Index(fields=["child", "received_at"]),
            models.Index(
                fields=["assessment_due_at"],
                name="notification_open_due_idx",
                condition=Q(status="received"),
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(is_anonymous=False) | Q(notifier_user__isnull=True),
                name="anonymous_has_no_user",
            )
        ]

    def __str__(self) -> str:
        return self.reference

    @staticmethod
    def assessment_due(received_at: datetime) -> datetime:
        """24 calendar hours after receipt (Barnets Lov): real hours, nights and weekends too.

        Added in UTC: an aware local datetime plus a timedelta moves the wall clock, which is
        an hour off across a change to or from summer time.
        """
        hours = timedelta(hours=get_policy().notification_assessment_hours)
        return received_at.astimezone(UTC) + hours

    @staticmethod
    def receipt_due(received_at: datetime) -> date:
        """The professional notifier's receipt: within 6 working days of the day of receipt."""
        day = received_at.astimezone(COPENHAGEN).date()
        return add_working_days(day, get_policy().notifier_receipt_working_days)

    @property
    def gets_receipt(self) -> bool:
        return self.is_professional and not self.is_anonymous

    def set_deadlines(self) -> None:
        self.assessment_due_at = self.assessment_due(self.received_at)
        self.receipt_due_on = self.receipt_due(self.received_at) if self.gets_receipt else None


class Addendum(models.Model):
    """A correction or addition to a notification; the original text stays as it was."""

    notification = models.ForeignKey(Notification, on_delete=models.PROTECT, related_name="addenda")
    text = models.TextField(_("tilføjelse"), max_length=TEXT_MAX_CHARS)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["added_at"]

    def __str__(self) -> str:
        return f"{self.notification_id} {self.added_at:%Y-%m-%d %H:%M}"


class UrgentAssessment(models.Model):
    """The 24-hour assessment: is the child's health or development in danger; acute help?"""

    notification = models.OneToOneField(
        Notification, on_delete=models.PROTECT, related_name="urgent_assessment"
    )
    danger_to_health_or_development = models.BooleanField(
        _("er barnets sundhed eller udvikling i fare")
    )
    acute_help_needed = models.BooleanField(_("er der behov for akut hjælp"))
    note = models.TextField(_("begrundelse"), max_length=5000)
    assessed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    assessed_at = models.DateTimeField()
    history = HistoricalRecords()

    def __str__(self) -> str:
        return f"{self.notification_id} {self.assessed_at:%Y-%m-%d %H:%M}"


class DecisionKind(models.TextChoices):
    NO_ACTION = "no_action", _("Ingen yderligere handling")
    EARLY_ADVICE = "early_advice", _("Tidlig forebyggende rådgivning")
    SCREENING_INQUIRY = "screening_inquiry", _("Afdækning")
    CHILD_ASSESSMENT = "child_assessment", _("Børnefaglig undersøgelse")
    ACUTE_MEASURE = "acute_measure", _("Akut foranstaltning")


class Decision(models.Model):
    notification = models.OneToOneField(
        Notification, on_delete=models.PROTECT, related_name="decision"
    )
    kind = models.CharField(_("afgørelse"), max_length=20, choices=DecisionKind.choices)
    reason = models.TextField(_("begrundelse"), max_length=5000, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField()
    history = HistoricalRecords()

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=~Q(kind="no_action") | ~Q(reason=""),
                name="no_action_needs_a_reason",
            )
        ]

    def __str__(self) -> str:
        return f"{self.notification_id} {self.kind}"


class NotifierFeedback(models.Model):
    """What the professional notifier was told later: did it lead to an inquiry or a measure."""

    notification = models.ForeignKey(
        Notification, on_delete=models.PROTECT, related_name="feedback"
    )
    outcome = models.CharField(_("udfald"), max_length=20, choices=DecisionKind.choices)
    sent_at = models.DateTimeField()
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    def __str__(self) -> str:
        return f"{self.notification_id} {self.outcome}"


class PatternReview(models.Model):
    """Intake has looked at a child's repeated notifications as a whole."""

    child = models.ForeignKey("people.Child", on_delete=models.PROTECT, related_name="+")
    reviewed_at = models.DateTimeField()
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    note = models.TextField(_("notat"), max_length=5000)

    class Meta:
        indexes = [models.Index(fields=["child", "reviewed_at"])]

    def __str__(self) -> str:
        return f"{self.child_id} {self.reviewed_at:%Y-%m-%d}"
