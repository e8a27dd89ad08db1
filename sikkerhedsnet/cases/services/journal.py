"""The case journal: dated entries that are never edited or deleted.

A correction is a new entry that names the one it corrects; the old one stays as it was written.
Only those who may edit the case write in its journal (the caseworker, the team's faglig leder).
"""

from __future__ import annotations

from datetime import date, datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from sikkerhedsnet.audit.services import audit_event_record
from sikkerhedsnet.cases.access import case_access
from sikkerhedsnet.cases.models import Case, CaseRefused, JournalEntry, JournalKind
from sikkerhedsnet.cases.services.letters import LetterRequest, letter_render
from sikkerhedsnet.people.models import User


def _check_may_write(actor: User, case: Case) -> None:
    access = case_access(actor, case)
    if access is None or not access.can_edit:
        raise CaseRefused(_("Kun sagens rådgiver og teamets faglige leder kan skrive i journalen."))


def _check_day(occurred_on: date, now: datetime) -> None:
    if occurred_on > timezone.localtime(now).date():
        raise CaseRefused(_("Datoen kan ikke ligge efter i dag."))


@transaction.atomic
def journal_entry_add(
    *,
    actor: User,
    case: Case,
    kind: str,
    occurred_on: date,
    title: str,
    text: str,
    corrects: JournalEntry | None = None,
    now: datetime | None = None,
) -> JournalEntry:
    now = now or timezone.now()
    _check_may_write(actor, case)
    _check_day(occurred_on, now)
    if kind == JournalKind.LETTER:
        raise CaseRefused(_("Et brev dannes fra en brevskabelon."))
    if corrects is not None and corrects.case_id != case.pk:
        raise CaseRefused(_("Rettelsen skal høre til samme sag."))
    entry = JournalEntry.objects.create(
        case=case,
        kind=kind,
        occurred_on=occurred_on,
        title=title.strip(),
        text=text.strip(),
        written_at=now,
        written_by=actor,
        corrects=corrects,
    )
    audit_event_record(
        actor=actor,
        event_type="case.journal_added",
        subject=case,
        extra={"entry": entry.pk, "kind": kind, "corrects": corrects.pk if corrects else None},
    )
    return entry


@transaction.atomic
def journal_letter_add(
    *, actor: User, case: Case, request: LetterRequest, now: datetime | None = None
) -> JournalEntry:
    """Write a letter from a template as PDF and keep it in the journal, as sent today."""
    now = now or timezone.now()
    _check_may_write(actor, case)
    today = timezone.localtime(now).date()
    letter = letter_render(case=case, request=request, sender=actor, today=today)
    entry = JournalEntry.objects.create(
        case=case,
        kind=JournalKind.LETTER,
        occurred_on=today,
        title=letter.title,
        text=request.note.strip(),
        written_at=now,
        written_by=actor,
        letter_template=request.template,
        letter_pdf=letter.pdf(),
    )
    audit_event_record(
        actor=actor,
        event_type="case.letter_written",
        subject=case,
        extra={"entry": entry.pk, "template": request.template},
    )
    return entry
