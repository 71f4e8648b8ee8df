"""Map Google's Schema-Guided Dialogue (SGD, CC BY-SA 4.0) user turns onto the intent catalogue, for training.

    python -m models.nlu.corpora.build_sgd --sgd PATH/dstc8-schema-guided-dialogue   # rewrites sgd_en.jsonl

Only the user turns that open a request (act INFORM_INTENT) are taken, plus bare yes/no answers; a turn is
mapped by its service and intent (`INTENT_MAP`), its span annotations become the catalogue's span slots
(`SLOT_MAP`). Everything else is left out (see `README.md` beside this file for the mapping and why).
Items whose normalised text is in any evaluation set (models/nlu/data, models/nlu/external) are dropped, so
nothing the model is measured on is trained on. The output is sorted and sampled with a fixed seed: a rebuild
from the same files gives the same bytes.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
from collections import Counter
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

from cockpit.nlu.catalogue import OUT_OF_SCOPE
from cockpit.nlu.postprocess import normalize_span_value

CORPUS_DIR = Path(__file__).resolve().parent
OUT_PATH = CORPUS_DIR / "sgd_en.jsonl"
SEED = 15

# (service prefix, SGD intent) -> catalogue intent. Services the car cannot serve become out_of_scope: they are
# the bookings, bills, alarms and calendars that use words the model otherwise reads as commands.
INTENT_MAP: dict[tuple[str, str], str] = {
    ("Weather", "GetWeather"): "info.weather",
    ("Music", "PlaySong"): "media.play",
    ("Music", "PlayMedia"): "media.play",
    **{
        (service, intent): OUT_OF_SCOPE
        for service, intent in (
            ("Alarm", "AddAlarm"),
            ("Alarm", "GetAlarms"),
            ("Banks", "CheckBalance"),
            ("Banks", "TransferMoney"),
            ("Payment", "MakePayment"),
            ("Payment", "RequestPayment"),
            ("Calendar", "AddEvent"),
            ("Calendar", "GetAvailableTime"),
            ("Calendar", "GetEvents"),
            ("Events", "BuyEventTickets"),
            ("Events", "FindEvents"),
            ("Events", "GetEventDates"),
            ("Flights", "ReserveOnewayFlight"),
            ("Flights", "ReserveRoundtripFlights"),
            ("Flights", "SearchOnewayFlight"),
            ("Flights", "SearchRoundtripFlights"),
            ("Homes", "FindApartment"),
            ("Homes", "ScheduleVisit"),
            ("Homes", "FindHomeByArea"),
            ("Hotels", "ReserveHotel"),
            ("Hotels", "SearchHotel"),
            ("Hotels", "BookHouse"),
            ("Hotels", "SearchHouse"),
            ("Movies", "BuyMovieTickets"),
            ("Movies", "FindMovies"),
            ("Movies", "GetTimesForMovie"),
            ("Media", "FindMovies"),
            ("Media", "RentMovie"),
            ("Restaurants", "ReserveRestaurant"),
            ("RentalCars", "GetCarsAvailable"),
            ("RentalCars", "ReserveCar"),
            ("Services", "BookAppointment"),
            ("Services", "FindProvider"),
            ("Trains", "FindTrains"),
            ("Trains", "GetTrainTickets"),
            ("Buses", "BuyBusTicket"),
            ("Buses", "FindBus"),
            ("Messaging", "ShareLocation"),
        )
    },
}
# Left out on purpose: RideSharing (a ride somewhere is close to nav.navigate), Travel FindAttractions and
# Restaurants FindRestaurants (close to nav.find_poi), Media PlayMovie and Music Lookup* (close to media.play).

# SGD slot -> catalogue span slot, per catalogue intent. Music slots are merged into one query span.
SLOT_MAP: dict[str, dict[str, str]] = {
    "info.weather": {"city": "place", "date": "when"},
    "media.play": {"song_name": "query", "track": "query", "artist": "query", "album": "query", "genre": "query"},
}
# A word right after a music span that the catalogue's query convention keeps with it ("jazz music").
QUERY_HEAD_NOUNS = ("music", "songs", "song", "album", "playlist", "tracks", "track", "tunes")
MAX_QUERY_GAP_WORDS = 2  # "Shape of You by Ed Sheeran": the words between two music spans
# Words the catalogue has no slot for, said beside the request ("on the kitchen speaker"): left untagged.
IGNORED_SLOTS = {"media.play": {"playback_device", "device"}}
# Caps keep the corpus from outweighing the generator's share of an intent (about 1,250 out-of-scope, 820
# weather and 200 confirmation examples in English).
CAPS = {OUT_OF_SCOPE: 1200, "info.weather": 800, "dialog.confirm": 200, "dialog.deny": 200}
MAX_CHARACTERS = 96  # the tokeniser's length: a longer turn would be cut, its request perhaps with it
ANSWER_ACTS = {("AFFIRM",): "dialog.confirm", ("NEGATE",): "dialog.deny"}
# A longer yes or no goes on to other business ("Yes, that's good. Reserve for 11."): not a bare answer.
MAX_ANSWER_WORDS = 6


def _norm(text: str) -> str:
    return " ".join(text.lower().strip(" .!?。！？").split())


@lru_cache(maxsize=4)
def evaluation_texts(model_dir: Path) -> frozenset[str]:
    """Normalised texts of every evaluation item (dev, open, compound, external and their parts)."""
    texts: set[str] = set()
    for path in sorted((model_dir / "data").glob("*.jsonl")) + sorted((model_dir / "external").glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            row = json.loads(line)
            if "text" in row:
                texts.add(_norm(row["text"]))
            texts.update(_norm(part["text"]) for part in row.get("parts", []) if "text" in part)
    return frozenset(texts)


def _request_item(utterance: str, frame: dict, intent: str) -> dict | None:
    """The catalogue item of a user turn that opens a request, or None when it does not map cleanly."""
    slot_map = SLOT_MAP.get(intent, {})
    spans = []
    for span in frame.get("slots", []):
        if span["slot"] in slot_map:
            spans.append((slot_map[span["slot"]], span["start"], span["exclusive_end"]))
        elif intent != OUT_OF_SCOPE and span["slot"] not in IGNORED_SLOTS.get(intent, ()):
            return None  # a slot the catalogue has no room for ("on the kitchen speaker"): unclear label
    if intent == "media.play":
        spans = _merge_query(utterance, spans)
        if not spans:
            return None  # "play it" after a search: the song is in the dialogue, not in the words
    by_slot = Counter(slot for slot, _, _ in spans)
    if any(n > 1 for n in by_slot.values()):
        return None  # two places or two dates: no single catalogue slot
    slots: dict[str, object] = {}
    for slot, start, end in spans:
        value = normalize_span_value(slot, utterance[start:end], intent)
        if value is None:
            return None
        slots[slot] = value
    return {
        "text": utterance,
        "intent": intent,
        "slots": slots,
        "spans": sorted([slot, start, end] for slot, start, end in spans),
    }


def _merge_query(utterance: str, spans: list[tuple[str, int, int]]) -> list[tuple[str, int, int]]:
    """The music spans of a turn as one query span, extended over a head noun right after it."""
    if not spans:
        return []
    start, end = min(s for _, s, _ in spans), max(e for _, _, e in spans)
    covered = sorted((s, e) for _, s, e in spans)
    for (_, prev_end), (next_start, _) in zip(covered, covered[1:], strict=False):
        if len(utterance[prev_end:next_start].split()) > MAX_QUERY_GAP_WORDS:
            return []
    following = utterance[end:].lstrip()
    for noun in QUERY_HEAD_NOUNS:
        if following.lower().startswith(noun) and not following[len(noun) : len(noun) + 1].isalpha():
            end = end + (len(utterance[end:]) - len(following)) + len(noun)
            break
    return [("query", start, end)]


class CorpusFileError(ValueError):
    """A dialogue file that is not SGD's format: the message names the file and what was expected."""


EXPECTED = (
    "a JSON list of dialogues {dialogue_id, turns: [{speaker, utterance, frames: [{service, actions, "
    "slots, state}]}]} as in SGD's train/dev/test folders"
)


def turns(paths: Iterable[Path]) -> Iterable[tuple[str, dict]]:
    """(dialogue id and turn index, user turn) of every dialogue file."""
    for path in paths:
        try:
            dialogues = json.loads(path.read_text(encoding="utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError) as error:
            raise CorpusFileError(f"{path}: not JSON ({error}); expected {EXPECTED}") from None
        if not isinstance(dialogues, list):
            raise CorpusFileError(f"{path}: expected {EXPECTED}")
        for number, dialogue in enumerate(dialogues, 1):
            try:
                for index, turn in enumerate(dialogue["turns"]):
                    if turn["speaker"] == "USER":
                        _check_turn(turn)
                        yield f"{dialogue['dialogue_id']}:{index}", turn
            except (KeyError, TypeError, AttributeError, ValueError) as error:
                raise CorpusFileError(
                    f"{path}: dialogue {number}: {type(error).__name__} {error}; expected {EXPECTED}"
                ) from None


def _check_turn(turn: dict) -> None:
    """The fields map_turn reads, with their types, so that a damaged file is named rather than half-read."""
    if not isinstance(turn["utterance"], str) or not isinstance(turn["frames"], list):
        raise ValueError("utterance must be text and frames a list")
    for frame in turn["frames"]:
        if not isinstance(frame["service"], str) or not isinstance(frame["state"]["active_intent"], str):
            raise ValueError("a frame needs a service and a state.active_intent")
        if not all(isinstance(action["act"], str) for action in frame["actions"]):
            raise ValueError("every action needs an act")
        for span in frame.get("slots", []):
            start, end = span["start"], span["exclusive_end"]
            if not (
                isinstance(span["slot"], str)
                and type(start) is int
                and type(end) is int
                and 0 <= start < end <= len(turn["utterance"])
            ):
                raise ValueError(f"span {span!r} is not inside the utterance")


def map_turn(turn: dict) -> dict | None:
    frames = turn["frames"]
    if len(frames) != 1:
        return None
    frame = frames[0]
    acts = tuple(sorted({action["act"] for action in frame["actions"]}))
    if acts in ANSWER_ACTS:
        if len(turn["utterance"].split()) > MAX_ANSWER_WORDS:
            return None
        return {"text": turn["utterance"], "intent": ANSWER_ACTS[acts], "slots": {}, "spans": []}
    if "INFORM_INTENT" not in acts:
        return None
    service = frame["service"].split("_")[0]
    intent = INTENT_MAP.get((service, frame["state"]["active_intent"]))
    return None if intent is None else _request_item(turn["utterance"], frame, intent)


# An out-of-scope turn that names a place the car finds (nav.find_poi's categories and the words for them) is left
# out: "book a table at a restaurant" is a booking the car cannot make, but trained as out_of_scope it teaches that
# "find me a restaurant" is out of scope too.
_PLACE_THE_CAR_FINDS = re.compile(
    r"\b(restaurants?|eat(ery|eries|ing)?|food|lunch|dinner|breakfast|caf[eé]s?|coffee|parking|park my car|"
    r"gas|petrol|fuel|charg(er|ers|ing)|rest (area|stop)s?|toilets?|restrooms?|bathrooms?)\b",
    re.IGNORECASE,
)


def names_a_place_the_car_finds(item: dict) -> bool:
    return item["intent"] == OUT_OF_SCOPE and _PLACE_THE_CAR_FINDS.search(item["text"]) is not None


def build(sgd_root: Path, model_dir: Path) -> tuple[list[dict], dict]:
    paths = sorted(sgd_root.glob("*/dialogues_*.json"))
    if not paths:
        raise FileNotFoundError(f"{sgd_root}: no */dialogues_*.json (expected the SGD repository's train/dev/test)")
    held_out = evaluation_texts(model_dir)
    by_intent: dict[str, dict[str, dict]] = {}
    dropped_as_evaluation = 0
    for turn_id, turn in turns(paths):
        item = map_turn(turn)
        if item is None:
            continue
        if len(item["text"]) > MAX_CHARACTERS or names_a_place_the_car_finds(item):
            continue
        key = _norm(item["text"])
        if key in held_out:
            dropped_as_evaluation += 1
            continue
        item["source_id"] = turn_id
        by_intent.setdefault(item["intent"], {}).setdefault(key, item)  # one copy of a repeated sentence
    rng = random.Random(SEED)
    items: list[dict] = []
    for intent in sorted(by_intent):
        pool = sorted(by_intent[intent].values(), key=lambda row: row["source_id"])
        if intent in CAPS and len(pool) > CAPS[intent]:
            pool = sorted(rng.sample(pool, CAPS[intent]), key=lambda row: row["source_id"])
        items += pool
    stats = {
        "files": len(paths),
        "dropped_as_evaluation": dropped_as_evaluation,
        "per_intent": dict(Counter(row["intent"] for row in items)),
    }
    return items, stats


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sgd", type=Path, required=True, help="folder holding SGD's train/ dev/ test/")
    parser.add_argument("--out", type=Path, default=OUT_PATH)
    args = parser.parse_args()
    try:
        items, stats = build(args.sgd, CORPUS_DIR.parent)
    except (FileNotFoundError, CorpusFileError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    with args.out.open("w", encoding="utf-8") as handle:
        for row in items:
            handle.write(json.dumps({**row, "source": "sgd", "licence": "CC-BY-SA-4.0"}, ensure_ascii=False) + "\n")
    print(f"wrote {len(items)} items to {args.out}: {json.dumps(stats)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
