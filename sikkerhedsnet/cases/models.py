from __future__ import annotations

from datetime import date

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from sikkerhedsnet.lib.dates import add_months
from sikkerhedsnet.lib.errors import Conflict, Refused
from sikkerhedsnet.policy import get_policy


class CaseStatus(models.TextChoices):
    OPEN = "open", _("Åben")
    CLOSED = "closed", _("Lukket")


class Case(models.Model):
    """One child's case in the family department, from the decision that opened it.

    Opened by intake's decision on a notification (a full child assessment) or directly by a
    faglig leder. One responsible caseworker at a time; `CaseAssignment` keeps who had it when.
    `version` moves on with every change, so two leaders assigning at once never silently
    overwrite each other (compare-and-set in services).
    """

    child = models.ForeignKey("people.Child", on_delete=models.PROTECT, related_name="cases")
    opened_on = models.DateField(_("oprettet den"))
    became_aware_on = models.DateField(_("kommunen blev opmærksom den"))
    # Stored when the case opens, so that rules and lists find overdue cases through an index.
    assessment_due_on = models.DateField(_("undersøgelsen skal være færdig"), db_index=True)
    source_notification = models.ForeignKey(
        "intake.Notification",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="cases",
    )
    team = models.ForeignKey(
        "people.Unit",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="cases",
        verbose_name=_("team"),
    )
    caseworker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="cases",
    )
    status = models.CharField(max_length=10, choices=CaseStatus.choices, default=CaseStatus.OPEN)
    version = models.PositiveIntegerField(default=1)
    history = HistoricalRecords()

    class Meta:
        indexes = [
            models.Index(fields=["status", "caseworker"]),
            models.Index(fields=["team", "status"]),
        ]

    def __str__(self) -> str:
        return f"Sag {self.pk} ({self.child_id})"

    @property
    def is_open(self) -> bool:
        return self.status == CaseStatus.OPEN

    @staticmethod
    def assessment_due(became_aware_on: date) -> date:
        """The last day for the child assessment: months (policy) from when the municipality
        knew. Stored in `assessment_due_on` when the case opens."""
        return add_months(became_aware_on, get_policy().child_assessment_months)


# The caseload cap, compared one way: a caseworker may reach the cap, but more open cases than
# the cap is over it. The assignment service, the team's loads and the worklist rule ask here.


def caseload_cap() -> int:
    return get_policy().caseload_cap


def over_cap(open_cases: int) -> bool:
    return open_cases > caseload_cap()


def over_cap_filter(count: str) -> Q:
    """The same comparison on a count annotated as `count`, for a queryset."""
    return Q(**{f"{count}__gt": caseload_cap()})


# A case nobody answers for: no caseworker, or one whose login the administrator has deactivated
# (she has left). Both are on "sager uden rådgiver" and the safety net's rule, so a leaver's
# cases never go quiet.
WITHOUT_ACTIVE_CASEWORKER = Q(caseworker__isnull=True) | Q(caseworker__is_active=False)


class CaseRefused(Refused):
    """The change does not fit the case or the user; the message is shown as it is."""


class CaseConflict(Conflict):
    """A colleague changed the case after the page showed the version the change carried."""

    current: Case


class CaseAssignment(models.Model):
    """One caseworker's time on a case: from, to (open while she has it), why, and by whom.

    `over_cap_reason` is the faglig leder's written reason when the assignment took the
    caseworker over the caseload cap.
    """

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="assignments")
    caseworker = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="case_assignments"
    )
    since = models.DateTimeField(_("fra"))
    until = models.DateTimeField(_("til"), null=True, blank=True)
    reason = models.CharField(_("begrundelse"), max_length=500, blank=True)
    over_cap_reason = models.CharField(
        _("begrundelse for at gå over loftet"), max_length=500, blank=True
    )
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["since", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["case"],
                condition=Q(until__isnull=True),
                name="case_assignment_one_open_per_case",
            )
        ]

    def __str__(self) -> str:
        return f"{self.caseworker} på {self.case}"


class JournalKind(models.TextChoices):
    NOTE = "note", _("Notat")
    MEETING = "meeting", _("Møde")
    PHONE = "phone", _("Telefonsamtale")
    LETTER = "letter", _("Brev")
    EVENT = "event", _("Hændelse")


# What the caseworker writes herself (a letter is made from a template, an event by the system).
MANUAL_KINDS = (JournalKind.NOTE, JournalKind.MEETING, JournalKind.PHONE)


class JournalEntry(models.Model):
    """A dated entry in the case journal. Nothing is edited or deleted: a correction is a new
    entry that names the one it corrects.

    An entry of kind EVENT is written by the system for something that happened in the case
    (the notification, the assessment begun and concluded, decisions, measures started and
    ended, follow-ups, supervision visits, letters sent, a new caseworker), in the service that
    made it happen (cases.services.journal.journal_event_record). It names its `event`
    ("measures.measure_decided") and the object it came from (`source_type`, the model's
    label, and `source_id`), so the page links back and one source is journalised once. The
    law's duty to record and journalise (offentlighedsloven §§ 13 and 15) then holds without
    the caseworker copying each step by hand.
    """

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="journal")
    kind = models.CharField(_("type"), max_length=10, choices=JournalKind.choices)
    occurred_on = models.DateField(_("dato"))
    title = models.CharField(_("overskrift"), max_length=200)
    text = models.TextField(_("tekst"), blank=True)
    # When the event happened, if its time of day is known (a notification's receipt).
    occurred_at = models.DateTimeField(_("tidspunkt"), null=True, blank=True)
    written_at = models.DateTimeField(_("skrevet"))
    # Empty only for an event the system itself set off (a waiting list starting a measure).
    written_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    corrects = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="corrections",
        verbose_name=_("retter"),
    )
    letter_template = models.CharField(max_length=40, blank=True)
    # Letters written before the outgoing-letter mechanism kept their PDF here; a letter now is
    # a post.Letter (its PDF, recipient and delivery), named by `letter`.
    letter_pdf = models.BinaryField(null=True, blank=True, editable=False)
    letter = models.ForeignKey(
        "post.Letter", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    event = models.CharField(_("hændelse"), max_length=60, blank=True)
    source_type = models.CharField(max_length=100, blank=True)
    source_id = models.PositiveBigIntegerField(null=True, blank=True)

    class Meta:
        ordering = ["-occurred_on", "-written_at", "-pk"]
        indexes = [models.Index(fields=["case", "kind"], name="journal_case_kind")]
        constraints = [
            models.CheckConstraint(
                condition=(Q(kind="event") & ~Q(event=""))
                | (~Q(kind="event") & Q(event="", source_type="", source_id__isnull=True)),
                name="journal_event_has_its_code",
            ),
            models.UniqueConstraint(
                fields=["case", "event", "source_type", "source_id"],
                condition=Q(source_id__isnull=False),
                name="journal_event_once_per_source",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.occurred_on}: {self.title}"

    @property
    def is_automatic(self) -> bool:
        return self.kind == JournalKind.EVENT

    @property
    def has_letter(self) -> bool:
        return self.letter_id is not None or bool(self.letter_template)
