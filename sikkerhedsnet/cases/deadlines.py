"""What is due next on a case: deadlines contributed by areas, earliest open one first.

A provider gets a list of cases and returns, per case id, its open deadlines (date, label). It
works on the whole list at once (one query, not one per case). The cases area provides the
child assessment's deadline from `Case.assessment_due_on`; the area that keeps the assessment
registers a provider under the same name ("assessment") to replace it, since only it knows when
an assessment is finished.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from sikkerhedsnet.cases.models import Case


@dataclass(frozen=True)
class Due:
    on: date
    label: str | Promise


Provider = Callable[[list[Case]], dict[int, list[Due]]]

_PROVIDERS: dict[str, Provider] = {}


def register_case_deadlines(name: str, provider: Provider) -> None:
    """Add (or, by the same name, replace) a provider of deadlines."""
    _PROVIDERS[name] = provider


def next_due(cases: list[Case]) -> dict[int, Due]:
    """The earliest open deadline per case; a case with none is left out."""
    found: dict[int, Due] = {}
    for provider in _PROVIDERS.values():
        for case_id, dues in provider(cases).items():
            for due in dues:
                if case_id not in found or due.on < found[case_id].on:
                    found[case_id] = due
    return found


def _assessment_deadline(cases: list[Case]) -> dict[int, list[Due]]:
    label = _("Børnefaglig undersøgelse")
    return {case.pk: [Due(case.assessment_due_on, label)] for case in cases if case.is_open}


register_case_deadlines("assessment", _assessment_deadline)
