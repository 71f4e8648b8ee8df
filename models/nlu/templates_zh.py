"""Mandarin lexicon for the generator (see generate.py for the template syntax)."""

from __future__ import annotations

import random

from cockpit.nlu.catalogue import LEVEL_RANGE
from models.nlu import open_vocabulary
from models.nlu.lexicon import enum_choices_in, free_text_span, home_only_surfaces

_DIGITS = "零一二三四五六七八九"


def zh_numeral(n: int, rng: random.Random) -> str:
    """22 -> 二十二, 10 -> 十, 100 -> 一百, 2 -> 二 or 两 (colloquial)."""
    if n == 100:
        return "一百"
    if n == 2:
        return rng.choice(["二", "两"])
    if n < 10:
        return _DIGITS[n]
    tens, ones = divmod(n, 10)
    head = "十" if tens == 1 and rng.random() < 0.8 else _DIGITS[tens] + "十"
    return head + (_DIGITS[ones] if ones else "")


def number_surface(value: float, rng: random.Random, unit: str = "") -> str:
    whole = int(value)
    half = value != whole
    if rng.random() < 0.45:
        return f"{value:g}" + unit
    text = zh_numeral(whole, rng)
    if half:
        return text + unit + "半" if unit and rng.random() < 0.4 else text + "点五" + unit
    return text + unit


LANG = "zh"
# How two commands are joined in one request (compound training examples).
CONNECTORS = ("，", "和", "然后", "，然后", "再", "，顺便", "顺便", "，还有", "，另外", "并且", "，再", "、", "同时")
PREFIXES = [
    "嗯",
    "嗯，",
    "那个",
    "帮我",
    "请",
    "麻烦",
    "小爱同学，",
    "你好，",
    "麻烦你",
    "请帮我",
    "给我",
    "哎",
    "呃",
    "能不能",
    "可以帮我",
    "你帮我",
    "小爱，",
]
SUFFIXES = [
    "吧",
    "一下",
    "谢谢",
    "好吗",
    "呀",
    "啊",
    "。",
    "！",
    "？",
    "哈",
    "可以吗",
    "行吗",
    "呗",
    "，谢谢",
]
# ASR-like homophone errors on untagged characters (same length, so tags stay aligned).
HOMOPHONES = {
    "调": "掉条",
    "空": "控",
    "度": "渡",
    "座": "坐做",
    "椅": "以",
    "加": "家",
    "热": "惹",
    "开": "凯",
    "窗": "床",
    "灯": "等",
    "航": "行",
    "导": "到",
    "风": "疯",
    "量": "亮",
    "打": "达",
    "关": "官",
    "电": "店",
    "音": "因",
    "放": "方",
    "冷": "愣",
    "备": "被",
}

ZONES = [
    ("主驾", "driver"),
    ("主驾驶", "driver"),
    ("驾驶位", "driver"),
    ("司机", "driver"),
    ("主驾位", "driver"),
    ("副驾", "passenger"),
    ("副驾驶", "passenger"),
    ("副驾位", "passenger"),
    ("副驾座", "passenger"),
    ("后排", "rear"),
    ("后座", "rear"),
    ("后面", "rear"),
    ("第二排", "rear"),
    ("后排座位", "rear"),
    ("左后", "rear_left"),
    ("后排左侧", "rear_left"),
    ("后排左边", "rear_left"),
    ("左后方", "rear_left"),
    ("右后", "rear_right"),
    ("后排右侧", "rear_right"),
    ("后排右边", "rear_right"),
    ("右后方", "rear_right"),
    ("全车", "all"),
    ("所有座位", "all"),
    ("整车", "all"),
    ("全部", "all"),
    ("大家", "all"),
]
DESTINATIONS = [
    "公司",
    "家",
    "机场",
    "首都机场",
    "北京南站",
    "西湖",
    "天安门",
    "三里屯太古里",
    "人民医院",
    "学校",
    "健身房",
    "上海外滩",
    "虹桥火车站",
    "浦东机场",
    "小米科技园",
    "幼儿园",
    "万达广场",
    "朝阳公园",
    "中关村",
    "南京西路88号",
    "世纪大道100号",
    "爸妈家",
    "丈母娘家",
    "大悦城",
    "国贸",
    "宜家",
    "迪士尼",
    "深圳湾公园",
    "春熙路",
    "北京大学",
    "清华东门",
    "最近的商场",
    "望京SOHO",
    "奥林匹克公园",
    "体育馆",
    "酒店",
    "老王家",
    "火车站",
    "高铁站",
    "市中心",
]
SURNAMES = "王李张刘陈杨赵黄周吴徐孙马朱胡郭何林罗高"
GIVEN = [
    "伟",
    "芳",
    "娜",
    "敏",
    "静",
    "磊",
    "强",
    "军",
    "洋",
    "勇",
    "艳",
    "杰",
    "涛",
    "明",
    "超",
    "秀英",
    "建国",
    "小红",
    "晓东",
    "思远",
]
RELATIONS = [
    "妈妈",
    "爸爸",
    "老妈",
    "老爸",
    "老婆",
    "老公",
    "媳妇",
    "儿子",
    "女儿",
    "哥哥",
    "姐姐",
    "弟弟",
    "妹妹",
    "奶奶",
    "爷爷",
    "外婆",
    "老板",
    "宝贝",
]
TITLES = ["经理", "总", "老师", "医生", "师傅"]
QUERIES = [
    "周杰伦的歌",
    "轻音乐",
    "摇滚",
    "流行音乐",
    "邓紫棋",
    "晴天",
    "稻香",
    "相声",
    "有声书",
    "新闻",
    "儿歌",
    "古典音乐",
    "陈奕迅的歌",
    "林俊杰",
    "民谣",
    "说唱",
    "我喜欢的歌",
    "每日推荐",
    "爵士乐",
    "五月天",
    "七里香",
    "钢琴曲",
    "抖音热歌",
    "我收藏的歌单",
    "郭德纲的相声",
    "评书",
    "粤语歌",
    "孤勇者",
    "老歌",
    "英文歌",
    "王菲的红豆",
    "睡前故事",
]
ROOMS = [
    "客厅",
    "卧室",
    "主卧",
    "次卧",
    "厨房",
    "书房",
    "儿童房",
    "卫生间",
    "阳台",
    "餐厅",
    "客房",
    "老人房",
    "地下室",
    "玄关",
]
PLACES = [
    "北京",
    "上海",
    "深圳",
    "杭州",
    "广州",
    "成都",
    "武汉",
    "哈尔滨",
    "西安",
    "三亚",
    "南京",
    "苏州",
    "重庆",
    "天津",
    "厦门",
    "长沙",
    "青岛",
]
WHENS = ["今天", "明天", "后天", "今晚", "周末", "这周末", "明天早上", "现在", "下午", "明天下午", "今天晚上"]

ENUM_SURFACES: dict[str, dict[str, list[str]]] = {
    # devices only a home has: no "at home" needed to tell them from the car's AC or lights
    "homeonly": {},
    "device": {
        "ac": ["空调", "冷气", "空调机"],
        "light": ["灯", "灯光", "吊灯", "电灯", "台灯"],
        "heater": ["暖气", "取暖器", "地暖", "电暖气"],
        "water_heater": ["热水器", "电热水器", "燃气热水器"],
        "air_purifier": ["空气净化器", "净化器"],
        "robot_vacuum": ["扫地机器人", "扫地机", "扫地机器"],
        "fan": ["风扇", "电风扇", "吊扇"],
        "tv": ["电视", "电视机"],
        "humidifier": ["加湿器"],
        "garage": ["车库门", "车库", "车库卷帘门"],
        "curtains": ["窗帘", "窗帘布", "纱帘"],
        "gate": ["大门", "院门", "院子门", "门口大门"],
    },
    "category": {
        "charger": ["充电桩", "充电站", "超充站", "快充桩", "能充电的地方"],
        "coffee": ["咖啡店", "咖啡馆", "星巴克", "瑞幸", "喝咖啡的地方"],
        "restaurant": ["餐厅", "饭店", "吃饭的地方", "馆子", "面馆", "火锅店"],
        "parking": ["停车场", "停车位", "车位", "能停车的地方"],
        "rest_area": ["服务区", "休息区", "高速服务区"],
        "toilet": ["厕所", "洗手间", "卫生间", "公厕"],
        "gas": ["加油站", "油站"],
    },
    "color": {
        "red": ["红色", "红"],
        "orange": ["橙色", "橘色"],
        "yellow": ["黄色", "金色"],
        "green": ["绿色", "绿"],
        "cyan": ["青色", "蓝绿色"],
        "blue": ["蓝色", "蓝", "天蓝色"],
        "purple": ["紫色", "紫"],
        "pink": ["粉色", "粉红色"],
        "white": ["白色", "暖白色"],
    },
    "light": {
        "ambient": ["氛围灯", "气氛灯", "车内氛围灯"],
        "reading": ["阅读灯", "顶灯", "车内灯", "看书的灯"],
        "headlights": ["大灯", "前大灯", "车灯", "近光灯", "远光灯"],
    },
    "body": {
        "trunk": ["后备箱", "尾门", "后备厢", "后尾箱"],
        "frunk": ["前备箱", "前备厢", "前舱"],
        "charge_port": ["充电口", "充电口盖", "充电盖", "充电小门"],
        "door": ["车门", "门", "主驾车门"],
    },
}
ENUM_SURFACES["homeonly"] = home_only_surfaces(ENUM_SURFACES)


def enum_choices(placeholder: str, allowed: dict[str, tuple[str, ...]]) -> tuple[str, list[str]]:
    return enum_choices_in(ENUM_SURFACES, placeholder, allowed)


def _temperature_span(intent: str, rng: random.Random) -> tuple[str, object]:
    value = (rng.randint(16, 30) if rng.random() < 0.85 else rng.randint(0, 99)) + (0.5 if rng.random() < 0.2 else 0.0)
    unit = rng.choice(["度", "度", "度", "", "°", "摄氏度", "℃"])
    return number_surface(value, rng, unit), value


def _delta_span(intent: str, rng: random.Random) -> tuple[str, object]:
    if intent == "media.volume":
        percent = rng.choice([5, 10, 10, 15, 20, 20, 25, 30, 40, 50])
        number = str(percent) if rng.random() < 0.6 else zh_numeral(percent, rng)
        return number + rng.choice(["", "%", "格", "个点", ""]), float(percent)
    value = rng.choice([1.0, 1.0, 2.0, 2.0, 3.0, 4.0, 5.0, 0.5])
    if value == 0.5:
        return rng.choice(["半度", "0.5度"]), 0.5
    return number_surface(value, rng, rng.choice(["度", "度", "°"])), value


def _level_span(intent: str, rng: random.Random) -> tuple[str, object]:
    low, high = LEVEL_RANGE[intent]
    if rng.random() < 0.15:
        return rng.choice(["最大", "最高", "最高档", "最大档", "最强"]), high
    if rng.random() < 0.07:
        return rng.choice(["最小", "最低", "最低档", "最弱"]), low
    if high == 100:
        value = rng.randrange(0, 101, 5)
        return (str(value) if rng.random() < 0.5 else zh_numeral(value, rng)), value
    value = rng.randint(max(low, 1), high)
    number = str(value) if rng.random() < 0.4 else zh_numeral(value, rng)
    return number + rng.choice(["档", "档", "级", ""]), value


def _position_span(intent: str, rng: random.Random) -> tuple[str, object]:
    if rng.random() < 0.35:
        return rng.choice(["一半", "半"]), 50
    value = rng.randrange(10, 100, 10)
    if rng.random() < 0.5:
        return "百分之" + zh_numeral(value, rng), value
    return f"{value}%", value


def _zone_span(intent: str, rng: random.Random) -> tuple[str, object]:
    return rng.choice(ZONES)


def _contact_span(intent: str, rng: random.Random) -> tuple[str, object]:
    if rng.random() < 0.4:
        surface = open_vocabulary.contact("zh", rng)
        return surface, surface
    roll = rng.random()
    if roll < 0.35:
        surface = rng.choice(RELATIONS)
    elif roll < 0.8:
        surface = rng.choice(SURNAMES) + rng.choice(GIVEN)
    else:
        surface = rng.choice(SURNAMES) + rng.choice(TITLES)
    return surface, surface


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
    return make(intent, rng) if make is not None else free_text_span(slot, "zh", _POOLS, _invented_name, rng)


_NAME_CHARS = "金华安平东西南北新龙凤阳光明德中兴隆泰和丰恒海天山水湖江河宝林松竹梅兰春秋星月云福康宁"
_PLACE_SUFFIX = [
    "站",
    "广场",
    "大厦",
    "公园",
    "医院",
    "路",
    "大街",
    "小区",
    "中心",
    "商场",
    "酒店",
    "学校",
    "机场",
    "体育馆",
    "花园",
    "路18号",
    "街3号",
]


def _invented_name(slot: str, rng: random.Random) -> str:
    name = "".join(rng.choice(_NAME_CHARS) for _ in range(rng.randint(2, 3)))
    if slot == "place":
        return name[:2] + rng.choice(["", "市", "县"])
    if slot == "query":
        return rng.choice([name, name + "的歌", name + "的专辑", "《" + name + "》"])
    if rng.random() < 0.25:  # a quarter's name alone, no kind of place after it ("五道口", "陆家嘴")
        return name
    return rng.choice(["", "", "最近的", rng.choice(PLACES)]) + name + rng.choice(_PLACE_SUFFIX)


from models.nlu.templates_zh_intents import TEMPLATES  # noqa: E402
from models.nlu.templates_zh_meaning import MORE  # noqa: E402

for _intent, _templates in MORE.items():
    TEMPLATES.setdefault(_intent, []).extend(_templates)
