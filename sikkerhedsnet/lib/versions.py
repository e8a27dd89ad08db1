"""Compare-and-set on a row's `version`: two people editing the same thing never overwrite each
other silently.

The filter on version makes the check and the write one statement, so two writers who both read
version 3 cannot both succeed; the second gets a Conflict carrying what is there now. A queryset
update sends no signal, so the history row (django-simple-history) is written here, in the same
transaction as the change. Callers are services inside their own atomic block.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, TypeVar

from django.db import models
from django.db.models import F, Q

from sikkerhedsnet.lib.errors import Conflict

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser

M = TypeVar("M", bound=models.Model)


def _fresh(model: type[M], pk: int, related: tuple[str, ...]) -> M:
    rows = model._default_manager.all()
    if related:
        rows = rows.select_related(*related)
    return rows.get(pk=pk)


def _write_history(model: type[models.Model], row: models.Model, actor: Any) -> None:
    history = getattr(model, "history", None)
    if history is not None:
        history.bulk_history_create([row], update=True, default_user=actor)


def compare_and_set(
    model: type[M],
    *,
    pk: int,
    expected_version: int,
    actor: AbstractBaseUser | None,
    conflict: type[Conflict] = Conflict,
    only_if: Q | None = None,
    related: tuple[str, ...] = (),
    **changes: Any,
) -> M:
    """Apply `changes` only if the row still has `expected_version` (and matches `only_if`).

    Returns the row as it is after the change; raises `conflict` with the current row otherwise.
    `related` names relations to fetch with the returned row (select_related).
    """
    rows = model._default_manager.filter(pk=pk, version=expected_version)
    if only_if is not None:
        rows = rows.filter(only_if)
    updated = rows.update(version=F("version") + 1, **changes)
    current = _fresh(model, pk, related)
    if not updated:
        raise conflict(current)
    _write_history(model, current, actor)
    return current


def check_version(
    row: M,
    expected_version: int,
    *,
    conflict: type[Conflict] = Conflict,
    related: tuple[str, ...] = (),
) -> M:
    """The current row; a conflict before any rule is checked, so the message fits the race."""
    current = _fresh(type(row), row.pk, related)
    if getattr(current, "version", None) != expected_version:
        raise conflict(current)
    return current


def bump(row: M, *, actor: AbstractBaseUser | None, related: tuple[str, ...] = ()) -> M:
    """A change that cannot overwrite anything (an addendum) still tells others it happened."""
    model = type(row)
    model._default_manager.filter(pk=row.pk).update(version=F("version") + 1)
    current = _fresh(model, row.pk, related)
    _write_history(model, current, actor)
    return current
