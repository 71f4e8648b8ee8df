from __future__ import annotations

import numpy as np
import pytest

from cockpit.nlu.tokenizer import N_HASHED_FEATURES, CharTokenizer, detect_lang, normalize_char


def _tokenizer(max_length: int = 16) -> CharTokenizer:
    return CharTokenizer(["a", "c", "空", "调"], hash_buckets=1000, max_length=max_length)


def test_one_position_per_character_for_chinese_without_segmenter():
    encoded = _tokenizer().encode("打开空调")
    assert encoded.length == 4
    assert encoded.char_ids.tolist() == [1, 1, 4, 5]  # 打/开 unknown (UNK=1), 空/调 in vocabulary
    assert encoded.ngram_ids.shape == (4, N_HASHED_FEATURES)


def test_hashed_ids_are_stable_and_in_range():
    first = _tokenizer().encode("turn on the ac").ngram_ids
    second = _tokenizer().encode("turn on the ac").ngram_ids
    assert np.array_equal(first, second)
    assert first.min() >= 1 and first.max() < 1000  # 0 is reserved for padding


def test_typo_keeps_most_ngrams():
    clean = set(_tokenizer(32).encode("temperature").ngram_ids[:, :2].ravel().tolist())
    typo = set(_tokenizer(32).encode("tempreature").ngram_ids[:, :2].ravel().tolist())
    assert len(clean & typo) >= len(clean) // 2


def test_normalisation_full_width_and_case():
    assert normalize_char("Ａ") == "a"
    assert normalize_char("２") == "2"
    assert normalize_char("\u3000") == " "
    assert _tokenizer().encode("AC").char_ids.tolist() == _tokenizer().encode("ac").char_ids.tolist()


def test_truncation_and_batch_padding():
    tokenizer = _tokenizer(max_length=5)
    assert tokenizer.encode("abcdefgh").length == 5
    char_ids, ngram_ids, mask = tokenizer.encode_batch(["ac", "acac"])
    assert char_ids.shape == (2, 4) and ngram_ids.shape == (2, 4, N_HASHED_FEATURES)
    assert mask.tolist() == [[1, 1, 0, 0], [1, 1, 1, 1]]


def test_config_round_trip():
    tokenizer = _tokenizer()
    again = CharTokenizer.from_config(tokenizer.to_config())
    assert np.array_equal(again.encode("空调 ac").ngram_ids, tokenizer.encode("空调 ac").ngram_ids)


def test_detect_lang():
    assert detect_lang("把温度调到22度") == "zh"
    assert detect_lang("set it to 22 degrees") == "en"


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("what's the forecast for 杭州 tomorrow", "en"),
        ("navigate to 西湖", "en"),
        ("turn on the AC in 卧室", "en"),
        ("帮我把AC打开", "zh"),
        ("volume调小一点", "zh"),
        ("play 周杰伦", "zh"),
        ("导航去Starbucks", "zh"),
        ("放一首Taylor Swift的歌", "zh"),
        ("hey xiaomi 打开空调", "zh"),
    ],
)
def test_a_sentence_is_in_the_language_of_its_frame_not_of_a_name_in_it(text, lang):
    assert detect_lang(text) == lang


def test_the_ngram_cache_never_changes_an_id(monkeypatch):
    # A cockpit's tokenizer keeps the n-grams it has hashed; a cache emptied when full (a hostile stream of new
    # text) must give every text the ids a fresh tokenizer gives it, in any order, empty or zero-length.
    import zlib

    from cockpit.nlu import tokenizer as tokenizer_module

    monkeypatch.setattr(tokenizer_module, "_CACHED_FEATURES", 8)
    texts = ["turn on the ac", "打开空调", "", "a\ud800b", "turn on the ac", "Ｔｕｒｎ ＯＮ", "空调调到二十二度"] * 3
    kept = _tokenizer()
    for text in texts:
        assert np.array_equal(kept.encode(text).ngram_ids, _tokenizer().encode(text).ngram_ids), text
        assert len(kept._buckets) <= 8
    assert kept._bucket("bab") == 1 + zlib.crc32(b"bab") % 999
    assert kept.encode("").ngram_ids.shape == (0, N_HASHED_FEATURES)


def test_the_shipped_model_reads_the_features_it_was_trained_on():
    """The model's weights mean something only for the exact ids training computed: any change to how the
    tokeniser encodes (a faster loop, another word splitter) must leave every id as it was. The digest was taken
    with the tokeniser the shipped model was trained with (its hash buckets, 20 000)."""
    import hashlib
    import json

    from cockpit.nlu.model import DEFAULT_MODEL_PATH

    config = json.loads(DEFAULT_MODEL_PATH.with_suffix(".json").read_text(encoding="utf-8"))["tokenizer"]
    tokenizer = CharTokenizer.from_config(config)
    texts = [
        "Turn the A/C to 22°C, don't wait!",
        "把空调调到二十二度",
        'play Hall & Oates\' "Rich Girl" on e-mail',
        "ＦＵＬＬ width Ⅻ",
        "",
        "x",
    ]
    digest = hashlib.sha256()
    for text in texts:
        encoded = tokenizer.encode(text)
        digest.update(encoded.ngram_ids.tobytes())  # hashed: the same for any vocabulary a retraining builds
        vocabulary = {ch: i + 2 for i, ch in enumerate(config["vocab"])}
        expected_ids = [vocabulary.get(normalize_char(ch), 1) for ch in text]
        assert encoded.char_ids.tolist() == expected_ids
    assert digest.hexdigest() == "d5baa3e7f4671642f4ba4c6cb8ab8164fbaa3a306871bf9206e735ea648342c3"
