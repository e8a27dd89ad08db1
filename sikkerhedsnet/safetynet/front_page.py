"""The safety net's panel on the front page, for management: the key figures.

For whoever sees the round statistics (`screening.view_round_statistics`: ledelsen, and the
administrator): how many gaps each safety-net rule finds in the whole municipality today, as
counts only (no child is named, DESIGN §7), and the way to the round statistics per unit
(/trivselsrunder/). Until the key figures have a page of their own, this is what exists.
"""

from __future__ import annotations

from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import SafeString

from sikkerhedsnet.lib.front_page import FrontPanel
from sikkerhedsnet.lib.http import AuthedRequest
from sikkerhedsnet.lib.worklist import worklist_rules
from sikkerhedsnet.safetynet.selectors import rule_counts


def render_key_figures(request: AuthedRequest) -> SafeString | None:
    if not request.user.has_perm("screening.view_round_statistics"):
        return None
    counts = rule_counts(at=timezone.now())
    rules = [(rule, counts[rule.code]) for rule in worklist_rules() if counts[rule.code]]
    context = {"rules": rules, "total": sum(counts.values())}
    return render_to_string("safetynet/front_page/panel.html", context, request=request)


KEY_FIGURES_PANEL = FrontPanel(name="safetynet_key_figures", render=render_key_figures)
