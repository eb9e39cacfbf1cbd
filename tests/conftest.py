"""Shared fixtures: the bundled examples and small written texts."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def examples_dir() -> Path:
    return ROOT / "examples"
