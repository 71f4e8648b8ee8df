"""English lexicon and templates for the generator (see generate.py for the syntax)."""

from __future__ import annotations

import random

from cockpit.nlu.catalogue import LEVEL_RANGE
from models.nlu import open_vocabulary
from models.nlu.lexicon import enum_choices_in, free_text_span, home_only_surfaces

_ONES = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
]
_TENS = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]


def spoken_number(n: int, joiner: str = " ") -> str:
    """0..100 in words ("twenty two", or "twenty-two" with joiner "-")."""
    if n < 20:
        return _ONES[n]
    if n == 100:
        return "one hundred"
    tens, ones = divmod(n, 10)
    return _TENS[tens] if ones == 0 else _TENS[tens] + joiner + _ONES[ones]


def number_words(n: int, rng: random.Random) -> str:
    if n < 20 or n == 100 or n % 10 == 0:
        return spoken_number(n)  # no joiner to choose: the random draws stay those the shipped model was trained on
    return spoken_number(n, rng.choice(["-", " "]))


def number_surface(value: float, rng: random.Random) -> str:
    whole = int(value)
    half = value != whole
    if rng.random() < 0.55:
        return f"{value:g}"
    words = number_words(whole, rng)
    if half:
        words += rng.choice([" point five", " and a half"])
    return words


LANG = "en"
# How two commands are joined in one request (compound training examples).
CONNECTORS = (" and ", " and then ", ", then ", " then ", ", and ", " and also ", ", also ", " plus ", ", ")
PREFIXES = [
    "um ",
    "uh ",
    "hey ",
    "please ",
    "could you ",
    "can you ",
    "hey car, ",
    "ok so ",
    "er, ",
    "would you ",
    "hi, ",
    "excuse me, ",
    "yo ",
    "um, please ",
    "xiao ai, ",
    "so ",
]
SUFFIXES = [
    " please",
    " thanks",
    " thank you",
    "?",
    ".",
    "!",
    " now",
    " for me",
    " right now",
    " pls",
    " if you can",
    ", thanks",
]
HOMOPHONES: dict[str, str] = {}

ZONES = [
    ("driver", "driver"),
    ("driver side", "driver"),
    ("driver's side", "driver"),
    ("drivers side", "driver"),
    ("driver seat", "driver"),
    ("front left", "driver"),
    ("passenger", "passenger"),
    ("passenger side", "passenger"),
    ("passenger's side", "passenger"),
    ("co-driver", "passenger"),
    ("front passenger", "passenger"),
    ("passenger seat", "passenger"),
    ("rear", "rear"),
    ("back", "rear"),
    ("back seats", "rear"),
    ("rear seats", "rear"),
    ("back row", "rear"),
    ("second row", "rear"),
    ("rear left", "rear_left"),
    ("left rear", "rear_left"),
    ("back left", "rear_left"),
    ("behind the driver", "rear_left"),
    ("rear right", "rear_right"),
    ("right rear", "rear_right"),
    ("back right", "rear_right"),
    ("behind the passenger", "rear_right"),
    ("whole car", "all"),
    ("all seats", "all"),
    ("everyone", "all"),
    ("all zones", "all"),
    ("entire cabin", "all"),
]
DESTINATIONS = [
    "home",
    "work",
    "the office",
    "the airport",
    "Pudong airport",
    "Beijing South Railway Station",
    "the train station",
    "the mall",
    "the nearest Walmart",
    "Central Park",
    "42 Baker Street",
    "my parents' place",
    "the hospital",
    "the Xiaomi campus",
    "the gym",
    "school",
    "Jessica's apartment",
    "Hongqiao airport",
    "the Bund",
    "West Lake",
    "IKEA",
    "the stadium",
    "Disneyland",
    "the beach",
    "Tiananmen Square",
    "the city center",
    "downtown",
    "Peking University",
    "the kindergarten",
    "Apple Store Sanlitun",
    "88 Century Avenue",
    "Costco in Pudong",
    "the dentist",
    "my sister's house",
    "Starbucks on Huaihai Road",
    "the library",
    "terminal 2",
    "the hotel",
    "Shenzhen Bay Park",
]
FIRST_NAMES = [
    "John",
    "Sarah",
    "Mike",
    "Lisa",
    "David",
    "Emma",
    "Chris",
    "Anna",
    "Tom",
    "Kevin",
    "Amy",
    "Li Na",
    "Wang Wei",
    "Zhang San",
    "Chen Jie",
    "Peter",
    "Grace",
    "Jack",
    "Olivia",
    "Daniel",
]
LAST_NAMES = ["Smith", "Brown", "Wang", "Li", "Chen", "Johnson", "Lee", "Garcia", "Miller", "Zhao"]
RELATIONS = [
    "mom",
    "dad",
    "mum",
    "wife",
    "husband",
    "boss",
    "brother",
    "sister",
    "grandma",
    "grandpa",
    "son",
    "daughter",
    "mother",
    "father",
    "babe",
    "honey",
]
QUERIES = [
    "jazz",
    "classical music",
    "rock",
    "hip hop",
    "pop music",
    "Taylor Swift",
    "Jay Chou",
    "the Beatles",
    "lo-fi beats",
    "Adele",
    "Coldplay",
    "my favorites",
    "my driving playlist",
    "some country",
    "Hotel California",
    "Yellow",
    "the news",
    "a podcast",
    "an audiobook",
    "chill music",
    "workout music",
    "Mozart",
    "kids songs",
    "80s hits",
    "BTS",
    "Eason Chan",
    "Let It Be",
    "the top charts",
    "relaxing piano",
    "Radiohead",
    "Blinding Lights",
    "K-pop",
]
ROOMS = [
    "living room",
    "bedroom",
    "kitchen",
    "study",
    "master bedroom",
    "kids room",
    "dining room",
    "bathroom",
    "office",
    "basement",
    "guest room",
    "hallway",
    "nursery",
    "den",
    "garden",
]
PLACES = [
    "Beijing",
    "Shanghai",
    "Shenzhen",
    "Hangzhou",
    "Harbin",
    "Guangzhou",
    "Chengdu",
    "London",
    "New York",
    "Tokyo",
    "Wuhan",
    "Xi'an",
    "Sanya",
    "Paris",
    "Nanjing",
    "Suzhou",
    "Chongqing",
]
WHENS = [
    "today",
    "tonight",
    "tomorrow",
    "the day after tomorrow",
    "this weekend",
    "the weekend",
    "now",
    "tomorrow morning",
    "this afternoon",
    "right now",
    "this evening",
    "on the weekend",
]

ENUM_SURFACES: dict[str, dict[str, list[str]]] = {
    # devices only a home has: no "at home" needed to tell them from the car's AC or lights
    "homeonly": {},
    "device": {
        "ac": ["AC", "air conditioner", "air conditioning", "aircon", "A/C", "air con"],
        "light": ["lights", "light", "lamps", "lamp", "ceiling light"],
        "heater": ["heater", "heating", "radiator", "floor heating", "space heater"],
        "water_heater": ["water heater", "boiler", "hot water"],
        "air_purifier": ["air purifier", "purifier", "air cleaner"],
        "robot_vacuum": ["robot vacuum", "vacuum", "roomba", "robot cleaner", "vacuum robot", "sweeper"],
        "fan": ["fan", "ceiling fan", "electric fan", "floor fan"],
        "tv": ["TV", "television", "telly", "tv set"],
        "humidifier": ["humidifier", "humidifer", "air humidifier"],
        "garage": ["garage", "garage door"],
        "curtains": ["curtains", "blinds", "drapes", "curtain", "shades"],
        "gate": ["gate", "front gate", "yard gate", "driveway gate"],
    },
    "category": {
        "charger": [
            "charger",
            "charging station",
            "supercharger",
            "charging pile",
            "EV charger",
            "fast charger",
            "place to charge",
        ],
        "coffee": ["coffee shop", "cafe", "Starbucks", "coffee place", "Luckin"],
        "restaurant": ["restaurant", "place to eat", "noodle shop", "diner", "food", "hotpot place"],
        "parking": ["parking", "parking lot", "car park", "parking garage", "parking spot"],
        "rest_area": ["rest area", "service area", "rest stop", "service station on the highway"],
        "toilet": ["toilet", "restroom", "bathroom", "washroom", "public toilet", "loo"],
        "gas": ["gas station", "petrol station", "fuel station", "gas"],
    },
    "color": {
        "red": ["red"],
        "orange": ["orange"],
        "yellow": ["yellow", "gold"],
        "green": ["green"],
        "cyan": ["cyan", "teal", "turquoise"],
        "blue": ["blue", "ocean blue"],
        "purple": ["purple", "violet"],
        "pink": ["pink"],
        "white": ["white", "warm white"],
    },
    "light": {
        "ambient": [
            "ambient light",
            "ambient lights",
            "ambient lighting",
            "mood lights",
            "mood lighting",
            "atmosphere lights",
            "interior glow",
        ],
        "reading": ["reading light", "reading lamp", "dome light", "map light", "interior light"],
        "headlights": ["headlights", "headlamps", "head lights", "low beams", "front lights"],
    },
    "body": {
        "trunk": ["trunk", "boot", "tailgate", "rear hatch", "liftgate", "back trunk"],
        "frunk": ["frunk", "front trunk", "front boot"],
        "charge_port": ["charge port", "charging port", "charging flap", "charge door", "charging lid"],
        "door": ["door", "doors", "driver door", "car door", "passenger door"],
    },
}
ENUM_SURFACES["homeonly"] = home_only_surfaces(ENUM_SURFACES)


def enum_choices(placeholder: str, allowed: dict[str, tuple[str, ...]]) -> tuple[str, list[str]]:
    return enum_choices_in(ENUM_SURFACES, placeholder, allowed)


def _temperature_span(intent: str, rng: random.Random) -> tuple[str, object]:
    value = (rng.randint(16, 30) if rng.random() < 0.85 else rng.randint(0, 99)) + (0.5 if rng.random() < 0.2 else 0.0)
    unit = rng.choice(["", "", " degrees", " degrees", "°", "°C", " degrees celsius", " deg", " c"])
    return number_surface(value, rng) + unit, value


def _delta_span(intent: str, rng: random.Random) -> tuple[str, object]:
    if intent == "media.volume":
        percent = rng.choice([5, 10, 10, 15, 20, 20, 25, 30, 40, 50])
        number = str(percent) if rng.random() < 0.6 else number_words(percent, rng)
        return number + rng.choice([" percent", "%", " points", " notches", ""]), float(percent)
    value = rng.choice([1.0, 1.0, 2.0, 2.0, 3.0, 4.0, 5.0, 0.5])
    if value == 0.5:
        return rng.choice(["half a degree", "0.5 degrees", "half a degree celsius"]), 0.5
    unit = " degree" if value == 1 else rng.choice([" degrees", "°", " degrees", ""])
    return number_surface(value, rng) + unit, value


def _level_span(intent: str, rng: random.Random) -> tuple[str, object]:
    low, high = LEVEL_RANGE[intent]
    if rng.random() < 0.15:
        return rng.choice(["max", "maximum", "the max", "highest", "the highest", "full"]), high
    if rng.random() < 0.07:
        return rng.choice(["min", "minimum", "the lowest", "lowest"]), low
    value = rng.randrange(0, 101, 5) if high == 100 else rng.randint(max(low, 1), high)
    return (str(value) if rng.random() < 0.6 else number_words(value, rng)), value


def _position_span(intent: str, rng: random.Random) -> tuple[str, object]:
    if rng.random() < 0.3:
        return rng.choice(["halfway", "half way", "half"]), 50
    value = rng.randrange(10, 100, 10)
    number = str(value) if rng.random() < 0.6 else number_words(value, rng)
    return number + rng.choice([" percent", "%", " per cent"]), value


def _zone_span(intent: str, rng: random.Random) -> tuple[str, object]:
    return rng.choice(ZONES)


def _contact_span(intent: str, rng: random.Random) -> tuple[str, object]:
    if rng.random() < 0.4:
        surface = _spoken_case(open_vocabulary.contact("en", rng), rng)
        return surface, surface
    roll = rng.random()
    if roll < 0.35:
        surface = rng.choice(RELATIONS)
    elif roll < 0.7:
        surface = _spoken_case(rng.choice(FIRST_NAMES), rng)
    else:
        surface = _spoken_case(f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}", rng)
    return surface, surface


def _spoken_case(name: str, rng: random.Random) -> str:
    """A name as a speech recogniser or a hurried thumb writes it: often all lower-case ("call alex")."""
    return name.lower() if rng.random() < 0.3 else name


_POOLS = {"destination": DESTINATIONS, "query": QUERIES, "room": ROOMS, "place": PLACES, "when": WHENS}
_SPAN_MAKERS = {
    "temperature": _temperature_span,
    "delta": _delta_span,
    "level": _level_span,
    "position": _position_span,
    "zone": _zone_span,
    "contact": _contact_span,
}


def span(slot: str, intent: str, rng: random.Random) -> tuple[str, object]:
    """A surface form for a span slot and its normalised value (one maker per slot: the draws of each
    come in a fixed order, so the same seed gives the same data)."""
    make = _SPAN_MAKERS.get(slot)
    return make(intent, rng) if make is not None else free_text_span(slot, "en", _POOLS, _invented_name, rng)


_NAME_WORDS = [
    "Maple",
    "Golden",
    "River",
    "Lotus",
    "Harbor",
    "Sunset",
    "Oak",
    "Jade",
    "Pine",
    "Silver",
    "Dragon",
    "Liberty",
    "Cedar",
    "Lake",
    "Summit",
    "Orchid",
    "Zhongshan",
    "Xinhua",
    "Victoria",
    "Hillside",
    "Bay",
    "Grand",
    "Green",
    "Pearl",
    "Nanjing",
    "Jinqiao",
    "Kings",
    "Union",
]
_PLACE_SUFFIX = [
    "Street",
    "Road",
    "Station",
    "Mall",
    "Park",
    "Plaza",
    "Hospital",
    "Tower",
    "Avenue",
    "Center",
    "Hotel",
    "Market",
    "School",
    "Stadium",
    "Bridge",
    "Gardens",
]


def _invented_name(slot: str, rng: random.Random) -> str:
    words = " ".join(rng.choice(_NAME_WORDS) for _ in range(rng.randint(1, 2)))
    if slot == "place":
        return words + rng.choice(["", " City", "ville", "ton"])
    if slot == "query":
        return rng.choice(
            [
                words,
                f"{words} {rng.choice(['Blues', 'Band', 'Nights', 'Dreams'])}",
                f"songs by {words}",
                f"the {words} album",
            ]
        )
    roll = rng.random()
    if roll < 0.3:
        return f"{rng.randint(1, 999)} {words} {rng.choice(_PLACE_SUFFIX)}"
    if roll < 0.6:
        return f"the {words} {rng.choice(_PLACE_SUFFIX)}"
    return f"{words} {rng.choice(_PLACE_SUFFIX)}"


# The templates live in a second module to keep each file readable.
from models.nlu.templates_en_intents import TEMPLATES  # noqa: E402
from models.nlu.templates_en_meaning import MORE  # noqa: E402

for _intent, _templates in MORE.items():
    TEMPLATES.setdefault(_intent, []).extend(_templates)
