"""Forms for a letter that could not be sent: send it again, or record how it went instead."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from sikkerhedsnet.lib.forms import DesignSystemForm


class LetterVersionForm(DesignSystemForm):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)

    def __init__(self, *args: Any, version: int, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {})["version"] = version
        super().__init__(*args, **kwargs)

    @property
    def expected_version(self) -> int:
        return int(self.cleaned_data["version"])


class SentOtherwiseForm(LetterVersionForm):
    note = forms.CharField(
        label=_("Hvordan er brevet sendt?"),
        help_text=_("Fx »Sendt med almindelig post 04.12.2026« eller »Givet til moren på mødet«."),
        max_length=300,
        error_messages={"required": _("Skriv, hvordan brevet er sendt.")},
    )
