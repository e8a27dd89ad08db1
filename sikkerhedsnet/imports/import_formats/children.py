"""children.csv: `cpr,first_name,last_name,unit_code` — children and their current unit.

Birth date and sex come from the CPR number. A new child is enrolled in the unit from the day of
the import. A known child (same CPR) gets the file's names, and if it is not currently enrolled in
the file's unit it moves there: its current enrolments end the day before.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, timedelta

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from sikkerhedsnet.lib import cpr as cprlib
from sikkerhedsnet.lib.fileformats import Counts, FileFormat, Row, Touched, WriteContext
from sikkerhedsnet.people.models import Child, Enrolment, Unit, current_on

COLUMNS = ("cpr", "first_name", "last_name", "unit_code")
# DESIGN §2: a child is 0–17, and young adults are followed up to 22.
MAX_AGE = 22
QUERY_CHUNK = 5000


@dataclass(frozen=True)
class ChildRow:
    cpr: cprlib.Cpr
    first_name: str
    last_name: str
    unit: Unit


def validator(today: date) -> Callable[[Row], ChildRow | None]:
    units = Unit.objects.in_bulk(field_name="code")

    def validate_row(row: Row) -> ChildRow | None:
        cpr = _valid_cpr(row, today)
        first_name = row.text("first_name", max_length=100)
        last_name = row.text("last_name", max_length=100)
        code = row.text("unit_code", max_length=32)
        unit = units.get(code)
        if code and unit is None:
            message = _("Ukendt enhedskode »%(code)s«. Importér enheden med units.csv først.")
            row.error("unit_code", message % {"code": code})
        if row.errors or cpr is None or unit is None:
            return None
        return ChildRow(cpr=cpr, first_name=first_name, last_name=last_name, unit=unit)

    return validate_row


def _valid_cpr(row: Row, today: date) -> cprlib.Cpr | None:
    try:
        cpr = cprlib.parse(row.values.get("cpr", ""))
    except cprlib.CprError as error:
        row.error("cpr", _lost_zero_hint(str(error), row.values.get("cpr", "")))
        return None
    age = Child(birth_date=cpr.birth_date).age_on(today)
    if cpr.birth_date > today:
        message = _("CPR-nummerets fødselsdato %(date)s ligger efter i dag.")
        row.error("cpr", message % {"date": cpr.birth_date.strftime("%d.%m.%Y")})
    elif age > MAX_AGE:
        message = _(
            "Personen er %(age)d år. Sikkerhedsnet følger børn og unge til og med %(max)d år."
        )
        row.error("cpr", message % {"age": age, "max": MAX_AGE})
    return cpr if not row.errors else None


def _lost_zero_hint(message: str, value: str) -> str:
    # Excel reads 0105214001 as a number and drops the leading zero of a birth day 1-9.
    if value.isdigit() and len(value) == cprlib.CPR_DIGITS - 1:
        return message + " " + _("Har Excel fjernet et 0 foran? Formatér kolonnen som tekst.")
    return message


def write(items: list[ChildRow], context: WriteContext) -> Counts:
    existing = Child.objects.in_bulk([item.cpr.digits for item in items], field_name="cpr")
    known = [(existing[item.cpr.digits], item) for item in items if item.cpr.digits in existing]
    created = _create([item for item in items if item.cpr.digits not in existing], context)
    renamed = _rename(known, context)
    moved = _move(known, context)
    unchanged = len(known) - len(renamed | moved)
    return {
        "created": created,
        "updated": len(renamed),
        "moved": len(moved),
        "unchanged": unchanged,
    }


def _history(context: WriteContext) -> dict[str, object]:
    return {"default_user": context.actor, "default_change_reason": context.reason}


def _create(items: list[ChildRow], context: WriteContext) -> int:
    children = [
        Child(
            cpr=item.cpr.digits,
            first_name=item.first_name,
            last_name=item.last_name,
            birth_date=item.cpr.birth_date,
            sex=item.cpr.sex,
            is_replacement_cpr=item.cpr.is_replacement,
        )
        for item in items
    ]
    bulk_create_with_history(children, Child, **_history(context))
    enrolments = [
        Enrolment(child=child, unit=item.unit, since=context.today)
        for child, item in zip(children, items, strict=True)
    ]
    bulk_create_with_history(enrolments, Enrolment, **_history(context))
    return len(children)


def _rename(known: list[tuple[Child, ChildRow]], context: WriteContext) -> set[int]:
    renamed = []
    for child, item in known:
        if (child.first_name, child.last_name) != (item.first_name, item.last_name):
            child.first_name, child.last_name = item.first_name, item.last_name
            renamed.append(child)
    bulk_update_with_history(renamed, Child, ["first_name", "last_name"], **_history(context))
    return {child.pk for child in renamed}


def _move(known: list[tuple[Child, ChildRow]], context: WriteContext) -> set[int]:
    """Children not currently enrolled in the file's unit go there; returns their ids."""
    today = context.today
    current = _current_enrolments([child.pk for child, _item in known], today)
    changed: list[Enrolment] = []
    new: list[Enrolment] = []
    moved: set[int] = set()
    for child, item in known:
        enrolments = current[child.pk]
        if any(enrolment.unit_id == item.unit.pk for enrolment in enrolments):
            continue
        moved.add(child.pk)
        if not _leave(enrolments, item.unit, today, changed):
            new.append(Enrolment(child=child, unit=item.unit, since=today))
    bulk_update_with_history(changed, Enrolment, ["until", "unit", "group"], **_history(context))
    bulk_create_with_history(new, Enrolment, **_history(context))
    return moved


def _current_enrolments(child_ids: list[int], today: date) -> dict[int, list[Enrolment]]:
    current: dict[int, list[Enrolment]] = defaultdict(list)
    # In chunks: SQLite refuses a query with more than 32766 parameters.
    for start in range(0, len(child_ids), QUERY_CHUNK):
        chunk = child_ids[start : start + QUERY_CHUNK]
        for enrolment in Enrolment.objects.filter(current_on(today), child_id__in=chunk):
            current[enrolment.child_id].append(enrolment)
    return current


def _leave(enrolments: list[Enrolment], unit: Unit, today: date, changed: list[Enrolment]) -> bool:
    """End the enrolments yesterday; True if one that began today was moved to `unit` instead.

    An enrolment that began today cannot end the day before it began: it was a same-day mistake,
    and correcting its unit (kept in its history) is the honest record.
    """
    repointed = False
    for enrolment in enrolments:
        if enrolment.since < today:
            enrolment.until = today - timedelta(days=1)
        else:
            enrolment.unit, enrolment.group, repointed = unit, "", True
        changed.append(enrolment)
    return repointed


def export_rows(today: date) -> Iterator[list[str]]:
    """Every child with a current enrolment, once, in its most recent unit."""
    yield list(COLUMNS)
    enrolments = (
        Enrolment.objects.filter(current_on(today))
        .select_related("child", "unit")
        .order_by("child__last_name", "child__first_name", "child_id", "-since", "-id")
    )
    previous = None
    for enrolment in enrolments.iterator(chunk_size=2000):
        if enrolment.child_id != previous:
            previous = enrolment.child_id
            child = enrolment.child
            yield [child.cpr_formatted, child.first_name, child.last_name, enrolment.unit.code]


def touched(items: list[ChildRow]) -> Touched:
    return Touched(
        child_cprs=frozenset(item.cpr.digits for item in items),
        unit_codes=frozenset(item.unit.code for item in items),
    )


CHILDREN = FileFormat[ChildRow](
    name="children",
    label=gettext_lazy("Børn"),
    columns=COLUMNS,
    validator=validator,
    write=write,
    export_rows=export_rows,
    count_labels={
        "created": gettext_lazy("børn oprettet"),
        "updated": gettext_lazy("børn med ændret navn"),
        "moved": gettext_lazy("børn flyttet til en anden enhed"),
        "unchanged": gettext_lazy("børn uændret"),
    },
    unique_key=lambda item: item.cpr.digits,
    unique_column="cpr",
    touched=touched,
)
