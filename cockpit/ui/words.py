"""The car's screen in the driver's language: English until someone speaks Mandarin, then Chinese.

One table; `words(lang)` gives a language's labels (English for any language not in the table). The simulator's
own bar (the developer bar) stays in English: it is for the engineer, not the driver.
"""

from __future__ import annotations

from collections.abc import Mapping

ENGLISH: dict[str, str] = {
    "assistant": "Assistant",
    "history_open": "History ▲",
    "history_close": "History ▼",
    "listening": "Listening…",
    "talk_hint": "Press Enter to talk to the assistant",
    "empty_conversation": "Say or type a request: Enter types, Tab picks the seat.",
    "read_only": "Replay of a recorded run: read-only",
    "suggestion": "Suggestion",
    "accept": "Accept  (Y)",
    "dismiss": "Dismiss  (N)",
    "cabin": "Cabin",
    "outside": "Outside",
    "fan": "Fan",
    "seat_heat": "Seat heat",
    "hvac_on": "A/C on",
    "hvac_off": "A/C off",
    "hvac_unknown": "A/C --",
    "home": "Home",
    "no_home": "no home linked",
    "no_route": "No route",
    "no_route_hint": 'Say "take me home" or a place',
    "to": "To {name}",
    "arrived": "Arrived",
    "planning": "planning…",
    "arrive_at": "arrive {clock}",
    "minutes": "{n:.0f} min",
    "charging": "charging",
    "stale": "stale",
    "data_delayed": "Vehicle data delayed",
    "drowsy": "DROWSY",
    "eyes_on_road": "EYES ON ROAD",
    "dms_off": "DMS OFF",
    "drowsiness_banner": "Drowsiness: take a break soon",
    "distraction_banner": "Distraction: eyes on the road",
    "dms_banner": "Driver monitoring unavailable",
    "level": "level {n}",
    "driver": "Driver",
    "passenger": "Passenger",
    "rear_left": "Rear left",
    "rear_middle": "Rear middle",
    "rear_right": "Rear right",
    "fatigue": "Fatigue {n:.0f}%",
}
CHINESE: dict[str, str] = {
    "assistant": "助手",
    "history_open": "记录 ▲",
    "history_close": "记录 ▼",
    "listening": "正在听…",
    "talk_hint": "按回车键与助手对话",
    "empty_conversation": "说出或输入请求：回车输入，Tab 选座位。",
    "read_only": "回放录制的行程：只读",
    "suggestion": "建议",
    "accept": "接受 (Y)",
    "dismiss": "忽略 (N)",
    "cabin": "车内",
    "outside": "车外",
    "fan": "风量",
    "seat_heat": "座椅加热",
    "hvac_on": "空调开",
    "hvac_off": "空调关",
    "hvac_unknown": "空调 --",
    "home": "家居",
    "no_home": "未连接家居",
    "no_route": "未导航",
    "no_route_hint": "说“回家”或目的地",
    "to": "前往 {name}",
    "arrived": "已到达",
    "planning": "规划中…",
    "arrive_at": "{clock} 到达",
    "minutes": "{n:.0f} 分钟",
    "charging": "充电中",
    "stale": "过时",
    "data_delayed": "车辆数据延迟",
    "drowsy": "疲劳",
    "eyes_on_road": "请注视前方",
    "dms_off": "监测不可用",
    "drowsiness_banner": "疲劳驾驶：请尽快休息",
    "distraction_banner": "注意力分散：请注视前方",
    "dms_banner": "驾驶员监测不可用",
    "level": "{n} 级",
    "driver": "主驾",
    "passenger": "副驾",
    "rear_left": "左后",
    "rear_middle": "后中",
    "rear_right": "右后",
    "fatigue": "疲劳 {n:.0f}%",
}
# The home panel's tiles (built in English from the house's devices, cockpit/ui/home_tiles.py), in Chinese.
HOME_CHINESE: dict[str, str] = {
    "Living room AC": "客厅空调",
    "Bedroom AC": "卧室空调",
    "Study AC": "书房空调",
    "Garage": "车库",
    "Lights": "灯光",
    "Water heater": "热水器",
    "Front door": "入户门",
    "Gate": "大门",
    "off": "关",
    "on": "开",
    "heat": "制热",
    "cool": "制冷",
    "auto": "自动",
    "dry": "除湿",
    "fan only": "送风",
    "open": "已开",
    "closed": "已关",
    "opening": "正在打开",
    "closing": "正在关闭",
    "locked": "已锁",
    "unlocked": "未锁",
    "all off": "全部关闭",
}
HOME_CHINESE_PARTS = (("room ", "室温 "), (" heating", " 加热中"), ("% open", "% 开启"), (" on", " 开"))
LANGUAGES: dict[str, Mapping[str, str]] = {"en": ENGLISH, "zh": CHINESE}
DRIVER_ALERT_KEYS = {
    "drowsiness": ("drowsy", "drowsiness_banner"),
    "distraction": ("eyes_on_road", "distraction_banner"),
    "monitoring_unavailable": ("dms_off", "dms_banner"),
}


def words(lang: str | None) -> Mapping[str, str]:
    return LANGUAGES.get(lang or "en", ENGLISH)


def home_words(text: str, lang: str | None) -> str:
    """A home tile's title, value or detail in the driver's language (as it is when no translation is known)."""
    if lang != "zh" or not text:
        return text
    if text in HOME_CHINESE:
        return HOME_CHINESE[text]
    for english, chinese in HOME_CHINESE_PARTS:
        text = text.replace(english, chinese)
    return text
