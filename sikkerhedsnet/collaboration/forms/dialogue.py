"""Forms for booking a dialogue meeting ahead, moving or cancelling it, and writing its record.

The time and date rules are the services' own (starts_at_refusal, record_refusal), asked here
too so the message appears at the field instead of above the form.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from sikkerhedsnet.collaboration.forms.meetings import TIME_FORMATS, refresh_design_attrs
from sikkerhedsnet.collaboration.forms.plans import (
    TEXTAREA,
    UnitChoiceForm,
    _date,
    _line,
    _text,
)
from sikkerhedsnet.collaboration.models import DialogueMeeting
from sikkerhedsnet.collaboration.services.dialogue import record_refusal, starts_at_refusal
from sikkerhedsnet.collaboration.services.letters import staff_label
from sikkerhedsnet.lib.dates import COPENHAGEN
from sikkerhedsnet.lib.forms import DesignSystemForm
from sikkerhedsnet.people.models import Custody, Guardian, Membership, User

INVALID_CHOICE = _("Vælg en af mulighederne.")


def _time() -> forms.TimeField:
    return forms.TimeField(
        label=_("Klokken"),
        help_text=_("TT.MM, fx 14.00"),
        input_formats=TIME_FORMATS,
        error_messages={
            "required": _("Skriv, hvornår mødet begynder."),
            "invalid": _("Skriv klokkeslættet som TT.MM, fx 14.00."),
        },
        widget=forms.TextInput(attrs={"class": "form-input input-width-xs"}),
    )


def _place() -> forms.CharField:
    return _line(
        _("Sted"),
        _("Skriv, hvor mødet holdes."),
        max_length=200,
        help_text=_("Fx Solsikken, personalestuen."),
    )


class GuardianField(forms.ModelMultipleChoiceField[Guardian]):
    """The child's parents, each with her relation; one without parental authority gets no
    letter, and the label says so."""

    def __init__(self, *args: Any, custodies: dict[int, Custody], **kwargs: Any) -> None:
        self.custodies = custodies
        super().__init__(*args, **kwargs)

    def label_from_instance(self, obj: Any) -> str:
        guardian: Guardian = obj
        custody = self.custodies[guardian.pk]
        label = f"{guardian} ({custody.get_relation_display().lower()})"
        if not custody.has_custody:
            label += str(_(", uden forældremyndighed: får ikke brev"))
        return label


class StaffField(forms.ModelMultipleChoiceField[User]):
    def label_from_instance(self, obj: Any) -> str:
        return staff_label(obj)


class _TimeAndPlace(DesignSystemForm):
    day = _date(_("Dato"))
    start_time = _time()
    place = _place()

    def starts_at(self) -> datetime:
        day: date = self.cleaned_data["day"]
        return datetime.combine(day, self.cleaned_data["start_time"], COPENHAGEN)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if "day" in cleaned and "start_time" in cleaned:
            refusal = starts_at_refusal(starts_at=self.starts_at(), now=timezone.now())
            if refusal:
                self.add_error("day", refusal)
        return cleaned


class DialogueBookForm(UnitChoiceForm, _TimeAndPlace):
    purpose = _text(
        _("Det vil vi gerne tale med forældrene om"),
        _("Skriv, hvad I vil tale med forældrene om."),
        help_text=_(
            "Skriv det med almindelige ord, så forældrene kan forstå det. Teksten står i "
            "invitationen."
        ),
    )
    guardians = GuardianField(
        queryset=Guardian.objects.none(),
        custodies={},
        label=_("Forældre, der inviteres"),
        help_text=_("Hver forælder med forældremyndighed får sin egen invitation."),
        widget=forms.CheckboxSelectMultiple(attrs={"class": "form-checkbox"}),
        error_messages={
            "required": _("Vælg, hvem af forældrene der inviteres."),
            "invalid_choice": INVALID_CHOICE,
            "invalid_pk_value": INVALID_CHOICE,
        },
    )
    staff = StaffField(
        queryset=User.objects.none(),
        label=_("Personale, der deltager"),
        widget=forms.CheckboxSelectMultiple(attrs={"class": "form-checkbox"}),
        error_messages={
            "required": _("Vælg, hvem af personalet der deltager."),
            "invalid_choice": INVALID_CHOICE,
            "invalid_pk_value": INVALID_CHOICE,
        },
    )
    others = forms.CharField(
        label=_("Andre deltagere"),
        max_length=300,
        required=False,
        help_text=_("Fx tolk eller sundhedsplejerske."),
        error_messages={"max_length": _("Teksten er for lang (højst %(limit_value)d tegn).")},
    )

    def __init__(
        self,
        *args: Any,
        custodies: list[Custody],
        staff: QuerySet[Membership],
        booker: User,
        **kwargs: Any,
    ) -> None:
        initial = kwargs.setdefault("initial", {})
        initial.setdefault("guardians", [c.guardian_id for c in custodies if c.has_custody])
        initial.setdefault("staff", [booker.pk])
        super().__init__(*args, **kwargs)
        field: Any = self.fields["guardians"]
        field.custodies = {custody.guardian_id: custody for custody in custodies}
        field.queryset = Guardian.objects.filter(pk__in=[c.guardian_id for c in custodies])
        if not custodies:
            del self.fields["guardians"]
        people: Any = self.fields["staff"]
        people.queryset = User.objects.filter(pk__in=staff.values("user_id")).order_by(
            "first_name", "last_name"
        )
        refresh_design_attrs(self)

    @property
    def chosen_guardians(self) -> list[Guardian]:
        return list(self.cleaned_data.get("guardians") or [])


class VersionedMeetingForm(DesignSystemForm):
    """A change to a planned meeting, carrying the version the page showed (compare-and-set)."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)

    def __init__(self, *args: Any, meeting: DialogueMeeting, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {})["version"] = meeting.version
        super().__init__(*args, **kwargs)

    @property
    def expected_version(self) -> int:
        return int(self.cleaned_data["version"])


class DialogueMoveForm(VersionedMeetingForm, _TimeAndPlace):
    def __init__(self, *args: Any, meeting: DialogueMeeting, **kwargs: Any) -> None:
        initial = kwargs.setdefault("initial", {})
        if meeting.starts_at is not None:
            local = meeting.starts_at.astimezone(COPENHAGEN)
            initial.update(day=local.date(), start_time=local.time())
        initial["place"] = meeting.place
        super().__init__(*args, meeting=meeting, **kwargs)


class DialogueCancelForm(VersionedMeetingForm):
    reason = forms.CharField(
        label=_("Besked til forældrene"),
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs=TEXTAREA),
        help_text=_(
            "Står i brevet om aflysningen, hvis mødet ikke er holdt endnu. Fx: Vi ringer til "
            "dig og finder en ny tid."
        ),
        error_messages={"max_length": _("Teksten er for lang (højst %(limit_value)d tegn).")},
    )


class DialogueRecordForm(VersionedMeetingForm):
    """The record of a booked meeting: the fields of a meeting recorded afterwards."""

    held_on = _date(_("Dato for mødet"))
    participants = _line(
        _("Deltagere"),
        _("Skriv, hvem der deltog i mødet."),
        max_length=500,
        help_text=_("Ret listen, hvis nogen ikke kom, eller andre kom med."),
    )
    staff_view = _text(_("Det ser personalet"), _("Skriv, hvad personalet ser hos barnet."))
    parents_view = _text(
        _("Det ser og ønsker forældrene"), _("Skriv, hvad forældrene ser og ønsker.")
    )
    agreed = _text(_("Det aftalte vi"), _("Skriv, hvad I aftalte med forældrene."))

    def __init__(
        self, *args: Any, meeting: DialogueMeeting, participants: str, **kwargs: Any
    ) -> None:
        self.meeting = meeting
        initial = kwargs.setdefault("initial", {})
        initial["participants"] = participants
        if meeting.day is not None:
            initial["held_on"] = min(meeting.day, timezone.localdate())
        super().__init__(*args, meeting=meeting, **kwargs)

    def clean_held_on(self) -> date:
        day: date = self.cleaned_data["held_on"]
        refusal = record_refusal(meeting=self.meeting, held_on=day)
        if refusal:
            raise forms.ValidationError(refusal)
        return day
