"""Shared fixtures of the bus tests: the project's DBC, its codec, private virtual channels."""

from __future__ import annotations

import itertools

import pytest

from canbus.codec import DatabaseCodec
from canbus.dbc import load_dbc

DATABASE = load_dbc()
CODEC = DatabaseCodec(DATABASE)

_channel_numbers = itertools.count(1)


@pytest.fixture
def channel(request: pytest.FixtureRequest) -> str:
    """A virtual channel name that no other test (nor the product's own runs) uses."""
    return f"tests-bus-{request.node.name}-{next(_channel_numbers)}"


@pytest.fixture
def buses():
    """Collects buses opened by a test and shuts them down afterwards."""
    opened = []
    yield opened
    for bus in opened:
        bus.shutdown()
