"""Sections of the child's page contributed by other areas (screenings, plans, cases …).

Each area registers a renderer at start-up; the child page shows what each returns, in order.
A renderer gets the request and the ChildAccess (the access check and log are already done) and
returns rendered HTML, or None when it has nothing this viewer may see.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.utils.safestring import SafeString

from sikkerhedsnet.core.auth import AuthedRequest
from sikkerhedsnet.people.access import ChildAccess

Renderer = Callable[[AuthedRequest, ChildAccess], SafeString | None]


@dataclass(frozen=True)
class ChildSection:
    name: str
    order: int
    render: Renderer


_SECTIONS: dict[str, ChildSection] = {}


def register_child_section(section: ChildSection) -> ChildSection:
    if section.name in _SECTIONS:
        raise ValueError(f"child section {section.name} is registered twice")
    _SECTIONS[section.name] = section
    return section


def render_child_sections(request: AuthedRequest, access: ChildAccess) -> list[SafeString]:
    ordered = sorted(_SECTIONS.values(), key=lambda section: section.order)
    rendered = (section.render(request, access) for section in ordered)
    return [html for html in rendered if html]
