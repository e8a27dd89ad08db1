"""Municipality policy: every number of DESIGN §3 in one place.

Defaults are the Swedish-model policy; a deployment overrides any of them in a JSON file named by
the environment variable SIKKERHEDSNET_POLICY_FILE (or the SIKKERHEDSNET_POLICY setting). Code
that needs a number asks `get_policy()`; nothing else hard-codes one.
"""

from __future__ import annotations

import dataclasses
import json
import os
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any


@dataclass(frozen=True)
class Policy:
    # Barnets Lov
    notification_assessment_hours: int = 24
    notifier_receipt_working_days: int = 6
    child_assessment_months: int = 4
    child_plan_after_placement_months: int = 3
    first_follow_up_months: int = 3
    supervision_visits_per_year: int = 2
    # Swedish-model policy (stricter than the law)
    screening_round_deadlines: tuple[tuple[int, int], ...] = ((3, 1), (10, 15))
    screened_unit_kinds: tuple[str, ...] = ("daycare", "school")
    unit_plan_days: int = 14
    unit_plan_review_weeks: int = 8
    meeting_minutes_days: int = 7
    # A standing member may open the page of a child on her meeting's agenda in this window.
    meeting_child_access_days_before: int = 30
    meeting_child_access_days_after: int = 90
    caseload_cap: int = 25
    support_follow_up_months: int = 3
    residential_follow_up_weeks: int = 6
    # A placement is decided only after a search of the family's network at most this old.
    network_search_valid_months: int = 12
    transition_list_age_months: int = 17 * 12
    adult_coordinator_age_months: int = 17 * 12 + 6
    adbb_cutoff: int = 5
    adbb_min_age_months: int = 2
    adbb_max_age_months: int = 24
    adbb_follow_up_days: int = 14
    repeated_notifications_count: int = 3
    repeated_notifications_months: int = 12
    different_notifiers_count: int = 2
    different_notifiers_days: int = 7
    notification_decision_days: int = 7
    public_form_submissions_per_hour: int = 5
    # Privacy and security
    statistics_min_count: int = 5
    session_idle_minutes: int = 30
    login_failure_limit: int = 5
    login_lockout_minutes: int = 30
    # Economics (kr a year, 2019 level)
    yearly_cost: dict[str, int] = field(
        default_factory=lambda: {
            "foster_family": 470_000,
            "residential_institution": 1_160_000,
            "residential_home": 1_160_000,
        }
    )


class PolicyError(ValueError):
    pass


def build_policy(overrides: dict[str, Any]) -> Policy:
    """A Policy from defaults and overrides; unknown names and wrong types are refused."""
    defaults = Policy()
    known = {f.name: f for f in dataclasses.fields(Policy)}
    values: dict[str, Any] = {}
    for name, given in overrides.items():
        if name not in known:
            raise PolicyError(f"Ukendt politik-indstilling: {name}")
        current = getattr(defaults, name)
        value = given
        if isinstance(current, tuple) and current and isinstance(current[0], tuple):
            value = tuple(tuple(item) for item in given)
        elif isinstance(current, tuple):
            value = tuple(given)
        elif isinstance(current, bool) or not isinstance(given, type(current)):
            raise PolicyError(f"{name} skal være af typen {type(current).__name__}")
        values[name] = value
    return dataclasses.replace(defaults, **values)


def _overrides_from_environment() -> dict[str, Any]:
    path = os.environ.get("SIKKERHEDSNET_POLICY_FILE")
    if not path:
        return {}
    loaded: dict[str, Any] = json.loads(Path(path).read_text(encoding="utf-8"))
    return loaded


@cache
def get_policy() -> Policy:
    # Django's settings are read when the policy is first asked for, not when it is imported:
    # the settings module itself imports this one.
    from django.conf import settings  # noqa: PLC0415

    overrides = {**_overrides_from_environment(), **getattr(settings, "SIKKERHEDSNET_POLICY", {})}
    return build_policy(overrides)


def _reset_on_setting_change(*, setting: str, **_: Any) -> None:
    if setting == "SIKKERHEDSNET_POLICY":
        get_policy.cache_clear()


def connect_signals() -> None:
    from django.test.signals import setting_changed  # noqa: PLC0415 - called from ready()

    setting_changed.connect(_reset_on_setting_change)
