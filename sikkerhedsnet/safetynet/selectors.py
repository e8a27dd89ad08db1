"""The worklist: every rule's rows the user must act on, the most urgent first."""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from sikkerhedsnet.lib.dates import Moment, instant, local_day, local_text
from sikkerhedsnet.lib.worklist import Link, Rule, RuleRow, start_of_day, worklist_rules
from sikkerhedsnet.people.access import user_unit_ids, visible_children
from sikkerhedsnet.people.models import Child, Unit, User

MAX_FLAGS_PER_RULE = 500


@dataclass(frozen=True)
class Flag:
    rule: Rule
    child: Child | None
    unit: Unit | None
    since: date
    explanation: str
    notification_id: int | None = None
    link: Link | None = None
    # When the row fell due (RuleRow.due_since) and whether its deadline has passed by now.
    due_since: datetime | None = None
    overdue: bool = False
    deadline: str = ""  # how overdue, or that no deadline governs it, in words


def rule_counts(*, at: Moment) -> dict[str, int]:
    """How many gaps each rule finds in the whole municipality (for the dashboard)."""
    return {rule.code: rule.find(at).count() for rule in worklist_rules()}


def flags_for_user(*, user: User, at: Moment, unit_ids: list[int] | None = None) -> list[Flag]:
    """The gaps this user must act on, among the children she may see.

    A row is hers when it is in one of her units, names her, or belongs to a rule her role
    acts on as a whole (the intake team and notifications). A row about a child nobody has
    identified (a notification without CPR, an anonymous consultation) reaches the rule's
    audience and the user the row names only. The most urgent come first (`_urgency`).
    """
    day = local_day(at)
    units = unit_ids if unit_ids is not None else user_unit_ids(user, day)
    children = visible_children(user, day=day).values("pk")
    rows: list[tuple[Rule, RuleRow]] = []
    for rule in worklist_rules():
        audience = user.role in rule.audience_roles and unit_ids is None
        mine = _mine(rule, audience=audience, units=units, user=user)
        # A row without a child (an anonymous consultation, a notification without CPR) reaches
        # the rule's audience and the person it names, nobody else.
        unnamed = (
            Q(child_id__isnull=True) if audience else Q(child_id__isnull=True, user_id=user.pk)
        )
        seen = Q(child_id__in=children) | unnamed
        # The cut keeps the oldest rows of a rule; the list is ordered by urgency below.
        found = rule.find(at).filter(mine).filter(seen).order_by("since")
        rows += [(rule, rule.row(row)) for row in found[:MAX_FLAGS_PER_RULE]]
    return _as_flags(rows, instant(at))


def _mine(rule: Rule, *, audience: bool, units: list[int], user: User) -> Q:
    if audience and not rule.audience_by_unit:
        return Q()
    if rule.audience_by_unit and not audience:
        # Others in the unit (a team's caseworkers) see such a row only when it names them.
        return Q(user_id=user.pk)
    return Q(unit_id__in=units) | Q(user_id=user.pk)


def _as_flags(rows: list[tuple[Rule, RuleRow]], at: datetime) -> list[Flag]:
    child_ids = {row["child_id"] for _, row in rows if row["child_id"]}
    unit_ids = {row["unit_id"] for _, row in rows if row["unit_id"]}
    children = Child.objects.in_bulk(child_ids)
    units = Unit.objects.in_bulk(unit_ids)
    order = {rule.code: index for index, rule in enumerate(worklist_rules())}
    ranked = sorted(rows, key=lambda pair: (*_urgency(pair[0], pair[1], at), order[pair[0].code]))
    return [
        Flag(
            rule=rule,
            child=children.get(row["child_id"]),
            unit=units.get(row["unit_id"]),
            since=row["since"],
            explanation=rule.explain(row["facts"]),
            notification_id=row["notification_id"],
            link=rule.link_for(row["facts"]),
            due_since=row["due_since"],
            overdue=_is_overdue(row, at),
            deadline=_deadline_text(rule, row, at),
        )
        for rule, row in ranked
    ]


def _is_overdue(row: RuleRow, at: datetime) -> bool:
    return row["overdue_since"] is not None and row["overdue_since"] <= at


def _urgency(rule: Rule, row: RuleRow, at: datetime) -> tuple[int, datetime]:
    """Most urgent first: a breached deadline counted in hours (the 24-hour assessment) above
    everything; then every other overdue row, the longest overdue first; then the rows that are
    due but not overdue (no deadline, or one still ahead), the earliest due first."""
    if _is_overdue(row, at):
        return (0 if rule.urgent else 1), row["due_since"]
    return 2, row["due_since"]


def _deadline_text(rule: Rule, row: RuleRow, at: datetime) -> str:
    overdue_since = row["overdue_since"]
    if overdue_since is None:
        return _("Ingen frist")
    if overdue_since > at:
        if overdue_since == start_of_day(local_day(overdue_since)):  # kept on the day before
            day = local_day(overdue_since) - timedelta(days=1)
            return _("Senest %(day)s") % {"day": day.strftime("%d.%m.%Y")}
        return _("Senest %(moment)s") % {"moment": local_text(overdue_since)}
    late = at - overdue_since
    if rule.urgent and late < timedelta(days=2):
        # Counted in hours, as the deadline is; rounded up, so a breach never reads as none.
        hours = max(math.ceil(late / timedelta(hours=1)), 1)
        return ngettext("Overskredet med %(n)d time", "Overskredet med %(n)d timer", hours) % {
            "n": hours
        }
    # Calendar days for a deadline kept on its last day (overdue from the start of the next).
    first_day = local_day(overdue_since)
    whole_day = overdue_since == start_of_day(first_day)
    days = max((local_day(at) - first_day).days + (1 if whole_day else 0), 1)
    return ngettext("Overskredet med %(n)d dag", "Overskredet med %(n)d dage", days) % {"n": days}
