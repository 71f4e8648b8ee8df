"""Build the external NLU evaluation set from public corpora (not our templates).

Documentation-grade: the corpora are not in this repository (nor in CI); fetch
them yourself at the versions named in README.md and point this script at them:

    python models/nlu/external/build.py \
        --snips   nlu-benchmark/2017-06-custom-intent-engines \
        --xsid    xsid/data/xSID-0.7 \
        --clinc   oos-eval/data/data_full.json \
        --chatterbot chatterbot-corpus/chatterbot_corpus/data \
        --tatoeba cmn.txt \
        --out     models/nlu/external

What it does, per source (mapping tables in README.md):
- SNIPS 2017 (CC0): GetWeather -> info.weather, PlayMusic -> media.play, slots
  from the span annotation.
- xSID 0.7 (CC BY-SA 4.0), en and zh: weather/find -> info.weather,
  PlayMusic -> media.play, slots from the BIO tags; alarm/reminder/
  restaurant/rating/screening intents -> out_of_scope.
- CLINC150 (CC BY 3.0): only the items listed in clinc_labels.jsonl, a table
  labelled by hand (intent, slots, or a reason to drop), plus a fixed-seed
  sample of its out-of-scope test queries.
- Tatoeba en-zh pairs (CC BY 2.0 FR; the manythings.org cmn.txt export):
  only the pairs in tatoeba_labels.jsonl, labelled by hand, both sides.
- chatterbot-corpus (BSD-3-Clause), Simplified Chinese: first turns of the
  greetings/AI/humour/... conversations -> out_of_scope.
Items whose label cannot be mapped with confidence are dropped, never guessed;
out_of_scope is capped at 20 % of each language.
"""

from __future__ import annotations

import argparse
import collections
import json
import random
import re
from pathlib import Path

HERE = Path(__file__).resolve().parent

LICENCE = {
    "snips": "CC0-1.0",
    "xsid": "CC-BY-SA-4.0",
    "clinc150": "CC-BY-3.0",
    "chatterbot": "BSD-3-Clause",
    "tatoeba": "CC-BY-2.0-FR",
}
OOS_SHARE = 0.20
SEED = 7

# --- `when` normalisation (MODEL_CARD "Conventions chosen") -----------------
WHEN_EN = {
    "today": "today",
    "tonight": "tonight",
    "tomorrow": "tomorrow",
    "day after tomorrow": "day_after_tomorrow",
    "the day after tomorrow": "day_after_tomorrow",
    "weekend": "weekend",
    "this weekend": "weekend",
    "the weekend": "weekend",
    "now": "now",
    "right now": "now",
    "currently": "now",
    "at the moment": "now",
}
WHEN_ZH = {
    "今天": "today",
    "今日": "today",
    "今晚": "tonight",
    "今天晚上": "tonight",
    "明天": "tomorrow",
    "明日": "tomorrow",
    "后天": "day_after_tomorrow",
    "周末": "weekend",
    "这个周末": "weekend",
    "本周末": "weekend",
    "现在": "now",
    "目前": "now",
    "此刻": "now",
}


def norm_when(span: str, lang: str) -> str:
    table = WHEN_ZH if lang == "zh" else WHEN_EN
    key = span.strip().strip("?.!,？。！，")
    return table.get(key if lang == "zh" else key.lower(), span.strip())


CJK_GAP = re.compile(r"(?<=[\u3000-\u9fff\uff00-\uffef])\s+|\s+(?=[\u3000-\u9fff\uff00-\uffef])")
NO_PLACE = {"out", "outside", "here", "there", "around here", "外面", "这里", "这儿", "那里", "那儿"}


def unspace(text: str) -> str:
    """xSID zh text is word-segmented ("今天 的 天气"); spoken Mandarin has no spaces."""
    return CJK_GAP.sub("", text)


def item(text, intent, slots, source, source_id):
    if re.search(r"[\u4e00-\u9fff]", text):
        text = unspace(text)
        slots = {k: unspace(v) if isinstance(v, str) else v for k, v in slots.items()}
        if "when" in slots:
            slots["when"] = norm_when(slots["when"], "zh")
    return {
        "text": text.strip(),
        "intent": intent,
        "slots": slots,
        "source": source,
        "source_id": source_id,
        "licence": LICENCE[source.split("/")[0]],
    }


# --- music query: the words naming what to play -----------------------------
MUSIC_ENTITIES = {"artist", "album", "track", "playlist", "genre", "music_item"}
BLOCKING = {"sort", "year", "datetime"}  # "the newest", "from 1990": no catalogue slot
HEAD_NOUNS = {"playlist", "song", "songs", "music", "album", "track", "tracks", "tune", "tunes"}
GENERIC_ITEMS = {
    "music",
    "song",
    "songs",
    "a song",
    "tune",
    "tunes",
    "track",
    "album",
    "音乐",
    "歌",
    "歌曲",
    "首歌",
    "一首歌",
}


def music_query(text: str, spans: list[tuple[int, int, str]], lang: str):
    """(query or None, ok). spans are (start, end, label) character offsets."""
    labels = {lab for _, _, lab in spans}
    if labels & BLOCKING:
        return None, False
    music = [s for s in spans if s[2] in MUSIC_ENTITIES]
    if not music:
        return None, True
    start, end = min(s[0] for s in music), max(s[1] for s in music)
    if any(s[2] == "service" and s[0] < end and s[1] > start for s in spans):
        return None, False  # service name inside the query span
    if lang == "en":  # keep the head noun as spoken ("metallica music", "workout playlist")
        m = re.match(r"\s+(\w+)", text[end:])
        if m and m.group(1).lower() in HEAD_NOUNS:
            end += m.end()
    else:  # "播放周杰伦的歌" -> 周杰伦的歌 (MODEL_CARD example keeps the head noun)
        m = re.match(r"\s*的?\s*(歌\s*曲|歌|音\s*乐|专\s*辑|播\s*放\s*列\s*表|曲\s*子)", text[end:])
        if m:
            end += m.end()
    query = text[start:end].strip()
    if all(s[2] == "music_item" for s in music) and query.lower() in GENERIC_ITEMS:
        return None, True  # "play a song": nothing named, no query slot
    return query, True


def weather_slots(text: str, spans, lang: str):
    """info.weather slots from (start, end, label) spans; None = drop the item."""
    loc = [s for s in spans if s[2] in {"location", "city", "state", "country", "geographic_poi"}]
    when = [s for s in spans if s[2] in {"datetime", "timeRange"}]
    if any(s[2] == "spatial_relation" for s in spans) or len(when) > 1:
        return None
    slots = {}
    if loc:
        a, b = min(s[0] for s in loc), max(s[1] for s in loc)
        gap = text[a:b]
        for s in loc:
            gap = gap.replace(text[s[0] : s[1]], "")
        if gap.strip(" ,，、") != "":  # two places ("Paris and Rome"): several requests
            return None
        if text[a:b].strip().lower() not in NO_PLACE:  # "is it cold out?": no place given
            slots["place"] = text[a:b].strip()
    if when:
        slots["when"] = norm_when(text[when[0][0] : when[0][1]], lang)
    return slots


# --- SNIPS ------------------------------------------------------------------
def load_snips(root: Path):
    out: list[dict] = []
    dropped: collections.Counter[str] = collections.Counter()
    for intent_dir, target in (("GetWeather", "info.weather"), ("PlayMusic", "media.play")):
        for split in ("validate", "train"):
            path = root / intent_dir / f"{split}_{intent_dir}.json"
            data = json.loads(path.read_bytes().decode("utf-8", errors="replace"))[intent_dir]
            for n, row in enumerate(data):
                text, spans = "", []
                for chunk in row["data"]:
                    start = len(text)
                    text += chunk["text"]
                    if "entity" in chunk:
                        spans.append((start, len(text), chunk["entity"]))
                lead = len(text) - len(text.lstrip())
                text = text.strip()
                spans = [(a - lead, b - lead, lab) for a, b, lab in spans]
                sid = f"{intent_dir}/{split}:{n}"
                if "\ufffd" in text:
                    dropped["encoding"] += 1
                    continue
                if target == "info.weather":
                    slots = weather_slots(text, spans, "en")
                    if slots is None:
                        dropped["weather: spatial relation / several places or times"] += 1
                        continue
                else:
                    query, ok = music_query(text, spans, "en")
                    if not ok:
                        dropped["music: sort/year or service inside the query"] += 1
                        continue
                    slots = {"query": query} if query else {}
                out.append(item(text, target, slots, "snips", sid))
    return out, dropped


# --- xSID -------------------------------------------------------------------
XSID_INTENT = {"weather/find": "info.weather", "PlayMusic": "media.play"}
XSID_OOS = {
    "alarm/cancel_alarm",
    "alarm/set_alarm",
    "alarm/show_alarms",
    "alarm/snooze_alarm",
    "alarm/time_left_on_alarm",
    "alarm/modify_alarm",
    "reminder/cancel_reminder",
    "reminder/set_reminder",
    "reminder/show_reminders",
    "BookRestaurant",
    "RateBook",
    "SearchScreeningEvent",
}
# AddToPlaylist and SearchCreativeWork are left out: too close to media.play to
# call them out of scope with confidence.


def read_conll(path: Path):
    block = []
    for line in path.read_text(encoding="utf-8").splitlines() + [""]:
        if line.strip():
            block.append(line)
        elif block:
            yield block
            block = []


def token_spans(text: str, tokens: list[str], tags: list[str], lang: str):
    """Locate tokens in text (in order) and turn BIO tags into character spans."""
    pos, offs = 0, []
    for tok in tokens:
        k = text.find(tok, pos)
        if k < 0:
            return None
        offs.append((k, k + len(tok)))
        pos = k + len(tok)
    spans: list[tuple[int, int, str]] = []
    cur: tuple[int, int, str] | None = None
    for (a, b), tag in zip(offs, tags, strict=True):
        if tag.startswith("B-") or (tag.startswith("I-") and (cur is None or cur[2] != tag[2:])):
            if cur:
                spans.append(cur)
            cur = (a, b, tag[2:])
        elif tag.startswith("I-") and cur is not None:
            cur = (cur[0], b, cur[2])
        else:
            if cur:
                spans.append(cur)
            cur = None
    if cur:
        spans.append(cur)
    return [(a, b, lab.split("/")[-1] if lab.startswith("weather/") else lab) for a, b, lab in spans]


def load_xsid(root: Path, lang: str):
    ins: list[dict] = []
    oos: list[dict] = []
    dropped: collections.Counter[str] = collections.Counter()
    for split in ("test", "valid"):
        for n, block in enumerate(read_conll(root / f"{lang}.{split}.conll")):
            meta = dict(line[2:].split(" = ", 1) for line in block if line.startswith("# ") and " = " in line)
            rows = [line.split("\t") for line in block if not line.startswith("#")]
            text, intent = meta.get("text", "").strip(), meta.get("intent", "").strip()
            sid = f"{lang}.{split}:{meta.get('id', n + 1)}"
            if intent in XSID_OOS:
                oos.append(item(text, "out_of_scope", {}, "xsid", sid))
                continue
            if intent not in XSID_INTENT:
                dropped[f"intent {intent} not mapped"] += 1
                continue
            spans = token_spans(text, [r[1] for r in rows], [r[3] for r in rows], lang)
            if spans is None:
                dropped["tokens do not align with text"] += 1
                continue
            if XSID_INTENT[intent] == "info.weather":
                slots = weather_slots(text, spans, lang)
                if slots is None:
                    dropped["weather: several places or times"] += 1
                    continue
            else:
                query, ok = music_query(text, spans, lang)
                if not ok:
                    dropped["music: sort/year or service inside the query"] += 1
                    continue
                slots = {"query": query} if query else {}
            ins.append(item(text, XSID_INTENT[intent], slots, "xsid", sid))
    return ins, oos, dropped


# --- CLINC150 ---------------------------------------------------------------
def load_clinc(path: Path, labels: Path, n_oos: int):
    data = json.loads(path.read_text(encoding="utf-8"))
    ins: list[dict] = []
    dropped: collections.Counter[str] = collections.Counter()
    for line in labels.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        lab = json.loads(line)
        split, idx = lab["source_id"].split(":")
        text, src_intent = data[split][int(idx)]
        if text != lab["text"]:
            raise SystemExit(f"clinc label table out of date at {lab['source_id']}")
        if "drop" in lab:
            dropped[f"{src_intent}: {lab['drop']}"] += 1
            continue
        ins.append(item(text, lab["intent"], lab["slots"], "clinc150", lab["source_id"]))
    pool = [(f"oos_test:{i}", t) for i, (t, _) in enumerate(data["oos_test"])]
    random.Random(SEED).shuffle(pool)
    oos = [item(t, "out_of_scope", {}, "clinc150", sid) for sid, t in pool[:n_oos]]
    return ins, oos, dropped


# --- Tatoeba (cmn.txt: "en<TAB>zh<TAB>CC-BY 2.0 (France) Attribution: ... #id ... #id") ----
def load_tatoeba(path: Path, labels: Path):
    pairs = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if len(parts) == 3:
            ids = re.findall(r"#(\d+)", parts[2])
            if len(ids) == 2:
                pairs[f"{ids[0]}-{ids[1]}"] = (parts[0], parts[1])
    en, zh = [], []
    for line in labels.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        lab = json.loads(line)
        if pairs.get(lab["source_id"]) != (lab["en"], lab["zh"]):
            raise SystemExit(f"tatoeba label table out of date at {lab['source_id']}")
        en.append(item(lab["en"], lab["intent"], lab["slots_en"], "tatoeba", lab["source_id"]))
        zh.append(item(lab["zh"], lab["intent"], lab["slots_zh"], "tatoeba", lab["source_id"]))
    return en, zh


# --- chatterbot-corpus (Simplified Chinese) ---------------------------------
CHATTERBOT_FILES = (
    "greetings",
    "ai",
    "humor",
    "literature",
    "science",
    "history",
    "sports",
    "food",
    "money",
    "psychology",
    "emotion",
)


def load_chatterbot(root: Path):
    out, seen = [], set()
    for name in CHATTERBOT_FILES:
        text = (root / "chinese" / f"{name}.yml").read_text(encoding="utf-8")
        for n, m in enumerate(re.finditer(r"^- - (.+)$", text, flags=re.M)):
            q = m.group(1).strip().strip("'\"")
            if q in seen or len(q) < 3:
                continue
            seen.add(q)
            out.append(item(q, "out_of_scope", {}, "chatterbot", f"chinese/{name}.yml:{n}"))
    return out


# --- assembly ---------------------------------------------------------------
def dedupe(items):
    seen, out = set(), []
    for it in items:
        key = re.sub(r"[\W_]+", "", it["text"].lower())
        if key and key not in seen:
            seen.add(key)
            out.append(it)
    return out


def cap_oos(ins, oos_sources):
    """Round-robin over the OOS pools until OOS reaches 20 % of the language."""
    budget = int(len(ins) * OOS_SHARE / (1 - OOS_SHARE))
    rng = random.Random(SEED)
    pools = [list(p) for p in oos_sources]
    for p in pools:
        rng.shuffle(p)
    chosen = []
    while len(chosen) < budget and any(pools):
        for p in pools:
            if p and len(chosen) < budget:
                chosen.append(p.pop())
    return chosen


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--snips", type=Path, required=True)
    ap.add_argument("--xsid", type=Path, required=True)
    ap.add_argument("--clinc", type=Path, required=True)
    ap.add_argument("--chatterbot", type=Path, required=True)
    ap.add_argument("--tatoeba", type=Path, required=True)
    ap.add_argument("--labels", type=Path, default=HERE / "clinc_labels.jsonl")
    ap.add_argument("--tatoeba-labels", type=Path, default=HERE / "tatoeba_labels.jsonl")
    ap.add_argument("--out", type=Path, default=HERE)
    args = ap.parse_args(argv)

    report = {}
    snips, d_snips = load_snips(args.snips)
    xen, xen_oos, d_xen = load_xsid(args.xsid, "en")
    xzh, xzh_oos, d_xzh = load_xsid(args.xsid, "zh")
    clinc, clinc_oos, d_clinc = load_clinc(args.clinc, args.labels, n_oos=400)
    chat = load_chatterbot(args.chatterbot)
    ten, tzh = load_tatoeba(args.tatoeba, args.tatoeba_labels)

    en_ins = dedupe(xen + clinc + ten + snips)  # xSID first: its en items are the zh originals
    en = en_ins + dedupe(cap_oos(en_ins, [dedupe(clinc_oos), dedupe(xen_oos)]))
    zh_ins = dedupe(xzh + tzh)
    zh = zh_ins + dedupe(cap_oos(zh_ins, [dedupe(xzh_oos), dedupe(chat)]))

    for lang, items in (("en", en), ("zh", zh)):
        with open(args.out / f"external_{lang}.jsonl", "w", encoding="utf-8") as fh:
            for it in items:
                fh.write(json.dumps(it, ensure_ascii=False) + "\n")
        report[lang] = collections.Counter((it["source"], it["intent"]) for it in items)
    for name, d in (("snips", d_snips), ("xsid en", d_xen), ("xsid zh", d_xzh), ("clinc150", d_clinc)):
        print(f"dropped from {name}: {dict(d)}")
    for lang, counts in report.items():
        print(f"{lang}: {sum(counts.values())} items")
        for (src, intent), n in sorted(counts.items()):
            print(f"  {src:10s} {intent:28s} {n}")


if __name__ == "__main__":
    main()
