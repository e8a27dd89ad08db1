"""Compare-and-set on a row's `version`, shared by the casework services.

The filter on version makes the check and the write one statement, so two caseworkers who both
read version 3 cannot both succeed; the second gets a Conflict naming what is there now. A
queryset update sends no signal, so the history row is written here, in the same transaction.
"""

from __future__ import annotations

from typing import Any, TypeVar

from django.db import models
from django.db.models import F

from sikkerhedsnet.people.models import User

M = TypeVar("M", bound=models.Model)


class Conflict(Exception):
    """Someone changed the row after the page showed `expected_version`."""

    def __init__(self, current: models.Model) -> None:
        super().__init__(str(current))
        self.current = current


class Refused(ValueError):
    """The change does not fit the row's state; the message is shown as it is."""


def compare_and_set(
    model: type[M], *, pk: int, expected_version: int, actor: User, **changes: Any
) -> M:
    updated = model._default_manager.filter(pk=pk, version=expected_version).update(
        version=F("version") + 1, **changes
    )
    current = model._default_manager.get(pk=pk)
    if not updated:
        raise Conflict(current)
    history = getattr(model, "history", None)
    if history is not None:
        history.bulk_history_create([current], update=True, default_user=actor)
    return current


def check_version(row: M, expected_version: int) -> M:
    """The current row; a conflict before any rule is checked, so the message fits the race."""
    current = type(row)._default_manager.get(pk=row.pk)
    if current.version != expected_version:  # type: ignore[attr-defined]
        raise Conflict(current)
    return current
