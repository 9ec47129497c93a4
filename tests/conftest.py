"""Shared test set-up: the hypothesis profiles and the path of the shared material."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings
from strategies import shared_path

# "ci" is the default: a moderate number of examples, the same examples on every
# run (derandomize, no example database), no deadline because the first call
# loads the model. "long" is for a deliberate hunt: VNNORM_HYPOTHESIS_PROFILE=long.
settings.register_profile(
    "ci",
    max_examples=100,
    deadline=None,
    derandomize=True,
    database=None,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile(
    "long",
    max_examples=2000,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.load_profile(os.environ.get("VNNORM_HYPOTHESIS_PROFILE", "ci"))


@pytest.fixture(scope="session")
def shared() -> Path:
    """The shared material; tests that need it are skipped when it is missing."""
    path = shared_path()
    if not path.is_dir():
        pytest.skip(
            f"shared material not found at {path}: set VNNORM_SHARED to the folder "
            "holding real-cases/ and corpus/ (CI always has it)"
        )
    return path
