"""Fuzzer: dialogue files given to the SGD corpus builder (models/nlu/corpora/build_sgd.py).

Whatever the file holds (SGD-shaped dialogues with odd values, other JSON, bytes that are no JSON), the builder
either maps it, every item's spans inside its text and its intent in the catalogue, or refuses it with one
CorpusFileError naming the file; it never raises anything else.
"""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cockpit.nlu.catalogue import INTENT_NAMES
from models.nlu.corpora import build_sgd
from tests.fuzz.settings import fuzz_settings

MODEL_DIR = Path(build_sgd.__file__).resolve().parents[1]
SERVICES = ("Weather_1", "Music_1", "Music_2", "Alarm_1", "Buses_1", "RideSharing_1", "Hotels_1", "Nowhere_9")
INTENTS = ("GetWeather", "PlaySong", "PlayMedia", "AddAlarm", "BuyBusTicket", "GetRide", "ReserveHotel", "NONE")
ACTS = ("INFORM_INTENT", "INFORM", "AFFIRM", "NEGATE", "SELECT", "REQUEST")
SLOTS = ("city", "date", "song_name", "artist", "genre", "playback_device", "to_location", "")
odd = st.one_of(
    st.none(), st.integers(-5, 200), st.floats(allow_nan=True), st.text(max_size=8), st.lists(st.none(), max_size=2)
)
utterances = st.text(alphabet=st.sampled_from("abc XYZ,.?'-天气0123456789\u0301"), min_size=0, max_size=60)


@st.composite
def frames(draw, utterance: str) -> dict:
    length = len(utterance)
    spans = []
    for _ in range(draw(st.integers(0, 3))):
        start = draw(st.integers(-2, length + 2))
        spans.append(
            {
                "slot": draw(st.sampled_from(SLOTS)),
                "start": start,
                "exclusive_end": draw(st.one_of(st.integers(start - 1, length + 2), odd)),
            }
        )
    frame = {
        "service": draw(st.sampled_from(SERVICES)),
        "actions": [{"act": draw(st.sampled_from(ACTS))} for _ in range(draw(st.integers(0, 3)))],
        "slots": spans,
        "state": {"active_intent": draw(st.sampled_from(INTENTS))},
    }
    for _ in range(draw(st.integers(0, 1))):  # now and then a field goes missing or turns odd
        key = draw(st.sampled_from(["service", "actions", "slots", "state"]))
        if draw(st.booleans()):
            del frame[key]
        else:
            frame[key] = draw(odd)
    return frame


@st.composite
def dialogue_files(draw) -> bytes:
    kind = draw(st.sampled_from(["dialogues", "dialogues", "json", "bytes"]))
    if kind == "bytes":
        return draw(st.binary(max_size=200))
    if kind == "json":
        return json.dumps(
            draw(
                st.recursive(
                    odd,
                    lambda inner: (
                        st.lists(inner, max_size=3)
                        | st.dictionaries(st.sampled_from(["turns", "speaker", "frames", "x"]), inner, max_size=3)
                    ),
                    max_leaves=8,
                )
            )
        ).encode()
    dialogues = []
    for number in range(draw(st.integers(0, 3))):
        turns = []
        for _ in range(draw(st.integers(0, 4))):
            utterance = draw(utterances)
            turns.append(
                {
                    "speaker": draw(st.sampled_from(["USER", "USER", "SYSTEM"])),
                    "utterance": utterance,
                    "frames": [draw(frames(utterance)) for _ in range(draw(st.integers(0, 2)))],
                }
            )
        dialogues.append({"dialogue_id": f"1_{number:05d}", "turns": turns})
    return json.dumps(dialogues, ensure_ascii=False).encode()


@pytest.mark.fuzz
@fuzz_settings()
@given(content=dialogue_files())
def test_a_dialogue_file_is_mapped_or_refused_by_name(content: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "train" / "dialogues_001.json"
        path.parent.mkdir()
        path.write_bytes(content)
        try:
            items, _ = build_sgd.build(Path(folder), MODEL_DIR)
        except build_sgd.CorpusFileError as error:
            assert str(path) in str(error) and "expected" in str(error)
            return
    for item in items:
        assert item["intent"] in INTENT_NAMES
        for _, start, end in item["spans"]:
            assert 0 <= start < end <= len(item["text"])
