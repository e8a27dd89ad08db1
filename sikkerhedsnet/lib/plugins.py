"""Loads the plug-ins of one kind from the one table, `sikkerhedsnet/plugins.py`.

A lower area offers a hook (the child page's sections, the worklist's rules …) and asks
`load(kind, Type)` for what fills it; the upper areas are named in the table by dotted path, so
no lower area imports an upper one and nothing is registered as a side effect of an import. Each
kind is imported once, on first use, in the table's order.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from functools import cache
from typing import Any, TypeVar

from django.utils.module_loading import import_string

# The table is read through its module, so that a test that swaps the table is seen.
from sikkerhedsnet import plugins as table

T = TypeVar("T")


_OVERRIDDEN: dict[str, tuple[Any, ...]] = {}


@contextmanager
def overridden(kind: str, plugins: Sequence[Any]) -> Iterator[None]:
    """Tests only: `kind` is filled by `plugins` instead of the table while the block runs."""
    saved = _OVERRIDDEN.get(kind)
    _OVERRIDDEN[kind] = tuple(plugins)
    try:
        yield
    finally:
        if saved is None:
            del _OVERRIDDEN[kind]
        else:
            _OVERRIDDEN[kind] = saved


def _loaded(kind: str) -> tuple[Any, ...]:
    if kind in _OVERRIDDEN:
        return _OVERRIDDEN[kind]
    return _from_table(kind)


@cache
def _from_table(kind: str) -> tuple[Any, ...]:
    paths = table.PLUGINS[kind]
    if len(set(paths)) != len(paths):
        raise ValueError(f"plug-in kind {kind} lists an entry twice")
    return tuple(import_string(path) for path in paths)


def load(kind: str, of_type: type[T]) -> list[T]:
    """The plug-ins of `kind`, in the table's order, each checked to be an `of_type`."""
    found = _loaded(kind)
    for plugin in found:
        if not isinstance(plugin, of_type):
            raise TypeError(f"plug-in {plugin!r} of kind {kind} is not a {of_type.__name__}")
    return list(found)


def load_callables(kind: str) -> list[Any]:
    """The plug-ins of `kind` that are plain functions (checked to be callable)."""
    found = _loaded(kind)
    for plugin in found:
        if not callable(plugin):
            raise TypeError(f"plug-in {plugin!r} of kind {kind} is not callable")
    return list(found)
