from __future__ import annotations

import os
from collections.abc import Iterator

import pytest
from hypothesis import HealthCheck, settings

from rassegna.store import BACKENDS, Store, open_store

# property-based tests (tests/test_properties.py): deterministic, so CI reproduces every
# run, with no example database written into the repo, and small enough to stay fast;
# HYPOTHESIS_PROFILE=deep searches much harder (not deterministic) when hunting bugs
settings.register_profile(
    "rassegna",
    max_examples=25,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
settings.register_profile(
    "deep", settings.get_profile("rassegna"), max_examples=1_000, derandomize=False
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "rassegna"))


@pytest.fixture(params=BACKENDS)
def store(request: pytest.FixtureRequest) -> Iterator[Store]:
    """A fresh store in memory, once per backend: every store test runs on each."""
    s = open_store(":memory:", backend=request.param)
    yield s
    s.close()
