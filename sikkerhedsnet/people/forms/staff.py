"""Forms of the staff pages and of "Skift adgangskode". They check that the input is readable and
say so in Danish; the rules (the last administrator, overlapping memberships) are the services'."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.contrib.auth.forms import PasswordChangeForm
from django.contrib.auth.password_validation import password_validators_help_texts
from django.contrib.auth.validators import UnicodeUsernameValidator
from django.utils.translation import gettext_lazy as _

from sikkerhedsnet.lib.forms import DanishDateField, DesignSystemForm, FieldsAdjustedForm
from sikkerhedsnet.people.models import Role, Unit, UnitKind, User

ACTIVE, INACTIVE, ALL = "aktive", "deaktiverede", "alle"
STATUS_CHOICES = [
    (ACTIVE, _("Aktive")),
    (INACTIVE, _("Deaktiverede")),
    (ALL, _("Alle")),
]
DATE_HINT = _("DD.MM.ÅÅÅÅ")


def unit_choices(*, blank: Any) -> list[tuple[Any, Any]]:
    """The units by kind (teams are the family department's units), for a grouped select."""
    units = Unit.objects.order_by("name").values_list("pk", "name", "kind")
    by_kind: dict[str, list[tuple[str, str]]] = {}
    for pk, name, kind in units:
        by_kind.setdefault(kind, []).append((str(pk), name))
    grouped = [(UnitKind(kind).label, by_kind[kind]) for kind in UnitKind.values if kind in by_kind]
    return [("", blank), *grouped]


class UnitField(forms.ChoiceField):
    """A unit chosen from a select grouped by kind; cleans to the Unit (or None when empty)."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(choices=(), **kwargs)

    def clean(self, value: Any) -> Unit | None:
        chosen = super().clean(value)
        if not chosen:
            return None
        return Unit.objects.get(pk=int(chosen))


def _set_units(form: forms.Form, name: str, blank: Any) -> None:
    cast(UnitField, form.fields[name]).choices = unit_choices(blank=blank)


class StaffFilterForm(DesignSystemForm, FieldsAdjustedForm):
    """The GET form above the list of staff."""

    q = forms.CharField(label=_("Søg på navn eller brugernavn"), required=False, max_length=100)
    rolle = forms.ChoiceField(
        label=_("Rolle"), required=False, choices=[("", _("Alle roller")), *Role.choices]
    )
    enhed = UnitField(label=_("Enhed eller team"), required=False)
    status = forms.ChoiceField(label=_("Vis"), required=False, choices=STATUS_CHOICES)

    def adjust_fields(self) -> None:
        _set_units(self, "enhed", _("Alle enheder og teams"))


class StaffForm(DesignSystemForm, FieldsAdjustedForm):
    username = forms.CharField(
        label=_("Brugernavn"),
        max_length=150,
        validators=[UnicodeUsernameValidator()],
        help_text=_("Bogstaver, tal og tegnene @ . + - _ uden mellemrum, fx initialer."),
        error_messages={"required": _("Skriv et brugernavn.")},
    )
    first_name = forms.CharField(
        label=_("Fornavn"), max_length=150, error_messages={"required": _("Skriv fornavnet.")}
    )
    last_name = forms.CharField(
        label=_("Efternavn"), max_length=150, error_messages={"required": _("Skriv efternavnet.")}
    )
    email = forms.EmailField(
        label=_("E-mail"),
        required=False,
        error_messages={"invalid": _("Skriv en gyldig e-mailadresse, fx navn@kommune.dk.")},
    )
    job_title = forms.CharField(
        label=_("Stilling"), max_length=100, required=False, help_text=_("Fx pædagog, rådgiver.")
    )
    role = forms.ChoiceField(
        label=_("Rolle"),
        choices=[("", _("Vælg rolle")), *Role.choices],
        help_text=_("Rollen bestemmer, hvad medarbejderen kan se og gøre i Sikkerhedsnet."),
        error_messages={"required": _("Vælg en rolle.")},
    )

    def clean_username(self) -> str:
        return str(self.cleaned_data["username"]).strip().lower()

    @property
    def fields_for_service(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in StaffForm.base_fields}


class StaffCreateForm(StaffForm):
    conditionally_required = {"since": _("Skal udfyldes, når der er valgt en enhed.")}
    unit = UnitField(
        label=_("Enhed eller team"),
        required=False,
        help_text=_("Flere enheder og teams kan tilføjes bagefter på medarbejderens side."),
    )
    since = DanishDateField(label=_("I enheden fra"), required=False, help_text=DATE_HINT)

    def adjust_fields(self) -> None:
        _set_units(self, "unit", _("Ingen enhed endnu"))

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if (
            data.get("unit") is not None
            and data.get("since") is None
            and "since" not in self.errors
        ):
            self.add_error("since", _("Skriv, fra hvilken dato medarbejderen er i enheden."))
        return data


class StaffEditForm(StaffForm):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)

    def __init__(self, *args: Any, version: int, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {})["version"] = version
        super().__init__(*args, **kwargs)

    @property
    def expected_version(self) -> int:
        return int(self.cleaned_data["version"])


def staff_initial(user: User) -> dict[str, Any]:
    return {name: getattr(user, name) for name in StaffForm.base_fields}


class MembershipAddForm(DesignSystemForm, FieldsAdjustedForm):
    unit = UnitField(label=_("Enhed eller team"), error_messages={"required": _("Vælg en enhed.")})
    since = DanishDateField(
        label=_("Fra"),
        help_text=DATE_HINT,
        error_messages={"required": _("Skriv, fra hvilken dato medarbejderen er i enheden.")},
    )

    def adjust_fields(self) -> None:
        _set_units(self, "unit", _("Vælg enhed eller team"))


class MembershipEndForm(DesignSystemForm):
    until = DanishDateField(
        label=_("Sidste dag i enheden"),
        help_text=DATE_HINT,
        error_messages={"required": _("Skriv den sidste dag, medarbejderen er i enheden.")},
    )


class OwnPasswordForm(DesignSystemForm, FieldsAdjustedForm, PasswordChangeForm):
    """Django's password change (the old password, the new one twice, AUTH_PASSWORD_VALIDATORS),
    in plain Danish."""

    error_messages = {
        **PasswordChangeForm.error_messages,
        "password_incorrect": _("Den nuværende adgangskode er forkert. Prøv igen."),
        "password_mismatch": _("De to nye adgangskoder er ikke ens."),
    }

    def __init__(self, user: User, *args: Any, **kwargs: Any) -> None:
        super().__init__(user, *args, **kwargs)

    def adjust_fields(self) -> None:
        old, new, again = (
            self.fields[n] for n in ("old_password", "new_password1", "new_password2")
        )
        old.label = _("Nuværende adgangskode")
        old.error_messages["required"] = _("Skriv din nuværende adgangskode.")
        new.label = _("Ny adgangskode")
        new.error_messages["required"] = _("Skriv en ny adgangskode.")
        # The rules as plain text (Django's own help text is an HTML list).
        new.help_text = " ".join(str(text) for text in password_validators_help_texts())
        again.label = _("Gentag den nye adgangskode")
        again.help_text = _("Skriv den samme nye adgangskode en gang til.")
        again.error_messages["required"] = _("Skriv den nye adgangskode igen.")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        old, new = data.get("old_password"), data.get("new_password1")
        if old and new and old == new and not self.errors:
            self.add_error(
                "new_password1", _("Den nye adgangskode skal være en anden end den nuværende.")
            )
        return data
