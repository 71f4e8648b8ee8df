"""E2E protection: CRC-8 SAE J1850 over data id + payload, 4-bit alive counter, receiver state machine."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from canbus.dbc import is_e2e_protected
from canbus.e2e import COUNTER_MODULO, E2EReceiverState, E2EStatus, crc8_sae_j1850, e2e_crc, protect

from .conftest import CODEC, DATABASE

PROTECTED = [m for m in DATABASE.messages if is_e2e_protected(m)]
PROTECTED_NAMES = [m.name for m in PROTECTED]
PROTECTED_IDS = [m.frame_id for m in PROTECTED]
payloads = st.binary(min_size=8, max_size=8).map(bytearray)
E2E_SETTINGS = settings(max_examples=60, deadline=None, database=None)


def bitwise_crc8_j1850(data: bytes) -> int:
    """An independent, table-free CRC-8 SAE J1850 (poly 0x1D, init 0xFF, xorout 0xFF)."""
    crc = 0xFF
    for byte in data:
        crc ^= byte
        for _ in range(8):
            crc = ((crc << 1) ^ 0x1D) & 0xFF if crc & 0x80 else (crc << 1) & 0xFF
    return crc ^ 0xFF


def protected_frame(frame_id: int, counter: int, body: bytes = b"\x00" * 8) -> bytearray:
    payload = bytearray(body)
    protect(frame_id, payload, counter)
    return payload


def test_crc_check_value() -> None:
    assert crc8_sae_j1850(b"123456789") == 0x4B
    assert crc8_sae_j1850(b"") == 0x00  # init 0xFF xor-out 0xFF


@E2E_SETTINGS
@given(st.binary(max_size=16))
def test_table_crc_matches_bitwise_reference(data: bytes) -> None:
    assert crc8_sae_j1850(data) == bitwise_crc8_j1850(data)


@E2E_SETTINGS
@given(st.sampled_from(PROTECTED_IDS), payloads)
def test_e2e_crc_covers_data_id_little_endian_then_bytes_1_to_7(frame_id: int, payload: bytearray) -> None:
    data_id = bytes((frame_id & 0xFF, frame_id >> 8))
    assert e2e_crc(frame_id, payload) == bitwise_crc8_j1850(data_id + bytes(payload[1:]))


def test_the_dbc_protects_the_expected_messages() -> None:
    assert set(PROTECTED_NAMES) == {
        "VCU_Dynamics",
        "BMS_Status",
        "HVAC_Status",
        "Body_Doors",
        "DMS_Driver",
        "CCU_HVAC_Cmd",
        "CCU_Body_Cmd",
        "CCU_Seat_Cmd",
        "CCU_Light_Cmd",
        "CCU_Nav_Cmd",
    }
    for message in PROTECTED:
        crc = message.get_signal_by_name(f"{message.name}_CRC")
        counter = message.get_signal_by_name(f"{message.name}_Counter")
        assert (crc.start, crc.length, counter.start, counter.length) == (0, 8, 8, 4), message.name


@pytest.mark.parametrize("name", PROTECTED_NAMES)
def test_protect_check_round_trip_for_every_protected_message(name: str) -> None:
    codec = CODEC[name]
    receiver = E2EReceiverState(codec.frame_id)
    for counter in range(2 * COUNTER_MODULO + 3):
        payload = codec.encode({})
        protect(codec.frame_id, payload, counter)
        decoded = codec.decode(payload)
        assert decoded[f"{name}_Counter"] == counter % COUNTER_MODULO
        assert decoded[f"{name}_CRC"] == payload[0]
        assert receiver.check(payload) is E2EStatus.OK, counter


@E2E_SETTINGS
@given(st.sampled_from(PROTECTED_IDS), payloads)
def test_protect_keeps_high_nibble_of_byte_1_and_the_body(frame_id: int, payload: bytearray) -> None:
    original = bytes(payload)
    protect(frame_id, payload, 0x1B)  # counters are taken modulo 16
    assert payload[1] == (original[1] & 0xF0) | 0x0B
    assert payload[2:] == original[2:]
    assert E2EReceiverState(frame_id).check(payload) is E2EStatus.OK


@E2E_SETTINGS
@given(st.sampled_from(PROTECTED_IDS), payloads, st.integers(0, 15), st.integers(0, 63))
def test_any_single_flipped_bit_is_detected(frame_id: int, body: bytearray, counter: int, bit: int) -> None:
    payload = protected_frame(frame_id, counter, body)
    payload[bit // 8] ^= 1 << (bit % 8)
    assert E2EReceiverState(frame_id).check(payload) is E2EStatus.BAD_CRC


@pytest.mark.parametrize("frame_id", PROTECTED_IDS)
def test_every_single_bit_flip_of_a_frame_is_detected_exhaustively(frame_id: int) -> None:
    good = protected_frame(frame_id, 5, bytes(range(8)))
    for bit in range(64):
        payload = bytearray(good)
        payload[bit // 8] ^= 1 << (bit % 8)
        assert E2EReceiverState(frame_id).check(payload) is E2EStatus.BAD_CRC, bit


@E2E_SETTINGS
@given(payloads, st.integers(0, 15))
def test_a_frame_copied_onto_another_protected_id_fails(body: bytearray, counter: int) -> None:
    for frame_id in PROTECTED_IDS:
        payload = protected_frame(frame_id, counter, body)
        for other in PROTECTED_IDS:
            if other != frame_id:
                assert E2EReceiverState(other).check(payload) is E2EStatus.BAD_CRC, (frame_id, other)


def test_short_payloads_are_bad_crc() -> None:
    receiver = E2EReceiverState(0xA0)
    assert receiver.check(b"") is E2EStatus.BAD_CRC
    assert receiver.check(b"\x00") is E2EStatus.BAD_CRC
    assert receiver.last_counter is None


def check_sequence(frame_id: int, counters: list[int]) -> list[E2EStatus]:
    receiver = E2EReceiverState(frame_id)
    return [receiver.check(protected_frame(frame_id, c, b"\x00\x30" + bytes(6))) for c in counters]


OK, REPEATED, SKIPPED, BAD = E2EStatus.OK, E2EStatus.REPEATED, E2EStatus.SKIPPED, E2EStatus.BAD_CRC


def test_first_frame_is_accepted_whatever_its_counter() -> None:
    for counter in range(COUNTER_MODULO):
        assert check_sequence(0x2D0, [counter]) == [OK]


def test_repeated_counter() -> None:
    assert check_sequence(0x2D0, [3, 4, 4]) == [OK, OK, REPEATED]


@pytest.mark.parametrize("jump", range(2, COUNTER_MODULO))
def test_skipped_counter(jump: int) -> None:
    assert check_sequence(0x2D0, [3, 4, (4 + jump) % COUNTER_MODULO]) == [OK, OK, SKIPPED]


def test_counter_wraps_from_15_to_0() -> None:
    assert check_sequence(0x2D0, [14, 15, 0, 1]) == [OK, OK, OK, OK]
    assert check_sequence(0x2D0, list(range(COUNTER_MODULO)) * 3) == [OK] * (3 * COUNTER_MODULO)


def test_resynchronises_on_the_frame_after_a_sequence_error() -> None:
    assert check_sequence(0x2D0, [3, 4, 4, 5, 6]) == [OK, OK, REPEATED, OK, OK]
    assert check_sequence(0x2D0, [3, 4, 9, 10, 11]) == [OK, OK, SKIPPED, OK, OK]
    assert check_sequence(0x2D0, [15, 2, 3]) == [OK, SKIPPED, OK]


def test_bad_crc_frame_does_not_move_the_counter() -> None:
    receiver = E2EReceiverState(0x2D0)
    assert receiver.check(protected_frame(0x2D0, 4)) is OK
    corrupted = protected_frame(0x2D0, 5)
    corrupted[0] ^= 0xFF
    assert receiver.check(corrupted) is BAD
    assert receiver.last_counter == 4
    # The good frame with counter 5 (a retransmission) is accepted; the state machine is not poisoned.
    assert receiver.check(protected_frame(0x2D0, 5)) is OK
    # A lost frame (bad CRC on counter 6, then 7) counts as a skip: the policy tolerates no loss.
    assert receiver.check(bytes(8)) is BAD
    assert receiver.check(protected_frame(0x2D0, 7)) is SKIPPED
    assert receiver.check(protected_frame(0x2D0, 8)) is OK
