"""The safety net's rules: named, set-based, explained in plain words, each with who must act.

A rule is a query over the whole municipality that returns one row per gap: the child, the unit
and/or the person who must act, since when, and the facts the explanation names. No rule loops
over children in Python, and no rule scores families: each names a missed step, nothing else.
Areas register their rules at start-up (each app's `rules.py`, imported from its AppConfig).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import QuerySet
from django.utils.functional import Promise

from sikkerhedsnet.lib.dates import Moment

# Every row a rule's query returns has these keys; facts come on top of them. A row may also
# carry "notification_id" (or a later area's object id, which the rule's `link` turns into a
# link on the worklist).
ROW_KEYS = ("child_id", "unit_id", "user_id", "since")


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
    find: Callable[[Moment], QuerySet[Any, dict[str, Any]]]
    # Display-only additions computed from a row (a due date from policy), never a filter.
    decorate: Callable[[dict[str, Any]], dict[str, Any]] | None = None
    # Roles that act on every row of this rule (e.g. the intake team on every notification);
    # otherwise a row reaches the staff of its unit and the user it names.
    audience_roles: frozenset[str] = frozenset()
    # The audience acts on the rows of its own units only (a faglig leder on her own team), not
    # on the whole municipality's; others in those units see a row only when it names them.
    audience_by_unit: bool = False
    # The page to act on a row (a plan, a meeting) beyond the child's page; None: none.
    link: Callable[[dict[str, Any]], Link | None] | None = None

    def link_for(self, row: dict[str, Any]) -> Link | None:
        return self.link(row) if self.link else None

    def present(self, row: dict[str, Any]) -> dict[str, Any]:
        return self.decorate(row) if self.decorate else row

    def explain(self, row: dict[str, Any]) -> str:
        facts = {key: _display(value) for key, value in row.items()}
        return str(self.explanation) % facts


def _display(value: object) -> object:
    if isinstance(value, date):
        return value.strftime("%d.%m.%Y")
    return value


_RULES: dict[str, Rule] = {}


def register(rule: Rule) -> Rule:
    if rule.code in _RULES:
        raise ValueError(f"safety-net rule {rule.code} is registered twice")
    _RULES[rule.code] = rule
    return rule


def all_rules() -> list[Rule]:
    return list(_RULES.values())


def get_rule(code: str) -> Rule:
    return _RULES[code]
