"""One setting per seat, the device said once: "副驾座椅加热一档，主驾三档，后排关掉", "heat the driver seat to 3 and
the passenger to 1", "turn on the passenger seat heater, mine too".

After the first piece, each piece says only a zone and a setting ("主驾三档", "the passenger to 1", "后排关掉"); read
alone it names no device, and the model guesses one (主驾三档 as a temperature of 3 °C, 后排关掉 as closing the rear
windows). Such a piece is the command before it, for its own zone and with its own setting: the neighbour's words
with its zone and its setting replaced by the piece's ("主驾座椅加热三档"). compound.py offers that text as the piece's
borrowing, which the model then reads; a setting of "too"/也 keeps the neighbour's own.
"""

from __future__ import annotations

import re

_ZH_NUMBER = r"[零一二两三四五六七八九十百\d.]+"
_ZH_ZONE = re.compile(
    r"(?:主驾驶?|副驾驶?|驾驶位|驾驶座|后排|后座|前排|左后|右后|后左|后右|我这边|我这儿|我这里)(?:座位|位|座(?!椅)|这边)?的?"
)
# What a setting says: a number of levels or degrees (with the verb that sets it), an end, a state, a step.
_ZH_SETTING = (
    rf"(?:(?:调到|开到|调成|设为|设成|设到|调至|开|调|到)?{_ZH_NUMBER}(?:档|度|级))"
    r"|(?:(?:调到|开到)?(?:最大|最小|最高|最低))"
    r"|(?:打开|开启|开着|开|关掉|关闭|关上|关了|关|不用开?|不要|别开)"
    r"|(?:(?:调|开)?(?:高|低|大|小|热|凉)(?:一点儿?|一些|点儿?)?)"
)
_ZH_SETTING_ALONE = re.compile(rf"(?:{_ZH_SETTING})")
_ZH_ALSO = re.compile(r"^(?:也|就|再|都)")
_ZH_CLOSING = "了吧啊呀哦啦。！!"

_EN_NUMBER = r"(?:\d+(?:\.\d+)?|zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)"
_EN_ZONE = re.compile(
    r"\b(?:(?:the|my) )?(?:front )?(?:driver|passenger|co-driver|rear|back)(?:'s)?(?: side)?(?: seats?)?(?=\s|$)"
    r"|\bmine\b|\bmy side\b",
    re.IGNORECASE,
)
_EN_SETTING = re.compile(
    rf"\b(?:to|on|at) (?:level )?{_EN_NUMBER}(?: degrees)?\b|\b(?:on|off|up|down)$"
    r"|\b(?:to|on) (?:max|maximum|min|minimum|high|low)\b",
    re.IGNORECASE,
)
_EN_CORE = re.compile(r"\b(?:driver|passenger|co-driver|rear|back)\b", re.IGNORECASE)
_EN_OWNED = re.compile(r"\b(?:the )?(?:front )?(?:driver|passenger|co-driver|rear|back)(?:'s)?(?: side)?\b", re.I)
# A seat or side named anywhere in a request, in either language (its meaning is postprocess.normalize_zone's).
SEAT_WORDS = re.compile(rf"{_ZH_ZONE.pattern}|\b(?:front )?(?:co-?driver|driver|passenger)'?s?\b", re.IGNORECASE)
_EN_ALSO = re.compile(r"^(?:too|as well|also)$", re.IGNORECASE)


def zone_and_setting(text: str, lang: str) -> tuple[str, str] | None:
    """The zone words and the setting words of a piece that says nothing else, the setting "" for "too"/也 (the
    neighbour's own); None for any other piece."""
    if lang == "zh":
        said = text.strip(" ，,").rstrip(_ZH_CLOSING)
        zone = _ZH_ZONE.match(said)
        if zone is None or zone.end() == len(said):
            return None
        rest = said[zone.end() :]
        also = _ZH_ALSO.match(rest)
        setting = rest[also.end() :] if also else rest
        if not setting and also:
            return zone.group(0), ""
        if _ZH_SETTING_ALONE.fullmatch(setting):
            return zone.group(0), setting
        if also and setting in ("要", "一样", "是"):
            return zone.group(0), ""
        return None
    said = re.sub(r"^(?:and|for|also)\s+", "", text.strip(" ,;"), flags=re.IGNORECASE)
    zone = _EN_ZONE.match(said)
    if zone is None:
        return None
    rest = said[zone.end() :].strip(" ,")
    if _EN_ALSO.fullmatch(rest):
        return zone.group(0), ""
    return (zone.group(0), rest) if _EN_SETTING.fullmatch(rest) else None


def for_another_zone(neighbour: str, zone: str, setting: str, lang: str) -> list[str]:
    """The neighbour's command with its zone and its setting replaced by the piece's: "副驾座椅加热一档" for ("主驾",
    "三档") -> "主驾座椅加热三档"; a neighbour naming no zone takes the piece's before its device."""
    if lang == "zh":
        said = neighbour.rstrip(_ZH_CLOSING)
        found = _ZH_ZONE.search(said)
        if found:
            said = said[: found.start()] + zone + said[found.end() :]
        elif said.startswith("把"):
            said = "把" + zone + said[1:]
        else:
            said = zone + said
        if not setting:
            return [said]
        settings = list(_ZH_SETTING_ALONE.finditer(said, len(zone) if not found else found.start() + len(zone)))
        if not settings:
            return [said + setting]
        last = settings[-1]
        # a setting said after a verb that opens the command keeps the verb ("打开副驾座椅加热" -> "打开主驾座椅加热")
        return [said[: last.start()] + setting + said[last.end() :]]
    core = _EN_CORE.search(zone)
    found = _EN_CORE.search(neighbour)
    if found is None:
        return []
    if core is not None:  # "the driver seat" -> "the passenger seat": only the zone's own word changes
        said = neighbour[: found.start()] + core.group(0) + neighbour[found.end() :]
    else:  # "mine", "my side": the neighbour's zone words become the speaker's
        owned = _EN_OWNED.search(neighbour)
        if owned is None:
            return []
        said = neighbour[: owned.start()] + "my" + neighbour[owned.end() :]
    if not setting:
        return [said]
    settings = list(_EN_SETTING.finditer(said))
    if not settings:
        return [f"{said} {setting}"]
    last = settings[-1]
    return [said[: last.start()] + setting + said[last.end() :]]
