"""Forms of the cross-disciplinary meetings; every error in plain Danish."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy

from sikkerhedsnet.collaboration.models import Consent, MeetingOutcome
from sikkerhedsnet.collaboration.selectors.meetings import MeetingChoice
from sikkerhedsnet.collaboration.services.meetings import MAX_MEETINGS_AT_ONCE
from sikkerhedsnet.lib.dates import COPENHAGEN, local_text
from sikkerhedsnet.lib.forms import DanishDateField, DesignSystemForm, is_group
from sikkerhedsnet.people.models import Child, Role, Unit, User

INVALID_CHOICE = gettext_lazy("Vælg en af mulighederne.")
TIME_FORMATS = ["%H.%M", "%H:%M", "%H"]


def refresh_design_attrs(form: forms.Form) -> None:
    """Validate again after choices were set, and point the ARIA links at the right ids.

    DesignSystemForm validates in its __init__ (for aria-invalid), before a form can set its
    choices or queryset; those errors were made against empty choices and are dropped here.
    """
    form._errors = None  # type: ignore[attr-defined]
    for name, field in form.fields.items():
        attrs = field.widget.attrs
        attrs.pop("aria-invalid", None)
        attrs.pop("aria-describedby", None)
        if form.is_bound and name in form.errors:
            attrs["aria-invalid"] = "true"
        if is_group(field.widget):
            continue  # choices.html describes a group on its fieldset, not on every option
        auto_id = form[name].auto_id
        described = [f"{auto_id}-hint"] if field.help_text else []
        if form.is_bound and name in form.errors:
            described.append(f"{auto_id}-error")
        if described:
            attrs["aria-describedby"] = " ".join(described)


class MemberField(forms.ModelMultipleChoiceField[User]):
    def label_from_instance(self, obj: Any) -> str:
        user: User = obj
        if user.role == Role.PROFESSIONAL and getattr(user, "is_health_visitor", False):
            what = str(gettext_lazy("Sundhedsplejen"))
        else:
            what = user.job_title or user.get_role_display()
        return f"{user} ({what})"


def coverage_choices(units: QuerySet[Unit]) -> list[tuple[Any, Any]]:
    """Units and districts as one grouped choice: "unit:12" or "district:Nord"."""
    unit_list = list(units.order_by("name"))
    districts = sorted({unit.district for unit in unit_list if unit.district})
    return [
        ("", gettext_lazy("Vælg")),
        (
            gettext_lazy("Enheder"),
            [(f"unit:{unit.pk}", f"{unit.name} ({unit.get_kind_display()})") for unit in unit_list],
        ),
        (
            gettext_lazy("Distrikter"),
            [
                (f"district:{name}", str(gettext_lazy("Distrikt %(name)s")) % {"name": name})
                for name in districts
            ],
        ),
    ]


class SeriesForm(DesignSystemForm):
    name = forms.CharField(
        label=gettext_lazy("Navn på mødeserien"),
        max_length=200,
        help_text=gettext_lazy("Fx Tværfagligt møde, Solsikken."),
        error_messages={"required": gettext_lazy("Skriv et navn på mødeserien.")},
    )
    covers = forms.ChoiceField(
        label=gettext_lazy("Mødet dækker"),
        help_text=gettext_lazy("En skole eller et dagtilbud, eller et helt distrikt."),
        error_messages={
            "required": gettext_lazy("Vælg den enhed eller det distrikt, mødet dækker."),
            "invalid_choice": INVALID_CHOICE,
        },
    )
    standing_members = MemberField(
        queryset=User.objects.none(),
        label=gettext_lazy("Faste deltagere"),
        help_text=gettext_lazy(
            "Leder, PPR-psykolog, sundhedsplejerske og en socialrådgiver fra visitationen."
        ),
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": gettext_lazy("Vælg mindst én fast deltager."),
            "invalid_choice": INVALID_CHOICE,
            "invalid_pk_value": INVALID_CHOICE,
        },
    )
    interval_weeks = forms.IntegerField(
        label=gettext_lazy("Mødes hver (uger)"),
        min_value=1,
        max_value=52,
        initial=6,
        error_messages={
            "required": gettext_lazy("Skriv, hvor mange uger der går mellem møderne."),
            "invalid": gettext_lazy("Skriv antal uger som et helt tal, fx 6."),
            "min_value": gettext_lazy("Skriv et antal uger fra 1 til 52."),
            "max_value": gettext_lazy("Skriv et antal uger fra 1 til 52."),
        },
        widget=forms.NumberInput(attrs={"class": "form-input input-width-xs"}),
    )
    location = forms.CharField(label=gettext_lazy("Sted"), max_length=200, required=False)

    def __init__(self, *args: Any, units: QuerySet[Unit], members: QuerySet[User], **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.units = units
        self.fields["covers"].choices = coverage_choices(units)  # type: ignore[attr-defined]
        self.fields["standing_members"].queryset = members  # type: ignore[attr-defined]
        refresh_design_attrs(self)

    def coverage(self) -> tuple[Unit | None, str]:
        kind, _, value = self.cleaned_data["covers"].partition(":")
        if kind == "unit":
            return self.units.get(pk=int(value)), ""
        return None, value


class MembersForm(DesignSystemForm):
    standing_members = MemberField(
        queryset=User.objects.none(),
        label=gettext_lazy("Faste deltagere"),
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": gettext_lazy("Vælg mindst én fast deltager."),
            "invalid_choice": INVALID_CHOICE,
            "invalid_pk_value": INVALID_CHOICE,
        },
    )

    def __init__(self, *args: Any, members: QuerySet[User], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["standing_members"].queryset = members  # type: ignore[attr-defined]
        refresh_design_attrs(self)


class ScheduleForm(DesignSystemForm):
    first_day = DanishDateField(
        label=gettext_lazy("Dato for det første møde"),
        help_text=gettext_lazy("DD.MM.ÅÅÅÅ"),
        error_messages={"required": gettext_lazy("Skriv datoen for det første møde.")},
        widget=forms.TextInput(attrs={"class": "form-input input-width-s"}),
    )
    start_time = forms.TimeField(
        label=gettext_lazy("Klokken"),
        help_text=gettext_lazy("TT.MM, fx 13.00"),
        input_formats=TIME_FORMATS,
        error_messages={
            "required": gettext_lazy("Skriv, hvornår mødet begynder."),
            "invalid": gettext_lazy("Skriv klokkeslættet som TT.MM, fx 13.00."),
        },
        widget=forms.TextInput(attrs={"class": "form-input input-width-xs"}),
    )
    count = forms.IntegerField(
        label=gettext_lazy("Antal møder"),
        help_text=gettext_lazy("Møderne lægges med seriens interval."),
        min_value=1,
        max_value=MAX_MEETINGS_AT_ONCE,
        initial=1,
        error_messages={
            "required": gettext_lazy("Skriv, hvor mange møder der skal planlægges."),
            "invalid": gettext_lazy("Skriv antal møder som et helt tal."),
            "min_value": gettext_lazy("Planlæg mindst ét møde."),
            "max_value": gettext_lazy("Du kan planlægge højst %(limit_value)s møder ad gangen."),
        },
        widget=forms.NumberInput(attrs={"class": "form-input input-width-xs"}),
    )
    location = forms.CharField(
        label=gettext_lazy("Sted"),
        max_length=200,
        required=False,
        help_text=gettext_lazy("Tomt: seriens sted."),
    )

    def first_starts_at(self) -> datetime:
        day: date = self.cleaned_data["first_day"]
        return datetime.combine(day, self.cleaned_data["start_time"], COPENHAGEN)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        timed = "first_day" in cleaned and "start_time" in cleaned
        if timed and self.first_starts_at() <= timezone.now():
            self.add_error("first_day", gettext_lazy("Vælg en dato og et tidspunkt frem i tiden."))
        return cleaned


def anonymous_suggestion(child: Child, day: date) -> str:
    """A starting point for the anonymous description: sex and age, nothing that identifies."""
    age = child.age_on(day)
    if age < 1:
        months = child.age_in_months_on(day)
        return f"{child.get_sex_display()}, {months} mdr."
    return f"{child.get_sex_display()}, {age} år"


class PutForwardForm(DesignSystemForm):
    conditionally_required = {
        "anonymous_description": gettext_lazy(
            "Skal udfyldes, når forældrene ikke har givet samtykke."
        ),
    }

    meeting = forms.TypedChoiceField(
        label=gettext_lazy("Møde"),
        coerce=int,
        error_messages={
            "required": gettext_lazy("Vælg det møde, barnet skal drøftes på."),
            "invalid_choice": INVALID_CHOICE,
        },
    )
    concern = forms.CharField(
        label=gettext_lazy("Det vil vi drøfte"),
        help_text=gettext_lazy("Bekymringen og det, I har prøvet, i almindelige ord."),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": gettext_lazy("Skriv, hvad I vil drøfte.")},
    )
    consent = forms.ChoiceField(
        label=gettext_lazy("Har forældrene givet samtykke til, at barnet drøftes med navn?"),
        choices=Consent.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": gettext_lazy("Vælg, om forældrene har givet samtykke."),
            "invalid_choice": INVALID_CHOICE,
        },
    )
    anonymous_description = forms.CharField(
        label=gettext_lazy("Anonym beskrivelse"),
        help_text=gettext_lazy(
            "Fx køn og alder. Skriv ikke navn, adresse eller andet, der kan genkende barnet."
        ),
        max_length=300,
        required=False,
    )
    parents_invited = forms.BooleanField(
        label=gettext_lazy("Forældrene er inviteret til mødet"), required=False
    )

    def __init__(self, *args: Any, choices: list[MeetingChoice], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.choices = {choice.meeting.pk: choice for choice in choices}
        options = [(choice.meeting.pk, meeting_label(choice)) for choice in choices]
        self.fields["meeting"].choices = [("", gettext_lazy("Vælg et møde")), *options]  # type: ignore[attr-defined]
        refresh_design_attrs(self)

    @property
    def chosen(self) -> MeetingChoice:
        return self.choices[self.cleaned_data["meeting"]]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        anonymous = cleaned.get("consent") == Consent.NOT_GIVEN
        if anonymous and not cleaned.get("anonymous_description", "").strip():
            self.add_error(
                "anonymous_description",
                gettext_lazy(
                    "Skriv en anonym beskrivelse, når forældrene ikke har givet samtykke."
                ),
            )
        return cleaned


def meeting_label(choice: MeetingChoice) -> str:
    return f"{local_text(choice.meeting.starts_at)} – {choice.meeting.series.name}"


class MinutesForm(DesignSystemForm):
    minutes = forms.CharField(
        label=gettext_lazy("Referat"),
        max_length=20_000,
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": gettext_lazy("Skriv referatet af punktet.")},
    )
    outcome = forms.ChoiceField(
        label=gettext_lazy("Resultat"),
        choices=[("", gettext_lazy("Ikke afgjort endnu")), *MeetingOutcome.choices],
        required=False,
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": INVALID_CHOICE},
    )
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)

    def __init__(self, *args: Any, prefix_id: int, **kwargs: Any) -> None:
        # A prefix per item keeps the ids unique on a page with many items.
        super().__init__(*args, prefix=f"punkt{prefix_id}", **kwargs)
        refresh_design_attrs(self)
