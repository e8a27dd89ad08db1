from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import Q

from sikkerhedsnet.lib.dates import Moment, local_day
from sikkerhedsnet.lib.worklist import Link, Rule, RuleRow, worklist_rules
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


def rule_counts(*, at: Moment) -> dict[str, int]:
    """How many gaps each rule finds in the whole municipality (for the dashboard)."""
    return {rule.code: rule.find(at).count() for rule in worklist_rules()}


def flags_for_user(*, user: User, at: Moment, unit_ids: list[int] | None = None) -> list[Flag]:
    """The gaps this user must act on, among the children she may see.

    A row is hers when it is in one of her units, names her, or belongs to a rule her role
    acts on as a whole (the intake team and notifications). A row about a child nobody has
    identified (a notification without CPR, an anonymous consultation) reaches the rule's
    audience and the user the row names only.
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
        found = rule.find(at).filter(mine).filter(seen)
        rows += [(rule, rule.row(row)) for row in found[:MAX_FLAGS_PER_RULE]]
    return _as_flags(rows)


def _mine(rule: Rule, *, audience: bool, units: list[int], user: User) -> Q:
    if audience and not rule.audience_by_unit:
        return Q()
    if rule.audience_by_unit and not audience:
        # Others in the unit (a team's caseworkers) see such a row only when it names them.
        return Q(user_id=user.pk)
    return Q(unit_id__in=units) | Q(user_id=user.pk)


def _as_flags(rows: list[tuple[Rule, RuleRow]]) -> list[Flag]:
    child_ids = {row["child_id"] for _, row in rows if row["child_id"]}
    unit_ids = {row["unit_id"] for _, row in rows if row["unit_id"]}
    children = Child.objects.in_bulk(child_ids)
    units = Unit.objects.in_bulk(unit_ids)
    flags = [
        Flag(
            rule=rule,
            child=children.get(row["child_id"]),
            unit=units.get(row["unit_id"]),
            since=row["since"],
            explanation=rule.explain(row["facts"]),
            notification_id=row["notification_id"],
            link=rule.link_for(row["facts"]),
        )
        for rule, row in rows
    ]
    return sorted(flags, key=lambda flag: (flag.since, flag.rule.code))
