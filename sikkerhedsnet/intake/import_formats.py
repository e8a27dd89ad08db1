"""notifications.csv: `cpr,received_at,source_kind,professional,urgent` (DESIGN §6).

Notifications received outside Sikkerhedsnet (an earlier system, a paper archive). Each row
becomes a notification on channel `import`, received at the file's moment, with its 24-hour
deadline from that moment: one that nobody has assessed shows up in the queue and in the
safety-net rules like any other. The file names no notifier, so there is nobody to send a
receipt to, and no receipt deadline is set.

A row already in the database (same child, same moment to the second, same source) is not made
twice: an export imports again unchanged. After the write, the repeated-concern figures of every
child the file names are recounted, in chunks rather than one child at a time.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, datetime

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from simple_history.utils import bulk_create_with_history

from sikkerhedsnet.intake.models import COPENHAGEN, Channel, Notification, SourceKind
from sikkerhedsnet.intake.services.receiving import (
    new_reference,
    repeated_concern_refresh_children,
)
from sikkerhedsnet.lib import cpr as cprlib
from sikkerhedsnet.lib.fileformats import Counts, FileFormat, Row, WriteContext
from sikkerhedsnet.people.models import Child

COLUMNS = ("cpr", "received_at", "source_kind", "professional", "urgent")
TRUE_WORDS = frozenset({"true", "1", "ja"})
FALSE_WORDS = frozenset({"false", "0", "nej"})
# The notification's own text stays in the system it came from; this says where to find it.
IMPORTED_TEXT = "Importeret fra notifications.csv. Underretningens tekst findes i kildesystemet."
QUERY_CHUNK = 5000  # SQLite refuses a query with more than 32766 parameters


@dataclass(frozen=True)
class NotificationRow:
    child_id: int
    cpr: str
    received_at: datetime
    source_kind: str
    professional: bool
    urgent: bool

    @property
    def key(self) -> tuple[int, datetime, str]:
        """Same child, same second, same source: the same notification."""
        return (self.child_id, _to_second(self.received_at), self.source_kind)


def _to_second(moment: datetime) -> datetime:
    return moment.replace(microsecond=0)


def validator(today: date) -> Callable[[Row], NotificationRow | None]:
    # One query for all children: a file of notifications can name thousands of them.
    child_ids: dict[str, int] = dict(Child.objects.values_list("cpr", "pk"))
    now = timezone.now()

    def validate_row(row: Row) -> NotificationRow | None:
        child_id, cpr = _known_child(row, child_ids)
        received_at = _received_at(row, now)
        source_kind = _source_kind(row)
        professional = _yes_no(row, "professional")
        urgent = _yes_no(row, "urgent")
        if row.errors or child_id is None or received_at is None:
            return None
        return NotificationRow(
            child_id=child_id,
            cpr=cpr,
            received_at=received_at,
            source_kind=source_kind,
            professional=bool(professional),
            urgent=bool(urgent),
        )

    return validate_row


def _known_child(row: Row, child_ids: dict[str, int]) -> tuple[int | None, str]:
    value = row.values.get("cpr", "")
    try:
        cpr = cprlib.parse(value)
    except cprlib.CprError as error:
        row.error("cpr", str(error))
        return None, ""
    child_id = child_ids.get(cpr.digits)
    if child_id is None:
        message = _("Intet barn har CPR-nummeret %(cpr)s. Importér barnet med children.csv først.")
        row.error("cpr", message % {"cpr": cpr.formatted})
    return child_id, cpr.digits


def parse_moment(value: str) -> datetime:
    """ISO 8601 with or without an offset; without one it is Danish time. ValueError if not.

    A date alone is midnight (as `fromisoformat` reads it): a spreadsheet shows a date-time at
    00:00 as the date only.
    """
    parsed = datetime.fromisoformat(value.strip())
    if parsed.tzinfo is None:
        return parsed.replace(tzinfo=COPENHAGEN)
    return parsed


def _received_at(row: Row, now: datetime) -> datetime | None:
    value = row.text("received_at", max_length=40)
    if not value:
        return None
    try:
        moment = parse_moment(value)
    except ValueError:
        row.error(
            "received_at",
            _(
                "»%(value)s« er ikke et tidspunkt. Skriv det som ÅÅÅÅ-MM-DD TT:MM, "
                "for eksempel 2026-03-01 14:30 (dansk tid) eller 2026-03-01T14:30+01:00."
            )
            % {"value": value},
        )
        return None
    if moment > now:
        message = _("Tidspunktet %(value)s ligger i fremtiden.")
        row.error("received_at", message % {"value": value})
        return None
    return moment


def _source_kind(row: Row) -> str:
    value = row.text("source_kind", max_length=40).strip().lower()
    if value and value not in SourceKind.values:
        message = _("Ukendt afsender »%(value)s«. Brug en af: %(codes)s.")
        row.error("source_kind", message % {"value": value, "codes": ", ".join(SourceKind.values)})
    return value


def parse_yes_no(value: str) -> bool | None:
    word = value.strip().lower()
    if word in TRUE_WORDS:
        return True
    if word in FALSE_WORDS:
        return False
    return None


def _yes_no(row: Row, column: str) -> bool | None:
    value = row.text(column, max_length=10)
    if not value:
        return None
    answer = parse_yes_no(value)
    if answer is None:
        message = _("»%(value)s« er hverken ja eller nej. Brug true/false, 1/0 eller ja/nej.")
        row.error(column, message % {"value": value})
    return answer


def write(items: list[NotificationRow], context: WriteContext) -> Counts:
    known = _known_keys({item.child_id for item in items})
    new = [item for item in items if item.key not in known]
    notifications = [_notification(item, context) for item in new]
    _give_unique_references(notifications)
    bulk_create_with_history(
        notifications,
        Notification,
        batch_size=1000,
        default_user=context.actor,
        default_change_reason=context.reason,
    )
    repeated_concern_refresh_children(child_ids={item.child_id for item in new})
    return {"created": len(new), "unchanged": len(items) - len(new)}


def _known_keys(child_ids: set[int]) -> set[tuple[int, datetime, str]]:
    ids = sorted(child_ids)
    keys: set[tuple[int, datetime, str]] = set()
    for start in range(0, len(ids), QUERY_CHUNK):
        rows = Notification.objects.filter(child_id__in=ids[start : start + QUERY_CHUNK])
        for child_id, received_at, source_kind in rows.values_list(
            "child_id", "received_at", "source_kind"
        ):
            keys.add((child_id, _to_second(received_at), source_kind))
    return keys


def _notification(item: NotificationRow, context: WriteContext) -> Notification:
    notification = Notification(
        received_at=item.received_at,
        channel=Channel.IMPORT,
        source_kind=item.source_kind,
        is_professional=item.professional,
        urgent=item.urgent,
        text=IMPORTED_TEXT,
        child_id=item.child_id,
        registered_by=context.actor,
    )
    notification.set_deadlines()
    notification.receipt_due_on = None  # no notifier named, nobody to send a receipt to
    return notification


def _give_unique_references(notifications: list[Notification]) -> None:
    """A fresh reference each; the notifier key stands for the source kind.

    An unknown notifier is keyed by the kind of source: a school and the police are surely two
    notifiers, two rows from schools most likely one, so a child is not flagged for "two
    different notifiers in 7 days" on rows that may well come from the same teacher.
    """
    references: set[str] = set()
    for notification in notifications:
        reference = new_reference(notification.received_at)
        while reference in references:
            reference = new_reference(notification.received_at)
        references.add(reference)
        notification.reference = reference
        notification.notifier_key = f"import:{notification.source_kind}"
    taken = _existing_references(sorted(references))
    for notification in notifications:
        while notification.reference in taken:
            notification.reference = new_reference(notification.received_at)
            taken = taken | _existing_references([notification.reference])


def _existing_references(references: list[str]) -> set[str]:
    taken: set[str] = set()
    for start in range(0, len(references), QUERY_CHUNK):
        chunk = references[start : start + QUERY_CHUNK]
        taken.update(
            Notification.objects.filter(reference__in=chunk).values_list("reference", flat=True)
        )
    return taken


def export_rows(today: date) -> Iterator[list[str]]:
    """Every notification about a known child, oldest first, in the import's own terms."""
    yield list(COLUMNS)
    rows = (
        Notification.objects.filter(child__isnull=False)
        .order_by("received_at", "pk")
        .values_list("child__cpr", "received_at", "source_kind", "is_professional", "urgent")
    )
    for cpr, received_at, source_kind, professional, urgent in rows.iterator(chunk_size=2000):
        yield [
            cprlib.format_digits(cpr),
            received_at.astimezone(COPENHAGEN).isoformat(timespec="seconds"),
            source_kind,
            "true" if professional else "false",
            "true" if urgent else "false",
        ]


NOTIFICATIONS = FileFormat[NotificationRow](
    name="notifications",
    label=gettext_lazy("Underretninger"),
    columns=COLUMNS,
    validator=validator,
    write=write,
    export_rows=export_rows,
    count_labels={
        "created": gettext_lazy("underretninger oprettet"),
        "unchanged": gettext_lazy("underretninger fandtes allerede"),
    },
    unique_key=lambda item: (
        f"{item.child_id}|{_to_second(item.received_at).isoformat()}|{item.source_kind}"
    ),
    unique_column="received_at",
    requires=("children",),
)
