"""The shared form components: the error summary and the field with its "(valgfri)"."""

from __future__ import annotations

from typing import Any

from django import forms
from django.template.loader import render_to_string

from sikkerhedsnet.lib.forms import DesignSystemForm


class _Form(DesignSystemForm):
    conditionally_required = {"reason": "Skal udfyldes, når du vælger nej."}

    version = forms.IntegerField(widget=forms.HiddenInput)
    answer = forms.ChoiceField(
        label="Svar", choices=[("yes", "Ja"), ("no", "Nej")], widget=forms.RadioSelect
    )
    reason = forms.CharField(label="Begrundelse", required=False)
    note = forms.CharField(label="Notat", required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("answer") == "no" and not data.get("reason"):
            self.add_error("reason", "Skriv en begrundelse.")
            raise forms.ValidationError("Formularen er ikke udfyldt.")
        return data


def _summary(form: forms.Form, **context: Any) -> str:
    return render_to_string("core/components/form_errors.html", {"form": form, **context})


def test_the_summary_is_the_design_systems_focused_alert_with_a_link_per_error() -> None:
    form = _Form({"version": "1", "answer": "no"})
    html = _summary(form, heading="Svaret er ikke gemt.", hint="Ret fejlene.")
    assert (
        '<div class="alert alert-error" role="alert" aria-atomic="true" '
        'data-module="error-summary" tabindex="-1">'
    ) in html
    assert '<h2 class="alert-heading">Svaret er ikke gemt.</h2>' in html
    assert '<p class="alert-text">Ret fejlene.</p>' in html
    items = [item.split("</li>")[0].strip() for item in html.split("<li>")[1:]]
    assert items == [
        "Formularen er ikke udfyldt.",
        '<a href="#id_reason">Begrundelse: Skriv en begrundelse.</a>',
    ]


def test_the_summary_says_so_when_the_page_was_out_of_date() -> None:
    html = _summary(_Form({"version": "x", "answer": "yes"}))
    assert "<li>Siden var forældet. Indlæs den igen.</li>" in html
    assert 'href="#id_version"' not in html


def test_no_errors_no_summary() -> None:
    assert _summary(_Form({"version": "1", "answer": "yes"})).strip() == ""
    assert _summary(_Form()).strip() == ""


def _field(form: forms.Form, name: str) -> str:
    return render_to_string("core/components/field.html", {"field": form[name]})


def test_only_a_field_that_may_always_be_empty_is_labelled_optional() -> None:
    form = _Form()
    assert "(valgfri)" in _field(form, "note")
    reason = _field(form, "reason")
    assert "valgfri" not in reason
    assert (
        '<span class="form-hint" id="id_reason-hint">Skal udfyldes, når du vælger nej.</span>'
    ) in reason


def test_a_fields_errors_share_one_element_with_one_id() -> None:
    form = _Form({"version": "1", "answer": "no"})
    form.add_error("reason", "Højst 10 tegn.")
    html = _field(form, "reason")
    assert html.count('id="id_reason-error"') == 1
    assert "Skriv en begrundelse. Højst 10 tegn." in html
