"""Reads of the decisions in law and their letters: for the measure's page, a refusal's page and
the case's measures section."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import QuerySet

from sikkerhedsnet.cases.models import Case
from sikkerhedsnet.measures.decision_letters import KIND
from sikkerhedsnet.measures.models import DecisionOutcome, Measure, MeasureDecision
from sikkerhedsnet.post.models import Letter


@dataclass(frozen=True)
class DecisionLetters:
    decision: MeasureDecision
    letters: list[Letter]


def _letters_of(decisions: list[MeasureDecision]) -> dict[int, list[Letter]]:
    letters = (
        Letter.objects.filter(
            kind=KIND,
            subject_type=MeasureDecision._meta.label_lower,
            subject_id__in=[decision.pk for decision in decisions],
        )
        .defer("pdf")  # a list never needs the PDFs themselves
        .order_by("pk")
    )
    found: dict[int, list[Letter]] = defaultdict(list)
    for letter in letters:
        found[letter.subject_id].append(letter)
    return found


def with_letters(decisions: Iterable[MeasureDecision]) -> list[DecisionLetters]:
    """Each decision with its letters, in one query for the letters."""
    listed = list(decisions)
    letters = _letters_of(listed)
    return [DecisionLetters(decision, letters.get(decision.pk, [])) for decision in listed]


def measure_decisions(measure: Measure) -> list[DecisionLetters]:
    """The decisions on a measure, newest first, with their letters."""
    return with_letters(measure.decisions.select_related("decided_by").order_by("-pk"))


def case_refusals(case: Case) -> QuerySet[MeasureDecision]:
    """The case's refusals, newest first (a grant, an end are on their measure's page)."""
    return MeasureDecision.objects.filter(case=case, outcome=DecisionOutcome.REFUSED).order_by(
        "-decided_on", "-pk"
    )
