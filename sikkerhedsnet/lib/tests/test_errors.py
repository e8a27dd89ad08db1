"""The two kinds of "no": a refusal shown on its field, a conflict that carries the row now."""

from __future__ import annotations

from django import forms

from sikkerhedsnet.lib.errors import Conflict, Refused


class _Form(forms.Form):
    name = forms.CharField()


def test_a_refusal_is_shown_on_the_field_it_names() -> None:
    form = _Form({"name": "x"})
    form.is_valid()
    Refused("Navnet er optaget.", field="name").add_to(form)
    assert form.errors == {"name": ["Navnet er optaget."]}


def test_a_refusal_without_a_known_field_is_shown_above_the_form() -> None:
    form = _Form({"name": "x"})
    form.is_valid()
    Refused("Planen er lukket.", field="missing").add_to(form)
    assert form.non_field_errors() == ["Planen er lukket."]


def test_a_refusal_reads_as_its_message() -> None:
    assert str(Refused("Skriv en begrundelse.")) == "Skriv en begrundelse."
    assert isinstance(Refused("x"), ValueError)


def test_a_conflict_carries_what_is_there_now() -> None:
    current = object()
    assert Conflict(current).current is current
