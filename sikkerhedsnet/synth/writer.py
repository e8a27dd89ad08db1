"""Bulk insertion of generated rows, and the clean-up a pre-assigned primary key needs.

Rows are model instances. A model whose columns are all plain values (numbers, text, booleans,
dates, foreign keys) is written with one `executemany` per batch, straight from the instances'
attributes: `bulk_create` prepares every value field by field, which at a million rows is most
of the generator's time. Any other model (a field with `auto_now`, JSON, ...) goes through
`bulk_create`, so a field added later is written correctly, only more slowly. Neither path sends
signals: generated rows get no simple-history rows, and the history of a synthetic municipality
starts with the first change made after generation.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from enum import Enum
from operator import attrgetter
from typing import Any, cast

from django.apps import apps
from django.core.management.color import no_style
from django.db import connection, models
from django.db.models import Model

from sikkerhedsnet.synth.context import SynthContext

PLAIN_FIELDS = (
    models.AutoField,
    models.BigAutoField,
    models.IntegerField,
    models.CharField,
    models.TextField,
    models.BooleanField,
    models.DateField,  # and DateTimeField, its subclass
    models.ForeignKey,
)

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
        write = plain_writer(model) or _bulk_create_writer(model)
        size = batch_size_for(model)
        for start in range(0, len(rows), size):
            batch = rows[start : start + size]
            write(batch)
            ctx.progress.advance(len(batch))


def _bulk_create_writer(model: type[Model]) -> Callable[[Sequence[Model]], None]:
    def write(batch: Sequence[Model]) -> None:
        model._default_manager.bulk_create(batch, batch_size=batch_size_for(model))

    return write


def _is_plain(field: Any) -> bool:
    if not isinstance(field, PLAIN_FIELDS):
        return False
    # auto_now and auto_now_add fill the value in pre_save, which only bulk_create calls.
    return not (getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False))


def plain_writer(model: type[Model]) -> Callable[[Sequence[Model]], None] | None:
    """An executemany writer for `model`, or None if a column needs Django's preparation."""
    fields = model._meta.concrete_fields
    if model._meta.parents or not all(_is_plain(field) for field in fields):
        return None
    ops = connection.ops
    table = ops.quote_name(model._meta.db_table)
    columns = ", ".join(ops.quote_name(field.column) for field in fields)
    marks = ", ".join(["%s"] * len(fields))
    sql = f"INSERT INTO {table} ({columns}) VALUES ({marks})"  # noqa: S608 - model metadata
    values = _values_of(list(fields))

    def write(batch: Sequence[Model]) -> None:
        with connection.cursor() as cursor:
            cursor.executemany(sql, [values(obj) for obj in batch])

    def copy(batch: Sequence[Model]) -> None:
        # PostgreSQL: COPY is its bulk-load path, far cheaper per row than an INSERT each.
        with (
            connection.cursor() as cursor,
            cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as stream,
        ):
            for obj in batch:
                stream.write_row(values(obj))

    return copy if connection.vendor == "postgresql" else write


def _values_of(fields: list[Any]) -> Callable[[Model], list[Any]]:
    """A function from an instance to its column values, adapted as the backend expects."""
    get = attrgetter(*(field.attname for field in fields))
    adapters = [(i, adapter) for i, field in enumerate(fields) if (adapter := _adapter(field))]

    def values(obj: Model) -> list[Any]:
        row = list(get(obj))
        for i, adapt in adapters:
            row[i] = adapt(row[i])
        return row

    return values


def _adapter(field: Any) -> Callable[[Any], Any] | None:
    ops = connection.ops
    if isinstance(field, models.DateTimeField):
        return cast(Callable[[Any], Any], ops.adapt_datetimefield_value)
    if isinstance(field, models.DateField):
        return cast(Callable[[Any], Any], ops.adapt_datefield_value)
    if field.choices:
        return _enum_value  # a TextChoices member is an Enum; drivers may refuse or misname it
    return None


def _enum_value(value: Any) -> Any:
    return value.value if isinstance(value, Enum) else value


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


def analyze() -> None:
    """Give the query planner statistics for the new rows, as a bulk load should.

    Without them PostgreSQL plans a million rows with the statistics of empty tables until
    autovacuum comes round, and SQLite (which never gathers them by itself) picks a poor index
    for the child page's screening history: 0.3 s instead of 20 ms at 150,000 children.
    SQLite's analysis limit keeps its ANALYZE to a fraction of a second on approximate counts.
    """
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("PRAGMA analysis_limit = 1000")
            cursor.execute("ANALYZE")
        elif connection.vendor == "postgresql":
            for model in apps.get_models():
                if model._meta.managed and not model._meta.proxy:
                    cursor.execute(f"ANALYZE {connection.ops.quote_name(model._meta.db_table)}")
