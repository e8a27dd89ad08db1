"""Forms for follow-up meetings, the follow-up interval, supervision visits and coordinators."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from sikkerhedsnet.casework.forms import VersionedForm
from sikkerhedsnet.lib.forms import DanishDateField, DesignSystemForm
from sikkerhedsnet.measures.services.follow_up import MAX_INTERVAL_WEEKS, SAFETY_SCALE_MAX
from sikkerhedsnet.people.models import User

TEXT_MAX_CHARS = 20_000
TEXTAREA = {"rows": "5", "class": "form-input"}
DATE_HINT = _("DD.MM.ÅÅÅÅ")


def _text(label: Any, *, required: bool, missing: Any = None, **kwargs: Any) -> forms.CharField:
    return forms.CharField(
        label=label,
        required=required,
        max_length=TEXT_MAX_CHARS,
        widget=forms.Textarea(attrs=TEXTAREA),
        error_messages={"required": missing} if missing else {},
        **kwargs,
    )


class FollowUpForm(DesignSystemForm):
    held_on = DanishDateField(
        label=_("Mødedato"),
        help_text=DATE_HINT,
        error_messages={"required": _("Skriv datoen for mødet.")},
    )
    child_took_part = forms.BooleanField(label=_("Barnet eller den unge"), required=False)
    family_took_part = forms.BooleanField(label=_("Familien"), required=False)
    network_took_part = forms.BooleanField(label=_("Netværket"), required=False)
    professionals = forms.CharField(
        label=_("Fagpersoner"),
        required=False,
        max_length=500,
        help_text=_("Hvem, og fra hvor. Fx familiebehandler fra Familiecentret, klasselærer."),
    )
    what_changed = _text(
        _("Hvad har ændret sig"),
        required=True,
        missing=_("Skriv, hvad der har ændret sig siden sidst."),
        help_text=_("For barnet, i familien og i forhold til målene for indsatsen."),
    )
    safety_scale = forms.IntegerField(
        label=_("Sikkerhedsskala (0-10)"),
        required=False,
        min_value=0,
        max_value=SAFETY_SCALE_MAX,
        help_text=_("0: barnet er ikke sikkert. 10: sikkert nok til at afslutte indsatsen."),
        error_messages={
            key: _("Skriv et tal fra 0 til 10.") for key in ("invalid", "min_value", "max_value")
        },
        widget=forms.NumberInput(attrs={"min": 0, "max": SAFETY_SCALE_MAX}),
    )

    PARTICIPANTS = ("child_took_part", "family_took_part", "network_took_part")
    conditionally_required = {
        "professionals": _("Skal udfyldes, hvis hverken barnet, familien eller netværket deltog."),
    }

    def participant_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in self.PARTICIPANTS]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        named = any(data.get(name) for name in self.PARTICIPANTS)
        if not named and not (data.get("professionals") or "").strip():
            raise forms.ValidationError(_("Angiv, hvem der deltog i mødet."))
        return data

    @property
    def meeting(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in self.fields}


class IntervalForm(VersionedForm):
    conditionally_required = {
        "reason": _("Skal udfyldes, hvis du skriver et andet interval."),
    }

    interval_weeks = forms.IntegerField(
        label=_("Opfølgning hver (uger)"),
        required=False,
        min_value=1,
        max_value=MAX_INTERVAL_WEEKS,
        help_text=_("Lad feltet stå tomt for at følge kommunens faste interval."),
        error_messages={
            key: _("Skriv et antal uger fra 1 til 52.")
            for key in ("invalid", "min_value", "max_value")
        },
    )
    reason = _text(
        _("Begrundelse"),
        required=False,
        help_text=_("Hvorfor skal denne foranstaltning følges op med et andet interval?"),
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("interval_weeks") is not None and not (data.get("reason") or "").strip():
            self.add_error("reason", _("Skriv, hvorfor der skal følges op med et andet interval."))
        return data


class StaffChoiceField(forms.ModelChoiceField[User]):
    def label_from_instance(self, obj: User) -> str:
        return obj.get_full_name() or obj.username


YES_NO = [("yes", _("Ja")), ("no", _("Nej"))]


class SupervisionVisitForm(DesignSystemForm):
    visited_on = DanishDateField(
        label=_("Besøgsdato"),
        help_text=DATE_HINT,
        error_messages={"required": _("Skriv datoen for besøget.")},
    )
    visited_by = StaffChoiceField(
        label=_("Besøget blev aflagt af"),
        queryset=User.objects.filter(is_active=True),
        error_messages={
            "required": _("Vælg, hvem der aflagde besøget."),
            "invalid_choice": _("Vælg en medarbejder fra listen."),
        },
    )
    spoke_with_child = forms.ChoiceField(
        label=_("Talte I med barnet under besøget?"),
        choices=YES_NO,
        widget=forms.RadioSelect(attrs={"class": "form-radio"}),
        error_messages={"required": _("Svar, om I talte med barnet.")},
    )
    note = _text(_("Notat"), required=False)

    def __init__(self, *args: Any, visitors: QuerySet[User], **kwargs: Any) -> None:
        # Set first: a bound DesignSystemForm validates while it is being built.
        self.visitors = visitors
        super().__init__(*args, **kwargs)
        field = self.fields["visited_by"]
        assert isinstance(field, StaffChoiceField)  # noqa: S101 - declared above
        field.queryset = visitors  # the choices shown
        self.fields["spoke_with_child"].widget.attrs.pop("aria-describedby", None)

    def clean_visited_by(self) -> User:
        visitor: User = self.cleaned_data["visited_by"]
        if not self.visitors.filter(pk=visitor.pk).exists():
            raise forms.ValidationError(_("Vælg en medarbejder fra listen."))
        return visitor

    @property
    def visit(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "visited_on": data["visited_on"],
            "visited_by": data["visited_by"],
            "spoke_with_child": data["spoke_with_child"] == "yes",
            "note": data["note"],
        }


class CoordinatorForm(DesignSystemForm):
    expected_name = forms.CharField(widget=forms.HiddenInput, required=False)
    name = forms.CharField(
        label=_("Koordinatorens navn"),
        max_length=200,
        error_messages={"required": _("Skriv koordinatorens navn.")},
    )
    contact = forms.CharField(
        label=_("Kontakt"),
        max_length=200,
        required=False,
        help_text=_("Afdeling i voksenområdet, telefon eller mail."),
    )
    named_on = DanishDateField(
        label=_("Udpeget den"),
        help_text=DATE_HINT,
        error_messages={"required": _("Skriv datoen, koordinatoren blev udpeget.")},
    )

    @property
    def coordinator(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "expected_name": data["expected_name"],
            "name": data["name"],
            "contact": data["contact"],
            "named_on": data["named_on"],
        }
