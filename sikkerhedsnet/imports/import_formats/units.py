"""units.csv: `unit_code,name,kind,district` — creates units and updates them by code."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from sikkerhedsnet.lib.fileformats import Counts, FileFormat, Row, Touched, WriteContext
from sikkerhedsnet.people.models import Unit, UnitKind

COLUMNS = ("unit_code", "name", "kind", "district")
FIELDS = ("name", "kind", "district")


@dataclass(frozen=True)
class UnitRow:
    code: str
    name: str
    kind: str
    district: str


def validator(today: date) -> Callable[[Row], UnitRow | None]:
    return validate_row


def validate_row(row: Row) -> UnitRow | None:
    code = row.text("unit_code", max_length=32)
    name = row.text("name", max_length=200)
    kind = row.text("kind", max_length=32).lower()
    district = row.text("district", max_length=100, required=False)
    if kind and kind not in UnitKind.values:
        row.error(
            "kind",
            _("Ukendt type »%(kind)s«. Tilladte koder: %(allowed)s.")
            % {"kind": kind, "allowed": ", ".join(UnitKind.values)},
        )
    if row.errors:
        return None
    return UnitRow(code=code, name=name, kind=kind, district=district)


def write(items: list[UnitRow], context: WriteContext) -> Counts:
    existing = Unit.objects.in_bulk([item.code for item in items], field_name="code")
    new = [Unit(code=i.code, name=i.name, kind=i.kind, district=i.district) for i in items]
    created = [unit for unit in new if unit.code not in existing]
    changed = list(_changed(existing, items))
    history = {"default_user": context.actor, "default_change_reason": context.reason}
    bulk_create_with_history(created, Unit, **history)
    bulk_update_with_history(changed, Unit, list(FIELDS), **history)
    unchanged = len(items) - len(created) - len(changed)
    return {"created": len(created), "updated": len(changed), "unchanged": unchanged}


def _changed(existing: dict[str, Unit], items: list[UnitRow]) -> Iterator[Unit]:
    for item in items:
        unit = existing.get(item.code)
        if unit is None or all(getattr(unit, f) == getattr(item, f) for f in FIELDS):
            continue
        unit.name, unit.kind, unit.district = item.name, item.kind, item.district
        yield unit


def export_rows(today: date) -> Iterator[list[str]]:
    yield list(COLUMNS)
    for unit in Unit.objects.order_by("code").iterator():
        yield [unit.code, unit.name, unit.kind, unit.district]


UNITS = FileFormat[UnitRow](
    name="units",
    label=gettext_lazy("Enheder"),
    columns=COLUMNS,
    validator=validator,
    write=write,
    export_rows=export_rows,
    count_labels={
        "created": gettext_lazy("enheder oprettet"),
        "updated": gettext_lazy("enheder opdateret"),
        "unchanged": gettext_lazy("enheder uændret"),
    },
    unique_key=lambda item: item.code,
    unique_column="unit_code",
    touched=lambda items: Touched(unit_codes=frozenset(item.code for item in items)),
)
