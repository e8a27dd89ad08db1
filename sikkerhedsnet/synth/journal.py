"""Step: the case journals: one automatic entry for every event the earlier steps made.

The earlier steps write their rows directly, not through the services, so nothing has journalised
them. This step reads back what they made (the notifications and intake's decisions that opened
the cases, the caseworkers, the child assessments, Signs of Safety meetings, the child's plans,
network searches, measures, follow-ups and supervision visits) and writes the entries the
services would have written, with the same words (the areas' `journal.py` builders), dated when
each event happened. It draws no random numbers: the same municipality gives the same journals.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime, time, timedelta
from typing import Any

from django.db.models import Model

from sikkerhedsnet.cases import journal as case_journal
from sikkerhedsnet.cases.journal import JournalEvent
from sikkerhedsnet.cases.models import Case, CaseAssignment, JournalEntry, JournalKind
from sikkerhedsnet.casework import journal as casework_journal
from sikkerhedsnet.casework.models import Assessment, ChildPlan, InterimAssessment, SafetyMeeting
from sikkerhedsnet.intake.models import Decision, Notification
from sikkerhedsnet.lib.dates import COPENHAGEN
from sikkerhedsnet.measures import journal as measure_journal
from sikkerhedsnet.measures.models import FollowUp, Measure, NetworkSearch, SupervisionVisit
from sikkerhedsnet.people.models import User
from sikkerhedsnet.synth.casework import write_rows
from sikkerhedsnet.synth.context import SynthContext

COLUMNS = (
    "id",
    "case_id",
    "kind",
    "occurred_on",
    "occurred_at",
    "title",
    "text",
    "written_at",
    "written_by_id",
    "letter_template",
    "event",
    "source_type",
    "source_id",
)

# The hour of the day an event is journalised at, when its row has only a date: the order of a
# working day, so two events on one day are shown newest first as they would have happened.
HOUR = {
    casework_journal.ASSESSMENT_BEGUN: 11,
    measure_journal.NETWORK_SEARCH_RECORDED: 11,
    measure_journal.MEASURE_DECIDED: 12,
    measure_journal.MEASURE_STARTED: 13,
    measure_journal.PLACEMENT_MOVED: 13,
    casework_journal.CHILD_PLAN_ADOPTED: 13,
    casework_journal.INTERIM_RECORDED: 14,
    casework_journal.ASSESSMENT_CONCLUDED: 14,
    measure_journal.FOLLOW_UP_RECORDED: 14,
    measure_journal.SUPERVISION_VISIT_RECORDED: 15,
    casework_journal.SAFETY_MEETING_HELD: 15,
    measure_journal.MEASURE_ENDED: 16,
}
DEFAULT_HOUR = 12


class JournalMaker:
    def __init__(self, ctx: SynthContext) -> None:
        self.ctx = ctx
        self.latest = datetime.combine(ctx.today, time.min, COPENHAGEN) - timedelta(hours=1)
        self.rows: list[tuple[Any, ...]] = []
        self.cases = dict(sorted(Case.objects.in_bulk().items()))

    def add(self, case_id: int, event: JournalEvent, source: Model, by: int | None) -> None:
        at = event.get("occurred_at")
        day = event["occurred_on"]
        if day > self.ctx.today:
            return  # not happened yet (a measure decided to start later)
        hour = HOUR.get(event["event"], DEFAULT_HOUR)
        written = at or datetime.combine(day, time(hour), COPENHAGEN)
        self.rows.append(
            (
                self.ctx.ids.one(JournalEntry),
                case_id,
                JournalKind.EVENT.value,
                day,
                at,
                event["title"][:200],
                event["text"],
                min(written, self.latest),
                by,
                "",
                event["event"],
                source._meta.label_lower,
                source.pk,
            )
        )

    def write(self) -> None:
        self.ctx.progress.step("Sagernes journaler", len(self.rows))
        write_rows(self.ctx, JournalEntry, COLUMNS, self.rows)

    # What happened, area by area --------------------------------------------------------------

    def case_events(self) -> None:
        notified = [case for case in self.cases.values() if case.source_notification_id]
        ids = [case.source_notification_id for case in notified]
        notifications = Notification.objects.in_bulk(ids)
        decisions = {d.notification_id: d for d in Decision.objects.filter(notification__in=ids)}
        for case in notified:
            notification = notifications[case.source_notification_id]
            decision = decisions.get(notification.pk)
            by = decision.decided_by_id if decision else None
            self.add(case.pk, case_journal.notification_received(notification), notification, by)
            if decision is not None:
                self.add(case.pk, case_journal.opened_by_intake(decision, case), decision, by)
        previous: dict[int, User] = {}
        first: set[int] = set()
        for assignment in CaseAssignment.objects.select_related(
            "caseworker", "assigned_by"
        ).order_by("case_id", "since", "pk"):
            case_id = assignment.case_id
            if case_id not in first:
                first.add(case_id)
                case = self.cases[case_id]
                if case.source_notification_id is None:
                    opened = case_journal.opened(case, assignment.assigned_by)
                    self.add(case_id, opened, case, assignment.assigned_by_id)
            event = case_journal.caseworker_changed(assignment, previous=previous.get(case_id))
            self.add(case_id, event, assignment, assignment.assigned_by_id)
            previous[case_id] = assignment.caseworker

    def casework_events(self) -> None:
        for assessment in Assessment.objects.order_by("pk"):
            case = self.cases[assessment.case_id]
            begun = casework_journal.assessment_begun(case, case.opened_on)
            self.add(case.pk, begun, assessment, assessment.updated_by_id)
            if assessment.decided_on is not None:
                concluded = casework_journal.assessment_concluded(assessment, case)
                self.add(case.pk, concluded, assessment, assessment.decided_by_id)
        interims = InterimAssessment.objects.select_related("assessment").order_by("pk")
        for interim in interims:
            event = casework_journal.interim_recorded(interim)
            self.add(interim.assessment.case_id, event, interim, interim.recorded_by_id)
        for meeting in SafetyMeeting.objects.order_by("pk"):
            event = casework_journal.safety_meeting_held(meeting)
            self.add(meeting.case_id, event, meeting, meeting.created_by_id)
        for plan in ChildPlan.objects.order_by("pk"):
            event = casework_journal.child_plan_adopted(plan)
            self.add(plan.case_id, event, plan, plan.created_by_id)

    def measure_events(self) -> None:
        today = self.ctx.today
        for search in NetworkSearch.objects.order_by("pk"):
            event = measure_journal.network_search_recorded(search)
            self.add(search.case_id, event, search, search.searched_by_id)
        measures = Measure.objects.select_related("offer").order_by("pk")
        by_id = {measure.pk: measure for measure in measures}
        moved_away = {m.moved_from_id for m in by_id.values() if m.moved_from_id is not None}
        for measure in by_id.values():
            for event in self._measure(measure, by_id, moved_away, today):
                self.add(measure.case_id, event, measure, measure.decided_by_id)
        follow_ups = FollowUp.objects.select_related("measure__offer").order_by("pk")
        for follow_up in follow_ups:
            event = measure_journal.follow_up_recorded(follow_up)
            self.add(follow_up.measure.case_id, event, follow_up, follow_up.held_by_id)
        visits = SupervisionVisit.objects.select_related("measure__offer", "visited_by")
        for visit in visits.order_by("pk"):
            event = measure_journal.supervision_visit_recorded(visit)
            self.add(visit.measure.case_id, event, visit, visit.visited_by_id)

    @staticmethod
    def _measure(
        measure: Measure, by_id: dict[int, Measure], moved_away: set[int], today: date
    ) -> Iterator[JournalEvent]:
        """A measure's decision, its start (or the move that started it) and its end (unless
        it ended in a move, which the next placement's entry tells)."""
        previous = by_id.get(measure.moved_from_id) if measure.moved_from_id else None
        if previous is not None:
            yield measure_journal.placement_moved(measure, previous)
        else:
            yield measure_journal.measure_decided(measure)
            if measure.start_date is not None and measure.start_date <= today:
                waited = measure.waiting_since is not None
                yield measure_journal.measure_started(measure, from_waiting_list=waited)
        ended = measure.end_date is not None and measure.end_date <= today
        if ended and measure.start_date is not None and measure.pk not in moved_away:
            yield measure_journal.measure_ended(measure)


def create_journal(ctx: SynthContext) -> None:
    maker = JournalMaker(ctx)
    maker.case_events()
    maker.casework_events()
    maker.measure_events()
    maker.write()
