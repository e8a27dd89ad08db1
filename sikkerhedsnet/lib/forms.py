"""Form fields shared by every area."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from sikkerhedsnet.lib import cpr as cprlib

DANISH_DATE_FORMATS = ["%d.%m.%Y", "%d-%m-%Y", "%Y-%m-%d", "%d/%m/%Y"]


class CprField(forms.CharField):
    """A CPR number in, ten digits out; the error says what is wrong, in Danish."""

    def __init__(self, **kwargs: object) -> None:
        kwargs.setdefault("max_length", 20)
        kwargs.setdefault("label", _("CPR-nummer"))
        kwargs.setdefault("help_text", _("DDMMÅÅ-XXXX"))
        super().__init__(**kwargs)  # type: ignore[arg-type]

    def to_python(self, value: object) -> str:
        text = super().to_python(value)
        if not text:
            return ""
        try:
            return cprlib.parse(text).digits
        except cprlib.CprError as error:
            raise forms.ValidationError(str(error), code="invalid_cpr") from None


class DanishDateField(forms.DateField):
    input_formats = DANISH_DATE_FORMATS
    default_error_messages = {
        "invalid": _("Skriv datoen som DD.MM.ÅÅÅÅ, fx 22.11.2026."),
    }


class FieldsAdjustedForm(forms.Form):
    """Calls `adjust_fields` once Django has built the fields, before DesignSystemForm styles them.

    Put it after DesignSystemForm in the bases (`class F(DesignSystemForm, FieldsAdjustedForm)`),
    so fields made or changed per request (by the child, the guide or what was submitted) are
    styled too. DesignSystemForm validates a bound form while styling it (to mark invalid
    fields), so a field made optional by the submitted data must be changed before that.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.adjust_fields()

    def adjust_fields(self) -> None:
        """Add or change the fields that depend on the request; nothing by default."""


class DesignSystemForm(forms.Form):
    """Adds Det Fælles Designsystem's classes and the ARIA links to hints and errors."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        for name, field in self.fields.items():
            widget = field.widget
            css = "form-select" if isinstance(widget, forms.Select) else "form-input"
            if isinstance(widget, forms.CheckboxInput):
                css = "form-checkbox"
            widget.attrs.setdefault("class", css)
            described = []
            if field.help_text:
                described.append(f"id_{name}-hint")
            if self.is_bound and name in self.errors:
                described.append(f"id_{name}-error")
                widget.attrs["aria-invalid"] = "true"
            if described:
                widget.attrs["aria-describedby"] = " ".join(described)
