"""The registry, loaded once per test session (imported by the test modules that need it)."""

import pytest

from notices.registry import Registry


@pytest.fixture(scope="session")
def registry() -> Registry:
    return Registry.load()
