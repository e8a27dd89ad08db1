"""Reads for the import pages: the list of imports and what one of them brought."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, QuerySet

from sikkerhedsnet.imports.models import ImportRun
from sikkerhedsnet.lib.fileformats import get_format
from sikkerhedsnet.people.models import Child, Unit


def import_runs(*, unit: Unit | None = None) -> QuerySet[ImportRun]:
    """Every import, newest first, each with its number of children; only a unit's if given."""
    runs = ImportRun.objects.all()
    if unit is not None:
        runs = runs.filter(units=unit)
    # Meta.ordering does not apply to a query that counts (GROUP BY), so it is said here.
    return (
        runs.select_related("actor")
        .annotate(child_count=Count("children", distinct=True))
        .order_by("-at", "-id")
    )


def run_children(run: ImportRun) -> QuerySet[Child]:
    """The children the import's rows were about, with only what its page shows."""
    return run.children.only("id", "first_name", "last_name", "cpr", "birth_date").order_by(
        "last_name", "first_name", "id"
    )


def run_units(run: ImportRun) -> QuerySet[Unit]:
    return run.units.order_by("name", "id")


def count_lines(run: ImportRun) -> list[tuple[str, int]]:
    """The counts with the labels of the run's format, in the format's order."""
    file_format = get_format(run.file_format)
    labels: dict[str, Any] = dict(file_format.count_labels) if file_format else {}
    keys = [*labels, *(key for key in run.counts if key not in labels)]
    return [(str(labels.get(key, key)), int(run.counts.get(key, 0))) for key in keys]


def format_label(run: ImportRun) -> str:
    file_format = get_format(run.file_format)
    return str(file_format.label) if file_format else run.file_format
