"""The one table of plug-ins: what each area adds to a page, a list or a mechanism of another.

A lower area offers a hook and loads what fills it with `lib.plugins.load(kind, Type)`; the areas
above it are listed here by dotted path, in the order they are shown or tried. This module
imports nothing, so listing an upper area here adds no import to a lower one (ARCHITECTURE.md).
To add a page section, a worklist rule or an import format: write it in your area's module of
that name (`child_page.py`, `case_page.py`, `timeline.py`, `worklist.py`, `import_formats.py`)
and add its path here.
"""

from __future__ import annotations

PLUGINS: dict[str, list[str]] = {
    # people.hooks.ChildScope: who may see which child, and why. A user may see the union of her
    # scopes; the first scope that admits a child gives the access log its basis.
    "child_scopes": [
        "sikkerhedsnet.people.access.ENROLLED_IN_MY_UNITS",
        "sikkerhedsnet.intake.access.NOTIFIED_CHILDREN",
        "sikkerhedsnet.intake.access.SIBLINGS_OF_NOTIFIED_CHILDREN",
        "sikkerhedsnet.collaboration.access.MEETING_AGENDA_CHILDREN",
        "sikkerhedsnet.cases.access.CHILDREN_IN_MY_CASES",
    ],
    # people.hooks.ChildSection: the sections of the child's page, top to bottom.
    "child_page_sections": [
        "sikkerhedsnet.screening.child_page.SCREENING_SECTION",
        "sikkerhedsnet.collaboration.child_page.plans.PLANS_SECTION",
        "sikkerhedsnet.collaboration.child_page.meetings.MEETINGS_SECTION",
        "sikkerhedsnet.intake.child_page.NOTIFICATION_SECTION",
        "sikkerhedsnet.people.child_page.TIMELINE_SECTION",
    ],
    # people.hooks.TimelineSource: the entries of the child's timeline, one source per kind.
    "timeline_sources": [
        "sikkerhedsnet.screening.timeline.screening_entries",
        "sikkerhedsnet.screening.timeline.guide_assessment_entries",
        "sikkerhedsnet.intake.timeline.notification_entries",
        "sikkerhedsnet.collaboration.timeline.dialogue_entries",
        "sikkerhedsnet.collaboration.timeline.plan_entries",
        "sikkerhedsnet.collaboration.timeline.review_entries",
        "sikkerhedsnet.collaboration.timeline.agenda_entries",
        "sikkerhedsnet.cases.timeline.case_entries",
        "sikkerhedsnet.measures.timeline.measure_entries",
        "sikkerhedsnet.measures.timeline.follow_up_entries",
        "sikkerhedsnet.measures.timeline.supervision_entries",
        "sikkerhedsnet.casework.timeline.assessment_entries",
        "sikkerhedsnet.casework.timeline.interim_entries",
        "sikkerhedsnet.casework.timeline.safety_meeting_entries",
        "sikkerhedsnet.casework.timeline.child_plan_entries",
    ],
    # cases.hooks.CaseSection: the sections of the case page, top to bottom.
    "case_page_sections": [
        "sikkerhedsnet.casework.case_page.CASEWORK_SECTION",
        "sikkerhedsnet.measures.case_page.measures.MEASURES_SECTION",
        "sikkerhedsnet.measures.case_page.follow_up.FOLLOW_UP_SECTION",
    ],
    # cases.hooks.JournalLinks: where an automatic journal entry links back to, by its source.
    "journal_links": [
        "sikkerhedsnet.casework.journal.JOURNAL_LINKS",
        "sikkerhedsnet.measures.journal.JOURNAL_LINKS",
        "sikkerhedsnet.measures.decision_letters.JOURNAL_LINKS",
    ],
    # cases.hooks.DeadlineProvider: what is due next on a case ("Mine sager", the caseload).
    "case_deadlines": [
        "sikkerhedsnet.casework.case_deadlines.casework_deadlines",
        "sikkerhedsnet.measures.case_deadlines.measure_deadlines",
    ],
    # lib.front_page.FrontPanel: the panels of the front page, top to bottom; each shows only to
    # the users its own area's access lets see it.
    "front_page_panels": [
        "sikkerhedsnet.intake.front_page.NOTIFICATIONS_PANEL",
        "sikkerhedsnet.cases.front_page.DEADLINES_PANEL",
        "sikkerhedsnet.cases.front_page.TEAMS_PANEL",
        "sikkerhedsnet.screening.front_page.ROUND_PANEL",
        "sikkerhedsnet.screening.front_page.ADBB_PANEL",
        "sikkerhedsnet.collaboration.front_page.MEETINGS_PANEL",
        "sikkerhedsnet.safetynet.front_page.KEY_FIGURES_PANEL",
        "sikkerhedsnet.audit.front_page.ACCESS_LOG_PANEL",
    ],
    # lib.worklist.Rule: the safety net's rules, in the order the worklist and dashboard show them.
    "worklist_rules": [
        "sikkerhedsnet.screening.worklist.NOT_SCREENED",
        "sikkerhedsnet.screening.worklist.CONCERN_WITHOUT_PLAN",
        "sikkerhedsnet.screening.worklist.REPEATED_CONCERN",
        "sikkerhedsnet.screening.worklist.ADBB_WITHOUT_FOLLOW_UP",
        "sikkerhedsnet.intake.worklist.NOTIFICATION_NOT_ASSESSED",
        "sikkerhedsnet.intake.worklist.RECEIPT_OVERDUE",
        "sikkerhedsnet.intake.worklist.REPEATED_CONCERN_NOT_LOOKED_AT",
        "sikkerhedsnet.intake.worklist.NOTIFICATION_WITHOUT_DECISION",
        "sikkerhedsnet.collaboration.worklist.meetings.MEETING_MINUTES_MISSING",
        "sikkerhedsnet.collaboration.worklist.plans.PLAN_ACTION_OVERDUE",
        "sikkerhedsnet.collaboration.worklist.plans.PLAN_REVIEW_OVERDUE",
        "sikkerhedsnet.collaboration.worklist.dialogue.DIALOGUE_MEETING_TOMORROW",
        "sikkerhedsnet.collaboration.worklist.dialogue.DIALOGUE_MEETING_WITHOUT_RECORD",
        "sikkerhedsnet.cases.worklist.CASEWORKER_OVER_CAP",
        "sikkerhedsnet.cases.worklist.CASE_WITHOUT_CASEWORKER",
        "sikkerhedsnet.cases.worklist.CASE_IN_TEAM_NOBODY_LEADS",
        "sikkerhedsnet.measures.worklist.FIRST_FOLLOW_UP_MISSING",
        "sikkerhedsnet.measures.worklist.FOLLOW_UP_OVERDUE",
        "sikkerhedsnet.measures.worklist.PLACEMENT_SUPERVISION_MISSING",
        "sikkerhedsnet.measures.worklist.YOUNG_PERSON_WITHOUT_COORDINATOR",
        "sikkerhedsnet.measures.worklist.OFFER_OVER_CAPACITY",
        "sikkerhedsnet.casework.worklist.ASSESSMENT_OVERDUE",
        "sikkerhedsnet.post.worklist.LETTER_NOT_DELIVERED",
        "sikkerhedsnet.post.worklist.LETTER_NOT_HANDED_OVER",
        "sikkerhedsnet.casework.worklist.PLACEMENT_WITHOUT_PLAN",
    ],
    # screening.hooks.ChildSince: a unit plan made since the concern (concern_without_plan).
    "unit_plan_sources": [
        "sikkerhedsnet.collaboration.worklist.plans.plan_since_concern",
    ],
    # screening.hooks.ChildSince: an escalation beyond the unit (repeated_concern_not_escalated).
    "escalation_sources": [
        "sikkerhedsnet.intake.worklist.notified_since",
        "sikkerhedsnet.collaboration.worklist.meetings.named_at_meeting_since",
    ],
    # screening.hooks.GuideNextSteps: the buttons on the concern guide's result, one source per
    # area; the step the guide recommends is the primary button.
    "guide_next_steps": [
        "sikkerhedsnet.collaboration.guide_next_steps.collaboration_steps",
        "sikkerhedsnet.intake.guide_next_steps.intake_steps",
    ],
    # lib.fileformats.FileFormat: the files that import and export, in import order.
    "import_formats": [
        "sikkerhedsnet.imports.import_formats.units.UNITS",
        "sikkerhedsnet.imports.import_formats.children.CHILDREN",
        "sikkerhedsnet.screening.import_formats.SCREENINGS",
        "sikkerhedsnet.intake.import_formats.NOTIFICATIONS",
        "sikkerhedsnet.measures.import_formats.MEASURES",
    ],
    # intake.services.handling: a decision on a notification, inside its transaction (cases
    # opens the child's case for a full child assessment).
    "notification_decided": [
        "sikkerhedsnet.cases.services.opening.case_open_on_decision",
    ],
    # collaboration.services.meetings: the notification a meeting's outcome sends to intake,
    # inside the minutes' transaction. Exactly one.
    "meeting_notification": [
        "sikkerhedsnet.intake.services.receiving.notification_from_meeting",
    ],
    # post.services: a letter the channel took (or that was sent another way), inside the
    # delivery's transaction: the owning area marks its own record (intake's receipt sent).
    "letter_delivered": [
        "sikkerhedsnet.intake.services.handling.receipt_delivered",
    ],
}
