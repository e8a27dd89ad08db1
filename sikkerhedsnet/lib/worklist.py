"""What a safety-net rule is: named, set-based, explained in plain words, each with who must act.

A rule is a query over the whole municipality that returns one row per gap: the child, the unit
and/or the person who must act, since when, and the facts the explanation names. No rule loops
over children in Python, and no rule scores families: each names a missed step, nothing else.
Each area writes its rules in its `worklist.py` and lists them under "worklist_rules" in
`sikkerhedsnet/plugins.py`; the safetynet area evaluates them (`worklist_rules()` here gives
them, in order).

`since` is the first Danish day of the gap: for a deadline, the day after its last day (a
deadline is kept on its last day). A row whose deadline passes at a moment within a day (the
24-hour assessment) also carries "overdue_since", that moment, so that the worklist can put the
longest overdue first to the minute. A rule that names no deadline, only a state to act on (a
case without a caseworker), says so (`names_deadline=False`): its rows are due, not overdue.
The worklist puts the most urgent first from these (safetynet.selectors).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Any, TypedDict

from django.db.models import IntegerField, QuerySet, Value
from django.utils.functional import Promise

from sikkerhedsnet.lib.dates import COPENHAGEN, Moment
from sikkerhedsnet.lib.plugins import load

# Every row a rule's query returns has these keys; facts come on top of them. A row may also
# carry "notification_id" (or a later area's object id, which the rule's `link` turns into a
# link on the worklist), and "overdue_since" (an aware datetime; see above).
ROW_KEYS = ("child_id", "unit_id", "user_id", "since")
# A row key a rule's rows leave empty (a rule about a caseworker names no child, one about a
# unit's child names no user): NULL, typed so that the database can compare it.
NO_ID = Value(None, output_field=IntegerField())
Facts = dict[str, Any]  # a row as a rule's query gives it: ROW_KEYS and the explanation's facts


class RuleRow(TypedDict):
    """A row as the worklist reads it: who and what it concerns, since when, and its facts."""

    child_id: int | None
    unit_id: int | None
    user_id: int | None
    since: date
    notification_id: int | None
    # When the row fell due: the moment its deadline passed, or for a rule that names no
    # deadline the start of `since`. The worklist orders by it.
    due_since: datetime
    # The moment the deadline passed (due_since), None for a rule that names no deadline.
    overdue_since: datetime | None
    facts: Facts


@dataclass(frozen=True)
class Link:
    """Where the worklist sends the person who must act on a row, and what the link says."""

    url: str
    label: str | Promise


@dataclass(frozen=True)
class Rule:
    code: str
    title: str | Promise
    explanation: str | Promise  # %(name)s placeholders filled from the row's facts
    who_acts: str | Promise
    # Rows as of a moment: a datetime, or a date standing for the end of that Danish day.
    find: Callable[[Moment], QuerySet[Any, Facts]]
    # Display-only additions computed from a row (a due date from policy), never a filter.
    decorate: Callable[[Facts], Facts] | None = None
    # Roles that act on every row of this rule (e.g. the intake team on every notification);
    # otherwise a row reaches the staff of its unit and the user it names.
    audience_roles: frozenset[str] = frozenset()
    # The audience acts on the rows of its own units only (a faglig leder on her own team), not
    # on the whole municipality's; others in those units see a row only when it names them.
    audience_by_unit: bool = False
    # The page to act on a row (a plan, a meeting) beyond the child's page; None: none.
    link: Callable[[Facts], Link | None] | None = None
    # False for a rule about a state to act on that no deadline governs (a case without a
    # caseworker, an offer over capacity): its rows are due, and the worklist puts every
    # overdue row before them.
    names_deadline: bool = True
    # A deadline counted in hours, where a child may be in danger now (the 24-hour assessment
    # of a notification, Barnets Lov § 137): its overdue rows head every worklist, before all
    # other overdue rows however old.
    urgent: bool = False

    def link_for(self, row: Facts) -> Link | None:
        return self.link(row) if self.link else None

    def present(self, row: Facts) -> Facts:
        return self.decorate(row) if self.decorate else row

    def row(self, found: Facts) -> RuleRow:
        """A row of `find` as the worklist reads it; a row without ROW_KEYS is a bug in the rule."""
        facts = self.present(found)
        missing = [key for key in ROW_KEYS if key not in facts]
        if missing:
            raise KeyError(f"rule {self.code} gives rows without {', '.join(missing)}")
        due_since = facts.get("overdue_since") or start_of_day(facts["since"])
        return RuleRow(
            child_id=facts["child_id"],
            unit_id=facts["unit_id"],
            user_id=facts["user_id"],
            since=facts["since"],
            notification_id=facts.get("notification_id"),
            due_since=due_since,
            overdue_since=due_since if self.names_deadline else None,
            facts=facts,
        )

    def explain(self, row: Facts) -> str:
        facts = {key: _display(value) for key, value in row.items()}
        return str(self.explanation) % facts


def start_of_day(day: date) -> datetime:
    """The first moment of a Danish calendar day."""
    return datetime.combine(day, time.min, COPENHAGEN)


def _display(value: object) -> object:
    if isinstance(value, date):
        return value.strftime("%d.%m.%Y")
    return value


def worklist_rules() -> list[Rule]:
    """Every rule of the plug-in table, in its order; each code once."""
    found = load("worklist_rules", Rule)
    codes = [rule.code for rule in found]
    if len(set(codes)) != len(codes):
        raise ValueError("a safety-net rule code is listed twice")
    return found


def worklist_rule(code: str) -> Rule:
    return next(rule for rule in worklist_rules() if rule.code == code)
