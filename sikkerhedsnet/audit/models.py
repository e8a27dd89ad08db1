from django.conf import settings
from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _


class AccessLog(models.Model):
    """One read of a child's record (or of a unit's list of children): who, when, what, why."""

    at = models.DateTimeField(_("tidspunkt"), auto_now_add=True, db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("bruger"),
    )
    child = models.ForeignKey(
        "people.Child",
        null=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("barn"),
    )
    unit = models.ForeignKey(
        "people.Unit",
        null=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("enhed"),
    )
    shown = models.CharField(_("hvad blev vist"), max_length=100)
    basis = models.CharField(_("grundlag for adgang"), max_length=200)
    channel = models.CharField(_("kanal"), max_length=10, default="web")
    # What was shown and why, as codes (the Danish msgid of the built-in text, with its values),
    # so the log is read in the reader's language (audit/services.py). Empty: a text that is no
    # message of the system's own (a name, an older row); it is shown as written.
    shown_code = models.CharField(max_length=200, blank=True, default="")
    shown_params = models.JSONField(default=dict, blank=True)
    basis_code = models.CharField(max_length=300, blank=True, default="")
    basis_params = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["-at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(child__isnull=False) | models.Q(unit__isnull=False),
                name="accesslog_names_child_or_unit",
            )
        ]
        indexes = [
            models.Index(fields=["child", "at"]),
            models.Index(fields=["user", "at"]),
        ]
        verbose_name = _("opslag")
        verbose_name_plural = _("adgangslog")

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.user_id} {self.shown}"

    @property
    def shown_text(self) -> str:
        """What was shown, in the reader's language when it is one of the system's own texts."""
        return coded_text(self.shown_code, self.shown_params, self.shown)

    @property
    def basis_text(self) -> str:
        """The basis for access, in the reader's language when it is one of the system's texts."""
        return coded_text(self.basis_code, self.basis_params, self.basis)


def coded_text(code: str, params: dict[str, object], written: str) -> str:
    """The translation of `code` with its values; the text as written when there is no code or
    the translation does not take the values (a catalogue error must not hide a log entry)."""
    if not code:
        return written
    text = gettext(code)
    if not params:
        return text
    try:
        return text % params
    except (KeyError, TypeError, ValueError):
        return written


class AuditEvent(models.Model):
    """A change made through a service, written in the same transaction as the change."""

    at = models.DateTimeField(auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    event_type = models.CharField(max_length=64, db_index=True)
    subject_type = models.CharField(max_length=64)
    subject_id = models.BigIntegerField(null=True)
    extra = models.JSONField(default=dict)

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["subject_type", "subject_id"])]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.event_type}"
