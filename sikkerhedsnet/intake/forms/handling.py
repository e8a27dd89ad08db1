"""Forms for handling a notification. Each carries the version the page showed (a hidden field),
which the service compares before it changes anything."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from sikkerhedsnet.intake.models import TEXT_MAX_CHARS, DecisionKind, Notification
from sikkerhedsnet.intake.services.handling import NO_ACTION_NEEDS_REASON, decision_refusal
from sikkerhedsnet.lib.forms import CprField, DesignSystemForm
from sikkerhedsnet.people.models import Child

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

NOTE_MAX_CHARS = 5000
TEXTAREA = {"rows": "5", "class": "form-input notification-textarea"}
YES_NO = [("yes", gettext_lazy("Ja")), ("no", gettext_lazy("Nej"))]


class VersionedForm(DesignSystemForm):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)

    def __init__(self, *args: Any, notification: Notification, **kwargs: Any) -> None:
        # Set first: DesignSystemForm looks at the errors, and so cleans, while it initialises.
        self.notification = notification
        kwargs.setdefault("initial", {})["version"] = notification.version
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if isinstance(field.widget, forms.RadioSelect):
                # A radio group is described on its fieldset (see the template), not per option.
                field.widget.attrs.pop("aria-describedby", None)

    @property
    def expected_version(self) -> int:
        return int(self.cleaned_data["version"])


def _text(
    label: StrOrPromise, max_length: int, required_message: StrOrPromise, **kwargs: Any
) -> forms.CharField:
    return forms.CharField(
        label=label,
        max_length=max_length,
        widget=forms.Textarea(attrs=TEXTAREA),
        error_messages={"required": required_message},
        **kwargs,
    )


def _yes_no(label: StrOrPromise, message: StrOrPromise) -> forms.ChoiceField:
    return forms.ChoiceField(
        label=label,
        choices=YES_NO,
        widget=forms.RadioSelect(attrs={"class": "form-radio"}),
        error_messages={"required": message},
    )


class UrgentAssessmentForm(VersionedForm):
    danger = _yes_no(
        gettext_lazy("Er barnets sundhed eller udvikling i fare?"),
        gettext_lazy("Svar ja eller nej: er barnets sundhed eller udvikling i fare?"),
    )
    acute_help = _yes_no(
        gettext_lazy("Er der behov for akut hjælp?"),
        gettext_lazy("Svar ja eller nej: er der behov for akut hjælp?"),
    )
    note = _text(
        gettext_lazy("Begrundelse"),
        NOTE_MAX_CHARS,
        gettext_lazy("Skriv en kort begrundelse for vurderingen."),
    )

    @property
    def answers(self) -> tuple[bool, bool]:
        return self.cleaned_data["danger"] == "yes", self.cleaned_data["acute_help"] == "yes"


class DecisionForm(VersionedForm):
    conditionally_required = {
        "reason": gettext_lazy("Skal udfyldes, når underretningen ikke fører til mere."),
    }

    kind = forms.ChoiceField(
        label=gettext_lazy("Afgørelse"),
        choices=DecisionKind.choices,
        widget=forms.RadioSelect(attrs={"class": "form-radio"}),
        error_messages={"required": gettext_lazy("Vælg en afgørelse.")},
    )
    reason = forms.CharField(
        label=gettext_lazy("Begrundelse"),
        max_length=NOTE_MAX_CHARS,
        required=False,
        widget=forms.Textarea(attrs=TEXTAREA),
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        kind, reason = data.get("kind"), data.get("reason", "")
        if kind == DecisionKind.NO_ACTION and not reason.strip():
            self.add_error("reason", NO_ACTION_NEEDS_REASON)
        elif kind == DecisionKind.CHILD_ASSESSMENT and self.notification.child_id is None:
            self.add_error("kind", decision_refusal(self.notification, kind, reason) or "")
        return data


class AddendumForm(VersionedForm):
    text = _text(
        gettext_lazy("Tilføjelse"),
        TEXT_MAX_CHARS,
        gettext_lazy("Skriv tilføjelsen."),
        help_text=gettext_lazy(
            "Fx nye oplysninger fra underretteren. Selve underretningen ændres aldrig."
        ),
    )


class MatchChildForm(VersionedForm):
    cpr = CprField(
        label=gettext_lazy("Barnets CPR-nummer"),
        error_messages={"required": gettext_lazy("Skriv barnets CPR-nummer.")},
    )
    child: Child | None = None

    def clean_cpr(self) -> str:
        digits: str = self.cleaned_data["cpr"]
        child = Child.objects.filter(cpr=digits).first()
        if child is None:
            raise forms.ValidationError(
                _("Der er intet barn med det CPR-nummer i Sikkerhedsnet. Tjek nummeret.")
            )
        self.child = child
        return digits


class PatternReviewForm(VersionedForm):
    note = _text(
        gettext_lazy("Samlet vurdering"),
        NOTE_MAX_CHARS,
        gettext_lazy("Skriv, hvad I har set, når underretningerne læses samlet."),
    )


class ConfirmForm(VersionedForm):
    """A button that changes state (receipt sent, feedback given): only the version."""
