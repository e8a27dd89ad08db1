"""measures.csv: `cpr,kind,start_date,end_date,provider,in_municipality,acute,monthly_cost`
(DESIGN §6).

Measures and placements from an earlier system. A measure belongs to a case, so a row needs an
open case for its child (the newest, if there are several): a row for a child without one is an
error, and the file is not imported. Sikkerhedsnet does not open cases on its own; the faglig
leder opens the case, then the file goes in.

The file says less than a decision here records, so an imported row is filled in plainly:
- the legal ground is the usual one (support with consent, placement with consent), and the
  purpose says the measure was imported: the caseworker corrects both in the case;
- the expected duration is the months from start to end, or 12 for one still running;
- no end date: the measure is running (active), with its first follow-up due by the cadence
  from its start. An old one is then overdue at once, which is true: no follow-up of it is
  recorded here, and the safety net should say so;
- `provider` that names an offer of the same kind in the catalogue links the measure to it, so
  it counts in the offer's occupancy;
- `acute` is for placements only.

A row already there (same child, kind, start date and provider) is left as it is, so an export
imports again unchanged. Moves between placements are not in the file and are not guessed.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date

from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from simple_history.utils import bulk_create_with_history

from sikkerhedsnet.cases.models import Case, CaseStatus
from sikkerhedsnet.intake.import_formats import parse_yes_no
from sikkerhedsnet.lib import cpr as cprlib
from sikkerhedsnet.lib.fileformats import Counts, FileFormat, Row, WriteContext
from sikkerhedsnet.measures.cadence import first_follow_up_due
from sikkerhedsnet.measures.ladder import MeasureKind, is_placement
from sikkerhedsnet.measures.models import LegalGround, Measure, MeasureStatus, Offer
from sikkerhedsnet.people.models import Child

COLUMNS = (
    "cpr",
    "kind",
    "start_date",
    "end_date",
    "provider",
    "in_municipality",
    "acute",
    "monthly_cost",
)
IMPORTED_PURPOSE = "Importeret fra measures.csv. Formål og retsgrundlag skal ses efter i sagen."
RUNNING_EXPECTED_MONTHS = 12
MAX_MONTHLY_COST = 2_000_000


@dataclass(frozen=True)
class MeasureRow:
    child_id: int
    case_id: int
    kind: str
    start_date: date
    end_date: date | None
    provider: str
    in_municipality: bool
    acute: bool
    monthly_cost: int

    @property
    def key(self) -> tuple[int, str, date, str]:
        return (self.child_id, self.kind, self.start_date, self.provider.casefold())


def _open_cases() -> dict[int, int]:
    """The newest open case of each child that has one."""
    cases: dict[int, int] = {}
    rows = Case.objects.filter(status=CaseStatus.OPEN).order_by("child_id", "opened_on", "pk")
    for child_id, case_id in rows.values_list("child_id", "pk"):
        cases[child_id] = case_id  # the last one per child is the newest
    return cases


def validator(today: date) -> Callable[[Row], MeasureRow | None]:
    child_ids: dict[str, int] = dict(Child.objects.values_list("cpr", "pk"))
    case_ids = _open_cases()

    def validate_row(row: Row) -> MeasureRow | None:
        child_id, case_id = _child_and_case(row, child_ids, case_ids)
        kind = _kind(row)
        start = _date(row, "start_date", today, required=True)
        end = _date(row, "end_date", today, required=False)
        if start is not None and end is not None and end < start:
            row.error("end_date", _("Slutdatoen ligger før startdatoen."))
        provider = row.text("provider", max_length=200).strip()
        local = _yes_no(row, "in_municipality")
        acute = _yes_no(row, "acute")
        if acute and kind and not is_placement(kind):
            row.error("acute", _("Kun en anbringelse kan være akut; skriv nej for en støtte."))
        cost = _cost(row)
        if row.errors or child_id is None or case_id is None or start is None or cost is None:
            return None
        return MeasureRow(
            child_id=child_id,
            case_id=case_id,
            kind=kind,
            start_date=start,
            end_date=end,
            provider=provider,
            in_municipality=bool(local),
            acute=bool(acute),
            monthly_cost=cost,
        )

    return validate_row


def _child_and_case(
    row: Row, child_ids: dict[str, int], case_ids: dict[int, int]
) -> tuple[int | None, int | None]:
    value = row.values.get("cpr", "")
    try:
        cpr = cprlib.parse(value)
    except cprlib.CprError as error:
        row.error("cpr", str(error))
        return None, None
    child_id = child_ids.get(cpr.digits)
    if child_id is None:
        message = _("Intet barn har CPR-nummeret %(cpr)s. Importér barnet med children.csv først.")
        row.error("cpr", message % {"cpr": cpr.formatted})
        return None, None
    case_id = case_ids.get(child_id)
    if case_id is None:
        message = _(
            "Barnet med CPR-nummeret %(cpr)s har ingen åben sag. En foranstaltning hører til en "
            "sag: opret sagen først, og importér så filen igen."
        )
        row.error("cpr", message % {"cpr": cpr.formatted})
    return child_id, case_id


def _kind(row: Row) -> str:
    value = row.text("kind", max_length=40).strip().lower()
    if value and value not in MeasureKind.values:
        message = _("Ukendt type »%(value)s«. Brug en af: %(codes)s.")
        row.error("kind", message % {"value": value, "codes": ", ".join(MeasureKind.values)})
    return value


def _date(row: Row, column: str, today: date, *, required: bool) -> date | None:
    value = row.text(column, max_length=20, required=required).strip()
    if not value:
        return None
    try:
        day = date.fromisoformat(value)
    except ValueError:
        message = _("»%(value)s« er ikke en dato. Skriv den som ÅÅÅÅ-MM-DD, fx 2026-03-01.")
        row.error(column, message % {"value": value})
        return None
    if day > today:
        if column == "end_date":
            message = _(
                "Slutdatoen %(value)s ligger i fremtiden. Lad feltet stå tomt for en "
                "foranstaltning, der stadig er i gang."
            )
        else:
            message = _("Startdatoen %(value)s ligger i fremtiden.")
        row.error(column, message % {"value": value})
        return None
    return day


def _yes_no(row: Row, column: str) -> bool | None:
    value = row.text(column, max_length=10)
    if not value:
        return None
    answer = parse_yes_no(value)
    if answer is None:
        message = _("»%(value)s« er hverken ja eller nej. Brug true/false, 1/0 eller ja/nej.")
        row.error(column, message % {"value": value})
    return answer


def _cost(row: Row) -> int | None:
    value = row.text("monthly_cost", max_length=20).strip()
    if not value:
        return None
    try:
        cost = int(value)
    except ValueError:
        message = _("»%(value)s« er ikke et beløb. Skriv hele kroner uden punktum, fx 45000.")
        row.error("monthly_cost", message % {"value": value})
        return None
    if not 0 <= cost <= MAX_MONTHLY_COST:
        message = _("Beløbet %(value)s kr. er ikke rimeligt for en måned; se efter en tastefejl.")
        row.error("monthly_cost", message % {"value": value})
        return None
    return cost


# Writing ------------------------------------------------------------------------------------------


def write(items: list[MeasureRow], context: WriteContext) -> Counts:
    known = _known_keys({item.child_id for item in items})
    new = [item for item in items if item.key not in known]
    offers = _offers_by_name()
    measures = [_measure(item, offers) for item in new]
    bulk_create_with_history(
        measures,
        Measure,
        batch_size=1000,
        default_user=context.actor,
        default_change_reason=context.reason,
    )
    return {"created": len(new), "unchanged": len(items) - len(new)}


def _known_keys(child_ids: set[int]) -> set[tuple[int, str, date, str]]:
    ids = sorted(child_ids)
    keys: set[tuple[int, str, date, str]] = set()
    for start in range(0, len(ids), 5000):  # SQLite's limit on query parameters
        rows = Measure.objects.filter(
            child_id__in=ids[start : start + 5000], start_date__isnull=False
        ).values_list("child_id", "kind", "start_date", "provider")
        for child_id, kind, start_date, provider in rows:
            if start_date is not None:  # filtered above; the type does not know
                keys.add((child_id, kind, start_date, provider.casefold()))
    return keys


def _offers_by_name() -> dict[tuple[str, str], int]:
    rows = Offer.objects.filter(Q(active=True) | Q(measures__isnull=False)).distinct()
    return {
        (name.casefold(), kind): pk for pk, name, kind in rows.values_list("pk", "name", "kind")
    }


def _months(start: date, end: date) -> int:
    return max((end.year - start.year) * 12 + end.month - start.month, 1)


def _measure(item: MeasureRow, offers: dict[tuple[str, str], int]) -> Measure:
    placement = is_placement(item.kind)
    ended = item.end_date is not None
    return Measure(
        case_id=item.case_id,
        child_id=item.child_id,
        kind=item.kind,
        offer_id=offers.get((item.provider.casefold(), item.kind)),
        provider=item.provider,
        in_municipality=item.in_municipality,
        legal_ground=(
            LegalGround.PLACEMENT_WITH_CONSENT if placement else LegalGround.SUPPORT_WITH_CONSENT
        ),
        purpose=IMPORTED_PURPOSE,
        expected_months=(
            _months(item.start_date, item.end_date)
            if item.end_date is not None
            else RUNNING_EXPECTED_MONTHS
        ),
        acute=item.acute and placement,
        status=MeasureStatus.ENDED if ended else MeasureStatus.ACTIVE,
        decided_on=item.start_date,
        start_date=item.start_date,
        end_date=item.end_date,
        monthly_cost=item.monthly_cost,
        next_follow_up_due=(
            None if ended else first_follow_up_due(kind=item.kind, start_date=item.start_date)
        ),
    )


def export_rows(today: date) -> Iterator[list[str]]:
    """Every started measure, oldest first, in the import's own terms."""
    yield list(COLUMNS)
    rows = (
        Measure.objects.filter(start_date__isnull=False)
        .order_by("start_date", "pk")
        .values_list(
            "child__cpr",
            "kind",
            "start_date",
            "end_date",
            "provider",
            "in_municipality",
            "acute",
            "monthly_cost",
        )
    )
    for cpr, kind, start, end, provider, local, acute, cost in rows.iterator(chunk_size=2000):
        yield [
            cprlib.format_digits(cpr),
            kind,
            start.isoformat() if start else "",
            end.isoformat() if end else "",
            provider,
            "true" if local else "false",
            "true" if acute else "false",
            str(cost),
        ]


MEASURES = FileFormat[MeasureRow](
    name="measures",
    label=gettext_lazy("Foranstaltninger og anbringelser"),
    columns=COLUMNS,
    validator=validator,
    write=write,
    export_rows=export_rows,
    count_labels={
        "created": gettext_lazy("foranstaltninger oprettet"),
        "unchanged": gettext_lazy("foranstaltninger fandtes allerede"),
    },
    unique_key=lambda item: (
        f"{item.child_id}|{item.kind}|{item.start_date.isoformat()}|{item.provider.casefold()}"
    ),
    unique_column="start_date",
    requires=("children",),
)
