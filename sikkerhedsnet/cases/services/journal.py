"""The case journal: dated entries that are never edited or deleted.

A correction is a new entry that names the one it corrects; the old one stays as it was written.
Only those who may edit the case write in its journal (the caseworker, the team's faglig leder).
The system writes an entry for every event in the case (journal_event_record), in the
transaction of the service that made it happen; an automatic entry is corrected the same way,
by a note that names it.
"""

from __future__ import annotations

from datetime import date, datetime

from django.db import IntegrityError, models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from sikkerhedsnet.audit.services import audit_event_record
from sikkerhedsnet.cases.access import case_access
from sikkerhedsnet.cases.models import Case, CaseRefused, JournalEntry, JournalKind
from sikkerhedsnet.cases.services.letters import LetterRequest, letter_render
from sikkerhedsnet.lib.dates import local_day
from sikkerhedsnet.people.models import User
from sikkerhedsnet.post.models import Letter
from sikkerhedsnet.post.recipients import Recipient
from sikkerhedsnet.post.services import letter_send

TITLE_MAX = JournalEntry._meta.get_field("title").max_length or 200


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
    if kind == JournalKind.EVENT:
        raise CaseRefused(_("Hændelser skrives automatisk af Sikkerhedsnet."))
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
    """Write a letter from a template to a parent, send it (post: Digital Post after commit)
    and keep it in the journal, where its delivery shows."""
    now = now or timezone.now()
    _check_may_write(actor, case)
    today = timezone.localtime(now).date()
    rendered = letter_render(case=case, request=request, sender=actor, today=today)
    letter = letter_send(
        actor=actor,
        kind="cases.letter",
        title=rendered.title,
        html=rendered.html,
        recipient=Recipient.of_guardian(request.recipient),
        subject=case,
        child=case.child,
        now=now,
    )
    entry = JournalEntry.objects.create(
        case=case,
        kind=JournalKind.LETTER,
        occurred_on=today,
        title=rendered.title,
        text=request.note.strip(),
        written_at=now,
        written_by=actor,
        letter_template=request.template,
        letter=letter,
    )
    audit_event_record(
        actor=actor,
        event_type="case.letter_written",
        subject=case,
        extra={"entry": entry.pk, "template": request.template},
    )
    return entry


@transaction.atomic
def journal_event_record(
    *,
    case: Case,
    actor: User | None,
    event: str,
    title: str,
    text: str = "",
    occurred_on: date | None = None,
    occurred_at: datetime | None = None,
    source: models.Model | None = None,
    now: datetime | None = None,
) -> JournalEntry:
    """Write the automatic entry for `event` ("<app>.<event>") that `source` set off.

    Called by the service that made it happen, inside its transaction, so the entry exists
    exactly when the change does. With `occurred_at` the day is its day in Copenhagen. One
    source is journalised once per event: a second call returns the first entry unchanged.
    `actor` is None for what the system itself set off (a waiting list starting a measure).
    No access check: the caller has made its own, and the event happened.
    """
    if occurred_at is not None:
        occurred_on = local_day(occurred_at)
    if occurred_on is None:
        raise ValueError("journal_event_record needs occurred_on or occurred_at")
    if not event:
        raise ValueError("journal_event_record needs an event code")
    origin: dict[str, object] = {"source_type": "", "source_id": None}
    if source is not None:
        origin = {"source_type": source._meta.label_lower, "source_id": source.pk}
        earlier = JournalEntry.objects.filter(case=case, event=event, **origin).first()
        if earlier is not None:
            return earlier
    # A letter another area sent in the case (a decision letter) is shown with its delivery.
    letter = source if isinstance(source, Letter) else None
    title = title.strip()
    if len(title) > TITLE_MAX:
        title = title[: TITLE_MAX - 1].rstrip() + "…"
    try:
        with transaction.atomic():
            entry = JournalEntry.objects.create(
                case=case,
                kind=JournalKind.EVENT,
                event=event,
                occurred_on=occurred_on,
                occurred_at=occurred_at,
                title=title,
                text=text.strip(),
                written_at=now or timezone.now(),
                written_by=actor,
                letter=letter,
                **origin,
            )
    except IntegrityError:
        if source is None:
            raise
        # The same source journalised at the same moment by another request.
        return JournalEntry.objects.get(case=case, event=event, **origin)
    audit_event_record(
        actor=actor,
        event_type="case.journal_event",
        subject=case,
        extra={"entry": entry.pk, "event": event, **origin},
    )
    return entry
