"""Components every area's templates share, so each is written once (Det Fælles Designsystem).

    {% load ui %}
    {% url "people:child_detail" child.pk as child_url %}
    {% breadcrumbs child_url child.full_name case_url case_label current=_("Barnets plan") %}

`breadcrumbs` takes the trail as pairs (address, text), from the top down, and the current page's
name last; the current page is not a link.

The filters `error_links` (the lines of form_errors.html) and `is_optional` (field.html's
"(valgfri)") are lib.forms' functions, so the rule is written once for every form.
"""

from __future__ import annotations

from typing import Any

from django import template

from sikkerhedsnet.core import shell
from sikkerhedsnet.lib import forms as formlib

register = template.Library()
register.filter("error_links", formlib.error_links)
register.filter("is_optional", formlib.is_optional)


@register.inclusion_tag("core/components/breadcrumbs.html")
def breadcrumbs(*trail: object, current: object) -> dict[str, Any]:
    if len(trail) % 2:
        raise template.TemplateSyntaxError("breadcrumbs takes (address, text) pairs")
    pairs = zip(trail[0::2], trail[1::2], strict=True)
    links = [(url, text) for url, text in pairs if url]
    return {"links": links, "current": current}


@register.simple_tag
def municipality() -> shell.Municipality:
    """The municipality's name, logo and contact details for the header and footer:
    `{% municipality as town %}`."""
    return shell.municipality()
