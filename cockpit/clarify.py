"""When the assistant is not sure what was meant, and short answers to a question it asked.

* Below the calibrated confidence the cockpit acts on, it asks which of the two likeliest intents was
  meant ("Did you mean the home lights or the car's lights?") instead of guessing.
* While a confirmation is pending, the common short answers of both languages confirm or deny it even when
  the model read them otherwise (是的, 对, 确定, 没问题, 好呀, 行, 可以 / 不用, 别, 不要; yes, yep, go ahead /
  no, nope, don't). The model is asked first; the word lists are the fallback for one- or two-word answers.
"""

from __future__ import annotations

from cockpit.nlu.catalogue import INTENT_NAMES

# What each intent does, in words, for a clarifying question. A test checks every catalogue intent is here.
INTENT_WORDS: dict[str, dict[str, str]] = {
    "climate.set_temperature": {"en": "set the car's temperature", "zh": "设置车内温度"},
    "climate.adjust_temperature": {"en": "make the car warmer or cooler", "zh": "调节车内冷暖"},
    "climate.set_fan": {"en": "change the fan", "zh": "调节风量"},
    "climate.power": {"en": "switch the car's climate on or off", "zh": "开关车内空调"},
    "climate.defrost": {"en": "defrost a window", "zh": "除雾"},
    "seat.heat": {"en": "heat a seat", "zh": "座椅加热"},
    "seat.ventilate": {"en": "ventilate a seat", "zh": "座椅通风"},
    "window.set": {"en": "open or close a window", "zh": "开关车窗"},
    "body.open": {"en": "open the trunk, frunk or charge port", "zh": "打开后备箱、前备箱或充电口"},
    "body.close": {"en": "close the trunk, frunk or charge port", "zh": "关闭后备箱、前备箱或充电口"},
    "light.set": {"en": "change the car's lights", "zh": "调节车内灯光"},
    "wiper.set": {"en": "change the wipers", "zh": "调节雨刮"},
    "vehicle.query": {"en": "hear about the car", "zh": "查询车辆状态"},
    "nav.navigate": {"en": "navigate somewhere", "zh": "导航去某个地方"},
    "nav.find_poi": {"en": "find a place nearby", "zh": "查找附近的地点"},
    "nav.cancel": {"en": "stop the navigation", "zh": "取消导航"},
    "nav.query": {"en": "hear about the route", "zh": "查询路线"},
    "home.turn_on": {"en": "switch something on at home", "zh": "打开家里的设备"},
    "home.turn_off": {"en": "switch something off at home", "zh": "关闭家里的设备"},
    "home.set_temperature": {"en": "set the temperature at home", "zh": "设置家里的温度"},
    "home.open": {"en": "open something at home", "zh": "打开家里的门或窗帘"},
    "home.close": {"en": "close something at home", "zh": "关闭家里的门或窗帘"},
    "home.scene": {"en": "start a home scene", "zh": "启动家居模式"},
    "home.query": {"en": "check something at home", "zh": "查看家里的状态"},
    "media.play": {"en": "play something", "zh": "播放音乐"},
    "media.pause": {"en": "pause the music", "zh": "暂停播放"},
    "media.next": {"en": "skip to the next song", "zh": "切换下一首"},
    "media.volume": {"en": "change the volume", "zh": "调节音量"},
    "phone.call": {"en": "call someone", "zh": "打电话"},
    "info.weather": {"en": "hear the weather", "zh": "查询天气"},
    "dialog.confirm": {"en": "say yes", "zh": "确认"},
    "dialog.deny": {"en": "say no", "zh": "拒绝"},
    "dialog.cancel": {"en": "cancel the last request", "zh": "取消上一个操作"},
    "out_of_scope": {"en": "ask something I can't do", "zh": "做我不能做的事"},
}
assert set(INTENT_WORDS) == set(INTENT_NAMES), "every catalogue intent needs words for a clarifying question"


def clarifying_question(intent: str, alternative: tuple[str, float] | None, lang: str) -> str:
    """Ask which of the two likeliest readings was meant; ask to rephrase when neither is a request."""
    from cockpit.replies import reply_text

    lang = lang if lang in ("en", "zh") else "en"
    second = alternative[0] if alternative is not None else None
    if intent == "out_of_scope" or second is None or second == "out_of_scope" or second == intent:
        return reply_text("rephrase", lang)
    return reply_text("clarify", lang, first=INTENT_WORDS[intent][lang], second=INTENT_WORDS[second][lang])


_YES = {
    "yes",
    "yeah",
    "yep",
    "yup",
    "sure",
    "ok",
    "okay",
    "go ahead",
    "do it",
    "please do",
    "yes please",
    "right",
    "correct",
    "of course",
    "affirmative",
    "absolutely",
    "definitely",
    "most definitely",
    "certainly",
    "exactly",
    "indeed",
    "true",
    "yes sir",
    "sounds good",
    "是",
    "是的",
    "对",
    "对的",
    "对呀",
    "确定",
    "确认",
    "没问题",
    "好",
    "好的",
    "好呀",
    "好啊",
    "行",
    "行吧",
    "可以",
    "可以的",
    "要",
    "要的",
    "嗯",
    "嗯嗯",
    "当然",
    "好嘞",
    "来吧",
}
_NO = {
    "no",
    "nope",
    "nah",
    "no thanks",
    "no thank you",
    "don't",
    "do not",
    "not now",
    "never mind",
    "negative",
    "absolutely not",
    "definitely not",
    "certainly not",
    "not really",
    "不",
    "不用",
    "不用了",
    "别",
    "别了",
    "不要",
    "不要了",
    "不了",
    "不需要",
    "先不用",
    "算了",
    "不行",
    "不必",
    "没必要",
}
_PUNCTUATION = " \t,.!?;:，。！？；：~～"
_TAILS = ("谢谢", "了", "吧", "啊", "呀", "啦", "哈", " thanks", " thank you", " please")


def short_answer(text: str) -> bool | None:
    """True for a yes, False for a no, None when the text is not a short answer."""
    said = text.lower().strip(_PUNCTUATION)
    for _ in range(3):  # "好的呀谢谢" -> "好的呀" -> "好的"
        if said in _YES:
            return True
        if said in _NO:
            return False
        for tail in _TAILS:
            if said.endswith(tail) and len(said) > len(tail):
                said = said.removesuffix(tail).strip(_PUNCTUATION)
                break
    return None
