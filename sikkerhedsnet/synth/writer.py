"""Bulk insertion of generated rows, and the clean-up a pre-assigned primary key needs.

`bulk_create` sends no signals, so generated rows get no simple-history rows: the history of a
synthetic municipality starts with the first change made after generation.
"""

from __future__ import annotations

from collections.abc import Sequence

from django.core.management.color import no_style
from django.db import connection
from django.db.models import Model

from sikkerhedsnet.synth.context import SynthContext

BATCH_SIZE = 5000
# PostgreSQL allows 65,535 parameters per statement; stay below it for wide tables (users).
MAX_PARAMETERS = 60_000


def batch_size_for(model: type[Model]) -> int:
    columns = len(model._meta.concrete_fields)
    return max(1, min(BATCH_SIZE, MAX_PARAMETERS // columns))


def insert(ctx: SynthContext, label: str, *groups: tuple[type[Model], Sequence[Model]]) -> None:
    """Insert each group of rows (in order, parents first) under one progress step."""
    ctx.progress.step(label, sum(len(rows) for _, rows in groups))
    for model, rows in groups:
        size = batch_size_for(model)
        for start in range(0, len(rows), size):
            batch = rows[start : start + size]
            model._default_manager.bulk_create(batch, batch_size=size)
            ctx.progress.advance(len(batch))


def prepare_connection() -> None:
    """Give SQLite a larger page cache for the run: index pages then stay in memory."""
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA cache_size = -262144")  # KiB, i.e. 256 MiB, this connection


def reset_sequences(models: Sequence[type[Model]]) -> None:
    """Move PostgreSQL's id sequences past the pre-assigned ids (SQLite needs nothing)."""
    statements = connection.ops.sequence_reset_sql(no_style(), list(models))
    if statements:
        with connection.cursor() as cursor:
            for sql in statements:
                cursor.execute(sql)


def analyze(models: Sequence[type[Model]]) -> None:
    """Refresh PostgreSQL's planner statistics: a million new rows would otherwise be planned
    with the statistics of empty tables until autovacuum comes round."""
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        for model in models:
            cursor.execute(f"ANALYZE {connection.ops.quote_name(model._meta.db_table)}")
