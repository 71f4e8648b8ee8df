"""The compiled codec against cantools, the reference, on every message of the project's DBC."""

from __future__ import annotations

import pytest
from cantools.database.can import Message, Signal
from cantools.database.namedsignalvalue import NamedSignalValue
from hypothesis import given, settings
from hypothesis import strategies as st

from canbus.codec import MessageCodec

from .conftest import CODEC, DATABASE

MESSAGE_NAMES = [m.name for m in DATABASE.messages]
PROPERTY_SETTINGS = settings(max_examples=30, deadline=None, database=None)


def raw_range(signal: Signal) -> tuple[int, int]:
    if signal.is_signed:
        return -(1 << (signal.length - 1)), (1 << (signal.length - 1)) - 1
    return 0, (1 << signal.length) - 1


def is_integer_scaling(signal: Signal) -> bool:
    return float(signal.scale).is_integer() and float(signal.offset).is_integer()


def physical_of(signal: Signal, raw: int) -> int | float:
    if is_integer_scaling(signal):
        return int(raw * signal.scale + signal.offset)
    return raw * signal.scale + signal.offset


def physical_value(signal: Signal) -> st.SearchStrategy:
    lowest, highest = raw_range(signal)
    numbers = st.integers(lowest, highest).map(lambda raw: physical_of(signal, raw))
    if signal.choices:
        return st.one_of(numbers, st.sampled_from([str(name) for name in signal.choices.values()]))
    return numbers


def message_values(message: Message) -> st.SearchStrategy:
    return st.fixed_dictionaries({s.name: physical_value(s) for s in message.signals})


def assert_same_decoding(message: Message, ours: dict, reference: dict) -> None:
    assert set(ours) == set(reference)
    for signal in message.signals:
        mine, theirs = ours[signal.name], reference[signal.name]
        where = f"{message.name}.{signal.name}: ours {mine!r}, cantools {theirs!r}"
        if isinstance(theirs, NamedSignalValue):
            assert isinstance(mine, str), where
            assert mine == str(theirs), where
        elif signal.length == 1 and not signal.choices:
            assert isinstance(mine, bool), where
            assert mine == bool(theirs) and theirs in (0, 1), where
        else:
            assert isinstance(mine, int | float) and not isinstance(mine, bool | str), where
            assert abs(mine - theirs) <= signal.scale / 2, where
            if is_integer_scaling(signal):
                assert isinstance(mine, int), where


def test_every_message_of_the_dbc_is_compiled() -> None:
    # The DBC is little endian and plain: a fallback to cantools here would hide the fast path.
    assert len(MESSAGE_NAMES) == 21
    assert all(CODEC[name].is_compiled for name in MESSAGE_NAMES)


@pytest.mark.parametrize("name", MESSAGE_NAMES)
@PROPERTY_SETTINGS
@given(data=st.data())
def test_encode_matches_cantools(name: str, data: st.DataObject) -> None:
    message = DATABASE.get_message_by_name(name)
    values = data.draw(message_values(message))
    ours = CODEC[name].encode(values)
    assert isinstance(ours, bytearray) and len(ours) == message.length
    assert bytes(ours) == message.encode(values, scaling=True, strict=False)


@pytest.mark.parametrize("name", MESSAGE_NAMES)
@PROPERTY_SETTINGS
@given(data=st.data())
def test_decode_matches_cantools(name: str, data: st.DataObject) -> None:
    message = DATABASE.get_message_by_name(name)
    payload = data.draw(st.binary(min_size=message.length, max_size=message.length))
    ours = CODEC[name].decode(payload)
    reference = message.decode(payload, decode_choices=True, scaling=True)
    assert_same_decoding(message, ours, reference)


@pytest.mark.parametrize("name", MESSAGE_NAMES)
@PROPERTY_SETTINGS
@given(data=st.data())
def test_decode_of_encode_round_trips(name: str, data: st.DataObject) -> None:
    message = DATABASE.get_message_by_name(name)
    values = data.draw(message_values(message))
    decoded = CODEC[name].decode(CODEC[name].encode(values))
    for signal in message.signals:
        sent, got = values[signal.name], decoded[signal.name]
        if isinstance(sent, str) or isinstance(got, str):
            expected = sent if isinstance(sent, str) else signal.choices[round((sent - signal.offset) / signal.scale)]
            assert got == str(expected), signal.name
        else:
            assert abs(got - sent) <= signal.scale / 2, signal.name


@pytest.mark.parametrize("name", ["CCU_HVAC_Cmd", "CCU_Body_Cmd", "CCU_Seat_Cmd", "CCU_Light_Cmd", "CCU_Nav_Cmd"])
def test_omitted_signals_are_sent_as_their_none_entry(name: str) -> None:
    message = DATABASE.get_message_by_name(name)
    decoded = message.decode(bytes(CODEC[name].encode({})), decode_choices=True)
    for signal in message.signals:
        if signal.choices and "none" in {str(v) for v in signal.choices.values()}:
            assert str(decoded[signal.name]) == "none", signal.name
        else:
            assert decoded[signal.name] == 0, signal.name


def test_none_entry_that_is_not_raw_zero() -> None:
    # WiperRequest: 0 is "off", 7 is "none"; omitting it must not switch the wipers off.
    codec = CODEC["CCU_Light_Cmd"]
    decoded = codec.decode(codec.encode({"HeadlightRequest": "low"}))
    assert decoded["HeadlightRequest"] == "low"
    assert decoded["WiperRequest"] == "none"
    assert decoded["AmbientColorRequest"] == "none"
    assert decoded["ReadingLightRequest"] == "none"
    seat = CODEC["CCU_Seat_Cmd"]
    decoded = seat.decode(seat.encode({"DriverSeatHeatRequest": 2}))
    assert decoded["DriverSeatHeatRequest"] == 2
    assert decoded["PassengerSeatHeatRequest"] == "none"


def test_unknown_choice_name_is_a_clear_error() -> None:
    with pytest.raises(ValueError, match="WiperRequest"):
        CODEC["CCU_Light_Cmd"].encode({"WiperRequest": "storm"})


SATURATING = [(m.name, s) for m in DATABASE.messages for s in m.signals if not s.choices]


@pytest.mark.parametrize(("name", "signal"), SATURATING, ids=[f"{n}.{s.name}" for n, s in SATURATING])
def test_out_of_range_values_saturate(name: str, signal: Signal) -> None:
    codec: MessageCodec = CODEC[name]
    lowest, highest = raw_range(signal)
    span = (highest - lowest + 1) * signal.scale / 2  # half a range beyond: wrapping would not saturate
    for beyond, raw in ((physical_of(signal, highest) + span, highest), (physical_of(signal, lowest) - span, lowest)):
        decoded = codec.decode(codec.encode({signal.name: beyond}))[signal.name]
        assert decoded == pytest.approx(physical_of(signal, raw), abs=signal.scale / 2), beyond
        # ...and the neighbours are untouched (no bit spilled out of the signal).
        neighbours = codec.decode(codec.encode({}))
        others = codec.decode(codec.encode({signal.name: beyond}))
        assert {k: v for k, v in others.items() if k != signal.name} == {
            k: v for k, v in neighbours.items() if k != signal.name
        }
