"""Forms of the concern guide: a professional's assessment, and a new version of the catalogue."""

from __future__ import annotations

import json
from typing import Any

from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from sikkerhedsnet.people.models import Unit
from sikkerhedsnet.screening.forms.health import HealthForm, UnitChoiceMixin, unit_field
from sikkerhedsnet.screening.selectors.guide import AgeBand, Guide, GuideError, Level, guide_errors
from sikkerhedsnet.screening.services.guide import REASON_MAX_LENGTH

GUIDE_MAX_CHARACTERS = 2_000_000


class GuideAssessmentForm(UnitChoiceMixin, HealthForm):
    """Ticked signs, the professional's level and, when it differs from the proposal, why."""

    conditionally_required = {
        "reason": gettext_lazy(
            "Skal udfyldes, hvis du vælger et andet niveau end guidens forslag."
        ),
    }

    def __init__(
        self,
        *args: Any,
        guide: Guide,
        band: AgeBand,
        units: list[Unit],
        offer_position: bool,
        **kwargs: Any,
    ) -> None:
        self.guide, self.band, self.units = guide, band, units
        self.offer_position = offer_position
        super().__init__(*args, **kwargs)

    def adjust_fields(self) -> None:
        guide, band = self.guide, self.band
        if len(self.units) > 1:
            self.fields["unit"] = unit_field(self.units)
        self.fields["signs"] = forms.MultipleChoiceField(
            label=_("Tegn, du har set"),
            choices=[(sign.id, sign.text) for sign in band.signs.values()],
            required=False,
            widget=forms.CheckboxSelectMultiple(attrs={"class": "form-checkbox"}),
            error_messages={"invalid_choice": _("Et markeret tegn findes ikke i guiden.")},
        )
        self.fields["decided_level"] = forms.TypedChoiceField(
            label=_("Din vurdering"),
            help_text=_("Det er dig, der vurderer. Guidens forslag er en hjælp."),
            choices=[(level.number, f"{level.number} – {level.name}") for level in guide.levels],
            coerce=int,
            widget=forms.RadioSelect(attrs={"class": "form-radio"}),
            error_messages={"required": _("Vælg det niveau, du vurderer, at barnet er på.")},
        )
        self.fields["reason"] = forms.CharField(
            label=_("Begrundelse"),
            required=False,
            max_length=REASON_MAX_LENGTH,
            widget=forms.Textarea(attrs={"rows": 4, "class": "form-input"}),
        )
        if self.offer_position:
            self.fields["set_position"] = forms.BooleanField(
                label=_("Brug niveauet som barnets trivselsposition i runden"),
                help_text=_("Niveau 1 bliver grøn, niveau 2 gul, niveau 3 og 4 rød."),
                required=False,
            )
            self.fields["position_version"] = forms.IntegerField(
                required=False, widget=forms.HiddenInput
            )
        self.fields["guide_version"] = forms.CharField(widget=forms.HiddenInput)

    def ticked(self) -> list[str]:
        """The ticked signs that belong to the band, also before (or without) validation."""
        if self.is_bound:
            raw = self.data.getlist("signs") if hasattr(self.data, "getlist") else []
        else:
            raw = list(self.initial.get("signs", []))
        known = self.band.signs
        return [sign_id for sign_id in dict.fromkeys(raw) if sign_id in known]

    def proposal(self) -> Level:
        return self.guide.propose(self.band, self.ticked())

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        level = cleaned.get("decided_level")
        proposed = self.proposal()
        if level is not None and level != proposed.number and not cleaned.get("reason", "").strip():
            self.add_error(
                "reason",
                _(
                    "Skriv kort, hvorfor du vælger niveau %(level)d, "
                    "når guiden foreslår niveau %(proposed)d (%(name)s)."
                )
                % {"level": level, "proposed": proposed.number, "name": proposed.name},
            )
        return cleaned


class GuideUploadForm(HealthForm):
    """A new version of the guide, pasted or as a file; either way its text is kept on errors."""

    content = forms.CharField(
        label=gettext_lazy("Guiden som JSON"),
        help_text=gettext_lazy(
            "Ret teksten herunder, eller vælg en fil. Guiden kontrolleres, før den gemmes."
        ),
        required=False,
        max_length=GUIDE_MAX_CHARACTERS,
        widget=forms.Textarea(attrs={"rows": 24, "class": "form-input guide-json"}),
    )
    file = forms.FileField(
        label=gettext_lazy("Eller vælg en fil"),
        help_text=gettext_lazy("En .json-fil i UTF-8. Filen bruges i stedet for teksten."),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": ".json,application/json"}),
    )
    note = forms.CharField(
        label=gettext_lazy("Bemærkning"),
        help_text=gettext_lazy("Hvad er ændret? Vises i listen over versioner."),
        required=False,
        max_length=200,
    )
    based_on = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        # Set before Django's __init__: DesignSystemForm validates a bound form while styling it.
        self.text: str | None = None  # what was submitted, to show again if it is refused
        self.problems: list[GuideError] = []  # each with its Danish path
        super().__init__(*args, **kwargs)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        upload: UploadedFile | None = cleaned.get("file")
        text = cleaned.get("content", "")
        if upload is not None:
            raw = upload.read(GUIDE_MAX_CHARACTERS + 1)
            try:
                text = raw.decode("utf-8-sig")
            except UnicodeDecodeError:
                self.add_error("file", _("Filen skal være gemt som UTF-8."))
                return cleaned
        self.text = text
        if not text.strip():
            self.add_error("content", _("Indsæt guiden som JSON, eller vælg en fil."))
            return cleaned
        if len(text) > GUIDE_MAX_CHARACTERS:
            self.add_error("content", _("Guiden er for stor."))
            return cleaned
        try:
            document = json.loads(text)
        except json.JSONDecodeError as error:
            self.add_error(
                "content",
                _("Teksten er ikke gyldig JSON: fejl i linje %(line)d, kolonne %(column)d.")
                % {"line": error.lineno, "column": error.colno},
            )
            return cleaned
        except RecursionError:  # thousands of nested brackets: not a guide, and not our crash
            self.add_error("content", _("Teksten er ikke en guide: den er indlejret for dybt."))
            return cleaned
        try:
            self.problems = guide_errors(document)
        except RecursionError:
            self.add_error("content", _("Teksten er ikke en guide: den er indlejret for dybt."))
            return cleaned
        if self.problems:
            self.add_error("content", _("Guiden har fejl. Se listen over fejl øverst på siden."))
        cleaned["document"] = document
        return cleaned

    @property
    def based_on_id(self) -> int | None:
        value = self.cleaned_data.get("based_on", "")
        return int(value) if value.isdigit() else None
