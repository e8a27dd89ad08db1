"""A test helper: the inputs of a radio or checkbox group on a rendered page (issue 13, item 3)."""

from __future__ import annotations

from dataclasses import dataclass
from html.parser import HTMLParser


@dataclass(frozen=True)
class Option:
    value: str
    classes: tuple[str, ...]
    checked: bool


class _Inputs(HTMLParser):
    def __init__(self, name: str) -> None:
        super().__init__()
        self.name = name
        self.found: list[Option] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag != "input" or values.get("name") != self.name:
            return
        if values.get("type") not in ("radio", "checkbox"):
            return
        classes = tuple((values.get("class") or "").split())
        self.found.append(Option(values.get("value") or "", classes, "checked" in values))


def options(content: bytes | str, name: str) -> list[Option]:
    """Every radio or checkbox named `name`, in the order of the page."""
    parser = _Inputs(name)
    parser.feed(content.decode() if isinstance(content, bytes) else content)
    return parser.found


def assert_design_system_group(
    content: bytes | str, name: str, kind: str, checked: set[str]
) -> None:
    """The group is DKFDS radios/checkboxes (`form-radio`/`form-checkbox`, never the text box
    class `form-input`) and exactly the values in `checked` are checked."""
    found = options(content, name)
    assert found, f"no {kind} named {name}"
    for option in found:
        assert f"form-{kind}" in option.classes, option
        assert "form-input" not in option.classes, option
    assert {option.value for option in found if option.checked} == checked
