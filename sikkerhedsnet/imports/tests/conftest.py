"""Helpers to build import files in memory, and a frozen day so ages and dates are fixed."""

from __future__ import annotations

import io
from collections.abc import Sequence
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

import openpyxl
import pytest

TODAY = datetime(2026, 3, 2, 10, 0, tzinfo=ZoneInfo("Europe/Copenhagen"))


@pytest.fixture
def today_at() -> datetime:
    return TODAY


@pytest.fixture(autouse=True)
def _on_today(today: date) -> None:
    """Every import test runs on TODAY (the root conftest's `today`)."""


def csv_bytes(rows: Sequence[Sequence[str]], *, delimiter: str = ",", bom: bool = False) -> bytes:
    text = "".join(delimiter.join(row) + "\r\n" for row in rows)
    return ("\ufeff" if bom else "").encode() + text.encode()


def xlsx_bytes(rows: Sequence[Sequence[object]]) -> bytes:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    for row in rows:
        sheet.append(list(row))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def xlsx_rows(content: bytes) -> list[list[Any]]:
    """The cells (not just values) of the first sheet, to check their data types."""
    sheet = openpyxl.load_workbook(io.BytesIO(content)).worksheets[0]
    return [list(row) for row in sheet.iter_rows()]


UNITS_HEADER = ["unit_code", "name", "kind", "district"]
CHILDREN_HEADER = ["cpr", "first_name", "last_name", "unit_code"]
# Replacement CPR numbers (day + 60): 17.05.2021, a boy; 03.01.2024, a girl.
BOY_2021 = "770521-4001"
GIRL_2024 = "630124-4002"
