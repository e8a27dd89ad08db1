"""The overview of a unit's screening rounds: coverage and the distribution of positions.

Who may open it, and what they see, is `access.access_overview`: exact numbers for the unit's
own staff, aggregates with small counts suppressed for management and the administrator (DESIGN
§7). No child's name appears on the overview at all.

The numbers come from one aggregate query per round (grouped by group and birth date, with
conditional counts); the folding into groups and ages in Python only adds up those few rows.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.db.models import Count, Exists, OuterRef, Q, Subquery
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from sikkerhedsnet.people.models import Child, Enrolment, Unit
from sikkerhedsnet.policy import get_policy
from sikkerhedsnet.screening.models import Instrument, Position, Screening
from sikkerhedsnet.screening.selectors.positions import positions_seen_from
from sikkerhedsnet.screening.selectors.rounds import Round, last_closed_round, round_on

# Counting -------------------------------------------------------------------------------------

POSITIONS = (Position.GREEN, Position.YELLOW, Position.RED)
ELSEWHERE = "elsewhere"  # screened in the round by another unit whose position this unit can't see
SCREENED, NOT_SCREENED, ENROLLED = "screened", "not_screened", "enrolled"
COLUMNS = (*[p.value for p in POSITIONS], ELSEWHERE, SCREENED, NOT_SCREENED, ENROLLED)
TOTAL = "total"

Counts = dict[str, int]


def _population(*, unit: Unit, rnd: Round, day: date) -> Any:
    """Children enrolled in the unit by the round's deadline (or today) and still there today.

    For the last closed round this is the set the safety net's "not screened" rule looks at.
    """
    since = min(day, rnd.deadline)
    return Enrolment.objects.filter(unit=unit, since__lte=since).filter(
        Q(until__isnull=True) | Q(until__gte=day)
    )


def _count_rows(*, unit: Unit, rnd: Round, day: date) -> list[dict[str, Any]]:
    in_round = {"round_deadline": rnd.deadline, "child_id": OuterRef("child_id")}
    joint = Screening.objects.filter(instrument=Instrument.TRAFFIC_LIGHT, **in_round)
    seen = positions_seen_from(unit=unit).filter(**in_round).values("position")[:1]
    per_position = {
        position.value: Count("child_id", filter=Q(seen_position=position.value), distinct=True)
        for position in POSITIONS
    }
    return list(
        _population(unit=unit, rnd=rnd, day=day)
        .annotate(seen_position=Subquery(seen), is_screened=Exists(joint))
        .values("group", "child__birth_date")
        .annotate(
            **{ENROLLED: Count("child_id", distinct=True)},
            **{SCREENED: Count("child_id", filter=Q(is_screened=True), distinct=True)},
            **per_position,
        )
        .order_by()
    )


def _fold(rows: list[dict[str, Any]], key: Any) -> dict[Any, Counts]:
    folded: dict[Any, Counts] = defaultdict(lambda: dict.fromkeys(COLUMNS, 0))
    for row in rows:
        counts = folded[key(row)]
        for column in (*[p.value for p in POSITIONS], SCREENED, ENROLLED):
            counts[column] += row[column]
    for counts in folded.values():
        counts[ELSEWHERE] = counts[SCREENED] - sum(counts[p.value] for p in POSITIONS)
        counts[NOT_SCREENED] = counts[ENROLLED] - counts[SCREENED]
    return dict(folded)


def _total(parts: dict[Any, Counts]) -> Counts:
    return {column: sum(counts[column] for counts in parts.values()) for column in COLUMNS}


# Suppression ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Cell:
    value: int
    suppressed: str = ""  # "", "small" (under the minimum) or "complementary"

    @property
    def text(self) -> str:
        if self.suppressed == "small":
            return _("under %(n)d") % {"n": get_policy().statistics_min_count}
        if self.suppressed == "complementary":
            return _("skjult")
        return str(self.value)


Key = tuple[Any, str]  # (row, column)


def _equations(partitions: list[list[Any]], columns: list[str]) -> list[list[Key]]:
    """Every sum a reader could use to work a hidden count out from the counts shown."""
    parts = [c for c in (*[p.value for p in POSITIONS], ELSEWHERE) if c in columns]
    equations = []
    for row in [TOTAL, *(row for rows in partitions for row in rows)]:
        equations.append([(row, c) for c in parts] + [(row, SCREENED)])
        equations.append([(row, SCREENED), (row, NOT_SCREENED), (row, ENROLLED)])
    for rows in partitions:
        for column in columns:
            equations.append([(row, column) for row in rows] + [(TOTAL, column)])
    return equations


def suppress(
    table: dict[Any, Counts], *, partitions: list[list[Any]], minimum: int
) -> dict[Any, dict[str, Cell]]:
    """Counts under `minimum` become "under 5"; then, while some sum has exactly one hidden
    term (the shown terms would give it away), its smallest shown term is hidden as well.

    `table` holds a TOTAL row and the rows of each partition (by group, by age), which each add
    up to the TOTAL row; the partitions share it, so they are suppressed together. A column left
    out of the table is one the page does not show: it takes no part in the sums.
    """
    values = {(row, column): n for row, counts in table.items() for column, n in counts.items()}
    small = {key for key, n in values.items() if n < minimum}
    hidden = set(small)
    equations = _equations(partitions, list(table[TOTAL]))
    changed = True
    while changed:
        changed = False
        for equation in equations:
            shown = [key for key in equation if key not in hidden]
            if len(equation) - len(shown) == 1 and shown:
                hidden.add(min(shown, key=lambda key: values[key]))
                changed = True

    def cell(key: Key) -> Cell:
        kind = "small" if key in small else "complementary" if key in hidden else ""
        return Cell(values[key], kind)

    return {row: {column: cell((row, column)) for column in table[row]} for row in table}


def exact(table: dict[Any, Counts]) -> dict[Any, dict[str, Cell]]:
    return {row: {column: Cell(n) for column, n in counts.items()} for row, counts in table.items()}


# The overview ---------------------------------------------------------------------------------


@dataclass
class Distribution:
    """Rows (a group, or an age in years) with their cells, and the unit's total row."""

    rows: list[tuple[str, dict[str, Cell]]]
    total: dict[str, Cell]


@dataclass
class RoundOverview:
    round: Round
    closed: bool
    by_group: Distribution
    by_age: Distribution
    show_elsewhere: bool
    counts: Counts = field(default_factory=dict)  # the exact totals, for tests and the API

    @property
    def not_screened_label(self) -> str:
        return _("Overskredet") if self.closed else _("Endnu ikke vurderet")


def _cells(
    partitions: dict[str, dict[Any, Counts]], *, columns: list[str], suppressed: bool
) -> dict[Any, dict[str, Cell]]:
    """Cells of every partition's rows, keyed (partition, row), and of the shared TOTAL row."""
    table: dict[Any, Counts] = {
        (name, key): {c: counts[c] for c in columns}
        for name, rows in partitions.items()
        for key, counts in rows.items()
    }
    first = next(iter(partitions.values()))
    table[TOTAL] = {c: sum(counts[c] for counts in first.values()) for c in columns}
    if not suppressed:
        return exact(table)
    keys = [[(name, key) for key in rows] for name, rows in partitions.items()]
    return suppress(table, partitions=keys, minimum=get_policy().statistics_min_count)


def _distribution(
    name: str, rows: dict[Any, Counts], labels: dict[Any, str], cells: dict[Any, dict[str, Cell]]
) -> Distribution:
    return Distribution(
        rows=[(labels[key], cells[(name, key)]) for key in sorted(rows)], total=cells[TOTAL]
    )


def _age_label(years: int) -> str:
    return ngettext("%(n)d år", "%(n)d år", years) % {"n": years}


def round_overview(*, unit: Unit, rnd: Round, day: date, suppressed: bool) -> RoundOverview:
    rows = _count_rows(unit=unit, rnd=rnd, day=day)
    on = min(day, rnd.deadline)
    groups = _fold(rows, lambda row: row["group"])
    ages = _fold(rows, lambda row: Child(birth_date=row["child__birth_date"]).age_on(on))
    group_labels = {g: g or _("Uden gruppe") for g in groups}
    age_labels = {age: _age_label(age) for age in ages}
    total = _total(groups)
    # The "another unit" column appears only when some child has such a position (rare: a child
    # who moved during the round); a column not shown takes no part in the suppression.
    columns = [c for c in COLUMNS if c != ELSEWHERE or total[ELSEWHERE] > 0]
    cells = _cells({"group": groups, "age": ages}, columns=columns, suppressed=suppressed)
    return RoundOverview(
        round=rnd,
        closed=rnd.deadline < day,
        by_group=_distribution("group", groups, group_labels, cells),
        by_age=_distribution("age", ages, age_labels, cells),
        show_elsewhere=ELSEWHERE in columns,
        counts=total,
    )


def unit_overview(*, unit: Unit, day: date, suppressed: bool) -> list[RoundOverview]:
    """The current round and the last closed one, newest first."""
    return [
        round_overview(unit=unit, rnd=rnd, day=day, suppressed=suppressed)
        for rnd in (round_on(day), last_closed_round(day))
    ]
