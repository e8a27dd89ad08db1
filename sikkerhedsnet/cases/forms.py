"""Forms for cases: assignment (with the version the page showed), opening, journal, letters."""

from __future__ import annotations

import copy
from datetime import datetime, time
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from sikkerhedsnet.cases.models import MANUAL_KINDS, Case, JournalKind
from sikkerhedsnet.cases.selectors import Load
from sikkerhedsnet.cases.services.letters import LetterTemplate
from sikkerhedsnet.lib.forms import CprField, DanishDateField, DesignSystemForm
from sikkerhedsnet.people.models import Guardian, Unit

TEXTAREA = {"rows": "4", "class": "form-input"}
REASON_MAX = 500


def _own_fields(form: forms.Form) -> dict[str, forms.Field]:
    """This form's own copy of its fields, to set choices on before it initialises.

    DesignSystemForm looks at the errors (and so cleans) while it initialises; choices set after
    that come too late. Django copies `self.base_fields`, so an instance copy is used.
    """
    fields: dict[str, forms.Field] = copy.deepcopy(type(form).base_fields)
    form.base_fields = fields  # type: ignore[misc]
    return fields


class AssignForm(DesignSystemForm):
    # services.assignment.case_assign asks for them (field.html: not "(valgfri)").
    conditionally_required = {
        "reason": _("Skal udfyldes, når sagen allerede har en rådgiver."),
        "over_cap_reason": _("Skal udfyldes, hvis rådgiveren har nået loftet."),
    }

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    caseworker = forms.TypedChoiceField(
        label=_("Rådgiver"), coerce=int, widget=forms.RadioSelect, choices=()
    )
    reason = forms.CharField(
        label=_("Begrundelse for skift af rådgiver"),
        max_length=REASON_MAX,
        required=False,
        widget=forms.Textarea(attrs=TEXTAREA),
    )
    over_cap_reason = forms.CharField(
        label=_("Begrundelse for at gå over loftet"),
        max_length=REASON_MAX,
        required=False,
        widget=forms.Textarea(attrs=TEXTAREA),
        help_text=_("Kun en faglig leder kan give en sag til en rådgiver, der har nået loftet."),
    )

    def __init__(self, *args: Any, case: Case, loads: list[Load], **kwargs: Any) -> None:
        kwargs.setdefault("initial", {})["version"] = case.version
        self.loads = loads
        field = _own_fields(self)["caseworker"]
        assert isinstance(field, forms.TypedChoiceField)  # noqa: S101 - narrows the type
        field.choices = [(load.caseworker.pk, _load_label(load)) for load in loads]
        super().__init__(*args, **kwargs)


def _load_label(load: Load) -> str:
    """ "Rikke Holm: 25 af 25 sager [Ved loftet]": the caseworker with her load, as the option's
    label in core/components/choices.html."""
    count = _("%(n)s af %(cap)s sager") % {"n": load.open_cases, "cap": load.cap}
    if not load.at_cap:
        return format_html("{}: {}", load.caseworker, count)
    badge, text = (
        ("badge-error", _("Over loftet")) if load.over_cap else ("badge-warning", _("Ved loftet"))
    )
    return format_html(
        '{}: {} <span class="badge badge-small {}">{}</span>', load.caseworker, count, badge, text
    )


class OpenCaseForm(DesignSystemForm):
    cpr = CprField()
    team = forms.ModelChoiceField(label=_("Team"), queryset=Unit.objects.none())
    became_aware_on = DanishDateField(
        label=_("Kommunen blev opmærksom den"), help_text=_("DD.MM.ÅÅÅÅ")
    )

    def __init__(self, *args: Any, teams: Any, **kwargs: Any) -> None:
        team = _own_fields(self)["team"]
        assert isinstance(team, forms.ModelChoiceField)  # noqa: S101 - narrows the type
        team.queryset = teams
        team.empty_label = None
        super().__init__(*args, **kwargs)


class JournalEntryForm(DesignSystemForm):
    kind = forms.ChoiceField(
        label=_("Type"),
        choices=[(k, v) for k, v in JournalKind.choices if k in MANUAL_KINDS],
    )
    occurred_on = DanishDateField(label=_("Dato"), help_text=_("DD.MM.ÅÅÅÅ"))
    title = forms.CharField(label=_("Overskrift"), max_length=200)
    text = forms.CharField(
        label=_("Tekst"), max_length=20_000, widget=forms.Textarea(attrs={"rows": "8"})
    )


class LetterForm(DesignSystemForm):
    conditionally_required = {
        name: _("Skal udfyldes ved en indkaldelse til møde.")
        for name in ("meeting_on", "meeting_time", "place")
    }

    template = forms.ChoiceField(label=_("Brev"), choices=LetterTemplate.choices)
    recipient = forms.ModelChoiceField(label=_("Modtager"), queryset=Guardian.objects.none())
    meeting_on = DanishDateField(label=_("Mødedato"), required=False, help_text=_("DD.MM.ÅÅÅÅ"))
    meeting_time = forms.TimeField(
        label=_("Klokkeslæt"),
        required=False,
        input_formats=["%H.%M", "%H:%M"],
        help_text=_("TT.MM, fx 09.30"),
        error_messages={"invalid": _("Skriv klokkeslættet som TT.MM, fx 09.30.")},
    )
    place = forms.CharField(label=_("Sted"), max_length=200, required=False)
    note = forms.CharField(
        label=_("Tilføjelse til brevet"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs=TEXTAREA),
    )

    def __init__(self, *args: Any, case: Case, **kwargs: Any) -> None:
        recipient = _own_fields(self)["recipient"]
        assert isinstance(recipient, forms.ModelChoiceField)  # noqa: S101 - narrows the type
        recipient.queryset = Guardian.objects.filter(custodies__child_id=case.child_id).distinct()
        super().__init__(*args, **kwargs)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("template") == LetterTemplate.MEETING:
            for name in ("meeting_on", "meeting_time", "place"):
                if not data.get(name) and name not in self.errors:
                    self.add_error(name, _("Udfyld feltet for en indkaldelse til møde."))
        return data

    def meeting_at(self) -> datetime | None:
        day, at = self.cleaned_data.get("meeting_on"), self.cleaned_data.get("meeting_time")
        if self.cleaned_data.get("template") != LetterTemplate.MEETING or not day or not at:
            return None
        return datetime.combine(
            day, time(at.hour, at.minute), tzinfo=timezone.get_current_timezone()
        )
