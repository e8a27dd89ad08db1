"""Run-wide pytest rules for the whole repository (app tests and the top-level tests/ folder).

SIKKERHEDSNET_STRICT=1 (set by CI) makes any skipped test fail the run: a browser test that
skipped because Chromium was missing, or a check that skipped because a file was absent, would
otherwise turn CI green without having tested anything.
"""

from __future__ import annotations

import os

import pytest

STRICT = os.environ.get("SIKKERHEDSNET_STRICT") == "1"


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
