"""The shared form mechanisms: fields required in some cases, ARIA links, the error summary."""

from __future__ import annotations

from typing import Any

from django import forms

from sikkerhedsnet.lib.forms import DesignSystemForm, ErrorLink, error_links, is_optional


class _Form(DesignSystemForm):
    conditionally_required = {"reason": "Skal udfyldes, når du vælger nej."}

    version = forms.IntegerField(widget=forms.HiddenInput)
    answer = forms.ChoiceField(
        label="Er barnet i fare?", choices=[("yes", "Ja"), ("no", "Nej")], widget=forms.RadioSelect
    )
    reason = forms.CharField(label="Begrundelse", required=False, help_text="Kort.")
    note = forms.CharField(label="Notat", required=False)
    day = forms.DateField(label="Dato")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("answer") == "no" and not data.get("reason"):
            self.add_error("reason", "Skriv en begrundelse.")
        if data.get("note") == "x":
            raise forms.ValidationError("Hele formularen er forkert.")
        return data


def test_a_field_required_in_some_cases_is_not_optional_and_says_when() -> None:
    form = _Form()
    assert not is_optional(form["reason"])
    assert is_optional(form["note"])
    assert not is_optional(form["day"])
    assert str(form.fields["reason"].help_text) == "Skal udfyldes, når du vælger nej. Kort."
    assert form.fields["reason"].widget.attrs["aria-describedby"] == "id_reason-hint"


def test_a_plain_form_has_no_conditionally_required_fields() -> None:
    class Plain(forms.Form):
        note = forms.CharField(required=False)

    assert is_optional(Plain()["note"])


def test_the_aria_links_carry_the_forms_prefix() -> None:
    form = _Form({"p-answer": "no"}, prefix="p")
    assert form.fields["reason"].widget.attrs["aria-describedby"] == (
        "id_p-reason-hint id_p-reason-error"
    )
    assert form.fields["reason"].widget.attrs["aria-invalid"] == "true"


def test_the_summary_links_each_error_to_its_field_in_the_order_of_the_form() -> None:
    form = _Form({"version": "1", "answer": "no", "note": "x", "day": "i går"})
    assert error_links(form) == [
        ErrorLink("Hele formularen er forkert."),
        ErrorLink("Skriv en begrundelse.", "Begrundelse", "id_reason"),
        ErrorLink("Indtast en gyldig dato.", "Dato", "id_day"),
    ]
    assert error_links(form)[1].text == "Begrundelse: Skriv en begrundelse."


def test_a_group_links_to_its_first_option_and_a_question_keeps_its_mark() -> None:
    form = _Form({"p-version": "1", "p-day": "2026-11-22"}, prefix="p")
    (link,) = error_links(form)
    assert link.target == "id_p-answer_0"
    assert link.text == "Er barnet i fare? Dette felt er påkrævet."


def test_an_error_in_a_hidden_field_says_the_page_was_out_of_date() -> None:
    form = _Form({"version": "gammel", "answer": "yes", "day": "2026-11-22"})
    assert error_links(form) == [ErrorLink("Siden var forældet. Indlæs den igen.")]
