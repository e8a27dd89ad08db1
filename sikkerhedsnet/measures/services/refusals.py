"""Refusing a measure (afslag): a decision in law like a grant, with its reason and letters.

The parents (or the child) asked for a measure, or the caseworker considered one, and the
municipality decides the child shall not have it. The refusal names the kind and the legal
ground it was considered under, what was asked for, and why it is refused; the parties get the
decision with the klagevejledning (services/decision_letters.py).
"""

from __future__ import annotations

from datetime import date

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from sikkerhedsnet.audit.services import audit_event_record
from sikkerhedsnet.cases.models import Case
from sikkerhedsnet.cases.services.journal import journal_event_record
from sikkerhedsnet.measures.decision_letters import measure_refused
from sikkerhedsnet.measures.ladder import MeasureKind
from sikkerhedsnet.measures.models import DecisionOutcome, LegalGround, MeasureDecision
from sikkerhedsnet.measures.services.decision_letters import decision_letters_send
from sikkerhedsnet.measures.services.decisions import MeasureRefused, check_legal_ground
from sikkerhedsnet.people.models import User


def _check(*, case: Case, kind: str, legal_ground: str, request: str, reason: str) -> None:
    if not case.is_open:
        raise MeasureRefused(_("Sagen er lukket; der kan ikke træffes afgørelser i den."))
    if kind not in MeasureKind.values:
        raise MeasureRefused(_("Vælg en type fra listen."), field="kind")
    if legal_ground == LegalGround.PLACEMENT_WITHOUT_CONSENT:
        # Nobody applies for a placement without consent; refusing one decides nothing.
        raise MeasureRefused(
            _("Der gives ikke afslag på en anbringelse uden samtykke. Vælg et andet grundlag."),
            field="legal_ground",
        )
    check_legal_ground(kind=kind, legal_ground=legal_ground)
    if not request.strip():
        raise MeasureRefused(_("Skriv, hvad der er søgt om."), field="request")
    if not reason.strip():
        raise MeasureRefused(_("Skriv begrundelsen for afslaget."), field="reason")


@transaction.atomic
def measure_refuse(
    *,
    actor: User,
    case: Case,
    kind: str,
    legal_ground: str,
    request: str,
    reason: str,
    decided_on: date,
) -> MeasureDecision:
    """Refuse a measure for the case's child, journalise it and send the parties the decision."""
    _check(case=case, kind=kind, legal_ground=legal_ground, request=request, reason=reason)
    if decided_on > timezone.localdate():
        raise MeasureRefused(_("Afgørelsen kan ikke dateres i fremtiden."), field="decided_on")
    decision = MeasureDecision.objects.create(
        case=case,
        child=case.child,
        outcome=DecisionOutcome.REFUSED,
        kind=kind,
        legal_ground=legal_ground,
        decided_on=decided_on,
        decided_by=actor,
        request=request.strip(),
        reason=reason.strip(),
        created_at=timezone.now(),
    )
    journal_event_record(case=case, actor=actor, source=decision, **measure_refused(decision))
    audit_event_record(
        actor=actor,
        event_type="measure.refused",
        subject=decision,
        extra={"case": case.pk, "kind": kind},
    )
    decision_letters_send(actor=actor, decision=decision)
    return decision
