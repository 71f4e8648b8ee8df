"""Fuzzer: Home Assistant command payloads (what arrives on BASE/<path>/set, mode/set, ...) on every device.

Any bytes, and HA-shaped payloads with odd values (NaN, inf, huge, negative, wrong types, extra keys), on
any device and command leaf: the payload is understood or refused with a ValueError that says what was
expected; an understood one is carried out or refused by the house with a reason, never raised; a refused
one changes nothing; and the state the house then publishes is strict JSON that HA can read (no NaN).
"""

from __future__ import annotations

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from home_sim import House
from homelink import discovery
from homelink import protocol as p
from tests.fuzz.settings import fuzz_settings

pytestmark = pytest.mark.fuzz

CATALOGUE = House.default().catalogue()
# The (device, leaf) pairs HA is told to use (its discovery), drawn most often; any other pair now and then.
ANNOUNCED = sorted(
    (device, leaf)
    for device, info in CATALOGUE.items()
    for leaf in p.NATIVE_LEAVES
    if p.device_topic(p.DEFAULT_BASE, device, leaf) in discovery.discovery_config(info).values()
)
TARGETS = st.one_of(
    st.sampled_from(ANNOUNCED), st.tuples(st.sampled_from(sorted(CATALOGUE)), st.sampled_from(p.NATIVE_LEAVES))
)
NUMBER_LEAVES = ("temperature/set", "position/set")
NUMBER_TARGETS = [(device, leaf) for device, leaf in ANNOUNCED if leaf in NUMBER_LEAVES]
ODD_NUMBERS = st.sampled_from(
    [
        "nan",
        "NaN",
        "-nan",
        "+NAN",
        "inf",
        "-inf",
        "Infinity",
        "1e309",
        "-0",
        "1e-320",
        "",
        " ",
        "21,5",
        "0x10",
        "٢١",
        "22.0000000001",
        "16",
        "30.0",
        "75",
    ]
)
NUMBERS = st.one_of(st.floats(allow_nan=True, allow_infinity=True).map(repr), st.integers().map(str), ODD_NUMBERS)
JSON_VALUES = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(), st.text(max_size=8), st.lists(st.integers(), max_size=2)
)
LIGHT_BODIES = st.fixed_dictionaries(
    {"state": st.one_of(st.sampled_from(["ON", "OFF", "on", ""]), JSON_VALUES)},
    optional={"brightness": JSON_VALUES, "transition": JSON_VALUES, "color": JSON_VALUES},
)
WORDS = st.sampled_from(
    sorted(
        set(p.PLAIN_COMMANDS)
        | {"heat", "cool", "auto", "off", "electric", "dry", "turbo", "sleep", "pause", "LOCKED", "on"}
    )
)
PAYLOADS = st.one_of(
    st.binary(max_size=40),
    WORDS.map(str.encode),
    NUMBERS.map(str.encode),
    LIGHT_BODIES.map(lambda body: json.dumps(body).encode()),
)


def strict_json(payload: dict) -> None:
    json.loads(json.dumps(payload, allow_nan=False))


@fuzz_settings()
@given(target=TARGETS, payload=PAYLOADS)
def test_any_home_assistant_payload_is_carried_out_or_refused_with_a_reason(target, payload):
    check_payload(*target, payload)


@fuzz_settings()
@given(target=st.sampled_from(NUMBER_TARGETS), payload=st.one_of(ODD_NUMBERS, NUMBERS).map(str.encode))
def test_any_number_home_assistant_sends_is_carried_out_or_refused_with_a_reason(target, payload):
    # Temperatures and positions: NaN passes any range test unless refused on its own.
    check_payload(*target, payload)


def check_payload(device: str, leaf: str, payload: bytes) -> None:
    house = House.default()
    info = house.catalogue()[device]
    before = house.device_state(device)
    try:
        action, data = p.native_command(info.capabilities.component, info.kind, leaf, payload)
    except ValueError as error:
        assert str(error)  # the rejection's reason: never empty
        return
    result = house.apply(device, action, data)
    if not result.ok:
        assert result.reason
        assert house.device_state(device) == before
    strict_json(discovery.state_payload(info.kind, house.device_state(device)))
    house.step(1.0)
    strict_json(discovery.state_payload(info.kind, house.device_state(device)))
