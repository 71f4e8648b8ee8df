"""What the assistant says, in English and Mandarin, keyed by message.

Parameters are given as ids (zone `rear_left`, device `water_heater`, room `living_room`, colour `blue`, ...) and
put into words here, in the listener's language, so that no reply ever reads out an id.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from cockpit.proactive.needs import done_reply_keys, need_replies

ZONE_WORDS = {
    "en": {
        "driver": "your side",
        "passenger": "the passenger side",
        "rear_left": "the rear left",
        "rear_right": "the rear right",
        "rear_middle": "the rear middle",
        "rear": "the rear",
        "all": "every zone",
    },
    "zh": {
        "driver": "主驾",
        "passenger": "副驾",
        "rear_left": "左后",
        "rear_right": "右后",
        "rear_middle": "后排中间",
        "rear": "后排",
        "all": "全车",
    },
}
TARGET_WORDS = {
    "en": {
        "trunk": "the trunk",
        "frunk": "the front trunk",
        "charge_port": "the charge port",
        "door": "the door",
        "front": "front",
        "rear": "rear",
        "ambient": "the ambient light",
        "reading": "the reading lights",
        "headlights": "the headlights",
    },
    "zh": {
        "trunk": "后备箱",
        "frunk": "前备箱",
        "charge_port": "充电口",
        "door": "车门",
        "front": "前挡",
        "rear": "后挡",
        "ambient": "氛围灯",
        "reading": "阅读灯",
        "headlights": "大灯",
    },
}
# Home devices (the intent's `device` slot and the house's device kinds).
DEVICE_WORDS = {
    "en": {
        "ac": "AC",
        "light": "lights",
        "heater": "heater",
        "water_heater": "water heater",
        "air_purifier": "air purifier",
        "robot_vacuum": "robot vacuum",
        "fan": "fan",
        "tv": "TV",
        "humidifier": "humidifier",
        "garage": "garage",
        "garage_door": "garage",
        "curtains": "curtains",
        "gate": "gate",
        "lock": "door lock",
    },
    "zh": {
        "ac": "空调",
        "light": "灯",
        "heater": "暖气",
        "water_heater": "热水器",
        "air_purifier": "空气净化器",
        "robot_vacuum": "扫地机器人",
        "fan": "风扇",
        "tv": "电视",
        "humidifier": "加湿器",
        "garage": "车库门",
        "garage_door": "车库门",
        "curtains": "窗帘",
        "gate": "大门",
        "lock": "门锁",
    },
}
# Rooms a house may have (ids as cockpit.home.rooms resolves them).
ROOM_WORDS = {
    "en": {
        "living_room": "living room",
        "bedroom": "bedroom",
        "second_bedroom": "second bedroom",
        "guest_room": "guest room",
        "kids_room": "kids' room",
        "kitchen": "kitchen",
        "dining_room": "dining room",
        "study": "study",
        "bathroom": "bathroom",
        "garage": "garage",
        "entrance": "entrance",
        "hallway": "hallway",
        "attic": "attic",
        "basement": "basement",
        "balcony": "balcony",
        "laundry": "laundry room",
        "garden": "garden",
    },
    "zh": {
        "living_room": "客厅",
        "bedroom": "卧室",
        "second_bedroom": "次卧",
        "guest_room": "客房",
        "kids_room": "儿童房",
        "kitchen": "厨房",
        "dining_room": "餐厅",
        "study": "书房",
        "bathroom": "卫生间",
        "garage": "车库",
        "entrance": "门口",
        "hallway": "走廊",
        "attic": "阁楼",
        "basement": "地下室",
        "balcony": "阳台",
        "laundry": "洗衣房",
        "garden": "花园",
    },
}
SCENE_WORDS = {
    "en": {"arrive_home": "arrive home", "leave_home": "leave home", "sleep": "sleep", "movie": "movie"},
    "zh": {"arrive_home": "回家", "leave_home": "离家", "sleep": "睡眠", "movie": "观影"},
}
COLOUR_WORDS = {
    "en": {},
    "zh": {
        "red": "红色",
        "orange": "橙色",
        "yellow": "黄色",
        "green": "绿色",
        "cyan": "青色",
        "blue": "蓝色",
        "purple": "紫色",
        "pink": "粉色",
        "white": "白色",
    },
}
# The car's parts a driver asks about (cockpit/state_questions.py), as said in a reply.
CAR_PART_WORDS = {
    "en": {
        "frunk": "the front trunk",
        "trunk": "the trunk",
        "charge_port": "the charge port",
        "seat_heating": "your seat heating",
        "seat_ventilation": "your seat ventilation",
        "windows": "the windows",
        "some_window": "a window",
        "ambient": "the ambient light",
        "reading": "the reading lights",
        "headlights": "the headlights",
        "wipers": "the wipers",
        "climate": "the climate control",
    },
    "zh": {
        "frunk": "前备箱",
        "trunk": "后备箱",
        "charge_port": "充电口",
        "seat_heating": "座椅加热",
        "seat_ventilation": "座椅通风",
        "windows": "车窗",
        "some_window": "有的车窗",
        "ambient": "氛围灯",
        "reading": "阅读灯",
        "headlights": "大灯",
        "wipers": "雨刮",
        "climate": "空调",
    },
}
WIPER_MODE_WORDS = {
    "en": {},
    "zh": {"off": "关闭", "auto": "自动", "low": "低速", "high": "高速"},
}
# Places found by category ("find a charger"): the nearest one of its kind.
CATEGORY_WORDS = {
    "en": {
        "charger": "the nearest charger",
        "coffee": "the nearest coffee shop",
        "restaurant": "the nearest restaurant",
        "parking": "the nearest car park",
        "rest_area": "the nearest rest area",
        "toilet": "the nearest toilet",
        "gas": "the nearest gas station",
    },
    "zh": {
        "charger": "最近的充电站",
        "coffee": "最近的咖啡店",
        "restaurant": "最近的餐厅",
        "parking": "最近的停车场",
        "rest_area": "最近的服务区",
        "toilet": "最近的洗手间",
        "gas": "最近的加油站",
    },
}
# The car's ECUs (the DBC's node names): who reports what an action changes.
SYSTEM_WORDS = {
    "en": {
        "VCU": "the drive system",
        "BMS": "the battery",
        "HVAC": "the climate control",
        "BCM": "the body controls",
        "NAV": "the navigation",
        "DMS": "the driver camera",
        "GW": "the gateway",
    },
    "zh": {
        "VCU": "驱动系统",
        "BMS": "电池系统",
        "HVAC": "空调系统",
        "BCM": "车身控制系统",
        "NAV": "导航系统",
        "DMS": "驾驶员监测摄像头",
        "GW": "网关",
    },
}
# What the car reports and a relative request starts from ("fan up" from the fan level on the bus).
READING_WORDS = {
    "en": {
        "fan_level": "the fan level",
        "set_point": "the temperature setting",
        "seat_heat": "the seat heating level",
        "seat_vent": "the seat ventilation level",
        "window": "the window position",
        "wiper": "the wiper speed",
        "range": "the range",
        "battery": "the battery level",
        "cabin_temp": "the cabin temperature",
        "outside_temp": "the outside temperature",
        "speed": "the speed",
        "eta": "the arrival time",
        "distance": "the distance left",
        "position": "the car's position",
    },
    "zh": {
        "fan_level": "风量",
        "set_point": "温度设定",
        "seat_heat": "座椅加热挡位",
        "seat_vent": "座椅通风挡位",
        "window": "车窗位置",
        "wiper": "雨刮挡位",
        "range": "续航",
        "battery": "电量",
        "cabin_temp": "车内温度",
        "outside_temp": "车外温度",
        "speed": "车速",
        "eta": "到达时间",
        "distance": "剩余距离",
        "position": "车辆位置",
    },
}
# States a house reports for its devices (home.query answers).
STATE_WORDS = {
    "en": {},
    "zh": {
        "on": "开着",
        "off": "关着",
        "open": "开着",
        "opening": "正在打开",
        "closed": "关着",
        "closing": "正在关闭",
        "heat": "制热",
        "cool": "制冷",
        "auto": "自动",
        "dry": "除湿",
        "fan_only": "送风",
        "locked": "已锁",
        "unlocked": "未锁",
        "docked": "在充电座",
        "cleaning": "正在清扫",
        "returning": "正在返回",
        "idle": "待机",
        "stopped": "停止",
        "paused": "暂停",
        "unknown": "未知",
    },
}
# Why the house refused a command: the code its reason starts with (cockpit/home/policy.py).
HOME_REASON_WORDS = {
    "en": {},
    "zh": {
        "not_allowed": "该设备不允许由车辆控制",
        "geofence": "车辆不在家附近",
        "driver_voice": "只有驾驶员可以操作",
        "timeout": "设备没有响应",
    },
}

REPLIES: dict[str, dict[str, str]] = {
    "temperature_limited": {
        "en": "The car's climate goes from {low:g} to {high:g} degrees: setting {zone} to {temperature:g}.",
        "zh": "空调可调范围是{low:g}到{high:g}度，已把{zone}调到{temperature:g}度。",
    },
    "temperature_implausible": {
        "en": "{asked:g} degrees is not a temperature I can set; the car goes from {low:g} to {high:g}.",
        "zh": "{asked:g}度不是可以设置的温度，空调可调范围是{low:g}到{high:g}度。",
    },
    "temperature_set": {
        "en": "Setting {zone} to {temperature:g} degrees.",
        "zh": "好的，{zone}温度调到{temperature:g}度。",
    },
    "fan_set": {"en": "Fan set to {level}.", "zh": "风量已调到{level}挡。"},
    "climate_on": {"en": "Climate control on.", "zh": "空调已打开。"},
    "climate_off": {"en": "Climate control off.", "zh": "空调已关闭。"},
    "air_conditioning_on": {"en": "Air conditioning on.", "zh": "已打开空调制冷。"},
    "air_conditioning_off": {"en": "Air conditioning off.", "zh": "已关闭空调制冷。"},
    "defrost_on": {"en": "Defrosting the {target} window.", "zh": "已打开{target}除雾。"},
    "defrost_off": {"en": "Defrost off.", "zh": "已关闭除雾。"},
    "seat_heat": {"en": "Seat heating for {zone} set to {level}.", "zh": "{zone}座椅加热已调到{level}挡。"},
    "seat_vent": {"en": "Seat ventilation for {zone} set to {level}.", "zh": "{zone}座椅通风已调到{level}挡。"},
    "window_set": {"en": "Done, {zone} window at {position:g} percent.", "zh": "好的，{zone}车窗开到{position:g}%。"},
    "window_closed": {"en": "Closing {zone} window.", "zh": "好的，关闭{zone}车窗。"},
    "window_set_all": {"en": "Done, every window at {position:g} percent.", "zh": "好的，全车车窗开到{position:g}%。"},
    "window_closed_all": {"en": "Closing every window.", "zh": "好的，关闭全车车窗。"},
    "opening": {"en": "Opening {target}.", "zh": "正在打开{target}。"},
    "closing": {"en": "Closing {target}.", "zh": "正在关闭{target}。"},
    "light_on": {"en": "Turning on {target}.", "zh": "已打开{target}。"},
    "light_off": {"en": "Turning off {target}.", "zh": "已关闭{target}。"},
    "light_colour": {"en": "Setting {target} to {color}.", "zh": "{target}已调成{color}。"},
    "light_colour_unavailable": {"en": "The ambient light can't be {color}.", "zh": "氛围灯没有{color}。"},
    "light_colour_ambient_only": {"en": "Only the ambient light changes colour.", "zh": "只有氛围灯可以调颜色。"},
    "wiper_set": {"en": "Wipers set to {mode}.", "zh": "雨刮已调到{mode}。"},
    "volume_set": {"en": "Volume set to {level}.", "zh": "音量已调到{level}。"},
    "volume_up": {"en": "Turning the volume up.", "zh": "音量调大了。"},
    "volume_down": {"en": "Turning the volume down.", "zh": "音量调小了。"},
    "seat_vent_front_only": {"en": "Only the front seats are ventilated.", "zh": "只有前排座椅有通风。"},
    "navigating": {"en": "Navigating to {place}.", "zh": "开始导航去{place}。"},
    "nav_cancelled": {"en": "Navigation cancelled.", "zh": "已取消导航。"},
    "stop_added": {"en": "Adding a stop at {place} on the way.", "zh": "已在途中添加停靠点：{place}。"},
    "unknown_place": {"en": "Sorry, I couldn't find {place} on the map.", "zh": "抱歉，地图上没有找到{place}。"},
    "query_range": {"en": "About {value:.0f} kilometres of range left.", "zh": "还能开大约{value:.0f}公里。"},
    "query_battery": {"en": "The battery is at {value:.0f} percent.", "zh": "电量还剩{value:.0f}%。"},
    "query_cabin_temp": {"en": "It's {value:.1f} degrees inside.", "zh": "车内温度{value:.1f}度。"},
    "query_outside_temp": {"en": "It's {value:.1f} degrees outside.", "zh": "车外温度{value:.1f}度。"},
    "query_speed": {"en": "We're doing {value:.0f} kilometres per hour.", "zh": "当前车速每小时{value:.0f}公里。"},
    "query_eta": {"en": "About {value:.0f} minutes to go.", "zh": "大约还要{value:.0f}分钟。"},
    "query_distance": {"en": "{value:.1f} kilometres to go.", "zh": "还有{value:.1f}公里。"},
    "query_unknown": {"en": "I can't tell right now.", "zh": "暂时无法获取这个信息。"},
    "query_no_route": {"en": "There's no route set.", "zh": "当前没有导航路线。"},
    "reading_unavailable": {
        "en": "I can't read {reading} right now, so I can't tell or change it from here.",
        "zh": "暂时读不到{reading}，现在没法查看或调整。",
    },
    "refuse_signal_stale": {
        "en": "{system} isn't reporting right now, so I won't change it. Please try again in a moment.",
        "zh": "{system}暂时没有状态反馈，先不操作，请稍后再试。",
    },
    "refuse_open_while_moving": {"en": "I can't open {target} while we're moving.", "zh": "行驶中不能打开{target}。"},
    "refuse_speed_unknown": {
        "en": "I can't confirm the car is stopped, so I won't open {target}.",
        "zh": "暂时无法确认车辆已停稳，不能打开{target}。",
    },
    "refuse_rear_route": {"en": "Only the driver can change the route.", "zh": "只有驾驶员可以修改导航。"},
    "refuse_rear_front_zone": {
        "en": "Sorry, that zone is controlled from the front seats.",
        "zh": "抱歉，前排区域只能由前排乘客调节。",
    },
    "refuse_window_high_speed": {"en": "Not at this speed; I can open it a little.", "zh": "车速太快，只能开一点。"},
    "alert_eyes_on_road": {"en": "Please keep your eyes on the road.", "zh": "请注意前方道路。"},
    "next_rest_area": {"en": "The next rest area is {name}. ", "zh": "前方的服务区是{name}，"},  # opens the next one
    "alert_take_a_break": {
        "en": "You seem tired. {rest_area}Let's take a break soon.",
        "zh": "您似乎有些疲劳，{rest_area}建议尽快休息。",
    },
    "home_on": {"en": "Turning on the {device} at home.", "zh": "正在打开家里的{device}。"},
    "home_off": {"en": "Turning off the {device} at home.", "zh": "正在关闭家里的{device}。"},
    "home_temperature": {
        "en": "Setting the house to {temperature:g} degrees.",
        "zh": "家里温度调到{temperature:g}度。",
    },
    "home_open": {"en": "Opening the {device}.", "zh": "正在打开{device}。"},
    "home_close": {"en": "Closing the {device}.", "zh": "正在关闭{device}。"},
    "home_on_in_room": {"en": "Turning on the {device} in the {room}.", "zh": "正在打开{room}的{device}。"},
    "home_off_in_room": {"en": "Turning off the {device} in the {room}.", "zh": "正在关闭{room}的{device}。"},
    "home_temperature_in_room": {
        "en": "Setting the {room} to {temperature:g} degrees.",
        "zh": "{room}温度调到{temperature:g}度。",
    },
    "home_open_in_room": {"en": "Opening the {device} in the {room}.", "zh": "正在打开{room}的{device}。"},
    "home_close_in_room": {"en": "Closing the {device} in the {room}.", "zh": "正在关闭{room}的{device}。"},
    "home_scene": {"en": "Starting the {scene} scene at home.", "zh": "已启动家里的{scene}模式。"},
    "home_no_device": {"en": "The house has no {device}.", "zh": "家里没有{device}。"},
    "home_no_device_in_room": {"en": "The house has no {device} in the {room}.", "zh": "家里的{room}没有{device}。"},
    "home_no_room": {"en": "The house has no {room}.", "zh": "家里没有{room}。"},
    "home_cannot": {"en": "The {device} at home can't do that.", "zh": "家里的{device}不支持这个操作。"},
    "home_no_thermostat": {"en": "Nothing at home can set the temperature.", "zh": "家里没有可以调温度的设备。"},
    "home_no_thermostat_in_room": {
        "en": "Nothing in the {room} at home can set the temperature.",
        "zh": "家里的{room}没有可以调温度的设备。",
    },
    "home_temperature_range": {
        "en": "The house can be set between {low:g} and {high:g} degrees.",
        "zh": "家里温度只能设在{low:g}到{high:g}度之间。",
    },
    "home_not_connected": {"en": "The car isn't connected to a home.", "zh": "车辆没有连接到家里。"},
    "home_state": {"en": "At home: {states}.", "zh": "家里：{states}。"},
    "home_failed": {
        "en": "I couldn't reach the home: the {device} did not respond.",
        "zh": "无法连接到家里：{device}没有响应。",
    },
    "home_refused": {"en": "The home did not allow that: {reason}.", "zh": "家里拒绝了这个操作：{reason}。"},
    "refuse_home_far": {
        "en": "We're {distance_km:.1f} km from home; I can take care of the {device} from {approach_km:g} km away.",
        "zh": "现在离家还有{distance_km:.1f}公里，离家{approach_km:g}公里以内才能操作{device}。",
    },
    "refuse_home_position_unknown": {
        "en": "I can't tell where the car is, so I won't touch the {device}.",
        "zh": "暂时无法确定车辆位置，先不操作{device}。",
    },
    "home_access_when_near": {
        "en": "I'll take care of the {device} when we're within {radius:g} m of home.",
        "zh": "好的，到家{radius:g}米以内时为您操作{device}。",
    },
    "home_access_lapsed": {
        "en": "I didn't touch the {device}: we did not come within {radius:g} m of home.",
        "zh": "车辆没有到达家{radius:g}米以内，没有操作{device}。",
    },
    "refuse_home_not_driver": {"en": "Only the driver can open the {device}.", "zh": "只有驾驶员可以操作{device}。"},
    "confirm_home_open": {"en": "Open the {device}?", "zh": "确认打开{device}吗？"},
    "confirm_passenger_route": {
        "en": "Your passenger would like to go to {place}. OK?",
        "zh": "乘客想去{place}，可以吗？",
    },
    "confirm_passenger_stop": {
        "en": "Your passenger would like to stop at {place} on the way. OK?",
        "zh": "乘客想在途中去{place}，可以吗？",
    },
    "confirm_passenger_cancel": {
        "en": "Your passenger would like to stop the navigation. OK?",
        "zh": "乘客想取消导航，可以吗？",
    },
    "suggestion_dismissed": {"en": "OK, I won't.", "zh": "好的，不用了。"},
    # the proactive needs' cards ("<reply>_offer", "<reply>_done") are described with each need
    **need_replies(),
    "habit_offer": {"en": "You usually {what} around this time. Shall I?", "zh": "您通常这个时候会{what}，现在要吗？"},
    "rephrase": {"en": "Sorry, could you say that another way?", "zh": "抱歉，能换个说法吗？"},
    "clarify": {"en": "Sorry, did you want to {first} or {second}?", "zh": "抱歉，您是想{first}，还是{second}？"},
    "out_of_scope": {"en": "Sorry, I can't help with that.", "zh": "抱歉，这个我帮不上忙。"},
    # What the car reports of a part asked about: worded apart from every "done" reply ("Climate control on.").
    "left_as_is": {"en": "OK, I'll leave it as it is.", "zh": "好的，保持不变。"},
    "car_part_open": {"en": "The car reports {car_part} open.", "zh": "车辆显示{car_part}目前开着。"},
    "car_part_closed": {"en": "The car reports {car_part} closed.", "zh": "车辆显示{car_part}目前关着。"},
    "car_part_on": {"en": "The car reports {car_part} on.", "zh": "车辆显示{car_part}目前开着。"},
    "car_part_off": {"en": "The car reports {car_part} off.", "zh": "车辆显示{car_part}目前关着。"},
    "car_part_auto": {"en": "The car reports {car_part} on automatic.", "zh": "车辆显示{car_part}处于自动模式。"},
    "car_part_unknown": {
        "en": "I can't read the state of {car_part} right now.",
        "zh": "暂时读取不到{car_part}的状态。",
    },
    "car_feature_unreachable": {
        "en": "I have no control over this car's {feature}.",
        "zh": "我无法控制这辆车的{feature}。",
    },
    "not_available": {"en": "That isn't available yet.", "zh": "这个功能暂不可用。"},
    "ok": {"en": "OK.", "zh": "好的。"},
    "nothing_to_confirm": {"en": "There's nothing waiting for a yes.", "zh": "现在没有需要确认的事。"},
    "action_failed": {"en": "Sorry, I couldn't do that.", "zh": "抱歉，这个操作没有完成。"},
    "cancelled": {"en": "OK, cancelled.", "zh": "好的，已取消。"},
    "nothing_to_cancel": {"en": "There's nothing to cancel.", "zh": "没有可以取消的操作。"},
}


# Replies that say something is done or under way. Only an action the registry has sent may be answered with
# one of these; a refused or failed action gets its own reason (cockpit.Cockpit._carry_out picks it).
DONE_REPLIES = frozenset(
    {
        "temperature_set",
        "temperature_limited",
        "fan_set",
        "climate_on",
        "climate_off",
        "air_conditioning_on",
        "air_conditioning_off",
        "defrost_on",
        "defrost_off",
        "seat_heat",
        "seat_vent",
        "window_set",
        "window_closed",
        "window_set_all",
        "window_closed_all",
        "opening",
        "closing",
        "light_on",
        "light_off",
        "light_colour",
        "wiper_set",
        "volume_set",
        "volume_up",
        "volume_down",
        "navigating",
        "nav_cancelled",
        "stop_added",
        "home_on",
        "home_off",
        "home_temperature",
        "home_open",
        "home_close",
        "home_scene",
        "home_on_in_room",
        "home_off_in_room",
        "home_temperature_in_room",
        "home_open_in_room",
        "home_close_in_room",
        "cancelled",
    }
    | done_reply_keys()  # the proactive needs that were acted on
)


class ReplyableError(ValueError):
    """An action that cannot be carried out, with what the assistant says about it (a REPLIES key and its
    parameters, as ids: reply_text puts them into the listener's words)."""

    def __init__(self, message: str, reply_key: str, **reply_params: Any) -> None:
        super().__init__(message)
        self.reply_key = reply_key
        self.reply_params = reply_params


def _words(table: dict[str, dict[str, str]], lang: str, value: str) -> str:
    return table[lang].get(value) or table["en"].get(value) or value.replace("_", " ")


def device_words(device: str, lang: str) -> str:
    """`water_heater` → "water heater" / 热水器; a house's device id `living_room.ac` (or its spoken form
    "living room ac") → "living room AC" / 客厅的空调."""
    key = device.strip().lower().replace(".", " ").replace("_", " ")
    for kind in DEVICE_WORDS["en"]:
        if key == kind.replace("_", " "):
            return _words(DEVICE_WORDS, lang, kind)
    for room in ROOM_WORDS["en"]:
        prefix = room.replace("_", " ") + " "
        if key.startswith(prefix) and key[len(prefix) :].replace(" ", "_") in DEVICE_WORDS["en"]:
            room_said, device_said = _words(ROOM_WORDS, lang, room), device_words(key[len(prefix) :], lang)
            return f"{room_said}的{device_said}" if lang == "zh" else f"{room_said} {device_said}"
    return device.replace("_", " ")


def state_words(value: Any, lang: str) -> str:
    """A house's reported value in words: "off" / 关着, 22.5 → "22.5", None → "unknown" / 未知."""
    if value is None:
        value = "unknown"
    if isinstance(value, bool):
        value = "on" if value else "off"
    if isinstance(value, float):
        return f"{value:g}"
    return _words(STATE_WORDS, lang, str(value)) if lang == "zh" else str(value).replace("_", " ")


def _reason_words(reason: str, lang: str) -> str:
    code = reason.split(":", 1)[0].strip()
    return HOME_REASON_WORDS[lang].get(code, reason) if lang == "zh" else reason


_LOCALISED: dict[str, Any] = {
    "zone": lambda v, lang: _words(ZONE_WORDS, lang, v) if v in ZONE_WORDS["en"] else v,
    "target": lambda v, lang: _words(TARGET_WORDS, lang, v) if v in TARGET_WORDS["en"] else v,
    "device": device_words,
    "room": lambda v, lang: _words(ROOM_WORDS, lang, v) if v in ROOM_WORDS["en"] else v,
    "scene": lambda v, lang: _words(SCENE_WORDS, lang, v),
    "color": lambda v, lang: _words(COLOUR_WORDS, lang, v),
    "mode": lambda v, lang: _words(WIPER_MODE_WORDS, lang, v),
    "place": lambda v, lang: _words(CATEGORY_WORDS, lang, v) if v in CATEGORY_WORDS["en"] else v,
    "reason": _reason_words,
    "system": lambda v, lang: _words(SYSTEM_WORDS, lang, v),
    "reading": lambda v, lang: _words(READING_WORDS, lang, v),
    "car_part": lambda v, lang: _words(CAR_PART_WORDS, lang, v),
}


class _Blank:
    def __format__(self, spec: str) -> str:
        return ""


class _Known(dict):
    """A parameter the reply's words name but nobody gave is left out rather than stopping the run."""

    def __missing__(self, key: str) -> _Blank:
        return _Blank()


def reply_text(key: str, lang: str, **params: Any) -> str:
    """The reply `key` in `lang` (en, zh; anything else: en), its parameters put into that language's words."""
    lang = lang if lang in ("en", "zh") else "en"
    localised = {k: _LOCALISED[k](v, lang) if isinstance(v, str) and k in _LOCALISED else v for k, v in params.items()}
    text = REPLIES[key][lang].format_map(_Known(localised))
    return text[:1].upper() + text[1:]  # a reply may start with a parameter ("the climate control isn't...")


# A habit in words, said inside "habit_offer" ("You usually {what} around this time"): the habit's action and data.
HABIT_WORDS: dict[str, dict[str, str]] = {
    "climate.set_temperature": {
        "en": "set {zone} to {temperature:g} degrees",
        "zh": "把{zone}温度调到{temperature:g}度",
    },
    "seat.heat": {"en": "turn the seat heater to {level}", "zh": "把座椅加热调到{level}挡"},
    "home.turn_on": {"en": "turn on the {device} at home", "zh": "打开家里的{device}"},
    "home.set_temperature": {"en": "warm up the house", "zh": "提前把家里加热"},
}


def habit_words(kind: str, data: Mapping[str, Any], lang: str) -> str:
    """ "set your side to 21 degrees" / "把主驾温度调到21度": lower case, in the listener's words (a device id
    such as `water_heater` is 热水器 in Mandarin); a kind without words is named as it is."""
    lang = lang if lang in ("en", "zh") else "en"
    words = HABIT_WORDS.get(kind)
    if words is None:
        return kind
    if kind == "climate.set_temperature" and data.get("temperature") is None:
        return ""
    params = {"zone": str(data.get("zone", "driver")), "device": str(data.get("device", ""))}
    localised = {k: _LOCALISED[k](v, lang) for k, v in params.items()}
    return words[lang].format_map(_Known({**data, **localised}))
