"""Shared fixtures and Hypothesis profiles."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

ROOT = Path(__file__).parent.parent
SAMPLE = ROOT / "examples" / "2021-fujian-gxt.json"
DATA = Path(__file__).parent / "data"

# No deadline: the machines that run the suite are shared, and an example that first compiles
# a checker can take a second under load without anything being wrong.
settings.register_profile(
    "ci", max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.register_profile("dev", max_examples=100, deadline=None)
settings.register_profile("thorough", max_examples=2000, deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci" if os.environ.get("CI") else "dev"))


@pytest.fixture
def sample_path() -> Path:
    """The bundled sample report (福建省工业和信息化厅, 2021)."""
    return SAMPLE
