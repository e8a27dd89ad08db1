"""Forms for ADBB, the concern guide and the parents' consent: input checks, in Danish."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from sikkerhedsnet.lib.forms import DanishDateField, DesignSystemForm
from sikkerhedsnet.people.models import Child, Guardian, Unit
from sikkerhedsnet.screening.guide import AgeBand, Guide, GuideError, Level, guide_errors
from sikkerhedsnet.screening.models import SharingConsent
from sikkerhedsnet.screening.services.adbb import (
    ADBB_ITEMS,
    NOTE_MAX_LENGTH,
    SCORE_LABELS,
    adbb_age_error,
)
from sikkerhedsnet.screening.services.guide import REASON_MAX_LENGTH

DATE_HINT = gettext_lazy("DD.MM.ÅÅÅÅ")
GROUPED_WIDGETS = (forms.RadioSelect, forms.CheckboxSelectMultiple)
GUIDE_MAX_CHARACTERS = 2_000_000


class _DynamicFields(forms.Form):
    """Runs `add_fields` right after Django builds the fields, before DesignSystemForm styles
    them (it comes first in HealthForm's MRO), so fields made per request are styled too."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.add_fields()

    def add_fields(self) -> None:
        """Add the fields that depend on the child, the unit or the guide."""


class HealthForm(DesignSystemForm, _DynamicFields):
    """A radio or checkbox group is described on its fieldset, not on every option."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if isinstance(field.widget, GROUPED_WIDGETS):
                field.widget.attrs.pop("aria-describedby", None)

    def described_by(self, name: str) -> str:
        """The ids a group's fieldset points at (hint and error), as DesignSystemForm names them."""
        ids = []
        if self.fields[name].help_text:
            ids.append(f"id_{name}-hint")
        if self.is_bound and name in self.errors:
            ids.append(f"id_{name}-error")
        return " ".join(ids)


def _not_in_future(day: date) -> date:
    if day > timezone.localdate():
        raise forms.ValidationError(_("Datoen må ikke ligge i fremtiden."))
    return day


def _date_field(label: str, **kwargs: Any) -> DanishDateField:
    return DanishDateField(
        label=label,
        help_text=DATE_HINT,
        initial=timezone.localdate,
        error_messages={"required": _("Skriv datoen.")},
        widget=forms.DateInput(format="%d.%m.%Y", attrs={"class": "form-input input-width-s"}),
        **kwargs,
    )


def _unit_field(units: list[Unit]) -> forms.ModelChoiceField[Unit]:
    return forms.ModelChoiceField(
        queryset=Unit.objects.filter(pk__in=[unit.pk for unit in units]).order_by("name"),
        label=_("Enhed"),
        empty_label=None,
        error_messages={"invalid_choice": _("Vælg en af dine enheder.")},
    )


class UnitChoiceMixin:
    """Staff of several units where the child is enrolled choose one; others do not see it."""

    units: list[Unit]
    cleaned_data: dict[str, Any]

    @property
    def chosen_unit(self) -> Unit:
        chosen: Unit | None = self.cleaned_data.get("unit")
        return chosen if chosen is not None else self.units[0]


# ADBB -----------------------------------------------------------------------------------------


class AdbbForm(UnitChoiceMixin, HealthForm):
    def __init__(self, *args: Any, child: Child, units: list[Unit], **kwargs: Any) -> None:
        self.child, self.units = child, units
        super().__init__(*args, **kwargs)

    def add_fields(self) -> None:
        if len(self.units) > 1:
            self.fields["unit"] = _unit_field(self.units)
        self.fields["screened_on"] = _date_field(_("Besøgsdato"))
        for item in ADBB_ITEMS:
            self.fields[f"item_{item.code}"] = forms.TypedChoiceField(
                label=item.label,
                help_text=item.hint,
                choices=list(enumerate(SCORE_LABELS)),
                coerce=int,
                widget=forms.RadioSelect(attrs={"class": "form-radio"}),
                error_messages={
                    "required": _("Vælg en score for %(item)s.") % {"item": item.label},
                },
            )
        self.order_fields(["unit", "screened_on"])

    @property
    def item_fields(self) -> list[forms.BoundField]:
        return [self[f"item_{item.code}"] for item in ADBB_ITEMS]

    def clean_screened_on(self) -> date:
        day = _not_in_future(self.cleaned_data["screened_on"])
        error = adbb_age_error(child=self.child, screened_on=day)
        if error:
            raise forms.ValidationError(error)
        return day

    @property
    def scores(self) -> list[int]:
        return [self.cleaned_data[f"item_{item.code}"] for item in ADBB_ITEMS]


class AdbbFollowUpForm(HealthForm):
    def __init__(self, *args: Any, screened_on: date, **kwargs: Any) -> None:
        self.screened_on = screened_on
        super().__init__(*args, **kwargs)

    def add_fields(self) -> None:
        self.fields["visited_on"] = _date_field(_("Dato for det opfølgende besøg"))
        self.fields["note"] = forms.CharField(
            label=_("Notat"),
            help_text=_("Fx hvad du så, og hvad du aftalte med forældrene."),
            required=False,
            max_length=NOTE_MAX_LENGTH,
            widget=forms.Textarea(attrs={"rows": 5, "class": "form-input"}),
        )

    def clean_visited_on(self) -> date:
        day = _not_in_future(self.cleaned_data["visited_on"])
        if day < self.screened_on:
            raise forms.ValidationError(
                _("Det opfølgende besøg kan ikke ligge før scoringen den %(date)s.")
                % {"date": self.screened_on.strftime("%d.%m.%Y")}
            )
        return day


# The concern guide --------------------------------------------------------------------------


class GuideAssessmentForm(UnitChoiceMixin, HealthForm):
    """Ticked signs, the professional's level and, when it differs from the proposal, why."""

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

    def add_fields(self) -> None:
        guide, band = self.guide, self.band
        if len(self.units) > 1:
            self.fields["unit"] = _unit_field(self.units)
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
            help_text=_("Skal udfyldes, hvis du vælger et andet niveau end guidens forslag."),
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


# Consent ------------------------------------------------------------------------------------


class ConsentForm(HealthForm):
    def __init__(self, *args: Any, guardians: list[Guardian], **kwargs: Any) -> None:
        self.guardians = guardians
        super().__init__(*args, **kwargs)

    def add_fields(self) -> None:
        self.fields["guardian"] = forms.ModelChoiceField(
            queryset=Guardian.objects.filter(pk__in=[g.pk for g in self.guardians]).order_by(
                "first_name"
            ),
            label=_("Givet af"),
            help_text=_("En forælder med forældremyndighed."),
            empty_label=_("Vælg forælder"),
            error_messages={
                "required": _("Vælg den forælder, der gav samtykket."),
                "invalid_choice": _("Vælg en forælder med forældremyndighed."),
            },
        )
        self.fields["given_on"] = _date_field(_("Givet den"))

    def clean_given_on(self) -> date:
        return _not_in_future(self.cleaned_data["given_on"])


class ConsentWithdrawForm(HealthForm):
    consent = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args: Any, open_consent: SharingConsent, **kwargs: Any) -> None:
        self.open_consent = open_consent
        super().__init__(*args, **kwargs)
        self.initial.setdefault("consent", open_consent.pk)

    def add_fields(self) -> None:
        self.fields["withdrawn_on"] = _date_field(_("Trukket tilbage den"))

    def clean_withdrawn_on(self) -> date:
        day = _not_in_future(self.cleaned_data["withdrawn_on"])
        if day < self.open_consent.given_on:
            raise forms.ValidationError(
                _("Datoen kan ikke ligge før samtykket blev givet (%(date)s).")
                % {"date": self.open_consent.given_on.strftime("%d.%m.%Y")}
            )
        return day

    def clean_consent(self) -> int:
        consent_id: int = self.cleaned_data["consent"]
        if consent_id != self.open_consent.pk:
            raise forms.ValidationError(_("Samtykket er ændret, mens du havde siden åben."))
        return consent_id
