"""Deciding, starting and ending a measure, and the network search before a placement.

The rules of DESIGN §3, checked here and nowhere else:

- least intrusive first: a kind on a higher rung than the least intrusive offer that fits the
  child (any kind, full or not: a waiting list is a real option) needs a written reason;
- a placement needs a search of the family's network recorded on the case, at most
  `network_search_valid_months` before the decision;
- the legal ground fits the kind (support on a support ground, a placement on a placement
  ground), and the decision names its purpose, expected duration and the plan goals it serves;
- a full offer puts the child on its waiting list; when a place frees, the child who has waited
  longest is started the day after.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from sikkerhedsnet.audit.services import audit_event_record
from sikkerhedsnet.cases.models import Case
from sikkerhedsnet.cases.services.journal import journal_event_record
from sikkerhedsnet.casework.models import PlanGoal
from sikkerhedsnet.lib.errors import Refused
from sikkerhedsnet.lib.versions import compare_and_set
from sikkerhedsnet.measures import journal
from sikkerhedsnet.measures.ladder import RUNG, MeasureKind, is_placement
from sikkerhedsnet.measures.models import (
    DecisionOutcome,
    LegalGround,
    Measure,
    MeasureStatus,
    NetworkSearch,
    Offer,
    SiblingsPlacement,
)
from sikkerhedsnet.measures.selectors.catalogue import (
    latest_network_search,
    least_intrusive_rung,
    offer_load,
    waiting_list,
)
from sikkerhedsnet.measures.services.decision_letters import decision_record
from sikkerhedsnet.people.models import Child, User
from sikkerhedsnet.policy import get_policy

SUPPORT_GROUNDS = frozenset({LegalGround.EARLY_HELP, LegalGround.SUPPORT_WITH_CONSENT})
PLACEMENT_GROUNDS = frozenset(
    {LegalGround.PLACEMENT_WITH_CONSENT, LegalGround.PLACEMENT_WITHOUT_CONSENT}
)


class MeasureRefused(Refused):
    """A refused decision, a start, an end or a move; `field` names the form field the message
    belongs to, if any."""


# The checks a decision and a move share ---------------------------------------------------------


def check_offer(*, offer: Offer, kind: str, child: Child, day: date) -> None:
    if not offer.active:
        raise MeasureRefused(_("Tilbuddet er ikke længere aktivt."), field="offer")
    if offer.kind != kind:
        message = _(
            "Tilbuddet »%(offer)s« er af typen %(kind)s. Vælg den type eller et andet tilbud."
        )
        raise MeasureRefused(
            message % {"offer": offer.name, "kind": offer.get_kind_display().lower()},
            field="offer",
        )
    age = child.age_on(day)
    if not offer.min_age <= age <= offer.max_age:
        message = _("Tilbuddet er for børn fra %(low)d til %(high)d år; barnet er %(age)d år.")
        raise MeasureRefused(
            message % {"low": offer.min_age, "high": offer.max_age, "age": age}, field="offer"
        )


def check_intrusiveness(*, kind: str, child: Child, day: date, reason: str) -> None:
    lowest = least_intrusive_rung(child=child, day=day)
    if lowest is not None and RUNG[kind] > lowest and not reason.strip():
        raise MeasureRefused(
            _(
                "Der findes et mindre indgribende tilbud, som passer til barnet. Skriv, hvorfor "
                "barnets behov ikke kan dækkes af det, før du vælger en mere indgribende "
                "foranstaltning."
            ),
            field="intrusiveness_reason",
        )


def check_legal_ground(*, kind: str, legal_ground: str) -> None:
    if is_placement(kind) and legal_ground not in PLACEMENT_GROUNDS:
        raise MeasureRefused(
            _("En anbringelse skal have et anbringelsesgrundlag: med eller uden samtykke."),
            field="legal_ground",
        )
    if not is_placement(kind) and legal_ground not in SUPPORT_GROUNDS:
        raise MeasureRefused(
            _("En støtte i hjemmet skal have et støttegrundlag, ikke et anbringelsesgrundlag."),
            field="legal_ground",
        )


def check_siblings(*, kind: str, siblings: str) -> None:
    if is_placement(kind) and siblings not in SiblingsPlacement.values:
        raise MeasureRefused(
            _("Angiv, om barnet er anbragt sammen med sine søskende."), field="siblings"
        )


def check_network_search(*, case: Case, kind: str, day: date) -> None:
    if is_placement(kind) and latest_network_search(case, day=day) is None:
        months = get_policy().network_search_valid_months
        raise MeasureRefused(
            _(
                "Før en anbringelse skal familiens netværk være afdækket. Registrér "
                "netværksafdækningen på sagen (højst %(months)d måneder gammel) og beslut igen."
            )
            % {"months": months},
            field="kind",
        )


# Network search ---------------------------------------------------------------------------------


@transaction.atomic
def network_search_record(
    *,
    actor: User,
    case: Case,
    searched_on: date,
    people_considered: str,
    result: str,
    found_carer: bool,
) -> NetworkSearch:
    if not case.is_open:
        raise Refused(_("Sagen er lukket."))
    if searched_on > timezone.localdate():
        raise MeasureRefused(_("Datoen kan ikke ligge i fremtiden."), field="searched_on")
    if not people_considered.strip():
        raise MeasureRefused(
            _("Skriv, hvem i netværket der er overvejet."), field="people_considered"
        )
    if not result.strip():
        raise MeasureRefused(_("Skriv resultatet af afdækningen."), field="result")
    search = NetworkSearch.objects.create(
        case=case,
        searched_on=searched_on,
        searched_by=actor,
        people_considered=people_considered.strip(),
        result=result.strip(),
        found_carer=found_carer,
    )
    journal_event_record(
        case=case, actor=actor, source=search, **journal.network_search_recorded(search)
    )
    audit_event_record(
        actor=actor, event_type="network_search.recorded", subject=search, extra={"case": case.pk}
    )
    return search


# Deciding ---------------------------------------------------------------------------------------


def _goals_of_case(case: Case, goals: Iterable[PlanGoal]) -> list[PlanGoal]:
    chosen = list(goals)
    plan_goals = PlanGoal.objects.filter(plan__case=case)
    if any(goal.plan.case_id != case.pk for goal in chosen):
        raise MeasureRefused(
            _("Et af målene hører ikke til barnets plan i denne sag."), field="goals"
        )
    if plan_goals.exists() and not chosen:
        raise MeasureRefused(
            _("Knyt foranstaltningen til mindst ét af målene i barnets plan."), field="goals"
        )
    return chosen


def _check_texts(*, purpose: str, expected_months: int, decided_on: date) -> None:
    if not purpose.strip():
        raise MeasureRefused(_("Skriv formålet med foranstaltningen."), field="purpose")
    if expected_months < 1:
        raise MeasureRefused(
            _("Den forventede varighed er mindst 1 måned."), field="expected_months"
        )
    if decided_on > timezone.localdate():
        raise MeasureRefused(_("Beslutningen kan ikke dateres i fremtiden."), field="decided_on")


def _provider(
    *, offer: Offer | None, provider: str, in_municipality: bool, monthly_cost: int | None
) -> tuple[str, bool, int]:
    if offer is not None:
        cost = offer.monthly_price if monthly_cost is None else monthly_cost
        return offer.provider, offer.in_municipality, cost
    if not provider.strip():
        raise MeasureRefused(
            _("Vælg et tilbud fra kataloget, eller skriv, hvem der leverer foranstaltningen."),
            field="provider",
        )
    if monthly_cost is None:
        raise MeasureRefused(_("Skriv udgiften pr. måned."), field="monthly_cost")
    return provider.strip(), in_municipality, monthly_cost


@transaction.atomic
def measure_decide(
    *,
    actor: User,
    case: Case,
    kind: str,
    offer: Offer | None,
    legal_ground: str,
    purpose: str,
    expected_months: int,
    decided_on: date,
    provider: str = "",
    in_municipality: bool = True,
    monthly_cost: int | None = None,
    intrusiveness_reason: str = "",
    goals: Iterable[PlanGoal] = (),
    acute: bool = False,
    siblings: str = "",
    start_on: date | None = None,
) -> Measure:
    """Decide a measure for the case's child; on a full offer it goes on the waiting list.

    With `start_on` a measure that has its place starts at once (the common case of a local
    offer with room); one on the waiting list waits all the same.
    """
    if not case.is_open:
        raise MeasureRefused(_("Sagen er lukket; der kan ikke besluttes noget i den."))
    if kind not in MeasureKind.values:
        raise MeasureRefused(_("Vælg en type fra listen."), field="kind")
    child = case.child
    _check_texts(purpose=purpose, expected_months=expected_months, decided_on=decided_on)
    if offer is not None:
        _lock(offer)
        check_offer(offer=offer, kind=kind, child=child, day=decided_on)
    name, local, cost = _provider(
        offer=offer, provider=provider, in_municipality=in_municipality, monthly_cost=monthly_cost
    )
    check_legal_ground(kind=kind, legal_ground=legal_ground)
    check_siblings(kind=kind, siblings=siblings)
    check_network_search(case=case, kind=kind, day=decided_on)
    check_intrusiveness(kind=kind, child=child, day=decided_on, reason=intrusiveness_reason)
    chosen_goals = _goals_of_case(case, goals)
    full = offer is not None and offer_load(offer).full
    measure = Measure.objects.create(
        case=case,
        child=child,
        kind=kind,
        offer=offer,
        provider=name,
        in_municipality=local,
        legal_ground=legal_ground,
        purpose=purpose.strip(),
        expected_months=expected_months,
        intrusiveness_reason=intrusiveness_reason.strip(),
        acute=acute and is_placement(kind),
        siblings=siblings if is_placement(kind) else "",
        status=MeasureStatus.WAITING if full else MeasureStatus.DECIDED,
        waiting_since=decided_on if full else None,
        decided_on=decided_on,
        decided_by=actor,
        monthly_cost=cost,
    )
    measure.goals.set(chosen_goals)
    journal_event_record(case=case, actor=actor, source=measure, **journal.measure_decided(measure))
    audit_event_record(
        actor=actor,
        event_type="measure.decided",
        subject=measure,
        extra={"case": case.pk, "kind": kind, "waiting": full},
    )
    if start_on is not None and not full:
        measure = measure_start(
            actor=actor, measure=measure, expected_version=measure.version, start_date=start_on
        )
    decision_record(actor=actor, measure=measure, outcome=DecisionOutcome.GRANTED)
    return measure


# Starting and ending ----------------------------------------------------------------------------


def _lock(offer: Offer) -> None:
    """Hold the offer's row until the transaction ends, so two caseworkers deciding at once
    cannot both take its last place (a no-op on SQLite, which writes one at a time)."""
    Offer.objects.select_for_update().filter(pk=offer.pk).first()


def _has_place(measure: Measure) -> bool:
    if measure.offer is None or measure.status == MeasureStatus.DECIDED:
        return True
    _lock(measure.offer)
    return not offer_load(measure.offer).full


@transaction.atomic
def measure_start(
    *,
    actor: User | None,
    measure: Measure,
    expected_version: int,
    start_date: date,
    auto: bool = False,
) -> Measure:
    """Start a decided measure, or a waiting one that has got a place (the caseworker's start
    date must be today or earlier; the waiting list starts one the day after a place frees)."""
    if measure.status not in (MeasureStatus.DECIDED, MeasureStatus.WAITING):
        raise MeasureRefused(_("Foranstaltningen er allerede startet eller afsluttet."))
    if start_date < measure.decided_on:
        raise MeasureRefused(
            _("Foranstaltningen kan ikke starte, før den er besluttet (%(day)s).")
            % {"day": measure.decided_on.strftime("%d.%m.%Y")},
            field="start_date",
        )
    if not auto and start_date > timezone.localdate():
        raise MeasureRefused(
            _(
                "Startdatoen kan ikke ligge i fremtiden. Start foranstaltningen den dag, "
                "den begynder."
            ),
            field="start_date",
        )
    if not _has_place(measure):
        raise MeasureRefused(
            _("Tilbuddet har ingen ledig plads endnu; barnet står på ventelisten.")
        )
    started = compare_and_set(
        Measure,
        pk=measure.pk,
        expected_version=expected_version,
        actor=actor,
        status=MeasureStatus.ACTIVE,
        start_date=start_date,
        next_follow_up_due=measure.first_follow_up_due(start_date),
    )
    from_list = measure.status == MeasureStatus.WAITING
    journal_event_record(
        case=measure.case,
        actor=actor,
        source=started,
        **journal.measure_started(started, from_waiting_list=from_list),
    )
    audit_event_record(
        actor=actor,
        event_type="measure.started",
        subject=started,
        extra={
            "case": measure.case_id,
            "from_waiting_list": from_list,
        },
    )
    return started


@transaction.atomic
def measure_end(
    *, actor: User, measure: Measure, expected_version: int, end_date: date, reason: str = ""
) -> Measure:
    """End a measure that is going on; `reason` is the decision's written reason, which the
    parties' letters give (the page asks for it)."""
    if measure.status != MeasureStatus.ACTIVE or measure.start_date is None:
        raise MeasureRefused(_("Kun en foranstaltning, der er i gang, kan afsluttes."))
    if end_date < measure.start_date:
        raise MeasureRefused(_("Slutdatoen ligger før startdatoen."), field="end_date")
    if end_date > timezone.localdate():
        raise MeasureRefused(_("Slutdatoen kan ikke ligge i fremtiden."), field="end_date")
    ended = compare_and_set(
        Measure,
        pk=measure.pk,
        expected_version=expected_version,
        actor=actor,
        status=MeasureStatus.ENDED,
        end_date=end_date,
        next_follow_up_due=None,
    )
    journal_event_record(
        case=measure.case, actor=actor, source=ended, **journal.measure_ended(ended)
    )
    audit_event_record(
        actor=actor, event_type="measure.ended", subject=ended, extra={"case": measure.case_id}
    )
    if ended.offer is not None:
        waiting_list_advance(
            actor=actor, offer=ended.offer, place_free_on=end_date + timedelta(days=1)
        )
    decision_record(actor=actor, measure=ended, outcome=DecisionOutcome.ENDED, reason=reason)
    return ended


def waiting_list_advance(*, actor: User | None, offer: Offer, place_free_on: date) -> list[Measure]:
    """Start the longest-waiting measures for as many places as are free now."""
    started = []
    for waiting in list(waiting_list(offer)):
        if offer_load(offer).full:
            break
        start = max(place_free_on, waiting.decided_on)
        started.append(
            measure_start(
                actor=actor,
                measure=waiting,
                expected_version=waiting.version,
                start_date=start,
                auto=True,
            )
        )
    return started


@transaction.atomic
def measure_withdraw(
    *, actor: User, measure: Measure, expected_version: int, reason: str
) -> Measure:
    """Withdraw a decision that never started (the child got help elsewhere, or no longer needs
    it): it leaves the waiting list or gives its place back. It is kept, ended without dates;
    the reason is in the audit row."""
    if measure.status not in (MeasureStatus.DECIDED, MeasureStatus.WAITING):
        raise MeasureRefused(
            _(
                "Kun en foranstaltning, der ikke er startet, kan trækkes tilbage. "
                "Afslut den i stedet."
            )
        )
    if not reason.strip():
        raise MeasureRefused(_("Skriv, hvorfor beslutningen trækkes tilbage."), field="reason")
    withdrawn = compare_and_set(
        Measure,
        pk=measure.pk,
        expected_version=expected_version,
        actor=actor,
        status=MeasureStatus.ENDED,
    )
    withdrawal = journal.measure_withdrawn(measure, reason=reason.strip(), on=timezone.localdate())
    journal_event_record(case=measure.case, actor=actor, source=withdrawn, **withdrawal)
    audit_event_record(
        actor=actor,
        event_type="measure.withdrawn",
        subject=withdrawn,
        extra={"case": measure.case_id, "reason": reason.strip(), "was": measure.status},
    )
    if measure.offer is not None and measure.status == MeasureStatus.DECIDED:
        waiting_list_advance(actor=actor, offer=measure.offer, place_free_on=timezone.localdate())
    decision_record(
        actor=actor, measure=withdrawn, outcome=DecisionOutcome.WITHDRAWN, reason=reason
    )
    return withdrawn
