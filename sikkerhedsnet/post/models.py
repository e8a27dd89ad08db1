"""Outgoing letters: every letter the municipality sends, as it was sent, and how it went.

One mechanism for every area: a letter is rendered to PDF and stored in the same transaction as
the change that made it, the owning area journalises it, and after commit a task hands it to the
delivery channel (a setting: the demo writes Digital Post messages in the MeMo format to an
outbox folder; a deployment plugs in its Digital Post provider). A letter is sent when the
channel has taken it; a failed delivery is a task for the letter's owner (post/worklist.py).
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from sikkerhedsnet.lib.errors import Conflict, Refused


class LetterStatus(models.TextChoices):
    QUEUED = "queued", _("Afventer afsendelse")
    SENT = "sent", _("Sendt")
    FAILED = "failed", _("Kunne ikke sendes")
    SENT_OTHERWISE = "sent_otherwise", _("Sendt på anden måde")


class RecipientIdType(models.TextChoices):
    """How Digital Post finds the recipient's mailbox (MeMo's idType)."""

    CPR = "CPR", _("CPR-nummer")
    CVR = "CVR", _("CVR-nummer")
    NONE = "", _("Ingen Digital Post-adresse")


class LetterQuerySet(models.QuerySet["Letter"]):
    def for_subject(self, subject: models.Model) -> LetterQuerySet:
        """The letters of one object (a meeting, a notification, a case), newest first."""
        return self.filter(subject_type=subject._meta.label_lower, subject_id=subject.pk).order_by(
            "-created_at", "-pk"
        )

    def undelivered(self) -> LetterQuerySet:
        return self.filter(status=LetterStatus.FAILED)


class Letter(models.Model):
    """One letter to one recipient. Its PDF never changes; a new letter is a new row."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    kind = models.CharField(
        _("brevtype"), max_length=60
    )  # "<area>.<what>": collaboration.invitation
    title = models.CharField(_("overskrift"), max_length=200)
    child = models.ForeignKey(
        "people.Child", null=True, blank=True, on_delete=models.PROTECT, related_name="letters"
    )
    # The object the letter belongs to, as the audit trail names its subjects.
    subject_type = models.CharField(max_length=100)
    subject_id = models.PositiveBigIntegerField()
    recipient_name = models.CharField(_("modtager"), max_length=200)
    recipient_address = models.CharField(_("adresse"), max_length=300, blank=True)
    recipient_id_type = models.CharField(
        max_length=3, choices=RecipientIdType.choices, blank=True, default=RecipientIdType.NONE
    )
    recipient_id = models.CharField(max_length=10, blank=True)
    recipient_attention = models.CharField(_("att."), max_length=200, blank=True)
    filename = models.CharField(max_length=120)
    pdf = models.BinaryField(editable=False)
    created_at = models.DateTimeField(_("dannet"), db_index=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="letters_written"
    )
    status = models.CharField(
        _("status"), max_length=16, choices=LetterStatus.choices, default=LetterStatus.QUEUED
    )
    channel = models.CharField(_("kanal"), max_length=60, blank=True)
    channel_reference = models.CharField(max_length=200, blank=True)
    sent_at = models.DateTimeField(_("sendt"), null=True, blank=True)
    failure = models.CharField(_("fejl"), max_length=500, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    sent_otherwise_note = models.CharField(_("sendt sådan"), max_length=300, blank=True)
    version = models.PositiveIntegerField(default=1)

    objects = LetterQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("brev")
        verbose_name_plural = _("breve")
        indexes = [
            models.Index(fields=["subject_type", "subject_id"]),
            models.Index(
                fields=["created_by"], name="letter_failed_idx", condition=Q(status="failed")
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} til {self.recipient_name}"

    @property
    def has_digital_address(self) -> bool:
        return bool(self.recipient_id_type and self.recipient_id)

    @property
    def is_delivered(self) -> bool:
        return self.status in (LetterStatus.SENT, LetterStatus.SENT_OTHERWISE)


class LetterRefused(Refused):
    """The change does not fit the letter; the message is shown as it is."""


class LetterConflict(Conflict):
    current: Letter
