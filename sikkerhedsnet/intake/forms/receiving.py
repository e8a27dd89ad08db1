"""Forms for receiving notifications: the citizens' public form, the professional's form on the
child's page and intake's registration of a phone call or a letter.

Forms check input and say in Danish what to do; `notification_receive` does the writing.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, time
from typing import TYPE_CHECKING, Any, ClassVar

from django import forms
from django.utils import formats, timezone
from django.utils.functional import lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, gettext_noop

from sikkerhedsnet.intake.models import (
    COPENHAGEN,
    TEXT_MAX_CHARS,
    Channel,
    DutyGround,
    SourceKind,
)
from sikkerhedsnet.lib import cpr as cprlib
from sikkerhedsnet.lib.forms import (
    CprField,
    DanishDateField,
    DesignSystemForm,
    FieldsAdjustedForm,
)

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

# Fields that show as a group of options, described on their fieldset rather than per option.
GROUPED_WIDGETS = (forms.RadioSelect, forms.CheckboxSelectMultiple)
# Room is left in the model's 200 characters for an unmatched CPR number (see ChildDescribed).
CHILD_NAME_MAX = 150
NAME_MAX, ORGANISATION_MAX, ADDRESS_MAX, PHONE_MAX = 200, 200, 300, 30

# The relations a citizen may choose on the public form; professionals have their own ways in.
CITIZEN_SOURCES = [SourceKind.CITIZEN, SourceKind.FAMILY, SourceKind.CHILD, SourceKind.OTHER]
REGISTERED_CHANNELS = [Channel.PHONE, Channel.LETTER]
# Django's own message repeats the posted value back; only a tampered form can trigger it.
INVALID_CHOICE = gettext_lazy("Vælg en af mulighederne.")

PUBLIC_TEXT_HINT = gettext_noop(
    "Beskriv, hvad du har set eller hørt, hvornår det skete, og hvem der var til stede. "
    "Højst %(limit)s tegn."
)
PROFESSIONAL_TEXT_HINT = gettext_noop(
    "Skriv, hvad du har set og hørt, hvornår, og hvad du eller enheden allerede har gjort. "
    "Teksten kan ikke ændres, når den er sendt. Rettelser kommer med som tilføjelser. "
    "Højst %(limit)s tegn."
)
REGISTER_TEXT_HINT = gettext_noop("Det, underretteren fortalte eller skrev. Højst %(limit)s tegn.")


def _number(value: int) -> str:
    return formats.number_format(value, force_grouping=True)


def _translate_with_limit(message: str) -> str:
    return _(message) % {"limit": _number(TEXT_MAX_CHARS)}


def _with_limit(message: str) -> str:
    """A help text naming the length limit, translated when shown, not when imported."""
    return lazy(_translate_with_limit, str)(message)


class NotificationTextField(forms.CharField):
    """The notifier's own words: required, at most TEXT_MAX_CHARS, stored exactly as written.

    No maxlength attribute on the textarea: a browser silently cuts pasted text at that length,
    and a notifier who never sees the end disappear cannot know that part of it was lost.
    """

    widget = forms.Textarea

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("label", gettext_lazy("Hvad er du bekymret for?"))
        kwargs.setdefault(
            "error_messages", {"required": gettext_lazy("Skriv, hvad du er bekymret for.")}
        )
        super().__init__(**kwargs)
        self.widget.attrs.update({"rows": 10, "class": "form-input input-width-xl"})

    def to_python(self, value: Any) -> str:
        # Browsers send line breaks as CRLF; one line break is one character, as the writer sees.
        text = super().to_python(value) or ""
        return text.replace("\r\n", "\n").replace("\r", "\n")

    def validate(self, value: str) -> None:
        super().validate(value)
        if len(value) > TEXT_MAX_CHARS:
            raise forms.ValidationError(
                _(
                    "Teksten er for lang: den har %(length)s tegn, og der er plads til "
                    "%(limit)s. Forkort teksten, og send igen."
                )
                % {"length": _number(len(value)), "limit": _number(TEXT_MAX_CHARS)},
                code="too_long",
            )


class ReceivingForm(DesignSystemForm, FieldsAdjustedForm):
    """Design-system styling; option groups are described on their fieldset."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if isinstance(field.widget, GROUPED_WIDGETS):
                field.widget.attrs["class"] = "form-radio"
                field.widget.attrs.pop("aria-describedby", None)
                field.widget.attrs.pop("aria-invalid", None)

    def described_by(self, name: str) -> str:
        ids = []
        if self.fields[name].help_text:
            ids.append(f"id_{name}-hint")
        if self.is_bound and name in self.errors:
            ids.append(f"id_{name}-error")
        return " ".join(ids)


@dataclass(frozen=True)
class ChildDescribed:
    """What the notifier told about the child: a CPR number, or a name and an address."""

    cpr: str  # ten digits or ""
    name: str
    address: str

    def name_to_store(self) -> str:
        """The name as given, with a CPR number that matched no child kept beside it.

        A notification has no field of its own for an unmatched CPR number; it is kept with the
        name so that intake can match the child later and nothing the notifier wrote is lost.
        """
        if not self.cpr:
            return self.name
        cpr = cprlib.format_digits(self.cpr)
        return f"{self.name} (CPR {cpr})" if self.name else f"CPR {cpr}"


class ChildFields(forms.Form):
    """CPR number if known, otherwise the child's name (and address if known)."""

    # One of the two is asked for (_check_child); read by DesignSystemForm and field.html.
    conditionally_required: ClassVar[Mapping[str, StrOrPromise]] = {
        "child_cpr": gettext_lazy("Skal udfyldes, hvis barnets navn ikke er kendt."),
        "child_name": gettext_lazy("Skal udfyldes, hvis barnets CPR-nummer ikke er kendt."),
    }

    child_cpr = CprField(
        required=False,
        label=gettext_lazy("Barnets CPR-nummer"),
        help_text=gettext_lazy("DDMMÅÅ-XXXX"),
    )
    child_name = forms.CharField(
        required=False, max_length=CHILD_NAME_MAX, label=gettext_lazy("Barnets navn")
    )
    child_address = forms.CharField(
        required=False,
        max_length=ADDRESS_MAX,
        label=gettext_lazy("Barnets adresse"),
        help_text=gettext_lazy("Vej, nummer og by, hvis du kender den."),
    )

    def _check_child(self) -> None:
        data = self.cleaned_data
        # Only when the CPR field itself was fine: a malformed number has its own message.
        if "child_cpr" in data and not data.get("child_cpr") and not data.get("child_name"):
            self.add_error(
                "child_name",
                _("Skriv barnets CPR-nummer eller barnets navn, så kommunen kan finde barnet."),
            )

    @property
    def child_described(self) -> ChildDescribed:
        return ChildDescribed(
            cpr=self.cleaned_data.get("child_cpr", ""),
            name=self.cleaned_data.get("child_name", ""),
            address=self.cleaned_data.get("child_address", ""),
        )


# The public form ------------------------------------------------------------------------------

ANONYMOUS_CHOICES = [
    ("no", gettext_lazy("Nej, kommunen må gerne kontakte mig")),
    ("yes", gettext_lazy("Ja, jeg vil være anonym")),
]


class PublicNotificationForm(ChildFields, ReceivingForm):
    """A citizen's notification, without login. Anonymous is allowed."""

    text = NotificationTextField(
        help_text=_with_limit(PUBLIC_TEXT_HINT),
    )
    relation = forms.ChoiceField(
        label=gettext_lazy("Hvem er du i forhold til barnet?"),
        choices=[(kind.value, kind.label) for kind in CITIZEN_SOURCES],
        widget=forms.RadioSelect,
        error_messages={
            "required": gettext_lazy("Vælg, hvem du er i forhold til barnet."),
            "invalid_choice": INVALID_CHOICE,
        },
    )
    anonymous = forms.ChoiceField(
        label=gettext_lazy("Vil du være anonym?"),
        help_text=gettext_lazy(
            "Er du anonym, kan kommunen ikke stille dig spørgsmål, og du får ikke svar."
        ),
        choices=ANONYMOUS_CHOICES,
        initial="no",
        widget=forms.RadioSelect,
        error_messages={
            "required": gettext_lazy("Vælg, om du vil være anonym."),
            "invalid_choice": INVALID_CHOICE,
        },
    )
    conditionally_required = {
        **ChildFields.conditionally_required,
        "notifier_name": gettext_lazy("Skal udfyldes, medmindre du vil være anonym."),
    }

    notifier_name = forms.CharField(
        max_length=NAME_MAX,
        label=gettext_lazy("Dit navn"),
        error_messages={"required": gettext_lazy("Skriv dit navn, eller vælg at være anonym.")},
    )
    notifier_phone = forms.CharField(
        required=False, max_length=PHONE_MAX, label=gettext_lazy("Dit telefonnummer")
    )
    notifier_email = forms.EmailField(
        required=False,
        label=gettext_lazy("Din e-mail"),
        error_messages={
            "invalid": gettext_lazy("Skriv en gyldig e-mailadresse, fx navn@eksempel.dk.")
        },
    )

    def adjust_fields(self) -> None:
        # The name is required unless she chooses to be anonymous.
        if self.is_bound and self.data.get("anonymous") == "yes":
            self.fields["notifier_name"].required = False

    @property
    def is_anonymous(self) -> bool:
        return self.cleaned_data.get("anonymous") == "yes"

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        self._check_child()
        return cleaned


# The professional's form on the child's page --------------------------------------------------


class ProfessionalNotificationForm(ReceivingForm):
    """A professional's notification about a child she may see; she is the notifier."""

    duty_ground = forms.ChoiceField(
        label=gettext_lazy("Hvorfor underretter du?"),
        help_text=gettext_lazy(
            "Som offentligt ansat har du skærpet underretningspligt. Vælg den grund, der passer "
            "bedst."
        ),
        choices=DutyGround.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": gettext_lazy("Vælg, hvorfor du underretter."),
            "invalid_choice": INVALID_CHOICE,
        },
    )
    text = NotificationTextField(
        label=gettext_lazy("Beskriv din bekymring"),
        help_text=_with_limit(PROFESSIONAL_TEXT_HINT),
    )
    urgent = forms.BooleanField(
        required=False,
        label=gettext_lazy("Barnet har brug for hjælp i dag"),
        help_text=gettext_lazy(
            "Sæt kryds, hvis barnet efter din vurdering ikke kan vente. Visitationen ser akutte "
            "underretninger først. Er barnet i akut fare, så ring 112."
        ),
    )
    from_meeting = forms.BooleanField(
        required=False,
        label=gettext_lazy("Underretningen kommer fra et tværfagligt møde"),
        help_text=gettext_lazy("Fx en lokalisering med PPR, sundhedsplejen og en rådgiver."),
    )

    @property
    def channel(self) -> Channel:
        return Channel.MEETING if self.cleaned_data.get("from_meeting") else Channel.PROFESSIONAL


# Intake registers a phone call or a letter --------------------------------------------------


def _now_day() -> str:
    return timezone.localdate().strftime("%d.%m.%Y")


def _now_time() -> str:
    return timezone.localtime().strftime("%H.%M")


class RegisterNotificationForm(ChildFields, ReceivingForm):
    """Intake types in a notification that came by phone or by letter."""

    conditionally_required = {
        **ChildFields.conditionally_required,
        "notifier_name": gettext_lazy("Skal udfyldes, medmindre underretteren er anonym."),
    }

    channel = forms.ChoiceField(
        label=gettext_lazy("Hvordan kom underretningen?"),
        choices=[(channel.value, channel.label) for channel in REGISTERED_CHANNELS],
        widget=forms.RadioSelect,
        error_messages={
            "required": gettext_lazy("Vælg, hvordan underretningen kom."),
            "invalid_choice": INVALID_CHOICE,
        },
    )
    received_on = DanishDateField(
        label=gettext_lazy("Modtaget dato"),
        help_text=gettext_lazy("DD.MM.ÅÅÅÅ"),
        initial=_now_day,
        error_messages={"required": gettext_lazy("Skriv datoen, underretningen kom.")},
        widget=forms.TextInput(attrs={"class": "form-input input-width-s"}),
    )
    received_time = forms.TimeField(
        label=gettext_lazy("Modtaget klokken"),
        help_text=gettext_lazy("TT.MM, fx 14.30"),
        initial=_now_time,
        input_formats=["%H.%M", "%H:%M", "%H"],
        error_messages={
            "required": gettext_lazy("Skriv klokkeslættet, underretningen kom."),
            "invalid": gettext_lazy("Skriv klokkeslættet som TT.MM, fx 14.30."),
        },
        widget=forms.TextInput(attrs={"class": "form-input input-width-xs"}),
    )
    is_professional = forms.BooleanField(
        required=False,
        label=gettext_lazy("Underretteren er fagperson med skærpet underretningspligt"),
        help_text=gettext_lazy("Fagpersoner får en kvittering inden for 6 hverdage."),
    )
    source_kind = forms.ChoiceField(
        label=gettext_lazy("Afsender"),
        choices=SourceKind.choices,
        error_messages={
            "required": gettext_lazy("Vælg, hvem underretningen kommer fra."),
            "invalid_choice": INVALID_CHOICE,
        },
    )
    duty_ground = forms.ChoiceField(
        required=False,
        label=gettext_lazy("Grundlag for underretningspligten"),
        choices=[("", gettext_lazy("Ikke oplyst")), *DutyGround.choices],
        error_messages={"invalid_choice": INVALID_CHOICE},
    )
    anonymous = forms.BooleanField(
        required=False,
        label=gettext_lazy("Underretteren er anonym"),
        help_text=gettext_lazy("Navn og kontaktoplysninger bliver ikke gemt."),
    )
    notifier_name = forms.CharField(
        required=False, max_length=NAME_MAX, label=gettext_lazy("Underretterens navn")
    )
    notifier_organisation = forms.CharField(
        required=False, max_length=ORGANISATION_MAX, label=gettext_lazy("Arbejdssted")
    )
    notifier_phone = forms.CharField(
        required=False, max_length=PHONE_MAX, label=gettext_lazy("Telefon")
    )
    notifier_email = forms.EmailField(
        required=False,
        label=gettext_lazy("E-mail"),
        error_messages={
            "invalid": gettext_lazy("Skriv en gyldig e-mailadresse, fx navn@eksempel.dk.")
        },
    )
    notifier_address = forms.CharField(
        required=False, max_length=ADDRESS_MAX, label=gettext_lazy("Underretterens adresse")
    )
    text = NotificationTextField(
        label=gettext_lazy("Underretningen"),
        help_text=_with_limit(REGISTER_TEXT_HINT),
        error_messages={"required": gettext_lazy("Skriv, hvad underretningen handler om.")},
    )
    urgent = forms.BooleanField(
        required=False,
        label=gettext_lazy("Anmeldt som akut"),
        help_text=gettext_lazy("Underretteren mener, at barnet har brug for hjælp i dag."),
    )

    field_order = [
        "channel",
        "received_on",
        "received_time",
        "child_cpr",
        "child_name",
        "child_address",
    ]

    @property
    def received_at(self) -> datetime:
        moment: datetime = self.cleaned_data["received_at"]
        return moment

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        self._check_child()
        self._check_received_at(cleaned)
        anonymous, professional = cleaned.get("anonymous"), cleaned.get("is_professional")
        if anonymous and professional:
            self.add_error(
                "anonymous",
                _("En fagperson med skærpet underretningspligt kan ikke underrette anonymt."),
            )
        elif not anonymous and not cleaned.get("notifier_name"):
            self.add_error(
                "notifier_name",
                _("Skriv underretterens navn, eller markér, at vedkommende er anonym."),
            )
        return cleaned

    def _check_received_at(self, cleaned: dict[str, Any]) -> None:
        day, clock = cleaned.get("received_on"), cleaned.get("received_time")
        if day is None or clock is None:
            return
        moment = datetime.combine(day, time(clock.hour, clock.minute), COPENHAGEN)
        if moment > timezone.now():
            self.add_error(
                "received_time", _("Tidspunktet ligger i fremtiden. Skriv, hvornår den kom.")
            )
            return
        cleaned["received_at"] = moment
