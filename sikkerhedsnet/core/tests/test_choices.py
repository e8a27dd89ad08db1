"""core/components/choices.html: a radio or checkbox group as DKFDS draws it (issue 13, item 3).

DesignSystemForm gave every widget but a select `form-input`, so a radio group showed an empty
text box bar above each label and hid the chosen option.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from django import forms
from django.template.loader import render_to_string
from django.test.html import Element, parse_html

from sikkerhedsnet.lib.forms import DesignSystemForm


class _Form(DesignSystemForm):
    outcome = forms.ChoiceField(
        label="Resultat",
        help_text="Vælg det, mødet nåede frem til.",
        choices=[("watch", "Vi holder øje"), ("notify", "Underretning")],
        widget=forms.RadioSelect,
    )
    members = forms.MultipleChoiceField(
        label="Deltagere",
        choices=[("a", "Anna"), ("b", "Bo"), ("c", "Carl")],
        widget=forms.CheckboxSelectMultiple,
    )
    note = forms.CharField(label="Notat", min_length=5)


@dataclass(frozen=True)
class Node:
    """An element of the rendered component with its parent and the element after it."""

    element: Element
    parent: Element | None
    following: Element | None

    def attr(self, name: str) -> str | None:
        return dict(self.element.attributes).get(name)

    def has(self, name: str) -> bool:
        return name in dict(self.element.attributes)


def _walk(element: Element, parent: Element | None = None) -> Iterator[Node]:
    children = [child for child in element.children if isinstance(child, Element)]
    following: Element | None
    for index, child in enumerate(children):
        following = children[index + 1] if index + 1 < len(children) else None
        yield Node(child, element, following)
        yield from _walk(child, element)


def _render(form: forms.Form, name: str) -> tuple[str, list[Node]]:
    rendered = render_to_string("core/components/choices.html", {"field": form[name]})
    root = parse_html(f"<main>{rendered}</main>")
    assert isinstance(root, Element)
    return rendered, list(_walk(root))


def _tags(nodes: list[Node], name: str) -> list[Node]:
    return [node for node in nodes if node.element.name == name]


def _classes(node: Node | Element) -> str:
    element = node.element if isinstance(node, Node) else node
    return dict(element.attributes).get("class") or ""


def test_a_radio_group_is_dkfds_radio_buttons_in_a_fieldset_with_a_legend() -> None:
    rendered, nodes = _render(_Form(), "outcome")
    [fieldset] = _tags(nodes, "fieldset")
    assert fieldset.attr("aria-describedby") == "id_outcome-hint"
    [legend] = _tags(nodes, "legend")
    assert _classes(legend) == "form-label"
    assert legend.parent is fieldset.element
    assert "Resultat</legend>" in rendered
    inputs = _tags(nodes, "input")
    assert [(i.attr("type"), _classes(i)) for i in inputs] == [("radio", "form-radio")] * 2
    for option in inputs:
        assert option.parent is not None
        assert dict(option.parent.attributes)["class"] == "form-group-radio"
        assert option.following is not None
        label = dict(option.following.attributes)
        assert option.following.name == "label"
        assert label == {"class": "form-label", "for": option.attr("id")}
        assert not option.has("aria-describedby")  # the fieldset carries hint and error
    assert "form-input" not in rendered


def test_a_checkbox_group_is_dkfds_checkboxes_without_being_told() -> None:
    rendered, nodes = _render(_Form(), "members")
    inputs = _tags(nodes, "input")
    assert [(i.attr("type"), _classes(i)) for i in inputs] == [("checkbox", "form-checkbox")] * 3
    assert {dict(i.parent.attributes)["class"] for i in inputs if i.parent} == {
        "form-group-checkbox"
    }
    assert [_classes(i.following) for i in inputs if i.following] == ["form-label"] * 3
    assert "form-input" not in rendered


def test_the_chosen_options_stay_checked_when_the_form_comes_back_with_an_error() -> None:
    form = _Form({"outcome": "notify", "members": ["a", "c"], "note": "kort"})
    assert not form.is_valid()
    assert set(form.errors) == {"note"}
    _, radios = _render(form, "outcome")
    assert [(r.attr("value"), r.has("checked")) for r in _tags(radios, "input")] == [
        ("watch", False),
        ("notify", True),
    ]
    _, boxes = _render(form, "members")
    assert [b.attr("value") for b in _tags(boxes, "input") if b.has("checked")] == ["a", "c"]


def test_a_group_in_error_says_so_on_its_fieldset() -> None:
    form = _Form({"note": "langt nok"})
    _, nodes = _render(form, "outcome")
    [group] = [n for n in nodes if "form-group" in _classes(n).split()]
    assert "form-error" in _classes(group).split()
    [fieldset] = _tags(nodes, "fieldset")
    assert fieldset.attr("aria-describedby") == "id_outcome-hint id_outcome-error"
    [error] = [n for n in nodes if n.attr("id") == "id_outcome-error"]
    assert _classes(error) == "form-error-message"
    assert {r.attr("aria-invalid") for r in _tags(nodes, "input")} == {"true"}


def test_a_text_field_keeps_form_input_and_a_select_form_select() -> None:
    class Plain(DesignSystemForm):
        note = forms.CharField()
        kind = forms.ChoiceField(choices=[("a", "A")])
        agree = forms.BooleanField()

    fields = Plain().fields
    assert fields["note"].widget.attrs["class"] == "form-input"
    assert fields["kind"].widget.attrs["class"] == "form-select"
    assert fields["agree"].widget.attrs["class"] == "form-checkbox"
