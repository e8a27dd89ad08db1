"""Run-wide pytest rules for the whole repository (app tests and the top-level tests/ folder).

SIKKERHEDSNET_STRICT=1 (set by CI) makes any skipped test fail the run: a browser test that
skipped because Chromium was missing, or a check that skipped because a file was absent, would
otherwise turn CI green without having tested anything.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import date, datetime, time
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import time_machine

STRICT = os.environ.get("SIKKERHEDSNET_STRICT") == "1"

COPENHAGEN = ZoneInfo("Europe/Copenhagen")
# The day a test module without its own TODAY runs on: a Monday in a screening round.
DEFAULT_TODAY = datetime(2026, 11, 2, 10, 0, tzinfo=COPENHAGEN)


def _moment(value: date | datetime) -> datetime:
    """A datetime as it is (a naive one is Danish time); a bare date at 10:00 Danish time."""
    if isinstance(value, datetime):
        return value if value.tzinfo else value.replace(tzinfo=COPENHAGEN)
    return datetime.combine(value, time(10, 0), COPENHAGEN)


@pytest.fixture
def today_at(request: pytest.FixtureRequest) -> date | datetime:
    """The moment `today` freezes: the test module's `TODAY`, else DEFAULT_TODAY.

    A folder's conftest.py may override this fixture to give all its tests one day.
    """
    moment: date | datetime = getattr(request.module, "TODAY", DEFAULT_TODAY)
    return moment


@pytest.fixture
def today(today_at: date | datetime) -> Iterator[date]:
    """Time stands still at `today_at` (a date: 10:00 Danish time; or a moment).

    The one way a test fixes "now": use it as an argument, or for a whole module with
    `pytestmark = pytest.mark.usefixtures("today")`. It returns the Danish day.
    """
    moment = _moment(today_at)
    with time_machine.travel(moment, tick=False):
        yield moment.astimezone(COPENHAGEN).date()


def _skipped_reports(session: pytest.Session) -> list[pytest.TestReport]:
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    if reporter is None:
        return []
    return list(reporter.stats.get("skipped", []))


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    if STRICT and _skipped_reports(session) and exitstatus == pytest.ExitCode.OK:
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    skipped = list(terminalreporter.stats.get("skipped", []))
    if not (STRICT and skipped):
        return
    terminalreporter.section("SIKKERHEDSNET_STRICT=1: skipped tests fail this run", red=True)
    for report in skipped:
        reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else str(report.longrepr)
        terminalreporter.line(f"SKIPPED {report.nodeid}: {reason}", red=True)


@pytest.fixture(autouse=True)
def _post_outbox(settings: Any, tmp_path_factory: pytest.TempPathFactory) -> None:
    """Letters delivered in a test go to a folder of the test's own, never to var/outbox."""
    settings.SIKKERHEDSNET_POST_OUTBOX = tmp_path_factory.mktemp("outbox")
