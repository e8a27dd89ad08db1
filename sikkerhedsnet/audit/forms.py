from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from sikkerhedsnet.lib.forms import CprField, DanishDateField, DesignSystemForm


class AccessLogSearchForm(DesignSystemForm):
    cpr = CprField(required=False, label=_("Barnets CPR-nummer"))
    username = forms.CharField(required=False, max_length=150, label=_("Brugernavn"))
    date_from = DanishDateField(required=False, label=_("Fra dato"), help_text=_("DD.MM.ÅÅÅÅ"))
    date_to = DanishDateField(required=False, label=_("Til og med dato"), help_text=_("DD.MM.ÅÅÅÅ"))

    def clean(self) -> dict[str, object]:
        data = super().clean() or {}
        start, end = data.get("date_from"), data.get("date_to")
        if start and end and start > end:
            raise forms.ValidationError(_("Fra-datoen ligger efter til-datoen."))
        return data
