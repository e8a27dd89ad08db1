"""The measures API: the placement mix at a date (the statistics issue builds on it).

Aggregates only, so the statistics rule applies to everyone who may ask (DESIGN §7): counts from
1 up to the policy's `statistics_min_count` are hidden, with one more where a hidden count could
be worked out from the total. The definition, in words, is `MIX_DEFINITION` from the selector.
"""

from __future__ import annotations

from datetime import date

from django.http import Http404, HttpRequest
from django.utils import timezone
from ninja import Field, Router, Schema

from sikkerhedsnet.lib.api import STANDARD_ERRORS
from sikkerhedsnet.measures.ladder import MixGroup
from sikkerhedsnet.measures.selectors.catalogue import MIX_DEFINITION, placement_mix

router = Router(tags=["Foranstaltninger og anbringelser"])


class MixGroupOut(Schema):
    group: MixGroup = Field(description="Gruppen")
    label: str = Field(description="Gruppens navn på dansk")
    count: int | None = Field(
        description="Anbringelser i gruppen på dagen; null, når tallet er skjult (statistikreglen)"
    )
    share: float | None = Field(
        description="Gruppens andel af alle anbringelser på dagen (0–1); null, når skjult"
    )


class PlacementMixOut(Schema):
    day: date
    total: int | None = Field(description="Alle anbringelser på dagen; null, når under grænsen")
    groups: list[MixGroupOut]


@router.get(
    "/measures/placement-mix",
    response={200: PlacementMixOut, **STANDARD_ERRORS},
    summary="Anbringelsesmønstret på en dag: andel netværkspleje, plejefamilie og institution",
    description=MIX_DEFINITION
    + " Kun for ledelse, faglige ledere og administrator; andre får 404. Udeladt `day`: i dag.",
)
def placement_mix_get(request: HttpRequest, day: date | None = None) -> PlacementMixOut:
    if not request.user.has_perm("measures.view_placement_mix"):
        raise Http404
    mix = placement_mix(day or timezone.localdate(), suppressed=True)
    return PlacementMixOut(
        day=mix.day,
        total=mix.total,
        groups=[
            MixGroupOut(group=MixGroup(s.group), label=s.label, count=s.count, share=s.share)
            for s in mix.groups
        ],
    )
