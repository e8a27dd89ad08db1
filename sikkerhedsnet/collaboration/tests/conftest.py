"""Letters the collaboration tests send are delivered to a folder of the test's own."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest


@pytest.fixture(autouse=True)
def _outbox_in_tmp(settings: Any, tmp_path: Path) -> None:
    # The demo channel writes Digital Post messages (MeMo XML) to the outbox: never the repo's.
    settings.SIKKERHEDSNET_POST_OUTBOX = tmp_path / "outbox"
