"""The record of each file that was imported, so its result can be looked at again."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

FILE_NAME_MAX = 255


class ImportRun(models.Model):
    """One file imported in full: who, when, which file, what it counted, and the children and
    units its rows were about (lib.fileformats.Touched).

    It keeps links, not copies: the children's names and CPR numbers stay in people, so a child
    that is deleted leaves the record with it.
    """

    at = models.DateTimeField(_("tidspunkt"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("importeret af"),
    )
    file_name = models.CharField(_("filnavn"), max_length=FILE_NAME_MAX)
    file_format = models.CharField(_("format"), max_length=50)  # FileFormat.name
    rows = models.PositiveIntegerField(_("rækker"))
    counts = models.JSONField(_("antal"), default=dict)
    units = models.ManyToManyField(
        "people.Unit", related_name="+", blank=True, verbose_name=_("enheder")
    )
    children = models.ManyToManyField(
        "people.Child", related_name="+", blank=True, verbose_name=_("børn")
    )

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = _("import")
        verbose_name_plural = _("importer")

    def __str__(self) -> str:
        return f"{self.file_name} ({self.at:%Y-%m-%d %H:%M})"
