from django.conf import settings
from django.db import models
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
