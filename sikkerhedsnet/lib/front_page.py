"""What a panel of the front page is: named, rendered for one user, or nothing for her.

Each area writes its panels in its `front_page.py` (the round of her units, her next meetings,
the notifications' 24-hour clocks …) and lists them under "front_page_panels" in
`sikkerhedsnet/plugins.py`, in the order the front page shows them; core's front page loads
them with `lib.plugins.load("front_page_panels", FrontPanel)`. A panel asks its own area's
access functions who may see it and answers None for everyone else, so a panel she may not
see looks the same as one with nothing in it: missing. It reads with a fixed few set-based
queries, shows a heading, at most a handful of items each linked to where the work is done, and
a link to the whole list.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.utils.safestring import SafeString

from sikkerhedsnet.lib.plugins import load

if TYPE_CHECKING:
    from sikkerhedsnet.lib.http import AuthedRequest

# Items a panel shows at most before its "Se alle" link.
PANEL_ITEMS = 8

PanelRenderer = Callable[["AuthedRequest"], SafeString | None]


@dataclass(frozen=True)
class FrontPanel:
    name: str
    render: PanelRenderer


def render_front_panels(request: AuthedRequest) -> list[SafeString]:
    """The panels that have something for this user, in the table's order."""
    rendered = (panel.render(request) for panel in load("front_page_panels", FrontPanel))
    return [html for html in rendered if html]
