from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class CaseStatus(models.TextChoices):
    OPEN = "open", _("Åben")
    CLOSED = "closed", _("Lukket")


class Case(models.Model):
    """One child's case in the family department, from the decision that opened it.

    Opened by intake's decision on a notification (a full child assessment); the case area adds
    the caseworker, the assessment and the plan.
    """

    child = models.ForeignKey("people.Child", on_delete=models.PROTECT, related_name="cases")
    opened_on = models.DateField(_("oprettet den"))
    became_aware_on = models.DateField(_("kommunen blev opmærksom den"))
    source_notification = models.ForeignKey(
        "intake.Notification",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="cases",
    )
    caseworker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="cases",
    )
    status = models.CharField(max_length=10, choices=CaseStatus.choices, default=CaseStatus.OPEN)
    history = HistoricalRecords()

    class Meta:
        indexes = [models.Index(fields=["status", "caseworker"])]

    def __str__(self) -> str:
        return f"Sag {self.pk} ({self.child_id})"
