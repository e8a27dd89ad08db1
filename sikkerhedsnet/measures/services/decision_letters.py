"""Recording a decision in law about a measure and sending its letters to the parties.

Called by the service that made the decision (measure_decide, measure_end, measure_withdraw in
services/decisions.py, measure_refuse in services/refusals.py), inside its transaction: the
decision, its letters (PDF stored at once, delivered after commit by post) and their journal
entries exist exactly when the change does. What the letters say is decision_letters.py's.
"""

from __future__ import annotations

from datetime import date

from django.db import transaction
from django.utils import timezone

from sikkerhedsnet.cases.services.journal import journal_event_record
from sikkerhedsnet.measures.decision_letters import (
    KIND,
    letter_html,
    letter_title,
    letter_written,
    parties,
)
from sikkerhedsnet.measures.models import DecisionOutcome, Measure, MeasureDecision
from sikkerhedsnet.people.models import User
from sikkerhedsnet.post.models import Letter
from sikkerhedsnet.post.services import letter_send


@transaction.atomic
def decision_letters_send(*, actor: User, decision: MeasureDecision) -> list[Letter]:
    """One letter to each party, each journalised in the case (event post.letter_sent)."""
    title = letter_title(decision)
    today = timezone.localdate()
    letters = []
    for party in parties(decision):
        letter = letter_send(
            actor=actor,
            kind=KIND,
            title=title,
            html=letter_html(decision, party, today=today),
            recipient=party.recipient,
            child=decision.child,
            subject=decision,
        )
        journal_event_record(
            case=decision.case, actor=actor, source=letter, **letter_written(letter)
        )
        letters.append(letter)
    return letters


@transaction.atomic
def decision_record(
    *,
    actor: User,
    measure: Measure,
    outcome: str,
    reason: str = "",
    decided_on: date | None = None,
) -> MeasureDecision:
    """Record the decision on `measure` (granted, ended or withdrawn) and send its letters.

    A grant is dated as the measure's decision; an end or a withdrawal is decided the day it is
    registered (its dates, the last day, are on the measure).
    """
    if outcome == DecisionOutcome.REFUSED:
        raise ValueError("a refusal has no measure: use services.refusals.measure_refuse")
    if decided_on is None:
        granted = outcome == DecisionOutcome.GRANTED
        decided_on = measure.decided_on if granted else timezone.localdate()
    decision = MeasureDecision.objects.create(
        case=measure.case,
        child=measure.child,
        measure=measure,
        outcome=outcome,
        kind=measure.kind,
        legal_ground=measure.legal_ground,
        decided_on=decided_on,
        decided_by=actor,
        reason=reason.strip(),
        created_at=timezone.now(),
    )
    decision_letters_send(actor=actor, decision=decision)
    return decision
