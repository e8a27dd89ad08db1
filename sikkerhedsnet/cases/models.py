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


class JournalEntry(models.Model):
    """A dated entry in the case journal. Nothing is edited or deleted: a correction is a new
    entry that names the one it corrects."""

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="journal")
    kind = models.CharField(_("type"), max_length=10, choices=JournalKind.choices)
    occurred_on = models.DateField(_("dato"))
    title = models.CharField(_("overskrift"), max_length=200)
    text = models.TextField(_("tekst"), blank=True)
    written_at = models.DateTimeField(_("skrevet"))
    written_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
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
    letter_pdf = models.BinaryField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["-occurred_on", "-written_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.occurred_on}: {self.title}"
