from __future__ import annotations

from collections.abc import Iterator

import pytest

from rassegna.store import Store


@pytest.fixture
def store() -> Iterator[Store]:
    s = Store(":memory:")
    yield s
    s.close()
