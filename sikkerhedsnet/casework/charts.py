"""The safety scale over time as a Vega-Lite chart, built with altair.

The page draws the spec with vega-embed in AST mode (no eval, so the CSP needs no
'unsafe-eval'); the same numbers are in a table beside it for screen readers and print.
"""

from __future__ import annotations

from typing import Any

import altair as alt
from django.utils.translation import gettext as _

from sikkerhedsnet.casework.models import SCALE_MAX, SCALE_MIN
from sikkerhedsnet.casework.selectors import ScalePoint


def safety_scale_spec(points: list[ScalePoint]) -> dict[str, Any]:
    data = [
        {"day": point.held_on.isoformat(), "who": point.who, "score": point.score}
        for point in points
    ]
    day, who, score = _("Mødedato"), _("Deltager"), _("Score")
    chart = (
        alt.Chart(alt.Data(values=data))  # type: ignore[no-untyped-call]
        .mark_line(point=True)
        .encode(
            x=alt.X("day:T", title=day, axis=alt.Axis(format="%d.%m.%Y", labelAngle=0)),
            y=alt.Y(
                "score:Q",
                title=score,
                scale=alt.Scale(domain=[SCALE_MIN, SCALE_MAX]),
                axis=alt.Axis(values=list(range(SCALE_MIN, SCALE_MAX + 1))),
            ),
            color=alt.Color("who:N", title=who),
            tooltip=[
                alt.Tooltip("day:T", title=day, format="%d.%m.%Y"),
                alt.Tooltip("who:N", title=who),
                alt.Tooltip("score:Q", title=score),
            ],
        )
        .properties(width="container", height=300, title=_("Sikkerhedsskalaen over tid"))
    )
    spec: dict[str, Any] = chart.to_dict()
    return spec
