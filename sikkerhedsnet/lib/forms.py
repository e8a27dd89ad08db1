"""Form fields shared by every area."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar

from django import forms
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from sikkerhedsnet.lib import cpr as cprlib

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

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


def is_group(widget: forms.Widget) -> bool:
    """A radio or checkbox group: core/components/choices.html renders it in a fieldset."""
    return isinstance(widget, forms.RadioSelect)  # CheckboxSelectMultiple is one too


def design_class(widget: forms.Widget) -> str:
    """The design system's class for a widget's input (each option's, for a group).

    A radio or checkbox is `form-radio`/`form-checkbox`: DKFDS draws it from its label, and the
    text box class `form-input` on it showed an empty bar and hid which option was chosen.
    """
    if isinstance(widget, forms.CheckboxSelectMultiple | forms.CheckboxInput):
        return "form-checkbox"
    if isinstance(widget, forms.RadioSelect):
        return "form-radio"
    if isinstance(widget, forms.Select):
        return "form-select"
    return "form-input"


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
    """Adds Det Fælles Designsystem's classes and the ARIA links to hints and errors.

    `conditionally_required` names the fields that are optional only in some cases (the form's
    `clean` or the service asks for them when another choice is made), each with the case in
    words, e.g. `{"reason": _("Skal udfyldes, når …")}`. Such a field is not labelled
    "(valgfri)"; the case is shown as its hint, before any hint of its own.
    """

    conditionally_required: ClassVar[Mapping[str, StrOrPromise]] = {}

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        for name, condition in self.conditionally_required.items():
            field = self.fields.get(name)  # a field made per request may be absent
            if field is None:
                continue
            hint = field.help_text
            field.help_text = format_lazy("{} {}", condition, hint) if hint else condition
        for name, field in self.fields.items():
            widget = field.widget
            widget.attrs.setdefault("class", design_class(widget))
            if self.is_bound and name in self.errors:
                widget.attrs["aria-invalid"] = "true"
            if is_group(widget):
                # choices.html describes a group on its fieldset, not on every option.
                continue
            # The ids field.html gives the hint and the error, with the form's prefix if any.
            base = self._auto_id(name)
            described = []
            if field.help_text:
                described.append(f"{base}-hint")
            if self.is_bound and name in self.errors:
                described.append(f"{base}-error")
            if described:
                widget.attrs["aria-describedby"] = " ".join(described)

    def _auto_id(self, name: str) -> str:
        """BoundField.auto_id without making the bound field (it would keep the field object a
        subclass may still replace)."""
        html_name = self.add_prefix(name)
        auto_id = str(self.auto_id or "")
        return auto_id % html_name if "%s" in auto_id else auto_id and html_name


def is_optional(bound: forms.BoundField) -> bool:
    """True if the field may always be left empty: field.html labels it "(valgfri)"."""
    conditional: Mapping[str, object] = getattr(bound.form, "conditionally_required", {})
    return not bound.field.required and bound.name not in conditional


# The error summary ------------------------------------------------------------------------------


@dataclass(frozen=True)
class ErrorLink:
    """One line of the error summary: the field's label and the error, linked to the field."""

    message: str
    label: str = ""
    target: str = ""  # the id of the element the link moves focus to; "" for no link

    @property
    def text(self) -> str:
        """ "Sidste dag: Skriv den sidste dag …"; a label that is a question keeps its mark."""
        if not self.label:
            return self.message
        joint = " " if self.label[-1] in "?!.:" else ": "
        return f"{self.label}{joint}{self.message}"


def _target(bound: forms.BoundField) -> str:
    """The id of the input to focus: the field's own, or a group's first option."""
    if bound.id_for_label:
        return bound.id_for_label
    subwidgets = bound.subwidgets
    first = subwidgets[0].id_for_label if subwidgets else ""
    return first or bound.auto_id or ""


def error_links(form: forms.BaseForm) -> list[ErrorLink]:
    """Every error of the form, in the order of the page: the form's own, then field by field.

    A hidden field is set by the page itself, so its error means the page was out of date.
    """
    links = [ErrorLink(message=str(error)) for error in form.non_field_errors()]
    stale = False
    for bound in form:
        if not bound.errors:
            continue
        if bound.is_hidden:
            stale = True
            continue
        label, target = str(bound.label or ""), _target(bound)
        links.extend(ErrorLink(str(error), label, target) for error in bound.errors)
    if stale:
        links.append(ErrorLink(message=str(_("Siden var forældet. Indlæs den igen."))))
    return links
