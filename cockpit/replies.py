"""What the assistant says, in English and Mandarin, keyed by message."""

from __future__ import annotations

from typing import Any

ZONE_WORDS = {
    "en": {"driver": "your side", "passenger": "the passenger side", "rear_left": "the rear left",
           "rear_right": "the rear right", "rear_middle": "the rear middle", "rear": "the rear", "all": "every zone"},
    "zh": {"driver": "主驾", "passenger": "副驾", "rear_left": "左后", "rear_right": "右后", "rear_middle": "后排中间",
           "rear": "后排", "all": "全车"},
}
TARGET_WORDS = {
    "en": {"trunk": "the trunk", "frunk": "the front trunk", "charge_port": "the charge port", "door": "the door"},
    "zh": {"trunk": "后备箱", "frunk": "前备箱", "charge_port": "充电口", "door": "车门"},
}

REPLIES: dict[str, dict[str, str]] = {
    "temperature_set": {"en": "Setting {zone} to {temperature:g} degrees.",
                        "zh": "好的，{zone}温度调到{temperature:g}度。"},
    "fan_set": {"en": "Fan set to {level}.", "zh": "风量已调到{level}挡。"},
    "climate_on": {"en": "Climate control on.", "zh": "空调已打开。"},
    "climate_off": {"en": "Climate control off.", "zh": "空调已关闭。"},
    "defrost_on": {"en": "Defrosting the {target} window.", "zh": "已打开{target}除雾。"},
    "defrost_off": {"en": "Defrost off.", "zh": "已关闭除雾。"},
    "seat_heat": {"en": "Seat heating for {zone} set to {level}.", "zh": "{zone}座椅加热已调到{level}挡。"},
    "seat_vent": {"en": "Seat ventilation for {zone} set to {level}.", "zh": "{zone}座椅通风已调到{level}挡。"},
    "window_set": {"en": "Done, {zone} window at {position:g} percent.", "zh": "好的，{zone}车窗开到{position:g}%。"},
    "window_closed": {"en": "Closing {zone} window.", "zh": "好的，关闭{zone}车窗。"},
    "opening": {"en": "Opening {target}.", "zh": "正在打开{target}。"},
    "closing": {"en": "Closing {target}.", "zh": "正在关闭{target}。"},
    "light_set": {"en": "Lights adjusted.", "zh": "灯光已调整。"},
    "wiper_set": {"en": "Wipers set to {mode}.", "zh": "雨刮已调到{mode}。"},
    "navigating": {"en": "Navigating to {place}.", "zh": "开始导航去{place}。"},
    "nav_cancelled": {"en": "Navigation cancelled.", "zh": "已取消导航。"},
    "unknown_place": {"en": "Sorry, I couldn't find {place} on the map.", "zh": "抱歉，地图上没有找到{place}。"},
    "query_range": {"en": "About {value:.0f} kilometres of range left.", "zh": "还能开大约{value:.0f}公里。"},
    "query_battery": {"en": "The battery is at {value:.0f} percent.", "zh": "电量还剩{value:.0f}%。"},
    "query_cabin_temp": {"en": "It's {value:.1f} degrees inside.", "zh": "车内温度{value:.1f}度。"},
    "query_outside_temp": {"en": "It's {value:.1f} degrees outside.", "zh": "车外温度{value:.1f}度。"},
    "query_speed": {"en": "We're doing {value:.0f} kilometres per hour.", "zh": "当前车速每小时{value:.0f}公里。"},
    "query_eta": {"en": "About {value:.0f} minutes to go.", "zh": "大约还要{value:.0f}分钟。"},
    "query_distance": {"en": "{value:.1f} kilometres to go.", "zh": "还有{value:.1f}公里。"},
    "query_unknown": {"en": "I can't tell right now.", "zh": "暂时无法获取这个信息。"},
    "refuse_open_while_moving": {"en": "I can't open {target} while we're moving.", "zh": "行驶中不能打开{target}。"},
    "refuse_speed_unknown": {"en": "I can't confirm the car is stopped, so I won't open {target}.",
                             "zh": "暂时无法确认车辆已停稳，不能打开{target}。"},
    "refuse_rear_route": {"en": "Only the driver can change the route.", "zh": "只有驾驶员可以修改导航。"},
    "refuse_rear_front_zone": {"en": "Sorry, that zone is controlled from the front seats.",
                               "zh": "抱歉，前排区域只能由前排乘客调节。"},
    "refuse_window_high_speed": {"en": "Not at this speed; I can open it a little.", "zh": "车速太快，只能开一点。"},
    "alert_eyes_on_road": {"en": "Please keep your eyes on the road.", "zh": "请注意前方道路。"},
    "alert_take_a_break": {"en": "You seem tired. {rest_area}Let's take a break soon.",
                           "zh": "您似乎有些疲劳，{rest_area}建议尽快休息。"},
    "home_on": {"en": "Turning on the {device} at home.", "zh": "正在打开家里的{device}。"},
    "home_off": {"en": "Turning off the {device} at home.", "zh": "正在关闭家里的{device}。"},
    "home_temperature": {"en": "Setting the house to {temperature:g} degrees.",
                         "zh": "家里温度调到{temperature:g}度。"},
    "home_open": {"en": "Opening the {device}.", "zh": "正在打开{device}。"},
    "home_close": {"en": "Closing the {device}.", "zh": "正在关闭{device}。"},
    "home_scene": {"en": "Starting the {device} scene at home.", "zh": "已启动家里的{device}模式。"},
    "home_state": {"en": "At home: {states}.", "zh": "家里：{states}。"},
    "home_failed": {"en": "I couldn't reach the home: the {device} did not respond.",
                    "zh": "无法连接到家里：{device}没有响应。"},
    "home_refused": {"en": "The home did not allow that: {reason}.", "zh": "家里拒绝了这个操作：{reason}。"},
    "refuse_home_far": {"en": "The car has to be near home for the {device}.",
                        "zh": "车辆需要在家附近才能操作{device}。"},
    "refuse_home_not_driver": {"en": "Only the driver can open the {device}.", "zh": "只有驾驶员可以操作{device}。"},
    "confirm_home_open": {"en": "Open the {device}?", "zh": "确认打开{device}吗？"},
    "confirm_passenger_route": {"en": "Your passenger would like to go to {place}. OK?",
                                "zh": "乘客想去{place}，可以吗？"},
    "suggestion_dismissed": {"en": "OK, I won't.", "zh": "好的，不用了。"},
    "precondition_done": {"en": "It's {cabin:.0f} degrees in here, I'm bringing the cabin to {temperature:g} degrees.",
                          "zh": "车内只有{cabin:.0f}度，正在把车内调到{temperature:g}度。"},
    "preheat_home_offer": {"en": "Shall I warm up the house before you get home?", "zh": "要在到家前把家里加热吗？"},
    "precool_home_offer": {"en": "Shall I cool down the house before you get home?", "zh": "要在到家前把家里降温吗？"},
    "charge_stop_offer": {"en": "The battery may not last to your destination. Add a charging stop?",
                          "zh": "电量可能不够到达目的地，要加一个充电站吗？"},
    "rest_break_offer": {"en": "You've been driving a while. Stop at the next rest area?",
                         "zh": "您已经开了很久，要在下一个服务区休息一下吗？"},
    "garage_offer": {"en": "We're almost home. Open the garage?", "zh": "快到家了，要打开车库门吗？"},
    "home_lights_done": {"en": "I've switched on the lights at home.", "zh": "已为您打开家里的灯。"},
    "defog_done": {"en": "The windshield is fogging up, I've turned on the defroster.",
                   "zh": "前挡风玻璃起雾了，已为您打开除雾。"},
    "seat_heat_done": {"en": "It's cold, I've turned on the seat heater.", "zh": "天气冷，已为您打开座椅加热。"},
    "habit_offer": {"en": "You usually {what} around this time. Shall I?", "zh": "您通常这个时候会{what}，现在要吗？"},
    "rephrase": {"en": "Sorry, could you say that another way?", "zh": "抱歉，能换个说法吗？"},
    "out_of_scope": {"en": "Sorry, I can't help with that.", "zh": "抱歉，这个我帮不上忙。"},
    "not_available": {"en": "That isn't available yet.", "zh": "这个功能暂不可用。"},
    "ok": {"en": "OK.", "zh": "好的。"},
    "cancelled": {"en": "OK, cancelled.", "zh": "好的，已取消。"},
    "nothing_to_cancel": {"en": "There's nothing to cancel.", "zh": "没有可以取消的操作。"},
}


def reply_text(key: str, lang: str, **params: Any) -> str:
    lang = lang if lang in ("en", "zh") else "en"
    words = {**ZONE_WORDS[lang], **TARGET_WORDS[lang]}
    localised = {k: words.get(v, v) if isinstance(v, str) and k in ("zone", "target") else v
                 for k, v in params.items()}
    return REPLIES[key][lang].format(**localised)
