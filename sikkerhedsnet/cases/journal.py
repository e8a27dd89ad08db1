"""The words of the automatic journal entries: what a caseworker would write for each event.

Each area says in its own `journal.py` how its events read (casework/journal.py,
measures/journal.py); this module has what they share and the case's own events: the
notification received, intake's decision that opened the case, a case opened by a faglig leder
and a new caseworker. A builder gets the object the event came from and returns a
`JournalEvent`, which the service passes on to `journal_event_record` in its own transaction:

    journal_event_record(case=case, actor=actor, source=measure, **measure_decided(measure))

The synthetic municipality writes its entries from the same builders, so a generated journal
reads as one kept by the system.

The entries are written in the municipality's language (settings.LANGUAGE_CODE), whatever
language the caseworker has chosen for the screens: the journal is the case's record, read by
colleagues, Ankestyrelsen and the family alike (offentlighedsloven §§ 13 and 15).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from functools import wraps
from typing import TYPE_CHECKING, NotRequired, ParamSpec, TypedDict

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _

from sikkerhedsnet.intake.models import DecisionKind, SourceKind
from sikkerhedsnet.lib.dates import COPENHAGEN, local_text

if TYPE_CHECKING:
    from sikkerhedsnet.cases.models import Case, CaseAssignment
    from sikkerhedsnet.intake.models import Decision, Notification
    from sikkerhedsnet.people.models import User

P = ParamSpec("P")

# The case's own events, "<app>.<event>" as in the audit trail.
NOTIFICATION_RECEIVED = "cases.notification_received"
CASE_OPENED_BY_INTAKE = "cases.opened_by_intake"
CASE_OPENED = "cases.opened"
CASEWORKER_CHANGED = "cases.caseworker_changed"


class JournalEvent(TypedDict):
    """One automatic entry's event code, date (and time, when known), title and text."""

    event: str
    occurred_on: date
    occurred_at: NotRequired[datetime]
    title: str
    text: str


def in_journal_language(build: Callable[P, JournalEvent]) -> Callable[P, JournalEvent]:
    """Write the entry in the municipality's language, not in the viewer's."""

    @wraps(build)
    def built(*args: P.args, **kwargs: P.kwargs) -> JournalEvent:
        with translation.override(settings.LANGUAGE_CODE):
            return build(*args, **kwargs)

    return built


def day(value: date) -> str:
    return value.strftime("%d.%m.%Y")


def moment(value: datetime) -> str:
    return local_text(value)  # in the language in force: the municipality's (journal_text)


def lines(*parts: str) -> str:
    """The entry's text: the parts that have something to say, one to a line."""
    return "\n".join(part for part in parts if part)


# The case's own events ----------------------------------------------------------------------


@in_journal_language
def notification_received(notification: Notification) -> JournalEvent:
    source = SourceKind(notification.source_kind).label
    return {
        "event": NOTIFICATION_RECEIVED,
        "occurred_on": notification.received_at.astimezone(COPENHAGEN).date(),
        "occurred_at": notification.received_at,
        "title": _("Underretning modtaget (%(reference)s)") % {"reference": notification.reference},
        "text": lines(
            _("Modtaget %(when)s fra: %(source)s.")
            % {"when": moment(notification.received_at), "source": source},
            _("Underretteren er anonym.") if notification.is_anonymous else "",
            _("Underretningen er anmeldt som akut.") if notification.urgent else "",
        ),
    }


@in_journal_language
def opened_by_intake(decision: Decision, case: Case) -> JournalEvent:
    """Intake's decision of a full child assessment (Barnets Lov § 20), which opened the case."""
    return {
        "event": CASE_OPENED_BY_INTAKE,
        "occurred_on": decision.decided_at.astimezone(COPENHAGEN).date(),
        "occurred_at": decision.decided_at,
        "title": _("Visitationens afgørelse: %(decision)s (Barnets Lov § 20)")
        % {"decision": DecisionKind(decision.kind).label},
        "text": lines(
            decision.reason,
            _("Sagen er oprettet. Undersøgelsen skal være færdig senest %(due)s.")
            % {"due": day(case.assessment_due_on)},
        ),
    }


@in_journal_language
def opened(case: Case, opened_by: User) -> JournalEvent:
    return {
        "event": CASE_OPENED,
        "occurred_on": case.opened_on,
        "title": _("Sagen er oprettet"),
        "text": lines(
            _("Oprettet af %(name)s. Kommunen blev opmærksom på barnet %(aware)s.")
            % {"name": opened_by, "aware": day(case.became_aware_on)},
            _("Undersøgelsen skal være færdig senest %(due)s.")
            % {"due": day(case.assessment_due_on)},
        ),
    }


@in_journal_language
def caseworker_changed(assignment: CaseAssignment, *, previous: User | None) -> JournalEvent:
    to = assignment.caseworker
    if previous is not None:
        title = _("Sagen overdraget fra %(old)s til %(new)s") % {"old": previous, "new": to}
    elif assignment.assigned_by_id == assignment.caseworker_id:
        title = _("%(name)s har taget sagen") % {"name": to}
    else:
        title = _("Sagen fordelt til %(name)s") % {"name": to}
    return {
        "event": CASEWORKER_CHANGED,
        "occurred_on": assignment.since.astimezone(COPENHAGEN).date(),
        "occurred_at": assignment.since,
        "title": title,
        "text": lines(
            _("Begrundelse: %(reason)s") % {"reason": assignment.reason}
            if assignment.reason
            else "",
            _("Rådgiveren går over loftet for antal sager. Begrundelse: %(reason)s")
            % {"reason": assignment.over_cap_reason}
            if assignment.over_cap_reason
            else "",
        ),
    }
