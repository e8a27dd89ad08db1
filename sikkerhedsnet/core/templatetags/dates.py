"""Moments in templates, written the reader's way: `{% load dates %}{{ letter.sent_at|moment }}`.

One formatting helper per language lives in lib/dates.py; templates never spell out the format
(no `date:"d.m.Y \\k\\l. H.i"`), so English never shows "kl.".
"""

from __future__ import annotations

from datetime import date, datetime

from django import template

from sikkerhedsnet.lib.dates import local_clock_text, local_text

register = template.Library()


@register.filter
def moment(value: date | datetime | None) -> str:
    """22.11.2026 kl. 14.05 (Danish) / 22.11.2026 at 14:05 (English), in Danish time."""
    return local_text(value)


@register.filter
def clock(value: datetime | None) -> str:
    """kl. 14.05 (Danish) / at 14:05 (English), in Danish time."""
    return local_clock_text(value)
