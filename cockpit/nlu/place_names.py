"""English place names (GeoNames cities, countries, US states and their postal codes; `place_names_en.txt.gz`, built by
models/nlu/build_place_names.py): where the tagger read no place in a weather question, a name of the list said
right after a word that places it ("in", "for", "at", "near", "around", "over") is the place ("what is the weather
in Ohio", "forecast for Boston"); a request that is only a way of asking to be driven to a listed place is that
("navigate to Boston": names the model met mostly in ordinary sentences, "Tom lives in Boston", it read as no
request at all)."""

from __future__ import annotations

import functools
import gzip
import re
from collections.abc import Sequence
from pathlib import Path

from cockpit.nlu.decode import chinese_word_continuations, is_time_word, words_with_offsets
from cockpit.nlu.postprocess import WHERE_WORDS, ends_in_abbreviation, without_enough_said

PLACE_NAMES_PATH = Path(__file__).resolve().parent / "place_names_en.txt.gz"
MANDARIN_PLACE_NAMES_PATH = Path(__file__).resolve().parent / "place_names_zh.txt.gz"
# The longest Mandarin name looked for, in characters (models/nlu/place_sources.py keeps none longer).
MAX_MANDARIN_NAME_CHARS = 9
# The longest name looked for, in words ("Salt Lake City", "Bosnia and Herzegovina").
MAX_NAME_WORDS = 4
_PLACING_WORDS = frozenset({"in", "for", "at", "near", "around", "over"})
# Small words written with a capital in a text that capitalises every word: never the next word of a name.
_NEVER_IN_A_NAME = _PLACING_WORDS | {"on", "to", "by", "or", "and", "from", "during", "until", "with"}


@functools.lru_cache(maxsize=2)
def _read_names(path: Path) -> frozenset[str]:
    lines = gzip.decompress(path.read_bytes()).decode("utf-8").splitlines()
    return frozenset(line for line in lines if line and not line.startswith("#"))


def shipped_place_names() -> frozenset[str]:
    return _read_names(PLACE_NAMES_PATH)


def shipped_mandarin_place_names() -> frozenset[str]:
    return _read_names(MANDARIN_PLACE_NAMES_PATH)


def mandarin_place(
    text: str, taken: set[int], around: tuple[int, int] | None = None, names: frozenset[str] | None = None
) -> tuple[int, int] | None:
    """(start, end) of the longest listed Mandarin place name in `text` outside the characters `taken` by other
    spans (the earliest of equally long ones): "查看内布拉斯加州的天气预报" -> 内布拉斯加州. With `around`, only a
    name that holds that span and is longer: the tagger's place cut short ("布拉斯加州") is the listed name."""
    names = shipped_mandarin_place_names() if names is None else names
    # A name never starts inside a word of the dictionary: 天全 (a county) is not said in 今天全天. Its end may be:
    # the segmenter joins a name's last character to the word after it (大理会 is 大/理会).
    inside_word = chinese_word_continuations(text, guessed_words=False)
    best: tuple[int, int] | None = None
    for begin in range(len(text)):
        if inside_word[begin]:
            continue
        for end in range(min(len(text), begin + MAX_MANDARIN_NAME_CHARS), begin + 1, -1):
            if best is not None and end - begin <= best[1] - best[0]:
                break
            if around is not None and not (
                begin <= around[0] and around[1] <= end and end - begin > around[1] - around[0]
            ):
                continue
            if text[begin:end] in names and not any(i in taken for i in range(begin, end)):
                best = begin, end
                break
    return best


def _listed(said: str, names: frozenset[str]) -> bool:
    """A name of the list as said in any case, or a postal code as written ("OH"); never a word of two letters
    in lower case ("Of" is a town)."""
    if said.isupper() and said in names:
        return True
    return len(said) > 2 and " ".join(said.lower().split()) in names


def _without_full_stop(said: str) -> str:
    """A name without the sentence's full stop; an abbreviation keeps its own ("Washington D.C.")."""
    return said if ends_in_abbreviation(said) else said.rstrip(".")


def placed_name(text: str, taken: set[int], names: frozenset[str] | None = None) -> tuple[int, int] | None:
    """(start, end) of the longest listed place name said right after a placing word, outside the characters
    `taken` by other spans; none that opens with a time word ("in May", "for March 3"). In a text written with
    capitals, the name must be too ("in nice weather" is no town): in one written all in lower case, any."""
    names = shipped_place_names() if names is None else names
    words = words_with_offsets(text)
    has_capitals = any(ch.isupper() for ch in text)
    for position in range(1, len(words)):
        if text[slice(*words[position - 1])].lower() not in _PLACING_WORDS:
            continue
        begin = words[position][0]
        first = text[slice(*words[position])]
        if is_time_word(first) or (has_capitals and not first[0].isupper()):
            continue
        for count in range(min(MAX_NAME_WORDS, len(words) - position), 0, -1):
            end = words[position + count - 1][1]
            said = _without_full_stop(text[begin:end])
            if any(i in taken for i in range(begin, end)) or not _listed(said, names):
                continue
            return begin, _with_its_region(text, words, position + count, begin + len(said), taken, names)
    return None


def _with_its_region(
    text: str, words: Sequence[tuple[int, int]], following: int, end: int, taken: set[int], names: frozenset[str]
) -> int:
    """Where a name ends once the words that go on with it are taken in: a listed region after it, with or without
    its comma ("Searcy, Uganda", "Nairobi Kenya"), and in a text written with capitals every capitalised word that
    follows ("Benton City", "Long Beach CA", "Vancouver, BC"): a listed name is often the start of a longer one."""
    has_capitals = any(ch.isupper() for ch in text)
    while following < len(words) and text[end : words[following][0]] in (" ", ", "):
        begin = words[following][0]
        region_end = None
        word = text[slice(*words[following])]
        postal_code = word.isupper() and word in names  # "Portland, OR"
        if not postal_code and (is_time_word(word) or word.lower() in _NEVER_IN_A_NAME):
            break  # "in London On March 3rd", "in Nairobi March 4th" (March is a town too)
        for count in range(min(MAX_NAME_WORDS, len(words) - following), 0, -1):
            said = _without_full_stop(text[begin : words[following + count - 1][1]])
            if _listed(said, names):
                region_end, following = begin + len(said), following + count
                break
        if region_end is None and has_capitals and word[:1].isupper():
            region_end, following = begin + len(_without_full_stop(word)), following + 1
        if region_end is None or any(i in taken for i in range(end, region_end)):
            break
        end = region_end
    return end


_DRIVE_ME_TO = re.compile(
    r"^\s*(?:(?:um+|uh+|er+|erm|ok|okay|so|hey|oh|well|right)[,\s]+)*(?:please\s+|can you\s+|could you\s+)?"
    r"(?:navigate|drive(?: me)?|take me|get me|bring me|guide me|"
    r"head|give me directions|directions|route me|set a route|start navigation|show me the way|find (?:me )?the way|"
    r"i need (?:some )?directions|get directions)\s+to\s+(?P<place>.+?)"
    r"(?:,?\s+please)?\s*[.!?]*\s*$",
    re.IGNORECASE,
)


# ... and in Mandarin, where no list is kept: "带我去外滩", "导航到五道口吧", "导航回家吧" (回 alone only before 家).
_DRIVE_ME_TO_ZH = re.compile(
    r"^\s*(?:请|麻烦)?(?:帮我)?(?:带我去|送我去|载我去|导航去|导航到|开车去|开去|开到|我要去|我想去|去"
    r"|导航回|带我回|送我回|开回|回(?=家))"
    r"(?P<place>[^，,。！？!?吧]+?)(?:吧|呗)?[。！？!?]*\s*$"
)


def destination_said(
    text: str, names: frozenset[str] | None = None, listed_only: bool = True
) -> tuple[int, int] | None:
    """(start, end) of the place a request asks to be driven to, when that is all it says ("navigate to Boston",
    "take me to Bosnia and Herzegovina please"); with `listed_only`, only a listed place. None otherwise."""
    match = _DRIVE_ME_TO.match(text) or (None if listed_only else _DRIVE_ME_TO_ZH.match(text))
    if match is None:
        return None
    said = without_enough_said(_without_full_stop(match.group("place")))  # "去火车站就行": 火车站
    if not said or said.lower() in WHERE_WORDS:
        return None  # "导航去哪儿" asks where to
    if not listed_only:
        return match.start("place"), match.start("place") + len(said)
    return (
        (match.start("place"), match.start("place") + len(said))
        if _listed(said, names or shipped_place_names())
        else None
    )


# Capitalised words after a placing word that are no place: units, and the words that make a name a day's
# ("Law Day", "Christmas Eve").
_NOT_A_PLACE = frozenset({"celsius", "fahrenheit", "centigrade", "kelvin", "i", "christmas", "easter", "thanksgiving"})
_A_DAYS_NAME = frozenset({"day", "eve", "week", "weekend"})
# Above this share of capitalised words (after the first) a text capitalises every word, and a capital says nothing.
_TITLE_CASE_SHARE = 0.5


def capitalised_place(text: str, taken: set[int]) -> tuple[int, int] | None:
    """(start, end) of a name the list does not hold, said with capitals right after a placing word in a text that
    writes other words in lower case: "What will the weather be in Tontitown?", "Will it be chilly in Weldona?". The
    run of capitalised words after the placing word, without a time ("in May"), a unit ("in Celsius") or a day's
    name ("on Law Day")."""
    words = words_with_offsets(text)
    later = [text[slice(*span)] for span in words[1:]]
    if not later or sum(word[:1].isupper() for word in later) / len(later) > _TITLE_CASE_SHARE:
        return None
    for position in range(1, len(words)):
        if text[slice(*words[position - 1])].lower() not in _PLACING_WORDS:
            continue
        run = []
        for begin, end in words[position : position + MAX_NAME_WORDS]:
            word = _without_full_stop(text[begin:end])
            if not word[:1].isupper() or is_time_word(word) or word.lower() in _NEVER_IN_A_NAME:
                break
            run.append((begin, begin + len(word)))
        after = position + len(run)
        said = [text[slice(*span)].lower() for span in words[position : after + 1]]  # with the word after it
        if not run or said[0] in _NOT_A_PLACE or said[-1].rstrip(".?!,") in _A_DAYS_NAME | _NOT_A_PLACE:
            continue
        begin, end = run[0][0], run[-1][1]
        if any(i in taken for i in range(begin, end)):
            continue
        return begin, end
    return None
