"""From per-character tag scores to slot spans: constrained Viterbi over BIO tags, then word boundaries.

Taking each character's best tag on its own gives broken spans: "I-contact" with no "B-", a name cut
in the middle of a word ("call my brother" -> "b"), a number cut to its last digit ("45 degrees" ->
"5"). Two rules fix the class, not the examples:

* Viterbi decoding over the tag log-probabilities with the BIO grammar as hard transitions: I-x only
  after B-x or I-x. The best *valid* tag sequence wins, so a span is decided as a whole.
* A span never starts or ends inside an English word or a number: it grows to the word's edges
  ("b" in "brother" becomes "brother", "5" in "45" becomes "45").

* A Chinese span does not start or end inside a Chinese word either: a word segmenter (jieba's dictionary and
  HMM, through `rjieba`) marks the characters that continue a word, and the Viterbi path pays INSIDE_WORD_PENALTY
  for every span edge it puts there ("今天法国" is 今天 + 法国, not 今 + 天法国). It is a penalty, not a rule,
  because the segmenter errs on names it does not know ("19日离这里": 日离); the model's own scores can outvote it.

Two repairs then move a span's edge by one character or word where the model's own scores say the valid path
cut it short: `reach_back` (a Chinese span begun a character late) and `reach_forward` (an English name ended a
word early: "Wagga Wagga", "Uncle Raj").
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Sequence

import numpy as np

from cockpit.nlu.catalogue import FREE_TEXT_SLOTS, NUMERIC_SLOTS
from cockpit.nlu.postprocess import (
    EN_NUMBER_PHRASE,
    EN_NUMBER_WORDS,
    TITLES_WITH_A_STOP,
    ZH_NUMERALS,
    ZH_TIME_OFFSETS,
    ZH_TIME_UNITS,
    ends_in_abbreviation,
)
from cockpit.nlu.tokenizer import is_cjk

_NEG = -1e9


def transition_mask(tags: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
    """(allowed[prev, next], allowed_first[tag]) as additive scores: 0 allowed, -1e9 forbidden."""
    n = len(tags)
    allowed = np.zeros((n, n), dtype=np.float32)
    first = np.zeros(n, dtype=np.float32)
    for j, tag in enumerate(tags):
        if not tag.startswith("I-"):
            continue
        first[j] = _NEG
        for i, prev in enumerate(tags):
            if prev[2:] != tag[2:]:
                allowed[i, j] = _NEG
    return allowed, first


def edge_mask(tags: Sequence[str]) -> np.ndarray:
    """edge[prev, next] is 1 where the step from tag prev to tag next puts a span edge between the two characters
    (a span begins: next is B-x; a span ends: prev is in a span and next is O), else 0."""
    n = len(tags)
    edge = np.zeros((n, n), dtype=np.float32)
    for j, tag in enumerate(tags):
        for i, prev in enumerate(tags):
            if tag.startswith("B-") or (tag == "O" and prev != "O"):
                edge[i, j] = 1.0
    return edge


def viterbi(
    log_probs: np.ndarray,
    allowed: np.ndarray,
    first: np.ndarray,
    inside_word: np.ndarray | None = None,
    edge: np.ndarray | None = None,
) -> list[int]:
    """The best tag index per position under the transition constraints. log_probs: [L, T]. With `inside_word`
    ([L] bool: the character continues the word of the one before) and `edge` (edge_mask), a span edge put inside
    a word costs INSIDE_WORD_PENALTY."""
    length = log_probs.shape[0]
    if length == 0:
        return []
    greedy = log_probs.argmax(axis=1)
    inside = inside_word[:length] if inside_word is not None else None
    edges = edge if edge is not None and inside is not None else np.zeros_like(allowed)
    # The unconstrained best path is the constrained best when it breaks no transition (the usual case).
    valid = first[greedy[0]] == 0 and not allowed[greedy[:-1], greedy[1:]].any()
    if valid and (inside is None or not (edges[greedy[:-1], greedy[1:]] * inside[1:]).any()):
        return greedy.tolist()
    inside_cost = allowed + INSIDE_WORD_PENALTY * edges
    score = log_probs[0] + first
    back = np.zeros((length, log_probs.shape[1]), dtype=np.int64)
    for t in range(1, length):
        step = inside_cost if inside is not None and inside[t] else allowed
        candidates = score[:, None] + step  # [prev, next]
        back[t] = candidates.argmax(axis=0)
        score = candidates.max(axis=0) + log_probs[t]  # the very entries argmax picked
    best = [int(score.argmax())]
    for t in range(length - 1, 0, -1):
        best.append(int(back[t, best[-1]]))
    return best[::-1]


# Log-probability a span edge pays inside a Chinese word; chosen on the dev set and tune halves among 1, 2, 4, 8
# (models/nlu/MODEL_CARD.md: 4 is level with 2 or better on every Mandarin cell, 8 trades open for external).
INSIDE_WORD_PENALTY = -4.0


def chinese_word_continuations(text: str, guessed_words: bool = True) -> np.ndarray:
    """[len(text)] bool, read-only: True where a Han character continues the segmenter's word that holds the
    character before it. False everywhere for a text without Han characters (the segmenter is not even called).
    guessed_words=False keeps the dictionary's words only, not those the segmenter's HMM guesses for unknown runs
    ("灯关了" is 灯关/了 with them, 灯/关/了 without). One request asks for the same text's words several times
    (its joints, its places, its rooms, its borrowings): each is segmented once."""
    return _word_continuations(text, guessed_words)


# A few texts only: those of the request being read (its joints, its places, its rooms ask again); kept small, so
# that a request said again later is segmented again, as `python main.py bench` must measure it.
@functools.lru_cache(maxsize=8)
def _word_continuations(text: str, guessed_words: bool) -> np.ndarray:
    inside = _segmented(text, guessed_words)
    inside.flags.writeable = False
    return inside


def _segmented(text: str, guessed_words: bool) -> np.ndarray:
    inside = np.zeros(len(text), dtype=bool)
    if not any(is_cjk(ch) for ch in text):
        return inside
    import rjieba  # imported on use: English-only sessions never load the dictionary

    words = rjieba.cut(text, guessed_words)
    if sum(len(word) for word in words) != len(text):  # a segmenter that lost a character: no word edges at all
        return inside
    position = 0
    for word in words:
        for offset in range(1, len(word)):
            if is_cjk(word[offset]) and is_cjk(word[offset - 1]):
                inside[position + offset] = True
        position += len(word)
    return inside


def _is_word_char(ch: str) -> bool:
    """Letters of alphabetic scripts (Björk, Hernández), digits of any script, and the marks inside words.
    Han characters are not: Chinese has no spaces, so every character is its own boundary."""
    return (ch.isalnum() and not is_cjk(ch)) or ch in "'-."


def snap_to_words(text: str, start: int, end: int) -> tuple[int, int]:
    """Grow [start, end) so that it does not cut an English word or a number (digits of any script)."""
    while start > 0 and _is_word_char(text[start - 1]) and _is_word_char(text[start]):
        start -= 1
    while end < len(text) and _is_word_char(text[end - 1]) and _is_word_char(text[end]):
        end += 1
    # a trailing "." or "'" belongs to the sentence, not the word ("call Anna." -> "Anna"), unless the "." closes
    # an abbreviation ("at 9 a.m."), which a span left short of it gets back
    if text[end : end + 1] == "." and ends_in_abbreviation(text[start : end + 1]):
        end += 1
    while end > start + 1 and text[end - 1] in ".'-" and not ends_in_abbreviation(text[start:end]):
        end -= 1
    return start, end


def spans(text: str, tags: Sequence[str]) -> list[tuple[str, int, int]]:
    """(slot, start, end) for each tagged run, grown to word boundaries; an I- without B- starts a span."""
    found: list[tuple[str, int, int]] = []
    current, begin = None, 0
    for i, tag in enumerate([*tags, "O"]):
        slot = tag[2:] if tag != "O" else None
        if current is not None and (slot != current or tag.startswith("B-")):
            found.append((current, begin, i))
            current = None
        if slot is not None and current is None:
            current, begin = slot, i
    snapped: list[tuple[str, int, int, int]] = []  # slot, start, end, characters the model itself tagged
    for slot, begin, finish in found:
        tagged = finish - begin
        begin, finish = snap_to_words(text, begin, finish)
        if snapped and snapped[-1][2] >= begin:
            last_slot, last_begin, last_end, last_tagged = snapped[-1]
            if last_slot == slot:  # two pieces of one word, or of one name ("这" + "个周末")
                snapped[-1] = (slot, last_begin, max(finish, last_end), last_tagged + tagged)
                continue
            if last_end > begin:
                # One word tagged as two slots ("Lisbo|n"): the slot that holds more of it keeps the word.
                if last_tagged >= tagged:
                    continue
                snapped.pop()
        snapped.append((slot, begin, finish, tagged))
    return [(slot, begin, finish) for slot, begin, finish, _ in snapped]


def reach_back(
    text: str, found: list[tuple[str, int, int]], log_probs: np.ndarray, tag_index: dict[str, int]
) -> list[tuple[str, int, int]]:
    """A Chinese span began one character earlier when the model read its first character as the *inside* of a
    span (I- over B-), or read the character before as that span's beginning nearly as often as outside
    (REACH_BACK_MIN): the valid path had to start it late ("放周杰伦的歌": 周 outside 0.51 / beginning 0.48, 杰
    beginning → the name is 周杰伦). English needs no such repair: spans grow to whole words."""
    taken = {i for _, b, e in found for i in range(b, e)}
    repaired = []
    for slot, begin, end in found:
        if (
            begin > 0
            and begin < log_probs.shape[0]
            and is_cjk(text[begin])
            and is_cjk(text[begin - 1])
            and begin - 1 not in taken
            and (
                log_probs[begin, tag_index[f"I-{slot}"]] > log_probs[begin, tag_index[f"B-{slot}"]]
                or log_probs[begin - 1, tag_index[f"B-{slot}"]] >= REACH_BACK_MIN_LOG_PROB
            )
        ):
            begin -= 1
        repaired.append((slot, begin, end))
    return repaired


REACH_BACK_MIN_LOG_PROB = float(np.log(0.3))

# An English number said in words runs over several words, "one and a half", "twenty two point five", which the
# tagger may cut ("a half" of "one and a half degrees cooler" read 0.5; "one" of it 1.0).
_EN_WHOLE_NUMBER = re.compile(
    rf"\b{EN_NUMBER_PHRASE}\b"
    r"|\ba\s+half\b",
    re.IGNORECASE,
)


def numbers_the_intent_takes(found: list[tuple[str, int, int]], wanted: Sequence[str]) -> list[tuple[str, int, int]]:
    """A temperature read in a request that changes the temperature by some degrees is that change, when no change
    was read, or is the same number's other piece: "one and a half" of "make it one and a half degrees cooler"
    (tagged a temperature, then dropped; "a half degrees" tagged the change)."""
    read = {slot for slot, _, _ in found}
    if "delta" not in wanted or "temperature" in wanted or "temperature" not in read:
        return found
    return [("delta" if slot == "temperature" else slot, begin, end) for slot, begin, end in found]


def reach_whole_number(text: str, found: list[tuple[str, int, int]]) -> list[tuple[str, int, int]]:
    """A number slot's span grows to the whole English number it is part of (see _EN_WHOLE_NUMBER); a span of
    another slot, or one whose whole number would reach into another span, is left as it is."""
    if not any(slot in NUMERIC_SLOTS for slot, _, _ in found) or not text.isascii():
        return found
    numbers = [(m.start(), m.end()) for m in _EN_WHOLE_NUMBER.finditer(text)]
    grown: list[tuple[str, int, int]] = []
    for slot, begin, end in found:
        whole = next(((b, e) for b, e in numbers if b <= begin < e or b < end <= e), None)
        if slot in NUMERIC_SLOTS and whole is not None:
            others = [(s, b, e) for s, b, e in found if (s, b, e) != (slot, begin, end)]
            if not any(b < whole[1] and whole[0] < e for s, b, e in others if s != slot):
                begin, end = min(begin, whole[0]), max(end, whole[1])
        if grown and grown[-1][0] == slot and slot in NUMERIC_SLOTS and begin < grown[-1][2]:
            grown[-1] = (slot, min(begin, grown[-1][1]), max(end, grown[-1][2]))  # two pieces of one number
            continue
        grown.append((slot, begin, end))
    return grown


def _without_trailing_connector(text: str, begin: int, end: int) -> int:
    """The end of [begin, end) without the spaces and the connector it ends in ("jazz and " -> "jazz")."""
    while end - 1 > begin and text[end - 1] == " ":
        end -= 1  # a span that took the space after its last word ends at the word
    words = text[begin:end].split()
    if len(words) > 1 and words[-1].lower() in _TRAILING_CONNECTORS:
        end = begin + len(text[begin:end][: -len(words[-1])].rstrip())
    return end


def reach_forward(
    text: str, found: list[tuple[str, int, int]], log_probs: np.ndarray, tag_index: dict[str, int]
) -> list[tuple[str, int, int]]:
    """A free-text name in an alphabetic script goes on over the next word when the model reads that word as the
    span's inside often enough (REACH_FORWARD_MIN, mean over its characters): the valid path ended it a word early
    ("weather in Wagga Wagga", "call Uncle Raj"). A word another span holds stops it, unless the name would end in
    a joiner ("the Museum of", "Terminal 2 at"): no name does, so the next word is the name's whatever the model
    reads, and a span of the same slot that begins there is the rest of the name. A name never ends in a connector
    either: when the model's own span ends in one, the name goes on over the next word ("rock and" + "roll");
    when the growth reached it on the scores and stopped, it ends before it ("play jazz and" is jazz: the "and"
    joins two commands)."""
    holder = _span_holders(found)
    length = min(len(text), log_probs.shape[0])
    repaired, absorbed = [], set()
    for index, (slot, begin, end) in enumerate(found):
        if index in absorbed:
            continue
        if slot not in FREE_TEXT_SLOTS:
            repaired.append((slot, begin, end))
            continue
        while end - 1 > begin and text[end - 1] == " ":
            end -= 1  # a span that took the space after its last word ends at the word
        read_on = end  # where the model's own span ended: a connector in it says the name goes on
        while end + 1 < length and text[end] == " " and not is_cjk(text[end - 1]):
            word_end = end + 1
            while word_end < length and _is_word_char(text[word_end]):
                word_end += 1
            word = range(end + 1, word_end)
            if not word or (word_end < len(text) and _is_word_char(text[word_end])):
                break
            last = text[begin:end].split()[-1].lower()
            dangling = last in _DANGLING_JOINERS or (end == read_on and last in _TRAILING_CONNECTORS)
            owners = {holder[i] for i in word if i in holder} - {index}
            if owners:
                rest = min(owners)
                if not dangling or found[rest][0] != slot or found[rest][1] != end + 1:
                    break
                absorbed.add(rest)  # "Terminal 2 at" + "Heathrow": one name
                end = found[rest][2]
                continue
            inside = float(np.exp(log_probs[end + 1 : word_end, tag_index[f"I-{slot}"]]).mean())
            if not dangling and inside < REACH_FORWARD_MIN:
                break
            end = word_end
        repaired.append((slot, begin, _without_trailing_connector(text, begin, end)))
    return repaired


REACH_FORWARD_MIN = 0.15
# Words no name ends in, so the word after one is the name's ("the Museum of" + "Science", "my" + "chill
# playlist"; "Hold On" and "Stand By" do end in "on" and "by"). A connector is one only where the model's own
# span ends in it; reached by the growth, it is the joint of two commands ("play jazz and" + "open the window").
_DANGLING_JOINERS = frozenset(
    {"of", "the", "de", "du", "la", "le", "del", "von", "van", "at", "a", "an", "some", "my", "our", "your"}
)
_TRAILING_CONNECTORS = frozenset({"and", "&", "then", "plus"})


def recover_words(
    text: str,
    found: list[tuple[str, int, int]],
    log_probs: np.ndarray,
    tag_index: dict[str, int],
    wanted: Sequence[str],
) -> list[tuple[str, int, int]]:
    """A free-text slot the intent takes and the path left empty gets the alphabetic words the model reads as
    inside it (B- or I-, mean over each word's letters after its first, at least RECOVER_WORD_MIN): the grammar
    of the tags wants a B- first, and a word whose first letter the model did not open the span on ("give noah a
    call": n outside, "oah" inside) was left out whole. Only a run of such words next to each other, in no other
    span."""
    have = {slot for slot, _, _ in found}
    taken = {i for _, b, e in found for i in range(b, e)}
    length = min(len(text), log_probs.shape[0])
    recovered = list(found)
    for slot in wanted:
        if slot in have or slot not in FREE_TEXT_SLOTS:
            continue
        columns = [tag_index[f"B-{slot}"], tag_index[f"I-{slot}"]]
        inside = np.exp(log_probs[:length, columns]).sum(axis=1)
        run: list[tuple[int, int]] = []
        for begin, end in words_with_offsets(text):
            if end > length or is_cjk(text[begin]) or taken.intersection(range(begin, end)):
                votes = False
            else:
                # the word's first letter aside: it is where the model did not open the span
                votes = float(inside[begin + 1 if end - begin > 1 else begin : end].mean()) >= RECOVER_WORD_MIN
            if votes and (not run or not text[run[-1][1] : begin].strip()):
                run.append((begin, end))
            elif run:
                break
            else:
                run = []
        if run:
            recovered.append((slot, run[0][0], run[-1][1]))
            taken |= set(range(run[0][0], run[-1][1]))
    return sorted(recovered, key=lambda span: span[1])


RECOVER_WORD_MIN = 0.5


# Small words that may stand inside a proper name between two capitalised words ("Museum of Science and Industry").
_NAME_JOINERS = frozenset({"of", "and", "the", "de", "du", "la", "le", "del", "von", "van", "on", "by"})


def _span_holders(found: list[tuple[str, int, int]]) -> dict[int, int]:
    """Character position -> index of the span that holds it."""
    return {i: n for n, (_, b, e) in enumerate(found) for i in range(b, e)}


@functools.lru_cache(maxsize=64)
def words_with_offsets(text: str) -> tuple[tuple[int, int], ...]:
    """The (start, end) of every word of a Latin-script text; cached: both span growths of a reading ask for the
    same text's words."""
    found, start = [], None
    for i, ch in enumerate([*text, " "]):
        if (ch.isalnum() or ch in "'-.") and not is_cjk(ch):
            start = i if start is None else start
        elif start is not None:
            found.append((start, i))
            start = None
    return tuple(found)


def reach_capitalised(text: str, found: list[tuple[str, int, int]]) -> list[tuple[str, int, int]]:
    """A free-text name written with capitals goes on over the capitalised words that follow it ("Tahquamenon Falls
    State Park", "Roseburg, Iowa", "the Museum of Science and Industry") and back over those before it ("Rosewood
    Heights", "Little Jimmy Dickens"): in English a proper name is the run of capitalised words, whatever the model
    read. Not in a text written all in capitals or in title case, where
    capitals say nothing, nor over a word another span holds."""
    words = words_with_offsets(text)
    if len(words) < 2:
        return found
    capitalised = [text[b].isupper() for b, _ in words]
    letters = [ch for ch in text if ch.isalpha()]
    title_case = capitalised[0] and len(words) >= 4 and sum(capitalised) >= 0.8 * len(words)
    if title_case or (letters and all(ch.isupper() for ch in letters)):
        return found  # capitals say nothing here
    found = _names_keep_their_words(text, found)
    repaired: list[tuple[str, int, int]] = []
    absorbed: set[int] = set()  # spans of the same slot taken into a name ("… State" + "Park")
    holder = _span_holders(found)
    for index, (slot, begin, end) in enumerate(found):
        if index in absorbed:
            continue
        if slot in FREE_TEXT_SLOTS and end > 0 and not is_cjk(text[end - 1]) and _ends_capitalised(text, begin, end):
            end, merged = _capitalised_run(text, words, capitalised, end, slot, found, holder, index)
            absorbed |= merged
        if slot in FREE_TEXT_SLOTS and begin < len(text) and not is_cjk(text[begin]):
            begin = _capitalised_start(text, words, capitalised, begin, holder)
        repaired.append((slot, begin, end))
    return repaired


def _names_keep_their_words(text: str, found: list[tuple[str, int, int]]) -> list[tuple[str, int, int]]:
    """A capitalised word that is no time word, read as the start of a time right after a name and before the time's
    own lower-case words, is the name's: "Mai" of "in Chiang Mai tonight" (the model took it for a month) goes back
    to "Chiang"."""
    repaired = list(found)
    for index, (slot, begin, end) in enumerate(repaired):
        if slot != "when":
            continue
        said = text[begin:end]
        word = said.split()[0] if said.split() else ""
        rest = said[len(word) :].split()
        if not rest:  # the time's own words in a span of their own after it ("Mai" + "tonight")
            after = next((text[b:e] for s, b, e in repaired if s == "when" and text[end:b] == " "), "")
            rest = after.split()
        if not said.startswith(word) or not word[:1].isupper() or not word.isalpha() or is_time_word(word):
            continue
        if not rest or not all(w.islower() and is_time_word(w) for w in rest):
            continue  # "Paris Christmas Day": a holiday is written with capitals, and a lone word may be one
        name = next((n for n, (s, _, e) in enumerate(repaired) if s in FREE_TEXT_SLOTS and text[e:begin] == " "), None)
        if name is None:
            continue
        word_end = begin + len(word)
        repaired[name] = (repaired[name][0], repaired[name][1], word_end)
        spaces = len(text[word_end:end]) - len(text[word_end:end].lstrip())
        repaired[index] = (slot, word_end + spaces, end)
    return [(slot, begin, end) for slot, begin, end in repaired if end > begin]


def _a_time(word: str) -> bool:
    """A word of a time that says the time itself (Tuesday, March, 2037), not one of the small words a title may
    open with ("This Is Colour", "The Wall")."""
    return is_time_word(word) and word.lower() not in _TIME_JOINERS


# Capitalised words that are no part of a name before them ("can I hear Star Tales").
_NEVER_A_NAMES_START = frozenset({"i", "i'm", "i'd", "i'll", "i've"})


def _capitalised_start(
    text: str, words: Sequence[tuple[int, int]], capitalised: list[bool], begin: int, holder: dict[int, int]
) -> int:
    """Where a name beginning at `begin` begins once it takes the capitalised words before it ("Rosewood" of
    "in Rosewood Heights", "Little" of "Little Jimmy Dickens", "Pride" of "the Pride and Prejudice audiobook");
    never the text's first word (a sentence's capital says nothing), a time word, nor a word another span holds."""
    first = next((n for n, (b, e) in enumerate(words) if b <= begin < e), None)
    if first is None or not (capitalised[first] or text[slice(*words[first])].lower() in _NAME_JOINERS):
        return begin
    start = first
    while start > 1:
        previous = start - 1
        if text[words[previous][1] : words[start][0]] != " " or any(i in holder for i in range(*words[previous])):
            break
        word = text[slice(*words[previous])]
        if capitalised[previous] and not _a_time(word) and word.lower() not in _NEVER_A_NAMES_START:
            start = previous
            continue
        joined = previous - 1
        if (
            word.lower() in _NAME_JOINERS
            and joined > 0
            and capitalised[joined]
            and text[words[joined][1] : words[previous][0]] == " "
            and not any(i in holder for i in range(*words[joined]))
            and not _a_time(text[slice(*words[joined])])
        ):
            start = joined
            continue
        break
    if not capitalised[start] or any(i in holder for i in range(words[start][0], begin)):
        return begin  # nothing capitalised was taken, or another span holds the word's start: the span stays as read
    return words[start][0]


# The titles written before a name with a full stop: the name goes on after it.
_A_TITLE = re.compile(rf"(?:^|\s)(?:{'|'.join(TITLES_WITH_A_STOP)})$")


def _capitalised_run(
    text: str,
    words: Sequence[tuple[int, int]],
    capitalised: list[bool],
    end: int,
    slot: str,
    found: list[tuple[str, int, int]],
    holder: dict[int, int],
    index: int,
) -> tuple[int, set[int]]:
    """Where the name ending at `end` ends once it takes the capitalised words after it, and the later spans of its
    own slot it took in; a word held by a span of another slot stops it."""
    kept_end, kept_merged, merged = end, set(), set()
    previous_end = end
    for position, (b, e) in enumerate(words):
        if b < end:
            continue
        gap = text[previous_end:b]
        owners = {holder[i] for i in range(b, e) if i in holder}
        after_a_title = gap == ". " and _A_TITLE.search(text, 0, previous_end) is not None  # "Mrs. Abernathy-Cole"
        if (gap not in (" ", ", ") and not after_a_title) or any(found[n][0] != slot or n == index for n in owners):
            break
        previous_end = e
        merged |= owners
        if capitalised[position]:
            kept_end, kept_merged = e, set(merged)
            continue
        if not (text[b:e].lower() in _NAME_JOINERS and gap == " "):
            break  # a joiner is kept only if a capitalised word follows it
    return kept_end, kept_merged


def _ends_capitalised(text: str, begin: int, end: int) -> bool:
    """The span's last word begins with a capital (the name was written as a name), or is a word that joins a name
    ("Despacito by" + "Luis Fonsi")."""
    start = end
    while start > begin and (text[start - 1].isalnum() or text[start - 1] in "'-."):
        start -= 1
    if start >= end:
        return False  # the span ends in a mark, not a word
    return text[start].isupper() or (start > begin and text[start:end].lower() in _NAME_JOINERS)


# Words a spoken English time is made of: "one minute from now", "next winter", "September the first, 2037",
# "in 23 hours and seventeen seconds", "eight a.m.".
_TIME_WORDS = frozenset(
    # one string split, not a 120-line list: the words read as the vocabulary they are
    """
    now from later ago before after next this last the of at in and a an
    second seconds minute minutes hour hours day days week weeks month months year years fortnight
    morning afternoon evening night noon midnight tonight today tomorrow yesterday weekend sunrise sunset dawn dusk
    winter spring summer fall autumn am pm a.m a.m. p.m p.m. o'clock oclock half quarter
    monday tuesday wednesday thursday friday saturday sunday
    january february march april may june july august september october november december
    jan jan. feb feb. mar mar. apr apr. jun jun. jul jul. aug aug. sep sep. sept sept. oct oct. nov nov. dec dec.
    first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth thirteenth fourteenth
    fifteenth sixteenth seventeenth eighteenth nineteenth twentieth thirtieth
    """.split()  # noqa: SIM905
)
# A time may not end in these: they only join the words around them.
_TIME_JOINERS = frozenset(
    {"from", "the", "of", "at", "in", "and", "a", "an", "before", "after", "this", "next", "last", "that"}
)


_AMOUNT_SLOTS = ("temperature", "delta", "level", "position")


def is_time_word(word: str) -> bool:
    w = word.lower().rstrip(",")
    if w in _TIME_WORDS or w in EN_NUMBER_WORDS:
        return True
    if "-" in w and all(part in EN_NUMBER_WORDS or part in _TIME_WORDS for part in w.split("-")):
        return True  # twenty-first, thirty-one
    return bool(w) and (w[0].isdigit() and all(ch.isdigit() or ch in ":./stndrh" for ch in w))  # 13:19, 21st, 2036


def reach_time(text: str, found: list[tuple[str, int, int]]) -> list[tuple[str, int, int]]:
    """An English time goes on over the time words after it ("one minute" + "from now", "next" + "winter",
    "september the" + "first"), taking in later pieces of the same time, never into a span of another slot, and
    never ends in a joiner ("from", "the", "and": "in 23 hours and" is "in 23 hours")."""
    words = words_with_offsets(text)
    holder = _span_holders(found)
    repaired, absorbed = [], set()
    for index, (slot, begin, end) in enumerate(found):
        if index in absorbed:
            continue
        if slot == "when" and end > 0 and not is_cjk(text[end - 1]):
            inside = [(b, e) for b, e in words if begin <= b and e <= end]
            kept = max((e for b, e in inside if text[b:e].lower().rstrip(",") not in _TIME_JOINERS), default=end)
            previous, merged, new_end = kept, set(), kept
            for position, (b, e) in enumerate(words):
                if b < kept:
                    continue
                word = text[b:e].lower().rstrip(",")
                owners = {holder[i] for i in range(b, e) if i in holder}
                # a number the model read as an amount of its own belongs to the time it stands in ("in 23 hours
                # and seventeen seconds"); a name or a span of any other slot stops the time
                other_slot = any(found[n][0] not in (slot, *_AMOUNT_SLOTS) for n in owners - {index})
                if text[previous:b].strip(" ,") or other_slot or not is_time_word(word):
                    break
                if word == "and" and not _is_number_word(words, position + 1, text):
                    break  # "and" joins the parts of one amount ("23 hours and 17 seconds"), not two times
                previous = e
                merged |= owners - {index}  # a later piece of the same time ("one minute" + "now")
                if word not in _TIME_JOINERS:
                    new_end = e
                    absorbed |= merged
            end = new_end
        repaired.append((slot, begin, end))
    return repaired


_ZH_NUMERALS = ZH_NUMERALS + "百千"
_ZH_WEEKDAY_WORDS = ("周", "期", "拜")  # 周六, 星期六, 礼拜六
# Words that open with a unit's character and are words of their own (天气, 时候, 号码): no unit is taken from them.
_ZH_WORDS_OPENED_BY_A_UNIT = ("天气", "时候", "时间", "日子", "号码", "点儿", "年纪", "月亮", "分享")


def _time_unit_at(text: str, position: int, after_number: bool) -> int:
    """The end of a Chinese time's number and unit from `position` ("七点", "4点半", or only "点" after a number
    already said), with the 后/前/以内 that makes it an offset ("四个" + "月后"); `position` when there is none."""
    end = position
    if after_number and text[max(0, position - 2) : position - 1] in _ZH_WEEKDAY_WORDS:
        return position  # 周六 names a day; its 六 counts nothing ("周六天气": 天 is the weather's)
    if not after_number:
        while end < len(text) and (text[end].isdigit() or text[end] in _ZH_NUMERALS):
            end += 1
        if end == position:
            return position
    for unit in ZH_TIME_UNITS:
        if text.startswith(unit, end) and not (unit.startswith("个") and text[end - 1 : end] == "个"):
            if any(text.startswith(word, end) for word in _ZH_WORDS_OPENED_BY_A_UNIT):
                return position
            end += len(unit)
            for offset in ZH_TIME_OFFSETS:
                if text.startswith(offset, end):
                    return end + len(offset)
            return end
    return position


def reach_time_unit(text: str, found: list[tuple[str, int, int]]) -> list[tuple[str, int, int]]:
    """A Chinese time takes the unit of its number, and the clock time said right after it: "纽约下午4点有风吗" is
    下午4点, not 下午4 (the segmenter joins 点 to the 有 after it); "下午七点卡斯特国家森林" is 下午七点 and the forest,
    "四个月后苏瓦尼阿克州" 四个月后 and the state; a counted time takes its offset ("三天以内的天气": 三天以内). A place
    never begins with a time's unit or a clock time. Only a place's span gives way: the unit taken from any other
    slot's stays where the model put it."""
    repaired = list(found)
    for index, (slot, begin, end) in enumerate(repaired):
        if slot != "when" or end <= begin:
            continue
        ends_in_number = text[end - 1].isdigit() or text[end - 1] in _ZH_NUMERALS + "个"
        new_end = _time_unit_at(text, end, after_number=ends_in_number)
        if new_end == end:
            new_end = end + _offset_after_a_count(text, begin, end)  # "三天" + "以内"
        if new_end == end:
            continue
        others = [n for n, (_, b, e) in enumerate(repaired) if n != index and b < new_end and e > end]
        if any(repaired[n][0] != "place" or repaired[n][1] != end for n in others):
            continue  # a span of another slot, or a place that began before the unit: left as read
        for n in others:
            place_begin, place_end = new_end, repaired[n][2]
            repaired[n] = ("place", place_begin, place_end)
        repaired[index] = (slot, begin, new_end)
    return _demonstrative_to_the_time(text, [(slot, begin, end) for slot, begin, end in repaired if end > begin])


def _demonstrative_to_the_time(text: str, found: list[tuple[str, int, int]]) -> list[tuple[str, int, int]]:
    """这 / 那 between a place and a time is the time's ("大理这两天": 大理 and 这两天, not 大理这 and 两天)."""
    repaired = list(found)
    for index, (slot, begin, end) in enumerate(repaired):
        if slot != "when" or begin == 0 or text[begin - 1] not in "这那":
            continue
        place = next((n for n, (s, _, e) in enumerate(repaired) if s == "place" and e == begin), None)
        if place is not None and repaired[place][2] - repaired[place][1] > 1:
            repaired[place] = ("place", repaired[place][1], begin - 1)
            repaired[index] = (slot, begin - 1, end)
    return repaired


def _offset_after_a_count(text: str, begin: int, end: int) -> int:
    """The length of the offset (以内, 之后, 后) right after a span that ends in a counted time ("三天", "两个小时"),
    0 when there is none or the span ends in a day's name (明天 counts nothing: "明天后天")."""
    unit = next((u for u in ZH_TIME_UNITS if text.endswith(u, begin, end)), None)
    before_unit = end - len(unit) - 1 if unit else -1
    if before_unit < begin or not (text[before_unit].isdigit() or text[before_unit] in _ZH_NUMERALS + "个"):
        return 0
    return next((len(o) for o in ZH_TIME_OFFSETS if text.startswith(o, end)), 0)


def _is_number_word(words: Sequence[tuple[int, int]], position: int, text: str) -> bool:
    if position >= len(words):
        return False
    b, e = words[position]
    word = text[b:e].lower()
    return word in EN_NUMBER_WORDS or word[:1].isdigit() or word in ("a", "an", "half")


# Time words that say no time on their own ("at", "in", "from"): a time read as only these is none.
_TIME_FUNCTION_WORDS = frozenset({"from", "ago", "before", "after", "next", "this", "last", "the", "of", "at", "in"})
_TIME_UNITS = frozenset({"second", "minute", "hour", "day", "week", "month", "year"})


def repaired_english_time(text: str, when: str) -> str | None:
    """An English time as said, where the tagger cut it or took a stray word: "from now" of "a year from now" is the
    whole count ("a year from now"), "place two hundred fourteen days from now" loses "place"; a time of function
    words only ("at", "in") or of one word that is no time ("below" of "below freezing today") is none (None)."""
    words = when.lower().split()
    if not words:
        return None
    if all(word in _TIME_FUNCTION_WORDS for word in words):
        return None
    if len(words) == 1 and not is_time_word(words[0]) and not when[:1].isupper():
        return None  # a lower-case word that says no time (a holiday is written with capitals)
    if words[-2:] == ["from", "now"]:
        said = text.lower().split()
        for end in range(len(said) - 1):
            if (
                said[end : end + 2] != ["from", "now"]
                or end == 0
                or said[end - 1].strip(",").removesuffix("s") not in _TIME_UNITS
            ):
                continue
            begin = end - 1
            while begin > 0 and (is_time_word(said[begin - 1]) and said[begin - 1] not in {"in", "at", "the", "of"}):
                begin -= 1
            original = text.split()
            return " ".join(original[begin : end + 2]).rstrip("?.!,")
    return when


def mandarin_room_at_word_edges(text: str, begin: int, end: int, rooms: Iterable[str]) -> tuple[int, int]:
    """A Mandarin room span moved to the edges of its words: one that starts inside a word of the dictionary starts
    after it ("闭餐厅" of "关闭餐厅的空调" is 餐厅: 关闭 is the verb), and one inside a listed room's name said there
    grows to that name ("玄" of "把玄关灯打开", where the segmenter reads 关灯 as one word, is 玄关)."""
    inside_word = chinese_word_continuations(text, guessed_words=False)
    while begin + 1 < end and inside_word[begin]:
        begin += 1
    for name in sorted(rooms, key=len, reverse=True):
        for found in re.finditer(re.escape(name), text):
            if found.start() <= begin and end <= found.end() and end - begin < len(name):
                return found.start(), found.end()
    return begin, end
