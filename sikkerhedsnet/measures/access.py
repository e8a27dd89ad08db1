"""Who may do what in the measures area: one `access_<kind>` per kind of object, each returning
what the user may do with it, and 404 for missing and forbidden alike.

- The offer catalogue is read by rådgivere and edited by the administrator and the faglig leder;
  capacity and cost are the editors' too.
- A case's measures go through cases.access.case_for (the read is logged): a change needs
  `can_edit` (the responsible caseworker or the team's faglig leder), so a colleague who may read
  the case gets 404 on a POST. What may be done with a measure depends on its state as well;
  each capability is computed here, once, from `can_edit` and the measure as it is now.
- A case's decisions in law and their letters (the PDF) are read by whoever may read the case;
  any other letter, or one of another case, is a 404.
- The transition list and agenda are for rådgivere and faglige ledere (the cases they follow).
"""

from __future__ import annotations

from dataclasses import dataclass

import rules
from django.http import Http404

from sikkerhedsnet.cases.access import CaseAccess, case_for
from sikkerhedsnet.cases.models import Case
from sikkerhedsnet.lib.http import AuthedRequest
from sikkerhedsnet.measures.decision_letters import KIND
from sikkerhedsnet.measures.ladder import is_placement
from sikkerhedsnet.measures.models import Measure, MeasureDecision, MeasureStatus, Offer
from sikkerhedsnet.people.models import Role, User
from sikkerhedsnet.post.models import Letter

OFFER_EDITOR_ROLES = frozenset({Role.ADMINISTRATOR, Role.TEAM_LEADER})
OFFER_READER_ROLES = OFFER_EDITOR_ROLES | {Role.CASEWORKER}
TRANSITION_ROLES = frozenset({Role.CASEWORKER, Role.TEAM_LEADER})
# The placement mix (aggregate, small counts hidden): management, faglige ledere, administrator.
MIX_READER_ROLES = frozenset({Role.MANAGEMENT, Role.ADMINISTRATOR, Role.TEAM_LEADER})


def _in_roles(user: User, roles: frozenset[str]) -> bool:
    return bool(user.is_authenticated and user.is_active and user.role in roles)


def edits_offers(user: User) -> bool:
    return _in_roles(user, OFFER_EDITOR_ROLES)


def reads_offers(user: User) -> bool:
    return _in_roles(user, OFFER_READER_ROLES)


def follows_transitions(user: User) -> bool:
    return bool(user.is_authenticated and user.role in TRANSITION_ROLES)


rules.add_perm("measures.view_offer", rules.predicate(reads_offers))
rules.add_perm("measures.change_offer", rules.predicate(edits_offers))
rules.add_perm("measures.view_transition", rules.predicate(follows_transitions))
rules.add_perm(
    "measures.view_placement_mix",
    rules.predicate(lambda user: _in_roles(user, MIX_READER_ROLES)),
)


# The offer catalogue ----------------------------------------------------------------------------


@dataclass(frozen=True)
class CatalogueAccess:
    """The catalogue (and, for an editor, capacity and cost)."""

    can_edit: bool  # add and change offers, see capacity and cost


def access_catalogue(user: User, *, to_edit: bool = False) -> CatalogueAccess:
    """The catalogue for its readers (`to_edit`: for its editors); 404 for everyone else."""
    if not (edits_offers(user) if to_edit else reads_offers(user)):
        raise Http404
    return CatalogueAccess(can_edit=edits_offers(user))


@dataclass(frozen=True)
class OfferAccess:
    offer: Offer
    can_edit: bool


def access_offer(user: User, offer_id: int) -> OfferAccess:
    """An offer to change, for an editor of the catalogue; 404 otherwise or when it is missing."""
    if not edits_offers(user):
        raise Http404
    offer = Offer.objects.filter(pk=offer_id).first()
    if offer is None:
        raise Http404
    return OfferAccess(offer=offer, can_edit=True)


# A case's measures ------------------------------------------------------------------------------


@dataclass(frozen=True)
class MeasureAccess:
    """A measure of a case with what the user may do with it as it is now.

    The capabilities follow the measure's state, so after a conflict a page built from the
    measure as it is now (refreshed, or `with_measure`) offers what fits that state.
    """

    case_access: CaseAccess
    measure: Measure

    def with_measure(self, measure: Measure) -> MeasureAccess:
        return MeasureAccess(case_access=self.case_access, measure=measure)

    @property
    def case(self) -> Case:
        return self.case_access.case

    @property
    def can_edit(self) -> bool:
        """The case's: the responsible caseworker or the team's faglig leder."""
        return self.case_access.can_edit

    @property
    def is_placement(self) -> bool:
        return is_placement(self.measure.kind)

    @property
    def can_start(self) -> bool:
        """Start it or withdraw the decision: it is decided or waiting for a place."""
        return self.can_edit and self.measure.status in (
            MeasureStatus.DECIDED,
            MeasureStatus.WAITING,
        )

    @property
    def can_withdraw(self) -> bool:
        return self.can_start

    @property
    def can_end(self) -> bool:
        return self.can_edit and self.measure.status == MeasureStatus.ACTIVE

    @property
    def can_move(self) -> bool:
        """Register that the placed child moves: a placement that is going on."""
        return self.can_end and self.is_placement

    @property
    def can_record_follow_up(self) -> bool:
        return self.can_edit and self.measure.status == MeasureStatus.ACTIVE

    @property
    def can_set_interval(self) -> bool:
        return self.can_edit and self.measure.status != MeasureStatus.ENDED

    @property
    def can_record_visit(self) -> bool:
        """A supervision visit: to a placement that has started."""
        return self.can_edit and self.measure.start_date is not None


def access_measure(
    request: AuthedRequest,
    case_id: int,
    measure_id: int,
    *,
    shown: str,
    to_change: bool = False,
) -> MeasureAccess:
    """A measure of the case (404 when it is another case's or missing), after the case's
    access (cases.access.case_for: the read is logged; a POST or `to_change` needs can_edit)."""
    access = case_for(request, case_id, shown=shown, to_change=to_change)
    measure = (
        Measure.objects.filter(pk=measure_id, case=access.case)
        .select_related("offer", "decided_by", "moved_from")
        .first()
    )
    if measure is None:
        raise Http404
    return MeasureAccess(case_access=access, measure=measure)


def access_placement(
    request: AuthedRequest,
    case_id: int,
    measure_id: int,
    *,
    shown: str,
    to_change: bool = False,
) -> MeasureAccess:
    """A placement of the case: as access_measure, and 404 for a measure that is not one."""
    access = access_measure(request, case_id, measure_id, shown=shown, to_change=to_change)
    if not access.is_placement:
        raise Http404
    return access


# A case's decisions and their letters ------------------------------------------------------------


@dataclass(frozen=True)
class DecisionAccess:
    """A decision in law of a case (a grant, a refusal, an end) and its letters: whoever may read
    the case may read them."""

    case_access: CaseAccess
    decision: MeasureDecision

    @property
    def case(self) -> Case:
        return self.case_access.case


def access_decision(
    request: AuthedRequest, case_id: int, decision_id: int, *, shown: str
) -> DecisionAccess:
    """A decision of the case, after the case's access (the read is logged); 404 when it is
    another case's or missing."""
    access = case_for(request, case_id, shown=shown)
    decision = (
        MeasureDecision.objects.filter(pk=decision_id, case=access.case)
        .select_related("measure", "decided_by")
        .first()
    )
    if decision is None:
        raise Http404
    return DecisionAccess(case_access=access, decision=decision)


def access_decision_letter(
    request: AuthedRequest, case_id: int, letter_id: int, *, shown: str
) -> Letter:
    """A decision letter of the case (measures/decision_letters.py), after the case's access
    (the read is logged); 404 for any other letter, or when it is missing."""
    access = case_for(request, case_id, shown=shown)
    letter = Letter.objects.filter(
        pk=letter_id,
        kind=KIND,
        subject_type=MeasureDecision._meta.label_lower,
        subject_id__in=MeasureDecision.objects.filter(case=access.case).values("pk"),
    ).first()
    if letter is None:
        raise Http404
    return letter


# The move to adulthood --------------------------------------------------------------------------


@dataclass(frozen=True)
class TransitionAccess:
    """The transition list and agenda of the young people in the cases `user` follows."""

    user: User


def access_transition(user: User) -> TransitionAccess:
    if not follows_transitions(user):
        raise Http404
    return TransitionAccess(user=user)
