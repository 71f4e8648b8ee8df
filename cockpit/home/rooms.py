"""A room as spoken ("the living room", "the kids' room", "卧室", "主卧", "客厅里") → the house's room id.

The NLU keeps the `room` slot as spoken, in English or Mandarin; houses name their rooms with ids
(`living_room`, `bedroom`, ...: any word a house config gives). One resolver serves every adapter (the
embedded house and the MQTT one plan through cockpit.home.intents), so a room means the same everywhere.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from cockpit.nlu.postprocess import whole_words

# Spoken names → the room id they mean. A house that has the room under its id (any of these ids, or one of its
# own) is matched on the id's words too ("dining room" → dining_room), so only other names need listing here.
ROOM_SYNONYMS: dict[str, tuple[str, ...]] = {
    "living_room": (
        "living room",
        "lounge",
        "sitting room",
        "family room",
        "front room",
        "living area",
        "客厅",
        "起居室",
        "大厅",
        "厅",
    ),
    "bedroom": (
        "bedroom",
        "master bedroom",
        "main bedroom",
        "bed room",
        "master",
        "卧室",
        "主卧",
        "主卧室",
        "睡房",
        "寝室",
        "卧房",
    ),
    "second_bedroom": ("second bedroom", "spare bedroom", "次卧", "次卧室"),
    "guest_room": ("guest room", "guest bedroom", "spare room", "客房", "客卧"),
    "kids_room": (
        "kids room",
        "kid room",
        "kids bedroom",
        "children room",
        "childrens room",
        "child room",
        "nursery",
        "baby room",
        "儿童房",
        "孩子房间",
        "孩子的房间",
        "小孩房间",
        "宝宝房",
    ),
    "kitchen": ("kitchen", "厨房"),
    "dining_room": ("dining room", "dining area", "餐厅", "饭厅"),
    "study": ("study", "home office", "office", "den", "library", "书房", "工作室"),
    "bathroom": ("bathroom", "restroom", "toilet", "washroom", "卫生间", "浴室", "洗手间", "厕所"),
    "garage": ("garage", "车库"),
    "entrance": (
        "entrance",
        "entry",
        "entryway",
        "front door",
        "hall",
        "foyer",
        "porch",
        "门口",
        "玄关",
        "入口",
        "大门口",
        "门厅",
    ),
    "hallway": ("hallway", "corridor", "走廊", "过道"),
    "attic": ("attic", "loft", "阁楼"),
    "basement": ("basement", "cellar", "地下室"),
    "balcony": ("balcony", "阳台"),
    "laundry": ("laundry", "laundry room", "utility room", "洗衣房"),
    "garden": ("garden", "yard", "backyard", "花园", "院子"),
}
_MEANING = {spoken: room for room, names in ROOM_SYNONYMS.items() for spoken in names}

_ENGLISH_FILLERS = ("the", "my", "our", "your", "in", "at", "home", "house")
_MANDARIN_PREFIXES = ("在", "把", "家里的", "家里", "家中的", "家中", "我家的", "我家", "我们家的", "我们家", "我的")
_MANDARIN_SUFFIXES = ("里面", "里边", "里头", "里", "内", "中", "的", "那边", "那儿", "那里")


def spoken_key(spoken: str) -> str:
    """The words of a spoken room without articles, possessives and particles: "the kids' room" → "kids room",
    "客厅里" → "客厅", "家里的主卧" → "主卧"."""
    text = spoken.strip().lower()
    if re.search(r"[\u4e00-\u9fff]", text):
        text = text.replace(" ", "")
        changed = True
        while changed and text:
            changed = False
            for prefix in _MANDARIN_PREFIXES:
                if text.startswith(prefix) and len(text) > len(prefix):
                    text, changed = text[len(prefix) :], True
            for suffix in _MANDARIN_SUFFIXES:
                if text.endswith(suffix) and len(text) > len(suffix):
                    text, changed = text[: -len(suffix)], True
        return text
    text = re.sub(r"'s\b|s'(?=\s|$)|'", lambda m: "s" if m.group(0) == "s'" else "", text)
    words = [w for w in re.split(r"[\s_\-]+", text) if w and w not in _ENGLISH_FILLERS]
    return " ".join(words)


def room_meant(spoken: str) -> str | None:
    """The room id a spoken name means in any house (`bedroom` for 主卧), None when it is no known room name."""
    key = spoken_key(spoken)
    return _MEANING.get(key) or (key.replace(" ", "_") if key.replace(" ", "_") in ROOM_SYNONYMS else None)


def resolve_room(spoken: str, rooms: Iterable[str]) -> str | None:
    """The id among `rooms` (a house's room ids) that `spoken` names; None when the house has no such room."""
    rooms = set(rooms)
    key = spoken_key(spoken)
    by_words = {room.lower().replace("_", " "): room for room in rooms}
    if key in by_words:
        return by_words[key]
    meant = room_meant(spoken)
    return meant if meant in rooms else None


# A request about the house says so: "lock the front door at home", 家里的空调开着吗.
_SAYS_THE_HOUSE = re.compile(whole_words("at home|home's|the house|my house|in the house"), re.IGNORECASE)


def says_the_house(text: str) -> bool:
    return "家" in text or bool(_SAYS_THE_HOUSE.search(text))
