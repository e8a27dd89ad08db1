from __future__ import annotations

from datetime import date

from sikkerhedsnet.casework.charts import safety_scale_spec
from sikkerhedsnet.casework.selectors import ScalePoint, scale_table


def _points() -> list[ScalePoint]:
    return [
        ScalePoint(date(2026, 4, 1), "Emma", "Barnet", 3),
        ScalePoint(date(2026, 4, 1), "Rikke", "Rådgiver", 2),
        ScalePoint(date(2026, 5, 1), "Emma", "Barnet", 6),
    ]


def test_the_spec_is_vega_lite_with_every_score() -> None:
    spec = safety_scale_spec(_points())
    assert "vega-lite" in spec["$schema"]
    values = spec["data"]["values"]
    assert [v["score"] for v in values] == [3, 2, 6]
    assert spec["encoding"]["y"]["scale"]["domain"] == [0, 10]


def test_the_table_has_a_row_per_participant_and_a_gap_where_none_scored() -> None:
    days, rows = scale_table(_points())
    assert days == [date(2026, 4, 1), date(2026, 5, 1)]
    assert rows == [("Emma (Barnet)", [3, 6]), ("Rikke (Rådgiver)", [2, None])]
