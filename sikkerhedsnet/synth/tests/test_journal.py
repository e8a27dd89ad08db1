"""The generated case journals: one automatic entry per event the other steps made, in the
services' words, pointing at rows of its own case; the same seed, the same journals."""

from __future__ import annotations

from collections import Counter
from typing import Any

from django.db import transaction
from django.db.models import Count

from sikkerhedsnet.cases import journal as case_journal
from sikkerhedsnet.cases.hooks import journal_links
from sikkerhedsnet.cases.models import Case, CaseAssignment, JournalEntry, JournalKind
from sikkerhedsnet.casework import journal as casework_journal
from sikkerhedsnet.casework.models import Assessment, SafetyMeeting
from sikkerhedsnet.measures import journal as measure_journal
from sikkerhedsnet.measures.models import FollowUp, Measure, SupervisionVisit
from sikkerhedsnet.synth.context import SynthContext
from sikkerhedsnet.synth.pipeline import generate
from sikkerhedsnet.synth.tests.conftest import TODAY


def _counts() -> Counter[str]:
    return Counter(JournalEntry.objects.values_list("event", flat=True))


def test_every_event_is_journalised_once(town: SynthContext) -> None:
    counts = _counts()
    assert JournalEntry.objects.exclude(kind=JournalKind.EVENT).count() == 0
    assert counts[case_journal.NOTIFICATION_RECEIVED] == (
        Case.objects.filter(source_notification__isnull=False).count()
    )
    assert counts[case_journal.CASEWORKER_CHANGED] == CaseAssignment.objects.count()
    assert counts[casework_journal.ASSESSMENT_BEGUN] == Assessment.objects.count()
    assert counts[casework_journal.ASSESSMENT_CONCLUDED] == (
        Assessment.objects.exclude(decision="").count()
    )
    assert counts[casework_journal.SAFETY_MEETING_HELD] == SafetyMeeting.objects.count()
    assert counts[measure_journal.MEASURE_DECIDED] == (
        Measure.objects.filter(moved_from__isnull=True).count()
    )
    assert counts[measure_journal.PLACEMENT_MOVED] == (
        Measure.objects.filter(moved_from__isnull=False).count()
    )
    assert counts[measure_journal.FOLLOW_UP_RECORDED] == FollowUp.objects.count()
    assert counts[measure_journal.SUPERVISION_VISIT_RECORDED] == SupervisionVisit.objects.count()
    assert counts[measure_journal.FOLLOW_UP_RECORDED] > 0
    # Nothing in the future, and no source twice (the database would refuse it too).
    assert not JournalEntry.objects.filter(occurred_on__gt=TODAY).exists()
    twice = (
        JournalEntry.objects.values("case_id", "event", "source_type", "source_id")
        .annotate(n=Count("pk"))
        .filter(n__gt=1)
    )
    assert not twice.exists()


def test_the_entries_read_as_the_services_write_them(town: SynthContext) -> None:
    follow_up = FollowUp.objects.select_related("measure__offer").order_by("pk").first()
    assert follow_up is not None
    entry = JournalEntry.objects.get(
        event=measure_journal.FOLLOW_UP_RECORDED, source_id=follow_up.pk
    )
    written = measure_journal.follow_up_recorded(follow_up)
    assert (entry.case_id, entry.title, entry.text, entry.occurred_on) == (
        follow_up.measure.case_id,
        written["title"],
        written["text"],
        follow_up.held_on,
    )
    assert entry.written_by_id == follow_up.held_by_id


def test_a_case_journal_links_back_to_its_own_measures(town: SynthContext) -> None:
    case = Case.objects.annotate(n=Count("measures__follow_ups")).order_by("-n", "pk").first()
    assert case is not None
    entries = list(JournalEntry.objects.filter(case=case))
    links = journal_links(case, entries)
    linked = {entry.event for entry in entries if entry.pk in links}
    assert {measure_journal.MEASURE_DECIDED, measure_journal.FOLLOW_UP_RECORDED} <= linked
    assert all(f"/sager/{case.pk}/" in link.url for link in links.values())


class _Undo(Exception):
    pass


def _journals(seed: int) -> list[tuple[Any, ...]]:
    found: list[tuple[Any, ...]] = []
    try:
        with transaction.atomic():
            generate(children=200, seed=seed, today=TODAY, history_years=0)
            found = list(
                JournalEntry.objects.order_by("pk").values_list(
                    "case__child__cpr", "event", "occurred_on", "written_at", "title", "text"
                )
            )
            raise _Undo
    except _Undo:
        pass
    return found


def test_the_same_seed_makes_the_same_journals(db: None) -> None:
    first = _journals(seed=3)
    assert first
    assert _journals(seed=3) == first
