"""Real sentences through the real NLU model and the whole cockpit: a sample of every intent, in both languages.

Whatever the model understood, the cockpit's answer holds to the same rules as the generated turns
(harness.judge): no exception, a valid action or a spoken refusal, no success claimed for what was not done, the
reply in the speaker's language.
"""

from __future__ import annotations

import pytest

from cockpit.nlu.catalogue import INTENT_NAMES
from tests.cockpit_e2e.cases import LANGS, NEEDS
from tests.cockpit_e2e.harness import Run, judge

# intent → (English samples, Mandarin samples). The sentences are among them.
SAMPLES: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "climate.set_temperature": (("set it to 22 degrees",), ("把空调调到二十二度", "把副驾温度调到22度")),
    "climate.adjust_temperature": (("I'm freezing", "a bit warmer on my side"), ("太热了",)),
    "climate.set_fan": (("fan to 3",), ("风量大一点",)),
    "climate.power": (("turn on the AC",), ("关闭空调",)),
    "climate.defrost": (("defog the windshield",), ("打开后除雾",)),
    "seat.heat": (("heat my seat",), ("打开副驾座椅加热",)),
    "seat.ventilate": (("cool my seat",), ("座椅通风开到最大",)),
    "window.set": (("open my window halfway",), ("关窗",)),
    "body.open": (("open the trunk",), ("打开充电口",)),
    "body.close": (("close the frunk",), ("关上后备箱",)),
    "light.set": (("turn the ambient light blue", "ambient light cyan"), ("打开阅读灯", "把氛围灯调成红色")),
    "wiper.set": (("wipers on", "make the wipers faster"), ("雨刮调快",)),
    "vehicle.query": (("how far can I go",), ("还剩多少电",)),
    "nav.navigate": (("take me home",), ("导航去公司",)),
    "nav.find_poi": (("find a charger",), ("附近有没有咖啡店",)),
    "nav.cancel": (("stop navigation",), ("取消导航",)),
    "nav.query": (("when will we arrive",), ("还有多久到",)),
    "home.turn_on": (
        ("turn on the living room lights", "turn on the ac in the bedroom"),
        ("打开家里的空调", "打开卧室的空调", "把客厅里的灯打开"),
    ),
    "home.turn_off": (("switch off the water heater",), ("关掉主卧的灯",)),
    "home.set_temperature": (("set the bedroom to 24",), ("把家里空调调到26度",)),
    "home.open": (("open the garage",), ("打开车库门",)),
    "home.close": (("close the garage door",), ("关上客厅的窗帘",)),
    "home.scene": (("I'm heading home",), ("启动回家模式",)),
    "home.query": (("is the garage closed?",), ("家里空调开着吗",)),
    "media.play": (("play some jazz",), ("放周杰伦的歌",)),
    "media.pause": (("pause the music",), ("暂停音乐",)),
    "media.next": (("next song",), ("下一首",)),
    "media.volume": (("louder", "turn the volume down by 30"), ("音量调到10",)),
    "phone.call": (("call mom",), ("打电话给张三",)),
    "info.weather": (("will it rain tomorrow",), ("今天天气怎么样",)),
    "dialog.confirm": (("yes",), ("好的",)),
    "dialog.deny": (("no thanks",), ("不用了",)),
    "dialog.cancel": (("never mind",), ("算了",)),
    "out_of_scope": (("tell me a joke",), ("法国的首都是哪里",)),
}
SEATS_TRIED = ("driver", "rear_left")


def test_every_intent_has_samples_in_both_languages():
    assert set(SAMPLES) == set(INTENT_NAMES)
    assert all(en and zh for en, zh in SAMPLES.values())


@pytest.mark.parametrize("lang", LANGS)
def test_real_sentences_of_every_intent(parts, lang):
    run = Run(parts, "parked_at_home", parts.understander)
    problems, turns = [], 0
    try:
        for intent in sorted(SAMPLES):
            for text in SAMPLES[intent][LANGS.index(lang)]:
                for seat in SEATS_TRIED:
                    turn = run.turn(seat, text)
                    turns += 1
                    if turn.lang != lang:
                        problems.append(f"{text!r} was heard as {turn.lang}")
                    needs = NEEDS.get(turn.intent, ((),))
                    complete = turn.confidence >= 0.5 and any(all(s in turn.slots for s in n) for n in needs)
                    problems += [f"{turn.describe()}\n    {p}" for p in judge(turn, rephrase_allowed=not complete)]
    finally:
        run.close()
    assert turns == len(SEATS_TRIED) * sum(len(samples[LANGS.index(lang)]) for samples in SAMPLES.values())
    assert not problems, f"{len(problems)} problems in {turns} turns:\n" + "\n".join(problems)
