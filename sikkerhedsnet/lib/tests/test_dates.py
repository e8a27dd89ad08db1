from __future__ import annotations

from datetime import UTC, date, datetime

from django.template import Context, Template
from django.utils import translation

from sikkerhedsnet.lib.dates import local_clock_text, local_text

MOMENT = datetime(2026, 11, 22, 13, 5, tzinfo=UTC)  # 14.05 in Copenhagen (winter time)


def test_danish_moments_have_kl_and_a_full_stop_in_the_clock() -> None:
    with translation.override("da"):
        assert local_text(MOMENT) == "22.11.2026 kl. 14.05"
        assert local_clock_text(MOMENT) == "kl. 14.05"


def test_english_moments_have_no_kl() -> None:
    with translation.override("en"):
        assert local_text(MOMENT) == "22.11.2026 at 14:05"
        assert local_clock_text(MOMENT) == "at 14:05"
    assert "kl." not in local_text(MOMENT, language="en")


def test_summer_time_a_bare_date_and_nothing() -> None:
    assert local_text(datetime(2026, 7, 1, 12, 0, tzinfo=UTC), language="da") == (
        "01.07.2026 kl. 14.00"
    )
    assert local_text(date(2026, 11, 22), language="en") == "22.11.2026"
    assert local_text(None) == ""
    assert local_text(MOMENT, language="fr") == "22.11.2026 kl. 14.05"  # unknown: Danish


def test_the_template_filters_follow_the_language() -> None:
    template = Template("{% load dates %}{{ at|moment }} / {{ at|clock }}")
    with translation.override("en"):
        assert template.render(Context({"at": MOMENT})) == "22.11.2026 at 14:05 / at 14:05"
    with translation.override("da"):
        assert template.render(Context({"at": MOMENT})) == "22.11.2026 kl. 14.05 / kl. 14.05"
