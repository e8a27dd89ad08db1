"""What a decision letter says, written from the decision (a MeasureDecision): to whom it goes,
its title, and its text in plain Danish.

Every decision in law about a measure gets a letter to each party (forvaltningsloven's
afgørelse, issue item 7): what was decided and from when, the reasons, the paragraph of Barnets
Lov it is made under (measures/legal.py) and the klagevejledning (Ankestyrelsen, within 4
weeks, through the municipality; Barnets Lov §§ 144–150). The parties are each guardian with
parental authority and, from 10 years on the day of the decision, the child herself (Barnets
Lov § 3). Letters are in Danish whatever language the caseworker's screen is in.

A letter is written even when a party cannot be reached digitally (a guardian without a CPR
number): the post channel reports it undeliverable and the caseworker gets the task of sending
it another way (post/worklist.py).

The case journal gets one entry per letter (`letter_written`), and a refusal its own entry
(`measure_refused`): a refusal has no measure for measures/journal.py to write about.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from sikkerhedsnet.cases.hooks import JournalLinks
from sikkerhedsnet.cases.journal import JournalEvent, in_journal_language, lines
from sikkerhedsnet.lib.dates import local_day
from sikkerhedsnet.lib.letters import LETTER_LANGUAGE, letterhead
from sikkerhedsnet.lib.worklist import Link
from sikkerhedsnet.measures import legal
from sikkerhedsnet.measures.ladder import is_placement
from sikkerhedsnet.measures.models import DecisionOutcome, LegalGround, MeasureDecision
from sikkerhedsnet.measures.timeline import where
from sikkerhedsnet.people.models import Custody
from sikkerhedsnet.post.models import Letter, RecipientIdType
from sikkerhedsnet.post.recipients import Recipient

if TYPE_CHECKING:
    from django_stubs_ext import StrPromise

KIND = "measures.decision"
LETTER_SENT = "post.letter_sent"
MEASURE_REFUSED = "measures.measure_refused"

TEMPLATES: dict[str, str] = {
    DecisionOutcome.GRANTED: "measures/letters/granted.html",
    DecisionOutcome.REFUSED: "measures/letters/refused.html",
    DecisionOutcome.ENDED: "measures/letters/ended.html",
    DecisionOutcome.WITHDRAWN: "measures/letters/withdrawn.html",
}


@dataclass(frozen=True)
class Party:
    """One party to the decision, who gets her own letter."""

    recipient: Recipient
    greeting: str  # "Kære …"
    is_child: bool = False


def child_is_party(decision: MeasureDecision) -> bool:
    """From 10 years on the day of the decision the child is a party (Barnets Lov § 3)."""
    return decision.child.age_on(decision.decided_on) >= legal.CHILD_PARTY_AGE


def parties(decision: MeasureDecision) -> list[Party]:
    """Each guardian with parental authority, then the child when she is a party."""
    custodies = (
        Custody.objects.filter(child_id=decision.child_id, has_custody=True)
        .select_related("guardian")
        .order_by("guardian__last_name", "guardian__first_name", "guardian__pk")
    )
    found = [
        Party(recipient=Recipient.of_guardian(custody.guardian), greeting=str(custody.guardian))
        for custody in custodies
    ]
    if child_is_party(decision):
        child = decision.child
        found.append(
            Party(
                recipient=Recipient(
                    name=child.full_name,
                    address=child.address,
                    id_type=RecipientIdType.CPR,
                    id=child.cpr,
                ),
                greeting=child.first_name,
                is_child=True,
            )
        )
    return found


def _kind(decision: MeasureDecision) -> str:
    return str(decision.get_kind_display()).lower()


# The letter's title by outcome: for a placement, and for any other measure ("%(kind)s").
PLACEMENT_TITLES: dict[str, StrPromise] = {
    DecisionOutcome.GRANTED: gettext_lazy("Afgørelse om anbringelse med samtykke"),
    DecisionOutcome.REFUSED: gettext_lazy("Afgørelse: afslag på anbringelse"),
    DecisionOutcome.ENDED: gettext_lazy("Afgørelse om ophør af anbringelsen"),
    DecisionOutcome.WITHDRAWN: gettext_lazy("Afgørelse om tilbagekaldelse af anbringelsen"),
}
MEASURE_TITLES: dict[str, StrPromise] = {
    DecisionOutcome.GRANTED: gettext_lazy("Afgørelse om %(kind)s"),
    DecisionOutcome.REFUSED: gettext_lazy("Afgørelse: afslag på %(kind)s"),
    DecisionOutcome.ENDED: gettext_lazy("Afgørelse om ophør af %(kind)s"),
    DecisionOutcome.WITHDRAWN: gettext_lazy("Afgørelse om tilbagekaldelse af %(kind)s"),
}


def _title(decision: MeasureDecision) -> str:
    if (
        decision.outcome == DecisionOutcome.GRANTED
        and decision.legal_ground == LegalGround.PLACEMENT_WITHOUT_CONSENT
    ):
        return _("Afgørelse om anbringelse uden samtykke")
    if is_placement(decision.kind):
        return str(PLACEMENT_TITLES[decision.outcome])
    return str(MEASURE_TITLES[decision.outcome]) % {"kind": _kind(decision)}


def letter_title(decision: MeasureDecision) -> str:
    """The letter's heading and subject, in Danish: "Afgørelse om familiebehandling"."""
    with translation.override(LETTER_LANGUAGE):
        return _title(decision)


def _measure_context(decision: MeasureDecision) -> dict[str, Any]:
    measure = decision.measure
    if measure is None:
        return {"measure": None}
    return {
        "measure": measure,
        "where": where(measure),
        "goals": [goal.text for goal in measure.goals.order_by("pk")],
    }


def letter_html(decision: MeasureDecision, party: Party, *, today: date) -> str:
    """The letter to one party, as HTML for the PDF (extends letters/base.html)."""
    case = decision.case
    with translation.override(LETTER_LANGUAGE):
        context = {
            **letterhead(),
            **_measure_context(decision),
            "title": _title(decision),
            "today": today.strftime("%d.%m.%Y"),
            "recipient": [line for line in (party.recipient.name, party.recipient.address) if line],
            "greeting": party.greeting,
            "to_child": party.is_child,
            "decision": decision,
            "case": case,
            "child": decision.child,
            "kind": _kind(decision),
            "is_placement": is_placement(decision.kind),
            "without_consent": decision.legal_ground == LegalGround.PLACEMENT_WITHOUT_CONSENT,
            "law": legal.LAW,
            "paragraph": legal.paragraph(decision.legal_ground),
            "complaint_paragraphs": legal.COMPLAINT_PARAGRAPHS,
            "complaint_weeks": legal.COMPLAINT_WEEKS,
            "reconsideration_weeks": legal.RECONSIDERATION_WEEKS,
            "child_party_age": legal.CHILD_PARTY_AGE,
            "child_party_paragraph": legal.CHILD_PARTY_PARAGRAPH,
            "signer": decision.decided_by,
        }
        return render_to_string(TEMPLATES[decision.outcome], context)


# The case journal ---------------------------------------------------------------------------


@in_journal_language
def letter_written(letter: Letter) -> JournalEvent:
    """The journal entry for one decision letter, the day it was written."""
    return {
        "event": LETTER_SENT,
        "occurred_on": local_day(letter.created_at),
        "title": _("Brev til %(name)s: %(title)s")
        % {"name": letter.recipient_name, "title": letter.title},
        "text": _("Sendes med Digital Post.")
        if letter.has_digital_address
        else _("Modtageren har ingen Digital Post-adresse. Brevet skal sendes på anden måde."),
    }


@in_journal_language
def measure_refused(decision: MeasureDecision) -> JournalEvent:
    return {
        "event": MEASURE_REFUSED,
        "occurred_on": decision.decided_on,
        "title": _("Afgørelse: Afslag på %(kind)s (Barnets Lov %(paragraph)s)")
        % {"kind": _kind(decision), "paragraph": legal.paragraph(decision.legal_ground)},
        "text": lines(
            _("Søgt om: %(request)s") % {"request": decision.request},
            _("Begrundelse: %(reason)s") % {"reason": decision.reason},
        ),
    }


def _decision_links(case_id: int, ids: list[int]) -> dict[int, Link]:
    label = gettext_lazy("Se afgørelsen")
    return {
        pk: Link(reverse("measures:decision_detail", args=[case_id, pk]), label)
        for pk in MeasureDecision.objects.filter(pk__in=ids, case_id=case_id).values_list(
            "pk", flat=True
        )
    }


def _letter_links(case_id: int, ids: list[int]) -> dict[int, Link]:
    """Only this area's letters about this case's decisions; another area's letter in the
    journal gets no link from here."""
    label = gettext_lazy("Se brevet (PDF)")
    decisions = MeasureDecision.objects.filter(case_id=case_id).values("pk")
    letters = Letter.objects.filter(
        pk__in=ids,
        kind=KIND,
        subject_type=MeasureDecision._meta.label_lower,
        subject_id__in=decisions,
    ).values_list("pk", flat=True)
    return {
        pk: Link(reverse("measures:decision_letter_pdf", args=[case_id, pk]), label)
        for pk in letters
    }


JOURNAL_LINKS = JournalLinks(
    by_source={
        MeasureDecision._meta.label_lower: _decision_links,
        Letter._meta.label_lower: _letter_links,
    }
)
