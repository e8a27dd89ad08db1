from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

import pytest
from django.db.models import ProtectedError

from sikkerhedsnet.cases.models import CaseRefused, JournalEntry, JournalKind
from sikkerhedsnet.cases.services.journal import journal_entry_add, journal_letter_add
from sikkerhedsnet.cases.services.letters import LetterRequest, LetterTemplate
from sikkerhedsnet.cases.tests.factories import TeamWorld, make_team_world
from sikkerhedsnet.people.tests import factories as f
from sikkerhedsnet.post.models import Letter, LetterStatus

NOW = datetime(2026, 4, 10, 12, tzinfo=UTC)


@pytest.fixture
def tw(db: None) -> TeamWorld:
    return make_team_world()


def _note(tw: TeamWorld, **kwargs: object) -> JournalEntry:
    values: dict[str, object] = {
        "actor": tw.owner,
        "case": tw.case,
        "kind": JournalKind.PHONE,
        "occurred_on": date(2026, 4, 9),
        "title": "Samtale med mor",
        "text": "Mor fortæller, at det går bedre.",
        "now": NOW,
        **kwargs,
    }
    return journal_entry_add(**values)  # type: ignore[arg-type]


def test_the_caseworker_writes_a_dated_entry(tw: TeamWorld) -> None:
    entry = _note(tw)
    assert (entry.written_by, entry.written_at, entry.occurred_on) == (
        tw.owner,
        NOW,
        date(2026, 4, 9),
    )


def test_a_correction_is_a_new_entry_and_the_old_one_stays(tw: TeamWorld) -> None:
    entry = _note(tw)
    correction = _note(tw, title="Rettelse", text="Det var far, ikke mor.", corrects=entry)
    entry.refresh_from_db()
    assert entry.text == "Mor fortæller, at det går bedre."
    assert list(entry.corrections.all()) == [correction]
    assert JournalEntry.objects.count() == 2


def test_an_entry_cannot_be_deleted(tw: TeamWorld) -> None:
    entry = _note(tw)
    _note(tw, title="Rettelse", corrects=entry)
    with pytest.raises(ProtectedError):
        entry.delete()


def test_a_read_only_colleague_cannot_write(tw: TeamWorld) -> None:
    with pytest.raises(CaseRefused):
        _note(tw, actor=tw.colleague)


def test_the_faglig_leder_can_write(tw: TeamWorld) -> None:
    assert _note(tw, actor=tw.leader).written_by == tw.leader


def test_an_entry_in_the_future_is_refused(tw: TeamWorld) -> None:
    with pytest.raises(CaseRefused):
        _note(tw, occurred_on=date(2026, 4, 11))


def test_a_correction_belongs_to_the_same_case(tw: TeamWorld) -> None:
    other = journal_entry_add(
        actor=tw.other_worker,
        case=tw.other_case,
        kind=JournalKind.NOTE,
        occurred_on=date(2026, 4, 9),
        title="Notat",
        text="",
        now=NOW,
    )
    with pytest.raises(CaseRefused):
        _note(tw, corrects=other)


@pytest.mark.parametrize("template", LetterTemplate.values)
def test_a_letter_is_sent_to_the_parent_and_kept_in_the_journal(
    tw: TeamWorld, template: str, django_capture_on_commit_callbacks: Any
) -> None:
    mother = f.CustodyFactory.create(child=tw.child, guardian__cpr="0101851234").guardian
    request = LetterRequest(
        template=template,
        recipient=mother,
        meeting_at=datetime(2026, 4, 20, 8, 30, tzinfo=UTC),
        place="Rådhuset, mødelokale 2",
    )
    with django_capture_on_commit_callbacks(execute=True):
        entry = journal_letter_add(actor=tw.owner, case=tw.case, request=request, now=NOW)
    assert entry.kind == JournalKind.LETTER
    assert entry.occurred_on == date(2026, 4, 10)
    assert entry.title == str(LetterTemplate(template).label)
    assert entry.letter is not None
    letter = Letter.objects.get(pk=entry.letter.pk)
    assert bytes(letter.pdf).startswith(b"%PDF")
    assert (letter.recipient_id_type, letter.recipient_id) == ("CPR", "0101851234")
    assert letter.status == LetterStatus.SENT
    assert Letter.objects.for_subject(tw.case).get() == letter


def test_a_read_only_colleague_cannot_write_a_letter(tw: TeamWorld) -> None:
    mother = f.CustodyFactory.create(child=tw.child).guardian
    with pytest.raises(CaseRefused):
        journal_letter_add(
            actor=tw.colleague,
            case=tw.case,
            request=LetterRequest(template=LetterTemplate.ASSESSMENT, recipient=mother),
            now=NOW,
        )
