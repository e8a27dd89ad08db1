"""screenings.csv: `cpr,unit_code,date,instrument,result,assessor` (DESIGN §6).

Screenings made outside Sikkerhedsnet (an earlier system, a spreadsheet per unit). A row is
either a traffic-light position (`result` green, yellow or red) or an ADBB scoring (`result` the
total 0-32; the item scores are not in the file, so they stay unknown).

A traffic-light row is the team's joint position for the child in the round its date falls in.
There is one per child and round: a file that names the same child twice in one round is refused
(which of the two counts is a question for the people who made the file). A joint position already
in Sikkerhedsnet for that child and round is replaced only by a row with the same or a later date:
the newest assessment describes the child's situation now. An ADBB row is one scoring at a
health-visitor visit, for a child of 2-24 months (policy), in a health-visiting unit.

The file names its assessors as free text; they are not users of Sikkerhedsnet, so the rows are
recorded by nobody (`recorded_by` empty) and the assessor's name goes into the change reason of
the row's history entry, where the child's history shows it.

Everything the rows are checked against is read once, before the first row (children by CPR, units
by code, ADBB scorings already stored), and a 1,000,000-row file is written with a few thousand
bulk statements; see bench/bench_screening_import.py.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from datetime import date
from operator import attrgetter
from typing import Any, NamedTuple

from django.db import connection
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from sikkerhedsnet.lib import cpr as cprlib
from sikkerhedsnet.lib.fileformats import (
    HISTORY_REASON_LENGTH,
    Counts,
    FileFormat,
    Row,
    WriteContext,
)
from sikkerhedsnet.people.models import Child, Unit, UnitKind
from sikkerhedsnet.policy import get_policy
from sikkerhedsnet.screening.models import (
    ADBB_ITEM_COUNT,
    ADBB_ITEM_MAX,
    Instrument,
    Position,
    Screening,
)
from sikkerhedsnet.screening.selectors.rounds import round_on

COLUMNS = ("cpr", "unit_code", "date", "instrument", "result", "assessor")
ADBB_MAX_TOTAL = ADBB_ITEM_COUNT * ADBB_ITEM_MAX
ASSESSOR_MAX_LENGTH = 100
TL = Instrument.TRAFFIC_LIGHT.value
ADBB = Instrument.ADBB.value
POSITIONS = frozenset(Position.values)
BATCH_SIZE = 5000
QUERY_CHUNK = 5000  # SQLite refuses a query with more than 32766 parameters


class ScreeningRow(NamedTuple):
    # A tuple rather than a dataclass: a million of them are made per large file.
    number: int
    child_id: int
    unit_id: int
    instrument: str
    screened_on: date
    round_deadline: date
    position: str  # "" for ADBB
    adbb_total: int | None  # None for a traffic-light position
    assessor: str
    stored: bool  # an identical ADBB scoring is already in Sikkerhedsnet


class KnownChild(NamedTuple):
    pk: int
    birth_date: date


def _child_error(value: str, known: dict[str, KnownChild]) -> str | KnownChild:
    """The child with this CPR, or the Danish reason there is none."""
    # A known child's number as files write it (DDMMYY-SSSS) needs no parsing: every number in
    # `known` is a valid one. Parsing 150,000 numbers would take a second of a large import.
    plain = value[:6] + value[7:] if len(value) == len("DDMMYY-SSSS") and value[6] == "-" else value
    if plain in known:
        return known[plain]
    try:
        cpr = cprlib.parse(value)
    except cprlib.CprError as error:
        return str(error)
    child = known.get(cpr.digits)
    if child is None:
        message = _("Intet barn har CPR-nummeret %(cpr)s. Importér barnet med children.csv først.")
        return message % {"cpr": cpr.formatted}
    return child


class Checker:
    """Checks rows against what is known before the first row; remembers what it has seen.

    Each CPR number, unit code and date in a file is looked up or parsed once: a large file
    names the same child in every round and the same few hundred dates on every line.
    """

    def __init__(self, today: date) -> None:
        self.today = today
        policy = get_policy()
        self.adbb_months = (policy.adbb_min_age_months, policy.adbb_max_age_months)
        self.known = {
            cpr: KnownChild(pk, birth)
            for cpr, pk, birth in Child.objects.values_list("cpr", "pk", "birth_date")
        }
        self.units = {
            code: (pk, kind) for code, pk, kind in Unit.objects.values_list("code", "pk", "kind")
        }
        self.stored_adbb = {
            (child_id, day): total
            for child_id, day, total in Screening.objects.filter(instrument=ADBB).values_list(
                "child_id", "screened_on", "adbb_total"
            )
        }
        self.children: dict[str, str | KnownChild] = {}
        self.dates: dict[str, date | None] = {}
        self.deadlines: dict[date, date] = {}
        # (child, round deadline) of each joint position so far, and (child, day) of each
        # ADBB scoring: the row they first appeared in.
        self.first_row: dict[tuple[str, int, date], int] = {}

    def __call__(self, row: Row) -> ScreeningRow | None:
        values = row.values
        child = self.child(row, values.get("cpr", ""))
        unit = self.unit(row, values.get("unit_code", ""))
        day = self.day(row, values.get("date", ""))
        instrument = values.get("instrument", "").lower()
        assessor = row.text("assessor", max_length=ASSESSOR_MAX_LENGTH, required=False)
        if instrument == TL:
            position, total = self.position(row, values.get("result", "")), None
        elif instrument == ADBB:
            position, total = "", self.adbb_total(row, values.get("result", ""))
        else:
            position, total = "", None
            self.unknown_instrument(row, instrument)
        if row.errors or child is None or unit is None or day is None:
            return None
        if instrument == ADBB and not self.adbb_fits(row, child, unit[1], day):
            return None
        if day < child.birth_date:
            message = _("Datoen %(day)s ligger før barnets fødsel (%(born)s).")
            row.error("date", message % {"day": _dmy(day), "born": _dmy(child.birth_date)})
            return None
        deadline = self.deadline(day)
        if not self.first_in_file(row, instrument, child.pk, day, deadline):
            return None
        stored = instrument == ADBB and self.stored(row, child.pk, day, total)
        if row.errors:
            return None
        return ScreeningRow(
            row.number,
            child.pk,
            unit[0],
            instrument,
            day,
            deadline,
            position,
            total,
            assessor,
            stored,
        )

    def child(self, row: Row, value: str) -> KnownChild | None:
        found = self.children.get(value)
        if found is None:
            found = self.children[value] = _child_error(value, self.known)
        if isinstance(found, str):
            row.error("cpr", found)
            return None
        return found

    def unit(self, row: Row, code: str) -> tuple[int, str] | None:
        if not code:
            row.error("unit_code", _("Feltet er tomt, men skal udfyldes."))
            return None
        unit = self.units.get(code)
        if unit is None:
            message = _("Ukendt enhedskode »%(code)s«. Importér enheden med units.csv først.")
            row.error("unit_code", message % {"code": code})
        return unit

    def day(self, row: Row, value: str) -> date | None:
        if value not in self.dates:
            self.dates[value] = _parse_date(value)
        day = self.dates[value]
        if day is None:
            message = _("»%(value)s« er ikke en dato. Skriv den som ÅÅÅÅ-MM-DD, fx 2026-02-20.")
            row.error("date", message % {"value": value} if value else _("Datoen mangler."))
        elif day > self.today:
            row.error("date", _("Datoen %(day)s ligger i fremtiden.") % {"day": _dmy(day)})
            return None
        return day

    def deadline(self, day: date) -> date:
        deadline = self.deadlines.get(day)
        if deadline is None:
            deadline = self.deadlines[day] = round_on(day).deadline
        return deadline

    def position(self, row: Row, value: str) -> str:
        position = value.lower()
        if position not in POSITIONS:
            message = _(
                "En trivselsvurdering har resultatet green, yellow eller red; her står »%(value)s«."
            )
            row.error("result", message % {"value": value})
        return position

    def adbb_total(self, row: Row, value: str) -> int | None:
        if value.isdigit() and int(value) <= ADBB_MAX_TOTAL:
            return int(value)
        message = _("En ADBB-total er et helt tal fra 0 til %(max)d; her står »%(value)s«.")
        row.error("result", message % {"max": ADBB_MAX_TOTAL, "value": value})
        return None

    def unknown_instrument(self, row: Row, value: str) -> None:
        message = _("Ukendt instrument »%(value)s«. Brug traffic_light eller adbb.")
        row.error("instrument", message % {"value": value})

    def adbb_fits(self, row: Row, child: KnownChild, unit_kind: str, day: date) -> bool:
        """ADBB is the health visitors' scale for infants: the policy's ages, their units."""
        if unit_kind != UnitKind.HEALTH_VISITING:
            message = _("ADBB registreres af sundhedsplejen; enheden er ikke en sundhedspleje.")
            row.error("unit_code", message)
        low, high = self.adbb_months
        months = Child(birth_date=child.birth_date).age_in_months_on(day)
        if day >= child.birth_date and not low <= months <= high:
            message = _(
                "ADBB bruges til børn fra %(min)d til %(max)d måneder. Barnet var %(age)d "
                "måneder den %(day)s."
            )
            row.error("date", message % {"min": low, "max": high, "age": months, "day": _dmy(day)})
        return not row.errors

    def first_in_file(
        self, row: Row, instrument: str, child_id: int, day: date, deadline: date
    ) -> bool:
        """False, with an error naming both rows, if the file already had this position."""
        key = (instrument, child_id, deadline if instrument == TL else day)
        first = self.first_row.setdefault(key, row.number)
        if first == row.number:
            return True
        if instrument == TL:
            message = _(
                "Barnet har allerede en trivselsvurdering i runden med frist %(deadline)s i "
                "række %(row)d. Der er én fælles position pr. barn og runde; slet den ene række."
            ) % {"deadline": _dmy(deadline), "row": first}
        else:
            message = _(
                "Barnet har allerede en ADBB-scoring den %(day)s i række %(row)d; slet den ene "
                "række."
            ) % {"day": _dmy(day), "row": first}
        row.error("date", message)
        return False

    def stored(self, row: Row, child_id: int, day: date, total: int | None) -> bool:
        """True if Sikkerhedsnet has this very scoring; an error if it has another that day."""
        stored_total = self.stored_adbb.get((child_id, day))
        if stored_total is None or stored_total == total:
            return stored_total is not None
        message = _(
            "Barnet har allerede en ADBB-scoring den %(day)s med totalen %(total)d i "
            "Sikkerhedsnet. Ret den dér, eller fjern rækken fra filen."
        )
        row.error("result", message % {"day": _dmy(day), "total": stored_total})
        return False


def _parse_date(value: str) -> date | None:
    try:
        return date.fromisoformat(value)
    except ValueError:
        return None


def _dmy(day: date) -> str:
    return day.strftime("%d.%m.%Y")


def validator(today: date) -> Callable[[Row], ScreeningRow | None]:
    return Checker(today)


CHILD_ORDER = attrgetter("child_id", "round_deadline")


class Stored(NamedTuple):
    pk: int
    screened_on: date
    position: str
    unit_id: int


def write(items: list[ScreeningRow], context: WriteContext) -> Counts:
    positions = [item for item in items if item.instrument == TL]
    scorings = [item for item in items if item.instrument == ADBB and not item.stored]
    stored = _stored_positions({item.round_deadline for item in positions})
    new: list[ScreeningRow] = []
    replacing: dict[int, ScreeningRow] = {}
    for item in positions:
        found = stored.get((item.child_id, item.round_deadline))
        if found is None:
            new.append(item)
        elif _replaces(item, found):
            replacing[found.pk] = item
    updated = _update(replacing, context)
    # In child order, the order of most of the table's indexes: SQLite then appends to its
    # B-trees instead of inserting all over them (a 1,000,000-row file: 13 s instead of 21 s).
    _create(sorted(new + scorings, key=CHILD_ORDER), context)
    return {
        "created": len(new),
        "updated": updated,
        "kept": len(positions) - len(new) - updated,
        "adbb_created": len(scorings),
        "adbb_unchanged": len(items) - len(positions) - len(scorings),
    }


def _stored_positions(deadlines: set[date]) -> dict[tuple[int, date], Stored]:
    """The joint positions in the file's rounds, by child and round (one query per round)."""
    stored: dict[tuple[int, date], Stored] = {}
    for deadline in sorted(deadlines):
        rows = Screening.objects.filter(instrument=TL, round_deadline=deadline).values_list(
            "child_id", "pk", "screened_on", "position", "unit_id"
        )
        for child_id, pk, screened_on, position, unit_id in rows.iterator(chunk_size=10_000):
            stored[(child_id, deadline)] = Stored(pk, screened_on, position, unit_id)
    return stored


def _replaces(item: ScreeningRow, stored: Stored | Screening) -> bool:
    """The newest assessment wins; on the same day the file's, unless it says the same."""
    if stored.screened_on != item.screened_on:
        return stored.screened_on < item.screened_on
    return (stored.position, stored.unit_id) != (item.position, item.unit_id)


class ChangeReasons:
    """The history's change reason for each assessor: the import, and who assessed.

    A file names a few hundred assessors on a million rows, so each text is made once.
    """

    def __init__(self, context: WriteContext) -> None:
        self.reason = context.reason
        self.template = _("%(reason)s; vurderet af %(assessor)s")
        self.made: dict[str, str] = {"": context.reason}

    def __call__(self, item: ScreeningRow) -> str:
        found = self.made.get(item.assessor)
        if found is None:
            text = self.template % {"reason": self.reason, "assessor": item.assessor}
            found = self.made[item.assessor] = text[:HISTORY_REASON_LENGTH]
        return found


# New rows go in as plain tuples, COPY on PostgreSQL and executemany on SQLite: `bulk_create`
# prepares every value of every model instance field by field, and at a million rows that alone
# takes minutes. A history row ("+", the importing user, the assessor in the change reason) is
# written beside each new screening, as `bulk_create_with_history` would.
SCREENING_COLUMNS = (
    "id",
    "child_id",
    "unit_id",
    "instrument",
    "round_deadline",
    "screened_on",
    "position",
    "reason",
    "adbb_scores",
    "adbb_total",
    "guide_assessment_id",
    "recorded_by_id",
    "updated_at",
    "version",
)
HISTORY_COLUMNS = (
    *SCREENING_COLUMNS,
    "history_date",
    "history_change_reason",
    "history_type",
    "history_user_id",
)
WRITE_CHUNK = 50_000
# The benchmark turns this off to measure what the history of new rows costs.
KEEP_HISTORY_OF_NEW_ROWS = True


def _create(items: list[ScreeningRow], context: WriteContext) -> None:
    ids = _new_ids(len(items))
    now = connection.ops.adapt_datetimefield_value(timezone.now())
    day = _date_values()
    actor = context.actor.pk if context.actor else None
    change_reason = ChangeReasons(context)
    history_table = Screening.history.model._meta.db_table
    for start in range(0, len(items), WRITE_CHUNK):
        chunk = items[start : start + WRITE_CHUNK]
        rows = [
            (
                pk,
                item.child_id,
                item.unit_id,
                item.instrument,
                day(item.round_deadline),
                day(item.screened_on),
                item.position,
                "",  # reason: the file has none
                None,  # adbb_scores: the file has the total only
                item.adbb_total,
                None,  # guide_assessment
                None,  # recorded_by: the assessor is not a user of Sikkerhedsnet
                now,
                1,
            )
            for pk, item in zip(ids[start : start + WRITE_CHUNK], chunk, strict=True)
        ]
        _insert_rows(Screening._meta.db_table, SCREENING_COLUMNS, rows)
        if KEEP_HISTORY_OF_NEW_ROWS:
            history = [
                (*row, now, change_reason(item), "+", actor)
                for row, item in zip(rows, chunk, strict=True)
            ]
            _insert_rows(history_table, HISTORY_COLUMNS, history)


def _new_ids(count: int) -> Sequence[int]:
    """Ids for `count` new screenings, taken so that no other writer can take them too."""
    table = Screening._meta.db_table
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # The sequence's name first: pg_get_serial_sequence() once per id costs seconds.
            cursor.execute("SELECT pg_get_serial_sequence(%s, 'id')", [table])
            sequence = cursor.fetchone()[0]
            cursor.execute(
                "SELECT array_agg(nextval(%s::regclass)) FROM generate_series(1, %s)",
                [sequence, count],
            )
            return list(cursor.fetchone()[0] or [])
        # SQLite: the import's transaction has held the write lock since it began (IMMEDIATE), so
        # nobody else inserts meanwhile. AUTOINCREMENT's counter may lie above the highest row
        # (rows rolled back or removed); its ids are never given out again.
        highest = f"SELECT max(id) FROM {connection.ops.quote_name(table)}"  # noqa: S608
        counter = "SELECT seq FROM sqlite_sequence WHERE name = %s"
        cursor.execute(f"SELECT max(coalesce(({highest}), 0), coalesce(({counter}), 0))", [table])
        first = int(cursor.fetchone()[0]) + 1
    return range(first, first + count)


def _date_values() -> Callable[[date], Any]:
    """The backend's own date adapter, called once per distinct day (a few hundred per file)."""
    adapted: dict[date, Any] = {}
    adapt = connection.ops.adapt_datefield_value

    def value(day: date) -> Any:
        if day not in adapted:
            adapted[day] = adapt(day)
        return adapted[day]

    return value


def _insert_rows(table: str, columns: Sequence[str], rows: list[tuple[Any, ...]]) -> None:
    quote = connection.ops.quote_name
    names = ", ".join(quote(column) for column in columns)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY {quote(table)} ({names}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
            return
        marks = ", ".join(["%s"] * len(columns))
        sql = f"INSERT INTO {quote(table)} ({names}) VALUES ({marks})"  # noqa: S608 - our names
        for start in range(0, len(rows), BATCH_SIZE):
            cursor.executemany(sql, rows[start : start + BATCH_SIZE])


def _update(replacing: dict[int, ScreeningRow], context: WriteContext) -> int:
    """Replace the positions with the file's newer ones; the count of those replaced.

    The rows are read again under a lock: a professional may have saved a position on the
    round page since they were first read, and hers wins if it is newer than the file's.
    """
    now = timezone.now()
    change_reason = ChangeReasons(context)
    pks = sorted(replacing)
    updated = 0
    for start in range(0, len(pks), QUERY_CHUNK):
        locked = Screening.objects.select_for_update().filter(
            pk__in=pks[start : start + QUERY_CHUNK]
        )
        changed = []
        for screening in locked.order_by("pk"):
            item = replacing[screening.pk]
            if not _replaces(item, screening):
                continue
            if screening.position != item.position:
                screening.reason = ""  # the reason was given for the position being replaced
            screening.unit_id = item.unit_id
            screening.position = item.position
            screening.screened_on = item.screened_on
            screening.recorded_by = None
            screening.updated_at = now
            screening.version += 1
            screening._change_reason = change_reason(item)  # type: ignore[attr-defined]
            changed.append(screening)
        Screening.objects.bulk_update(changed, UPDATED_FIELDS, batch_size=1000)
        Screening.history.bulk_history_create(changed, update=True, default_user=context.actor)
        updated += len(changed)
    return updated


UPDATED_FIELDS = [
    "unit",
    "position",
    "screened_on",
    "reason",
    "recorded_by",
    "updated_at",
    "version",
]


def export_rows(today: date) -> Iterator[list[str]]:
    """Every joint position and ADBB scoring, oldest first, in the import's own terms.

    The assessor is the user who recorded the row; imported rows name nobody.
    """
    yield list(COLUMNS)
    rows = Screening.objects.order_by("screened_on", "pk").values_list(
        "child__cpr",
        "unit__code",
        "screened_on",
        "instrument",
        "position",
        "adbb_total",
        "recorded_by__first_name",
        "recorded_by__last_name",
    )
    for cpr, code, day, instrument, position, total, first, last in rows.iterator(chunk_size=5000):
        result = position if instrument == TL else str(total)
        assessor = f"{first} {last}".strip() if first or last else ""
        yield [cprlib.format_digits(cpr), code, day.isoformat(), instrument, result, assessor]


SCREENINGS = FileFormat[ScreeningRow](
    name="screenings",
    label=gettext_lazy("Trivselsvurderinger"),
    columns=COLUMNS,
    validator=validator,
    write=write,
    export_rows=export_rows,
    count_labels={
        "created": gettext_lazy("fælles positioner oprettet"),
        "updated": gettext_lazy("fælles positioner erstattet af en nyere fra filen"),
        "kept": gettext_lazy("fælles positioner uændret (samme eller nyere i Sikkerhedsnet)"),
        "adbb_created": gettext_lazy("ADBB-scoringer oprettet"),
        "adbb_unchanged": gettext_lazy("ADBB-scoringer fandtes allerede"),
    },
    requires=("children",),
)

# Registered on import, as the rules are: ScreeningConfig.ready() imports this module.
