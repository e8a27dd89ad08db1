"""Forms for dialogue meetings and unit plans: input checks with Danish messages.

The date rules are the services' own (review_due_refusal, action_due_refusal, review_refusal),
asked here too so the message appears at the field instead of above the form.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from django import forms
from django.utils.translation import gettext_lazy as _

from sikkerhedsnet.collaboration.models import ReviewOutcome, UnitPlan
from sikkerhedsnet.collaboration.services.dialogue import held_on_refusal
from sikkerhedsnet.collaboration.services.plans import (
    action_due_refusal,
    default_review_due,
    review_due_refusal,
    review_refusal,
)
from sikkerhedsnet.lib.forms import DanishDateField, DesignSystemForm
from sikkerhedsnet.people.access import today
from sikkerhedsnet.people.models import Child, Unit

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

TEXT_MAX = 5000
TEXTAREA = {"rows": "4", "class": "form-input"}


def _text(label: StrOrPromise, required: StrOrPromise, **kwargs: Any) -> forms.CharField:
    return forms.CharField(
        label=label,
        max_length=TEXT_MAX,
        widget=forms.Textarea(attrs=TEXTAREA),
        error_messages={
            "required": required,
            "max_length": _("Teksten er for lang (højst %(limit_value)d tegn)."),
        },
        **kwargs,
    )


def _line(
    label: StrOrPromise, required: StrOrPromise, max_length: int, **kwargs: Any
) -> forms.CharField:
    return forms.CharField(
        label=label,
        max_length=max_length,
        error_messages={
            "required": required,
            "max_length": _("Teksten er for lang (højst %(limit_value)d tegn)."),
        },
        **kwargs,
    )


def _date(label: StrOrPromise, *, required: bool = True, **kwargs: Any) -> DanishDateField:
    return DanishDateField(
        label=label,
        required=required,
        help_text=_("DD.MM.ÅÅÅÅ"),
        error_messages={"required": _("Skriv datoen.")},
        widget=forms.DateInput(format="%d.%m.%Y", attrs={"class": "form-input input-width-s"}),
        **kwargs,
    )


class _AddUnit(forms.Form):
    """Adds the unit choice right after Django builds the fields, before DesignSystemForm styles
    them and looks at the errors (it comes first in UnitChoiceForm's MRO)."""

    units: list[Unit]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if len(self.units) > 1:
            self.fields["unit"] = forms.ModelChoiceField(
                queryset=Unit.objects.filter(pk__in=[unit.pk for unit in self.units]).order_by(
                    "name"
                ),
                label=_("Enhed"),
                empty_label=None,
                error_messages={"invalid_choice": _("Vælg en af dine enheder.")},
            )
            self.order_fields(["unit"])


class UnitChoiceForm(DesignSystemForm, _AddUnit):
    """Staff of several units where the child is enrolled choose one; others are not asked."""

    def __init__(self, *args: Any, units: list[Unit], **kwargs: Any) -> None:
        self.units = units
        super().__init__(*args, **kwargs)

    @property
    def chosen_unit(self) -> Unit:
        chosen: Unit | None = self.cleaned_data.get("unit")
        return chosen if chosen is not None else self.units[0]


class DialogueMeetingForm(UnitChoiceForm):
    held_on = _date(_("Dato for mødet"), initial=today)
    participants = _line(
        _("Deltagere"),
        _("Skriv, hvem der deltog i mødet."),
        max_length=500,
        help_text=_("Fx mor, far, pædagog Lene og leder Alice."),
    )
    staff_view = _text(_("Det ser personalet"), _("Skriv, hvad personalet ser hos barnet."))
    parents_view = _text(
        _("Det ser og ønsker forældrene"), _("Skriv, hvad forældrene ser og ønsker.")
    )
    agreed = _text(_("Det aftalte vi"), _("Skriv, hvad I aftalte med forældrene."))

    def __init__(self, *args: Any, child: Child, **kwargs: Any) -> None:
        self.child = child
        super().__init__(*args, **kwargs)

    def clean_held_on(self) -> date:
        day: date = self.cleaned_data["held_on"]
        refusal = held_on_refusal(child=self.child, held_on=day)
        if refusal:
            raise forms.ValidationError(refusal)
        return day


class PlanFields(DesignSystemForm):
    goals = _text(
        _("Mål"),
        _("Skriv planens mål med almindelige ord."),
        help_text=_("Hvad skal være anderledes for barnet, når planen er lykkedes?"),
    )
    review_due = _date(_("Evalueres senest"))
    start: date

    def clean_goals(self) -> str:
        goals = str(self.cleaned_data["goals"]).strip()
        if not goals:
            raise forms.ValidationError(_("Skriv planens mål med almindelige ord."))
        return goals

    def clean_review_due(self) -> date:
        day: date = self.cleaned_data["review_due"]
        refusal = review_due_refusal(review_due=day, after=self.start)
        if refusal:
            raise forms.ValidationError(refusal)
        return day


class UnitPlanForm(UnitChoiceForm, PlanFields):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        self.start = today()
        kwargs.setdefault("initial", {})["review_due"] = default_review_due(self.start)
        super().__init__(*args, **kwargs)


class UnitPlanEditForm(PlanFields):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)

    def __init__(self, *args: Any, plan: UnitPlan, **kwargs: Any) -> None:
        self.plan, self.start = plan, plan.created_on
        initial = kwargs.setdefault("initial", {})
        initial.update(version=plan.version, goals=plan.goals, review_due=plan.review_due)
        super().__init__(*args, **kwargs)

    @property
    def expected_version(self) -> int:
        return int(self.cleaned_data["version"])


class PlanActionForm(DesignSystemForm):
    description = _line(_("Handling"), _("Skriv, hvad der skal gøres."), max_length=500)
    owner = _line(
        _("Ansvarlig"),
        _("Skriv, hvem der er ansvarlig."),
        max_length=200,
        help_text=_("En fagperson, forældrene eller en anden."),
    )
    due_on = _date(_("Frist"))

    def clean_due_on(self) -> date:
        day: date = self.cleaned_data["due_on"]
        refusal = action_due_refusal(due_on=day, day=today())
        if refusal:
            raise forms.ValidationError(refusal)
        return day


class PlanReviewForm(DesignSystemForm):
    conditionally_required = {"next_review_due": _("Skal udfyldes, når planen fortsætter.")}

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    outcome = forms.ChoiceField(
        label=_("Resultat"),
        choices=ReviewOutcome.choices,
        widget=forms.RadioSelect(attrs={"class": "form-radio"}),
        error_messages={
            "required": _("Vælg, om planen fortsætter, afsluttes eller løftes videre.")
        },
    )
    note = _text(_("Evaluering"), _("Skriv, hvad evalueringen viste."))
    next_review_due = DanishDateField(
        label=_("Næste evaluering senest"),
        required=False,
        help_text=_("DD.MM.ÅÅÅÅ"),
        widget=forms.DateInput(format="%d.%m.%Y", attrs={"class": "form-input input-width-s"}),
    )

    def __init__(self, *args: Any, plan: UnitPlan, **kwargs: Any) -> None:
        self.plan = plan
        initial = kwargs.setdefault("initial", {})
        initial.update(version=plan.version, next_review_due=default_review_due(today()))
        super().__init__(*args, **kwargs)
        # A radio group is described on its fieldset (see the template), not per option.
        self.fields["outcome"].widget.attrs.pop("aria-describedby", None)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        outcome = cleaned.get("outcome")
        if outcome and "next_review_due" not in self.errors:
            refusal = review_refusal(
                outcome=outcome, next_review_due=cleaned.get("next_review_due"), day=today()
            )
            if refusal:
                self.add_error(refusal[0], refusal[1])
        return cleaned

    @property
    def expected_version(self) -> int:
        return int(self.cleaned_data["version"])
