"""Forms for ADBB and the parents' consent, and what the health forms share: input checks, in
Danish. The concern guide's forms are in forms/guide.py."""

from __future__ import annotations

from datetime import date
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from sikkerhedsnet.lib.forms import DanishDateField, DesignSystemForm, FieldsAdjustedForm
from sikkerhedsnet.people.models import Child, Guardian, Unit
from sikkerhedsnet.screening.adbb_scale import ADBB_ITEMS, SCORE_LABELS, adbb_age_error
from sikkerhedsnet.screening.models import SharingConsent
from sikkerhedsnet.screening.services.adbb import NOTE_MAX_LENGTH

DATE_HINT = gettext_lazy("DD.MM.ÅÅÅÅ")
GROUPED_WIDGETS = (forms.RadioSelect, forms.CheckboxSelectMultiple)


class HealthForm(DesignSystemForm, FieldsAdjustedForm):
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


def not_in_future(day: date) -> date:
    if day > timezone.localdate():
        raise forms.ValidationError(_("Datoen må ikke ligge i fremtiden."))
    return day


def date_field(label: str, **kwargs: Any) -> DanishDateField:
    return DanishDateField(
        label=label,
        help_text=DATE_HINT,
        initial=timezone.localdate,
        error_messages={"required": _("Skriv datoen.")},
        widget=forms.DateInput(format="%d.%m.%Y", attrs={"class": "form-input input-width-s"}),
        **kwargs,
    )


def unit_field(units: list[Unit]) -> forms.ModelChoiceField[Unit]:
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

    def adjust_fields(self) -> None:
        if len(self.units) > 1:
            self.fields["unit"] = unit_field(self.units)
        self.fields["screened_on"] = date_field(_("Besøgsdato"))
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
        day = not_in_future(self.cleaned_data["screened_on"])
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

    def adjust_fields(self) -> None:
        self.fields["visited_on"] = date_field(_("Dato for det opfølgende besøg"))
        self.fields["note"] = forms.CharField(
            label=_("Notat"),
            help_text=_("Fx hvad du så, og hvad du aftalte med forældrene."),
            required=False,
            max_length=NOTE_MAX_LENGTH,
            widget=forms.Textarea(attrs={"rows": 5, "class": "form-input"}),
        )

    def clean_visited_on(self) -> date:
        day = not_in_future(self.cleaned_data["visited_on"])
        if day < self.screened_on:
            raise forms.ValidationError(
                _("Det opfølgende besøg kan ikke ligge før scoringen den %(date)s.")
                % {"date": self.screened_on.strftime("%d.%m.%Y")}
            )
        return day


# Consent ------------------------------------------------------------------------------------


class ConsentForm(HealthForm):
    def __init__(self, *args: Any, guardians: list[Guardian], **kwargs: Any) -> None:
        self.guardians = guardians
        super().__init__(*args, **kwargs)

    def adjust_fields(self) -> None:
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
        self.fields["given_on"] = date_field(_("Givet den"))

    def clean_given_on(self) -> date:
        return not_in_future(self.cleaned_data["given_on"])


class ConsentWithdrawForm(HealthForm):
    consent = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args: Any, open_consent: SharingConsent, **kwargs: Any) -> None:
        self.open_consent = open_consent
        super().__init__(*args, **kwargs)
        self.initial.setdefault("consent", open_consent.pk)

    def adjust_fields(self) -> None:
        self.fields["withdrawn_on"] = date_field(_("Trukket tilbage den"))

    def clean_withdrawn_on(self) -> date:
        day = not_in_future(self.cleaned_data["withdrawn_on"])
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
