"""Sections of the case page contributed by other areas (assessment, Signs of Safety, plan …).

Each area registers a renderer at start-up; the case page shows what each returns, in order.
A renderer gets the request and the CaseAccess (the access check and log are already done, and
`can_edit` says whether the viewer may change things) and returns rendered HTML, or None when
it has nothing to show.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.utils.safestring import SafeString

from sikkerhedsnet.cases.access import CaseAccess
from sikkerhedsnet.core.auth import AuthedRequest

Renderer = Callable[[AuthedRequest, CaseAccess], SafeString | None]


@dataclass(frozen=True)
class CaseSection:
    name: str
    order: int
    render: Renderer


_SECTIONS: dict[str, CaseSection] = {}


def register_case_section(section: CaseSection) -> CaseSection:
    if section.name in _SECTIONS:
        raise ValueError(f"case section {section.name} is registered twice")
    _SECTIONS[section.name] = section
    return section


def render_case_sections(request: AuthedRequest, access: CaseAccess) -> list[SafeString]:
    ordered = sorted(_SECTIONS.values(), key=lambda section: section.order)
    rendered = (section.render(request, access) for section in ordered)
    return [html for html in rendered if html]
