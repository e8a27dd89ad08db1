"""What the casework writes in the case journal (cases/journal.py says how): the child assessment
begun, an interim assessment, the assessment concluded, a Signs of Safety meeting and the
child's plan adopted; and where those entries link back to."""

from __future__ import annotations

from datetime import date

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from sikkerhedsnet.cases.hooks import JournalLinks
from sikkerhedsnet.cases.journal import JournalEvent, day, in_journal_language, lines
from sikkerhedsnet.cases.models import Case
from sikkerhedsnet.casework.models import (
    Assessment,
    AssessmentDecision,
    ChildPlan,
    InterimAssessment,
    SafetyMeeting,
)
from sikkerhedsnet.lib.worklist import Link

ASSESSMENT_BEGUN = "casework.assessment_begun"
INTERIM_RECORDED = "casework.interim_recorded"
ASSESSMENT_CONCLUDED = "casework.assessment_concluded"
SAFETY_MEETING_HELD = "casework.safety_meeting_held"
CHILD_PLAN_ADOPTED = "casework.child_plan_adopted"


@in_journal_language
def assessment_begun(case: Case, began_on: date) -> JournalEvent:
    """The child assessment (Barnets Lov § 20) begins with its first saved text."""
    return {
        "event": ASSESSMENT_BEGUN,
        "occurred_on": began_on,
        "title": _("Børnefaglig undersøgelse påbegyndt"),
        "text": _("Undersøgelsen skal være færdig senest %(due)s (Barnets Lov § 20).")
        % {"due": day(case.assessment_due_on)},
    }


@in_journal_language
def interim_recorded(interim: InterimAssessment) -> JournalEvent:
    return {
        "event": INTERIM_RECORDED,
        "occurred_on": interim.recorded_on,
        "title": _("Foreløbig vurdering: undersøgelsen forventes færdig %(day)s")
        % {"day": day(interim.expected_done_on)},
        "text": interim.text,
    }


@in_journal_language
def assessment_concluded(assessment: Assessment, case: Case) -> JournalEvent:
    decided_on = assessment.decided_on
    if decided_on is None:
        raise ValueError("the assessment is not concluded")
    late = decided_on > case.assessment_due_on
    return {
        "event": ASSESSMENT_CONCLUDED,
        "occurred_on": decided_on,
        "title": _("Børnefaglig undersøgelse afsluttet: %(decision)s")
        % {"decision": AssessmentDecision(assessment.decision).label},
        "text": lines(
            assessment.conclusion,
            _("Afsluttet efter fristen %(due)s.") % {"due": day(case.assessment_due_on)}
            if late
            else _("Afsluttet inden for fristen %(due)s.") % {"due": day(case.assessment_due_on)},
        ),
    }


@in_journal_language
def safety_meeting_held(meeting: SafetyMeeting) -> JournalEvent:
    return {
        "event": SAFETY_MEETING_HELD,
        "occurred_on": meeting.held_on,
        "title": _("Signs of Safety-møde holdt"),
        "text": _("Næste skridt: %(steps)s") % {"steps": meeting.next_steps}
        if meeting.next_steps
        else "",
    }


@in_journal_language
def child_plan_adopted(plan: ChildPlan) -> JournalEvent:
    return {
        "event": CHILD_PLAN_ADOPTED,
        "occurred_on": plan.adopted_on,
        "title": _("Barnets plan vedtaget"),
        "text": "",
    }


# Where the entries link back to -------------------------------------------------------------


def _assessment_links(case_id: int, ids: list[int]) -> dict[int, Link]:
    link = Link(reverse("casework:assessment", args=[case_id]), gettext_lazy("Se undersøgelsen"))
    return dict.fromkeys(ids, link)


def _interim_links(case_id: int, ids: list[int]) -> dict[int, Link]:
    return _assessment_links(case_id, ids)


def _meeting_links(case_id: int, ids: list[int]) -> dict[int, Link]:
    return {
        pk: Link(reverse("casework:safety_meeting", args=[case_id, pk]), gettext_lazy("Se mødet"))
        for pk in ids
    }


def _plan_links(case_id: int, ids: list[int]) -> dict[int, Link]:
    link = Link(reverse("casework:child_plan", args=[case_id]), gettext_lazy("Se barnets plan"))
    return dict.fromkeys(ids, link)


JOURNAL_LINKS = JournalLinks(
    by_source={
        Assessment._meta.label_lower: _assessment_links,
        InterimAssessment._meta.label_lower: _interim_links,
        SafetyMeeting._meta.label_lower: _meeting_links,
        ChildPlan._meta.label_lower: _plan_links,
    }
)
