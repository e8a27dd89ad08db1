"""Forms for the unit plan and the parents: sending it to them, and recording their answer."""

from __future__ import annotations

from datetime import date
from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from sikkerhedsnet.collaboration.forms.meetings import refresh_design_attrs
from sikkerhedsnet.collaboration.forms.plans import TEXT_MAX, TEXTAREA, _date
from sikkerhedsnet.collaboration.models import ParentAnswer, UnitPlan
from sikkerhedsnet.collaboration.services.parents import answered_on_refusal
from sikkerhedsnet.lib.forms import DesignSystemForm
from sikkerhedsnet.people.access import today
from sikkerhedsnet.people.models import Guardian

INVALID_CHOICE = _("Vælg en af mulighederne.")


class SendToParentsForm(DesignSystemForm):
    guardians = forms.ModelMultipleChoiceField(
        queryset=Guardian.objects.none(),
        label=_("Send planen til"),
        help_text=_("Hver forælder med forældremyndighed får sit eget brev i Digital Post."),
        widget=forms.CheckboxSelectMultiple(attrs={"class": "form-checkbox"}),
        error_messages={
            "required": _("Vælg, hvem planen skal sendes til."),
            "invalid_choice": INVALID_CHOICE,
            "invalid_pk_value": INVALID_CHOICE,
        },
    )

    def __init__(self, *args: Any, guardians: QuerySet[Guardian], **kwargs: Any) -> None:
        kwargs.setdefault("initial", {})["guardians"] = [g.pk for g in guardians]
        super().__init__(*args, **kwargs)
        self.fields["guardians"].queryset = guardians  # type: ignore[attr-defined]
        refresh_design_attrs(self)


class PlanAgreementForm(DesignSystemForm):
    conditionally_required = {"comment": _("Skal udfyldes, når forælderen ikke er enig.")}

    guardian = forms.ModelChoiceField(
        queryset=Guardian.objects.none(),
        label=_("Forælder"),
        empty_label=None,
        error_messages={
            "required": _("Vælg, hvilken forælder der har svaret."),
            "invalid_choice": INVALID_CHOICE,
        },
    )
    answer = forms.ChoiceField(
        label=_("Svar"),
        choices=ParentAnswer.choices,
        widget=forms.RadioSelect(attrs={"class": "form-radio"}),
        error_messages={
            "required": _("Vælg, om forælderen er enig i planen."),
            "invalid_choice": INVALID_CHOICE,
        },
    )
    comment = forms.CharField(
        label=_("Forælderens egne bemærkninger"),
        max_length=TEXT_MAX,
        required=False,
        widget=forms.Textarea(attrs=TEXTAREA),
        help_text=_("Skriv med forælderens egne ord."),
        error_messages={"max_length": _("Teksten er for lang (højst %(limit_value)d tegn).")},
    )
    answered_on = _date(_("Dato for svaret"), initial=today)

    def __init__(
        self, *args: Any, plan: UnitPlan, guardians: QuerySet[Guardian], **kwargs: Any
    ) -> None:
        self.plan = plan
        super().__init__(*args, **kwargs)
        self.fields["guardian"].queryset = guardians  # type: ignore[attr-defined]
        refresh_design_attrs(self)
        # A radio group is described on its fieldset (see the template), not per option.
        self.fields["answer"].widget.attrs.pop("aria-describedby", None)

    def clean_answered_on(self) -> date:
        day: date = self.cleaned_data["answered_on"]
        refusal = answered_on_refusal(plan=self.plan, answered_on=day)
        if refusal:
            raise forms.ValidationError(refusal)
        return day

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("answer") == ParentAnswer.NOT_AGREED and not cleaned.get("comment"):
            self.add_error(
                "comment", _("Skriv, hvad forælderen ikke er enig i, med forælderens egne ord.")
            )
        return cleaned
