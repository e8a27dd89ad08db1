"""Decision letters: every decision in law about a measure (granted, a placement, refused, ended,
withdrawn) sends the decision to each guardian with parental authority and to a child from 10,
with the reasons, the paragraph of Barnets Lov and the klagevejledning."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings

from sikkerhedsnet.audit.models import AuditEvent
from sikkerhedsnet.cases.models import JournalEntry
from sikkerhedsnet.measures.decision_letters import KIND, letter_html, parties
from sikkerhedsnet.measures.ladder import MeasureKind
from sikkerhedsnet.measures.models import (
    DecisionOutcome,
    LegalGround,
    Measure,
    MeasureDecision,
    MeasureStatus,
)
from sikkerhedsnet.measures.services.decisions import (
    MeasureRefused,
    measure_decide,
    measure_end,
    measure_start,
    measure_withdraw,
)
from sikkerhedsnet.measures.services.refusals import measure_refuse
from sikkerhedsnet.measures.tests.catalogue_world import (
    TODAY,
    CatalogueWorld,
    catalogue_world,
    make_network_search,
    make_plan_goal,
)
from sikkerhedsnet.people.models import Custody, Guardian
from sikkerhedsnet.people.tests.factories import CustodyFactory, GuardianFactory
from sikkerhedsnet.post.models import Letter, LetterStatus

pytestmark = pytest.mark.usefixtures("today")

Capture = Callable[..., Any]
PURPOSE = "Forældrene lærer at sætte grænser uden at råbe"
MOTHER_CPR = "0101901234"
FATHER_CPR = "0202851234"


@pytest.fixture
def cw(db: None) -> CatalogueWorld:
    """The catalogue world; the child (4 years) has a mother and a father with parental
    authority, and a stepfather without it."""
    world = catalogue_world()
    child = world.tw.case.child
    mother = GuardianFactory.create(
        first_name="Mette", cpr=MOTHER_CPR, address="Åvej 1, 7400 Herning"
    )
    father = GuardianFactory.create(first_name="Jens", cpr=FATHER_CPR)
    stepfather = GuardianFactory.create(first_name="Ole", last_name="Berg", cpr="0303801234")
    CustodyFactory.create(child=child, guardian=mother)
    CustodyFactory.create(child=child, guardian=father, relation="father")
    CustodyFactory.create(child=child, guardian=stepfather, relation="other", has_custody=False)
    return world


def decide(cw: CatalogueWorld, **fields: Any) -> Measure:
    defaults: dict[str, Any] = {
        "actor": cw.tw.owner,
        "case": cw.tw.case,
        "kind": MeasureKind.FAMILY_TREATMENT,
        "offer": cw.centre,
        "legal_ground": LegalGround.SUPPORT_WITH_CONSENT,
        "purpose": PURPOSE,
        "expected_months": 6,
        "decided_on": TODAY,
    }
    return measure_decide(**(defaults | fields))


def refuse(cw: CatalogueWorld, **fields: Any) -> MeasureDecision:
    defaults: dict[str, Any] = {
        "actor": cw.tw.owner,
        "case": cw.tw.case,
        "kind": MeasureKind.CONTACT_PERSON,
        "legal_ground": LegalGround.SUPPORT_WITH_CONSENT,
        "request": "Mor har den 01.05.2026 søgt om en fast kontaktperson til barnet.",
        "reason": "Barnets behov dækkes af familiebehandlingen, som allerede er i gang.",
        "decided_on": TODAY,
    }
    return measure_refuse(**(defaults | fields))


def only_decision(measure: Measure) -> MeasureDecision:
    [decision] = measure.decisions.all()
    return decision


def letters_of(decision: MeasureDecision) -> list[Letter]:
    return list(Letter.objects.for_subject(decision).order_by("pk"))


def html_to(decision: MeasureDecision, name: str) -> str:
    """The letter to the party called `name`, as it was rendered from the decision."""
    [party] = [party for party in parties(decision) if party.recipient.name == name]
    return letter_html(decision, party, today=TODAY)


def outbox() -> list[Path]:
    return sorted(Path(settings.SIKKERHEDSNET_POST_OUTBOX).glob("*.xml"))


def assert_klagevejledning(html: str) -> None:
    assert "Ankestyrelsen" in html
    assert "4 uger" in html
    assert "barnets lov §§ 144–150" in html


# Granted ------------------------------------------------------------------------------------


def test_granting_sends_the_decision_to_each_guardian_with_custody(cw: CatalogueWorld) -> None:
    goal = make_plan_goal(cw.tw, "Barnet kommer glad i børnehave")
    measure = decide(cw, goals=[goal], start_on=TODAY)
    decision = only_decision(measure)
    assert (decision.outcome, decision.decided_on, decision.decided_by) == (
        DecisionOutcome.GRANTED,
        TODAY,
        cw.tw.owner,
    )
    letters = letters_of(decision)
    assert [(letter.recipient_name, letter.recipient_id) for letter in letters] == [
        ("Jens Hansen", FATHER_CPR),
        ("Mette Hansen", MOTHER_CPR),
    ]
    assert {(letter.kind, letter.title, letter.status) for letter in letters} == {
        (KIND, "Afgørelse om familiebehandling", LetterStatus.QUEUED)
    }
    assert all(bytes(letter.pdf).startswith(b"%PDF") for letter in letters)
    html = html_to(decision, "Mette Hansen")
    assert "Kære Mette Hansen" in html
    assert "Åvej 1, 7400 Herning" in html
    assert "Vi har den 10.05.2026 besluttet, at" in html
    assert "skal have familiebehandling" in html
    assert "Afgørelsen gælder fra den 10.05.2026." in html
    assert PURPOSE in html
    assert "Barnet kommer glad i børnehave" in html
    assert "Afgørelsen er truffet efter barnets lov § 32." in html
    assert_klagevejledning(html)


def test_each_letter_is_journalised_in_the_case(cw: CatalogueWorld) -> None:
    letters = letters_of(only_decision(decide(cw)))
    entries = JournalEntry.objects.filter(case=cw.tw.case, event="post.letter_sent")
    assert sorted(entry.source_id or 0 for entry in entries) == [letter.pk for letter in letters]
    assert {entry.source_type for entry in entries} == {"post.letter"}
    assert sorted(entry.title for entry in entries) == [
        "Brev til Jens Hansen: Afgørelse om familiebehandling",
        "Brev til Mette Hansen: Afgørelse om familiebehandling",
    ]


def test_a_full_offer_tells_the_parents_about_the_waiting_list(cw: CatalogueWorld) -> None:
    decide(cw, start_on=TODAY)
    decide(cw, start_on=TODAY)
    waiting = decide(cw)
    assert waiting.status == MeasureStatus.WAITING
    html = html_to(only_decision(waiting), "Jens Hansen")
    assert "står på venteliste fra den 10.05.2026" in html


def test_a_placement_gives_its_paragraph_and_the_reason_the_ladder_asks_for(
    cw: CatalogueWorld,
) -> None:
    make_network_search(cw.tw)
    reason = "Barnet har brug for døgnbehandling; familiebehandling har ikke været nok."
    placed = decide(
        cw,
        kind=MeasureKind.RESIDENTIAL_INSTITUTION,
        offer=cw.institution,
        legal_ground=LegalGround.PLACEMENT_WITH_CONSENT,
        siblings="no_siblings",
        intrusiveness_reason=reason,
    )
    decision = only_decision(placed)
    assert {letter.title for letter in letters_of(decision)} == {
        "Afgørelse om anbringelse med samtykke"
    }
    html = html_to(decision, "Mette Hansen")
    assert "skal anbringes uden for hjemmet" in html
    assert "Anbringelsen sker med samtykke." in html
    assert "Døgninstitutionen Egely" in html
    assert "mindst indgribende" in html
    assert reason in html
    assert "Afgørelsen er truffet efter barnets lov § 46." in html
    assert_klagevejledning(html)


def test_a_placement_without_consent_says_so(cw: CatalogueWorld) -> None:
    make_network_search(cw.tw)
    placed = decide(
        cw,
        kind=MeasureKind.RESIDENTIAL_INSTITUTION,
        offer=cw.institution,
        legal_ground=LegalGround.PLACEMENT_WITHOUT_CONSENT,
        siblings="no_siblings",
        intrusiveness_reason="Barnet er i fare derhjemme.",
        acute=True,
    )
    decision = only_decision(placed)
    assert {letter.title for letter in letters_of(decision)} == {
        "Afgørelse om anbringelse uden samtykke"
    }
    html = html_to(decision, "Jens Hansen")
    assert "Anbringelsen sker uden samtykke." in html
    assert "(akut)" in html
    assert "Afgørelsen er truffet efter barnets lov § 47." in html


# Refused ------------------------------------------------------------------------------------


def test_refusing_sends_the_refusal_with_its_reason(cw: CatalogueWorld) -> None:
    decision = refuse(cw)
    assert (decision.outcome, decision.measure) == (DecisionOutcome.REFUSED, None)
    letters = letters_of(decision)
    assert [letter.recipient_name for letter in letters] == ["Jens Hansen", "Mette Hansen"]
    assert {letter.title for letter in letters} == {"Afgørelse: afslag på kontaktperson"}
    html = html_to(decision, "Mette Hansen")
    assert "ikke skal have kontaktperson" in html
    assert "søgt om en fast kontaktperson" in html
    assert "Barnets behov dækkes af familiebehandlingen" in html
    assert "Afgørelsen er truffet efter barnets lov § 32." in html
    assert_klagevejledning(html)
    entry = JournalEntry.objects.get(case=cw.tw.case, event="measures.measure_refused")
    assert entry.title == "Afgørelse: Afslag på kontaktperson (Barnets Lov § 32)"
    assert AuditEvent.objects.filter(event_type="measure.refused", subject_id=decision.pk).exists()


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"reason": " "}, "reason"),
        ({"request": ""}, "request"),
        ({"legal_ground": LegalGround.PLACEMENT_WITH_CONSENT}, "legal_ground"),
        (
            {
                "kind": MeasureKind.FOSTER_FAMILY,
                "legal_ground": LegalGround.PLACEMENT_WITHOUT_CONSENT,
            },
            "legal_ground",
        ),
        ({"decided_on": date(2026, 5, 11)}, "decided_on"),
    ],
)
def test_a_refusal_needs_its_reason_request_and_a_fitting_ground(
    cw: CatalogueWorld, change: dict[str, Any], field: str
) -> None:
    with pytest.raises(MeasureRefused) as refused:
        refuse(cw, **change)
    assert refused.value.field == field
    assert not MeasureDecision.objects.exists()
    assert not Letter.objects.exists()


# Ended and withdrawn ------------------------------------------------------------------------


def test_ending_sends_the_end_with_its_reason(cw: CatalogueWorld) -> None:
    started = decide(cw, decided_on=date(2026, 4, 1), start_on=date(2026, 4, 2))
    ended = measure_end(
        actor=cw.tw.owner,
        measure=started,
        expected_version=started.version,
        end_date=TODAY,
        reason="Familien har nået målene i barnets plan.",
    )
    decision = ended.decisions.get(outcome=DecisionOutcome.ENDED)
    assert (decision.decided_on, decision.reason) == (
        TODAY,
        "Familien har nået målene i barnets plan.",
    )
    assert {letter.title for letter in letters_of(decision)} == {
        "Afgørelse om ophør af familiebehandling"
    }
    html = html_to(decision, "Jens Hansen")
    assert "ikke længere skal have familiebehandling. Sidste dag er den 10.05.2026." in html
    assert "Den begyndte den 02.04.2026" in html
    assert "Familien har nået målene i barnets plan." in html
    assert "Afgørelsen er truffet efter barnets lov § 32." in html
    assert_klagevejledning(html)


def test_ending_a_placement_is_the_end_of_the_placement(cw: CatalogueWorld) -> None:
    make_network_search(cw.tw)
    placed = decide(
        cw,
        kind=MeasureKind.RESIDENTIAL_INSTITUTION,
        offer=cw.institution,
        legal_ground=LegalGround.PLACEMENT_WITH_CONSENT,
        siblings="no_siblings",
        intrusiveness_reason="Døgnbehandling er nødvendig.",
        decided_on=date(2026, 4, 1),
        start_on=date(2026, 4, 1),
    )
    ended = measure_end(
        actor=cw.tw.owner,
        measure=placed,
        expected_version=placed.version,
        end_date=TODAY,
        reason="Barnet kan flytte hjem med støtte.",
    )
    decision = ended.decisions.get(outcome=DecisionOutcome.ENDED)
    assert {letter.title for letter in letters_of(decision)} == {
        "Afgørelse om ophør af anbringelsen"
    }
    html = html_to(decision, "Mette Hansen")
    assert "anbringelsen af" in html
    assert "Barnet kan flytte hjem med støtte." in html
    assert "barnets lov § 46." in html


def test_withdrawing_a_decision_sends_the_withdrawal(cw: CatalogueWorld) -> None:
    decided = decide(cw, decided_on=date(2026, 5, 1))
    measure_withdraw(
        actor=cw.tw.owner,
        measure=decided,
        expected_version=decided.version,
        reason="Familien har fået hjælp i PPR.",
    )
    decision = decided.decisions.get(outcome=DecisionOutcome.WITHDRAWN)
    assert {letter.title for letter in letters_of(decision)} == {
        "Afgørelse om tilbagekaldelse af familiebehandling"
    }
    html = html_to(decision, "Mette Hansen")
    assert "trække vores afgørelse af 01.05.2026 tilbage" in html
    assert "Familien har fået hjælp i PPR." in html
    assert_klagevejledning(html)


def test_starting_a_decided_measure_is_no_new_decision(cw: CatalogueWorld) -> None:
    decided = decide(cw)
    measure_start(
        actor=cw.tw.owner, measure=decided, expected_version=decided.version, start_date=TODAY
    )
    assert MeasureDecision.objects.count() == 1
    assert Letter.objects.count() == 2


# Who is a party -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("born", "child_gets_a_letter"),
    [
        (date(2016, 5, 10), True),  # 10 years old on the day of the decision
        (date(2016, 5, 11), False),  # 10 tomorrow: still 9
    ],
)
def test_a_child_from_10_gets_her_own_letter(
    cw: CatalogueWorld, born: date, child_gets_a_letter: bool
) -> None:
    child = cw.tw.case.child
    child.birth_date = born
    child.address = "Åvej 1, 7400 Herning"
    child.save()
    decision = refuse(cw)
    recipients = [(letter.recipient_name, letter.recipient_id) for letter in letters_of(decision)]
    guardians = [("Jens Hansen", FATHER_CPR), ("Mette Hansen", MOTHER_CPR)]
    if not child_gets_a_letter:
        assert recipients == guardians
        return
    assert recipients == [*guardians, (child.full_name, child.cpr)]
    html = html_to(decision, child.full_name)
    assert f"Kære {child.first_name}" in html
    assert "at du ikke skal have kontaktperson" in html
    assert "Du er fyldt 10 år. Derfor er du selv part i sagen" in html
    assert "barnets lov § 3" in html
    assert_klagevejledning(html)


# Delivery -----------------------------------------------------------------------------------


def test_after_commit_the_letters_are_sent_by_digital_post(
    cw: CatalogueWorld, django_capture_on_commit_callbacks: Capture
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        decision = refuse(cw)
    letters = letters_of(decision)
    for letter in letters:
        letter.refresh_from_db()
    assert [letter.status for letter in letters] == [LetterStatus.SENT, LetterStatus.SENT]
    assert [path.name for path in outbox()] == sorted(f"{letter.uuid}.xml" for letter in letters)


def test_a_guardian_without_a_cpr_number_still_gets_a_letter_that_must_go_another_way(
    cw: CatalogueWorld, django_capture_on_commit_callbacks: Capture
) -> None:
    Guardian.objects.filter(cpr=FATHER_CPR).update(cpr="")
    with django_capture_on_commit_callbacks(execute=True):
        decision = refuse(cw)
    by_name = {letter.recipient_name: letter for letter in letters_of(decision)}
    for letter in by_name.values():
        letter.refresh_from_db()
    assert by_name["Jens Hansen"].status == LetterStatus.FAILED
    assert by_name["Mette Hansen"].status == LetterStatus.SENT
    assert [path.name for path in outbox()] == [f"{by_name['Mette Hansen'].uuid}.xml"]
    entry = JournalEntry.objects.get(source_id=by_name["Jens Hansen"].pk, source_type="post.letter")
    assert "ingen Digital Post-adresse" in entry.text


def test_a_child_without_guardians_under_10_gets_no_letter(cw: CatalogueWorld) -> None:
    Custody.objects.all().delete()
    decision = refuse(cw)
    assert letters_of(decision) == []
