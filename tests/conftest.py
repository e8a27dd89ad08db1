"""Fixtures shared by the top-level tests (browser and API contract)."""

from __future__ import annotations

from typing import Any

import pytest

# PBKDF2's and Argon2's deliberate slowness protects real passwords; in tests it only costs time.
FAST_PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings: Any) -> None:
    settings.PASSWORD_HASHERS = FAST_PASSWORD_HASHERS
