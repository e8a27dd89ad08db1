"""Moving a placed child: the current placement period ends, the next starts and points back.

The period ends the day before the move (its last night there) and the next starts on the day
of the move, so the child is in exactly one placement on every day and the placement mix counts
her once. A move keeps the decision's legal ground, purpose, duration and plan goals; it gets
its own first follow-up. A move needs no new network search (the child is already placed), but
a move up the ladder from the current placement needs a reason, and a full offer cannot take her: a
child who must move cannot wait on a list.
"""

from __future__ import annotations

from datetime import date, timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from sikkerhedsnet.audit.services import audit_event_record
from sikkerhedsnet.cases.services.journal import journal_event_record
from sikkerhedsnet.lib.versions import compare_and_set
from sikkerhedsnet.measures import journal
from sikkerhedsnet.measures.ladder import RUNG, MeasureKind, is_placement
from sikkerhedsnet.measures.models import Measure, MeasureStatus, Offer
from sikkerhedsnet.measures.selectors.catalogue import offer_load
from sikkerhedsnet.measures.services.decisions import (
    MeasureRefused,
    check_offer,
    check_siblings,
    waiting_list_advance,
)
from sikkerhedsnet.people.models import User


def _check_move(*, measure: Measure, kind: str, moved_on: date) -> None:
    if measure.status != MeasureStatus.ACTIVE or measure.start_date is None:
        raise MeasureRefused(_("Kun en anbringelse, der er i gang, kan flyttes."))
    if not is_placement(measure.kind):
        raise MeasureRefused(_("Kun en anbringelse kan flyttes. Afslut støtten i stedet."))
    if kind not in MeasureKind.values or not is_placement(kind):
        raise MeasureRefused(
            _(
                "Vælg den anbringelsestype, barnet flytter til. Skal barnet hjem, så afslut "
                "anbringelsen."
            ),
            field="kind",
        )
    if moved_on <= measure.start_date:
        raise MeasureRefused(
            _("Flytningen skal ligge efter anbringelsens start (%(day)s).")
            % {"day": measure.start_date.strftime("%d.%m.%Y")},
            field="moved_on",
        )
    if moved_on > timezone.localdate():
        raise MeasureRefused(_("Flytningen kan ikke dateres i fremtiden."), field="moved_on")


def _check_move_up(*, current: str, kind: str, reason: str) -> None:
    """Up the ladder from where the child lives now needs a reason; the support offers that
    fit are no alternative for a child who is already placed."""
    if RUNG[kind] > RUNG[current] and not reason.strip():
        raise MeasureRefused(
            _(
                "Det nye sted er mere indgribende end det nuværende. Skriv, hvorfor barnets "
                "behov ikke kan dækkes på et mindre indgribende sted."
            ),
            field="intrusiveness_reason",
        )


def _destination(
    *, offer: Offer | None, provider: str, in_municipality: bool, monthly_cost: int | None
) -> tuple[str, bool, int]:
    if offer is not None:
        Offer.objects.select_for_update().filter(pk=offer.pk).first()  # see decisions._lock
        if offer_load(offer).full:
            raise MeasureRefused(
                _("Tilbuddet har ingen ledig plads. Vælg et andet tilbud."), field="offer"
            )
        return (
            offer.provider,
            offer.in_municipality,
            (offer.monthly_price if monthly_cost is None else monthly_cost),
        )
    if not provider.strip():
        raise MeasureRefused(_("Skriv, hvor barnet flytter hen."), field="provider")
    if monthly_cost is None:
        raise MeasureRefused(_("Skriv udgiften pr. måned."), field="monthly_cost")
    return provider.strip(), in_municipality, monthly_cost


@transaction.atomic
def measure_move(
    *,
    actor: User,
    measure: Measure,
    expected_version: int,
    moved_on: date,
    kind: str,
    offer: Offer | None,
    provider: str = "",
    in_municipality: bool = True,
    monthly_cost: int | None = None,
    acute: bool = False,
    siblings: str = "",
    intrusiveness_reason: str = "",
) -> Measure:
    """End the current placement period the day before `moved_on` and start the next."""
    _check_move(measure=measure, kind=kind, moved_on=moved_on)
    child = measure.child
    if offer is not None:
        check_offer(offer=offer, kind=kind, child=child, day=moved_on)
    name, local, cost = _destination(
        offer=offer, provider=provider, in_municipality=in_municipality, monthly_cost=monthly_cost
    )
    check_siblings(kind=kind, siblings=siblings)
    _check_move_up(current=measure.kind, kind=kind, reason=intrusiveness_reason)
    ended = compare_and_set(
        Measure,
        pk=measure.pk,
        expected_version=expected_version,
        actor=actor,
        status=MeasureStatus.ENDED,
        end_date=moved_on - timedelta(days=1),
        next_follow_up_due=None,
    )
    successor = Measure.objects.create(
        case=ended.case,
        child=child,
        kind=kind,
        offer=offer,
        provider=name,
        in_municipality=local,
        legal_ground=ended.legal_ground,
        purpose=ended.purpose,
        expected_months=ended.expected_months,
        intrusiveness_reason=intrusiveness_reason.strip(),
        acute=acute,
        siblings=siblings,
        moved_from=ended,
        status=MeasureStatus.ACTIVE,
        decided_on=moved_on,
        decided_by=actor,
        start_date=moved_on,
        monthly_cost=cost,
    )
    successor.next_follow_up_due = successor.first_follow_up_due(moved_on)
    successor.save(update_fields=["next_follow_up_due"])
    successor.goals.set(ended.goals.all())
    moved = journal.placement_moved(successor, ended)
    journal_event_record(case=ended.case, actor=actor, source=successor, **moved)
    audit_event_record(
        actor=actor,
        event_type="measure.moved",
        subject=successor,
        extra={"case": ended.case_id, "from": ended.pk, "kind": kind},
    )
    if ended.offer is not None:
        waiting_list_advance(actor=actor, offer=ended.offer, place_free_on=moved_on)
    return successor
