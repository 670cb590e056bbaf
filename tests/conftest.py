"""Shared fixtures. Tests that need the real articles read ../shared at run time and skip without it."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import settings as hypothesis_settings

# deterministic on any machine: the same examples every run, and no per-example deadline that a
# loaded CI runner could miss
hypothesis_settings.register_profile("sitroom", deadline=None, derandomize=True, print_blob=True)
hypothesis_settings.load_profile("sitroom")

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"


@pytest.fixture
def shared() -> Path:
    if not (SHARED / "seeds").is_dir():
        pytest.skip("../shared is not present")
    return SHARED


@pytest.fixture
def settings():
    from sitroom.config import load_settings

    return load_settings(env={})
