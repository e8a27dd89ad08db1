"""The notification deadlines at their edges (DESIGN §3), time zone Europe/Copenhagen."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from sikkerhedsnet.intake.models import Notification
from sikkerhedsnet.lib.workdays import add_working_days

CPH = ZoneInfo("Europe/Copenhagen")


def test_received_friday_1600_is_due_saturday_1600() -> None:
    received = datetime(2026, 11, 20, 16, 0, tzinfo=CPH)
    assert Notification.assessment_due(received) == datetime(2026, 11, 21, 16, 0, tzinfo=CPH)


def test_24_calendar_hours_across_the_end_of_summer_time() -> None:
    # 24 real hours: received 16:00 the day before the clocks go back, due 15:00 local time.
    received = datetime(2026, 10, 24, 16, 0, tzinfo=CPH)
    due = Notification.assessment_due(received).astimezone(CPH)
    assert (due.day, due.hour) == (25, 15)


@pytest.mark.parametrize(
    ("received", "due"),
    [
        (date(2026, 11, 23), date(2026, 12, 1)),  # Monday: Tue … Mon next week
        (date(2026, 11, 21), date(2026, 11, 30)),  # Saturday: Mon … Mon
        # Easter 2026: Maundy Thursday 2.4, Good Friday 3.4, Easter Monday 6.4 are not working.
        (date(2026, 3, 31), date(2026, 4, 13)),  # Tue: Wed 1.4, Tue 7.4 … Mon 13.4
        (date(2026, 4, 1), date(2026, 4, 14)),
        # Christmas 2026: 25.12 and 26.12; Christmas Eve and New Year's Eve are working days.
        (date(2026, 12, 22), date(2026, 12, 31)),  # Wed 23, Thu 24, Mon 28 … Thu 31
        (date(2026, 12, 23), date(2027, 1, 4)),  # 1.1.2027 is New Year's Day
    ],
)
def test_receipt_due_counts_six_danish_working_days(received: date, due: date) -> None:
    assert add_working_days(received, 6) == due
    at_noon = datetime(received.year, received.month, received.day, 12, tzinfo=CPH)
    assert Notification.receipt_due(at_noon) == due


def test_receipt_due_uses_the_danish_day_of_receipt() -> None:
    # 23:30 UTC on Sunday is already Monday in Copenhagen.
    received = datetime(2026, 11, 22, 23, 30, tzinfo=ZoneInfo("UTC"))
    assert Notification.receipt_due(received) == date(2026, 12, 1)
