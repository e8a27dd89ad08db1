"""Forms of the casework pages. An editing form carries the version its page showed (hidden),
which the service compares before it changes anything."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django import forms
from django.utils.translation import gettext_lazy as _

from sikkerhedsnet.casework.ics import DIMENSIONS, Dimension
from sikkerhedsnet.casework.models import (
    SCALE_MAX,
    SCALE_MIN,
    AssessmentDecision,
    ParticipantRole,
)
from sikkerhedsnet.lib.forms import DanishDateField, DesignSystemForm

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

TEXT_MAX_CHARS = 20_000
TEXTAREA = {"rows": "5", "class": "form-input casework-textarea"}


def _text(label: StrOrPromise, *, required: bool = False, **kwargs: Any) -> forms.CharField:
    return forms.CharField(
        label=label,
        required=required,
        max_length=TEXT_MAX_CHARS,
        widget=forms.Textarea(attrs=TEXTAREA),
        **kwargs,
    )


def _date(label: StrOrPromise, missing: StrOrPromise, **kwargs: Any) -> DanishDateField:
    return DanishDateField(label=label, error_messages={"required": missing}, **kwargs)


class VersionedForm(DesignSystemForm):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)

    def __init__(self, *args: Any, version: int, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {})["version"] = version
        super().__init__(*args, **kwargs)

    @property
    def expected_version(self) -> int:
        return int(self.cleaned_data["version"])


# The child assessment ---------------------------------------------------------------------------


def dimension_field_name(dimension: Dimension) -> str:
    return f"dimension_{dimension.code}"


class AssessmentForm(VersionedForm):
    child_view = _text(
        _("Barnets egne synspunkter"),
        help_text=_("Hvad barnet selv fortæller om sin situation, med barnets egne ord."),
    )
    parents_view = _text(_("Forældrenes synspunkter"))

    def dimension_fields(self, dimensions: list[Dimension]) -> list[forms.BoundField]:
        return [self[dimension_field_name(d)] for d in dimensions]

    @property
    def dimensions(self) -> dict[str, str]:
        return {d.code: self.cleaned_data[dimension_field_name(d)] for d in DIMENSIONS}


# One field per dimension, from ics.py, so the triangle has one definition.
for _dimension in DIMENSIONS:
    AssessmentForm.base_fields[dimension_field_name(_dimension)] = _text(_dimension.label)


def assessment_initial(
    dimensions: dict[str, str], child_view: str, parents_view: str
) -> dict[str, str]:
    initial = {dimension_field_name(d): dimensions.get(d.code, "") for d in DIMENSIONS}
    return {**initial, "child_view": child_view, "parents_view": parents_view}


class InterimAssessmentForm(VersionedForm):
    interim_text = _text(
        _("Foreløbig vurdering"),
        required=True,
        help_text=_("Det, undersøgelsen har vist indtil nu, og hvad der mangler."),
        error_messages={"required": _("Skriv den foreløbige vurdering.")},
    )
    expected_done_on = _date(
        _("Undersøgelsen forventes færdig"),
        _("Skriv, hvornår undersøgelsen forventes færdig."),
        help_text=_("DD.MM.ÅÅÅÅ"),
    )


class ConclusionForm(VersionedForm):
    conclusion = _text(
        _("Konklusion"),
        required=True,
        error_messages={"required": _("Skriv undersøgelsens konklusion.")},
    )
    decision = forms.ChoiceField(
        label=_("Afgørelse"),
        choices=AssessmentDecision.choices,
        widget=forms.RadioSelect(attrs={"class": "form-radio"}),
        error_messages={"required": _("Vælg, hvad undersøgelsen fører til.")},
    )
    decided_on = _date(
        _("Afgjort den"), _("Skriv datoen for afgørelsen."), help_text=_("DD.MM.ÅÅÅÅ")
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # A radio group is described on its fieldset (see the template), not per option.
        self.fields["decision"].widget.attrs.pop("aria-describedby", None)


# Signs of Safety ----------------------------------------------------------------------------------


class SafetyMeetingForm(VersionedForm):
    held_on = _date(_("Mødedato"), _("Skriv datoen for mødet."), help_text=_("DD.MM.ÅÅÅÅ"))
    harm = _text(_("Skade"), help_text=_("Hvad er der sket, som har skadet barnet?"))
    danger_statements = _text(
        _("Farevurderinger"),
        help_text=_("Hvad er vi bange for kan ske for barnet, hvis intet ændrer sig?"),
    )
    complicating_factors = _text(_("Komplicerende faktorer"))
    strengths = _text(_("Styrker"))
    existing_safety = _text(
        _("Eksisterende sikkerhed"),
        help_text=_("Hvornår har familien allerede passet på barnet, trods bekymringen?"),
    )
    safety_goals = _text(_("Sikkerhedsmål"))
    next_steps = _text(_("Næste skridt"))

    COLUMNS = (
        (_("Hvad er vi bekymrede for?"), ("harm", "danger_statements", "complicating_factors")),
        (_("Hvad fungerer godt?"), ("strengths", "existing_safety")),
        (_("Hvad skal der ske?"), ("safety_goals", "next_steps")),
    )

    def columns(self) -> list[tuple[StrOrPromise, list[forms.BoundField]]]:
        return [(title, [self[name] for name in names]) for title, names in self.COLUMNS]

    @property
    def mapping(self) -> dict[str, str]:
        names = [name for _title, names in self.COLUMNS for name in names]
        return {name: self.cleaned_data[name] for name in names}


class SafetyScoreForm(DesignSystemForm):
    participant_name = forms.CharField(
        label=_("Deltager"),
        max_length=100,
        error_messages={"required": _("Skriv deltagerens navn.")},
    )
    participant_role = forms.ChoiceField(
        label=_("Rolle"),
        choices=[("", _("Vælg rolle")), *ParticipantRole.choices],
        error_messages={"required": _("Vælg deltagerens rolle.")},
    )
    score = forms.IntegerField(
        label=_("Score på sikkerhedsskalaen"),
        min_value=SCALE_MIN,
        max_value=SCALE_MAX,
        help_text=_(
            "0: barnet kan ikke blive hjemme, som tingene er nu. 10: alle er enige om, at "
            "barnet er sikkert nok til, at sagen kan lukkes."
        ),
        error_messages={
            "required": _("Skriv en score fra 0 til 10."),
            "invalid": _("Skriv en score fra 0 til 10."),
            "min_value": _("Skriv en score fra 0 til 10."),
            "max_value": _("Skriv en score fra 0 til 10."),
        },
        widget=forms.NumberInput(attrs={"min": SCALE_MIN, "max": SCALE_MAX}),
    )


class NetworkMemberForm(DesignSystemForm):
    name = forms.CharField(
        label=_("Navn"), max_length=100, error_messages={"required": _("Skriv personens navn.")}
    )
    relation = forms.CharField(
        label=_("Relation til barnet"),
        max_length=100,
        help_text=_("Fx mormor, nabo, fodboldtræner."),
        error_messages={"required": _("Skriv personens relation til barnet.")},
    )
    commitment = _text(
        _("Det vil personen gøre"),
        required=True,
        error_messages={"required": _("Skriv, hvad personen vil gøre for barnets sikkerhed.")},
    )
    joined_on = _date(
        _("Med i netværket fra"), _("Skriv, hvornår personen kom med."), help_text=_("DD.MM.ÅÅÅÅ")
    )


class NetworkEndForm(VersionedForm):
    left_on = _date(
        _("Stoppet den"), _("Skriv, hvornår personen stoppede."), help_text=_("DD.MM.ÅÅÅÅ")
    )


# The child's plan ---------------------------------------------------------------------------------


class ChildPlanForm(DesignSystemForm):
    adopted_on = _date(
        _("Planen er lavet den"), _("Skriv datoen for planen."), help_text=_("DD.MM.ÅÅÅÅ")
    )


class GoalForm(VersionedForm):
    conditionally_required = {
        "agreed_with_others": _(
            "Skal udfyldes, hvis målet hverken er aftalt med barnet eller forældrene."
        ),
    }

    text = _text(_("Mål"), required=True, error_messages={"required": _("Skriv målet.")})
    agreed_with_child = forms.BooleanField(label=_("Aftalt med barnet"), required=False)
    agreed_with_parents = forms.BooleanField(label=_("Aftalt med forældrene"), required=False)
    agreed_with_others = forms.CharField(
        label=_("Aftalt med andre"),
        max_length=200,
        required=False,
        help_text=_("Fx plejefamilien eller netværket."),
    )
    agreed_on = _date(
        _("Aftalt den"), _("Skriv, hvornår målet blev aftalt."), help_text=_("DD.MM.ÅÅÅÅ")
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        agreed = (
            data.get("agreed_with_child")
            or data.get("agreed_with_parents")
            or str(data.get("agreed_with_others", "")).strip()
        )
        if not agreed:
            self.add_error(None, _("Angiv, hvem målet er aftalt med."))
        return data

    @property
    def agreement(self) -> dict[str, Any]:
        return {
            name: self.cleaned_data[name]
            for name in (
                "text",
                "agreed_with_child",
                "agreed_with_parents",
                "agreed_with_others",
                "agreed_on",
            )
        }
