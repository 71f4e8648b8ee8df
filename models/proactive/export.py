"""Export the proactive needs MLP to ONNX (needs.onnx) and write its card (needs.json) + MODEL_CARD.md.

The ONNX graph takes `features` float32 [batch, N_FEATURES] and returns `probabilities` float32
[batch, len(NEEDS)] (sigmoid inside the graph), so the runtime needs only onnxruntime + numpy.
"""

from __future__ import annotations

import json
from pathlib import Path

import torch
from torch import nn

from cockpit.proactive.features import FEATURE_NAMES, FEATURE_VERSION, N_FEATURES, NEEDS
from cockpit.proactive.scorer import EXPECTED_INPUTS, EXPECTED_OUTPUTS, INPUT_NAME, OUTPUT_NAME

MODEL_VERSION = "3.4.0"
MODEL_DIR = Path(__file__).resolve().parent
HIDDEN = (128, 64)


class NeedsNet(nn.Module):
    """features -> 128 ReLU -> 64 ReLU -> len(NEEDS) logits (multi-label)."""

    def __init__(self, n_in: int = N_FEATURES, hidden: tuple[int, ...] = HIDDEN, n_out: int = len(NEEDS)) -> None:
        super().__init__()
        layers: list[nn.Module] = []
        width = n_in
        for h in hidden:
            layers += [nn.Linear(width, h), nn.ReLU()]
            width = h
        layers.append(nn.Linear(width, n_out))
        self.body = nn.Sequential(*layers)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.body(x)


class _MeanProbability(nn.Module):
    """The members' probabilities averaged: nets trained from other seeds disagree most where the data
    says least (how early before arrival the lights are wanted), and their mean is steadier than any one."""

    def __init__(self, nets: list[NeedsNet]) -> None:
        super().__init__()
        self.nets = nn.ModuleList(nets)

    def forward(self, features: torch.Tensor) -> torch.Tensor:
        return torch.stack([torch.sigmoid(net(features)) for net in self.nets]).mean(dim=0)


def export_onnx(nets: list[NeedsNet], path: Path) -> None:
    for net in nets:
        net.eval()
    path.parent.mkdir(parents=True, exist_ok=True)
    torch.onnx.export(
        _MeanProbability(nets),
        (torch.zeros(1, N_FEATURES),),
        str(path),
        dynamo=False,
        opset_version=17,
        input_names=[INPUT_NAME],
        output_names=[OUTPUT_NAME],
        dynamic_axes={INPUT_NAME: {0: "batch"}, OUTPUT_NAME: {0: "batch"}},
    )


def build_card(thresholds: dict[str, float], training: dict) -> dict:
    return {
        "name": "cockpit-proactive-needs",
        "version": MODEL_VERSION,
        "task": "multi-label scoring of proactive needs from the cockpit context (+ route/home extras)",
        "licence": "Apache-2.0",
        "inputs": EXPECTED_INPUTS,
        "outputs": EXPECTED_OUTPUTS,
        "needs": list(NEEDS),
        "feature_names": list(FEATURE_NAMES),
        "feature_version": FEATURE_VERSION,
        "thresholds": {n: round(float(thresholds[n]), 3) for n in NEEDS},
        "architecture": f"MLP {N_FEATURES} -> {' -> '.join(f'{h} ReLU' for h in HIDDEN)} -> {len(NEEDS)} sigmoid "
        "(multi-label, BCE); ~{:,} parameters".format(
            sum(a * b + b for a, b in zip((N_FEATURES, *HIDDEN), (*HIDDEN, len(NEEDS)), strict=True))
        )
        + (f" each; {training['members']}" if "members" in training else ""),
        "training": training,
    }


def write_card(card: dict, path: Path) -> None:
    path.write_text(json.dumps(card, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")


def _table(metrics: dict) -> list[str]:
    from models.proactive.eval import table  # the one table layout, shared with the eval's printout

    return table(metrics).splitlines()


def _fresh_sets_section(fresh: dict | None) -> list[str]:
    """The figures to quote: the spread over persona sets nobody tuned on (models/proactive/fresh_eval.py)."""
    if not fresh:
        return []
    from models.proactive.fresh_eval import per_set_table, spread_table

    seeds = ", ".join(f"{p} / {e}" for p, e in fresh["sets"])
    steady = ", ".join(str(d) for d in fresh["steady_days"])
    return [
        "## Fresh persona sets (unseen, untuned: the figures to quote)",
        "",
        f"Command: `{fresh['command']}` ({fresh['seconds']} s on 2 workers) — {len(fresh['sets'])} sets "
        f"(persona seed / episode seed: {seeds}) drawn for this evaluation and used for nothing else (no "
        f"training, threshold choice or development), {fresh['personas_per_set']} held-out-distribution personas "
        f"each, {fresh['days_per_persona']} days per persona, closed loop with the production policy and its "
        "answer memory exactly as `python -m models.proactive.eval` runs one held-out set (precision = wanted "
        "suggestions / all suggestions, offers and acts; recall = need episodes met by a wanted suggestion before "
        "the persona fixed it by hand). Training and search times in the provenance above were measured on a "
        "machine shared with other jobs. Each figure: mean over the sets (min–max, "
        "standard deviation σ) | pooled over all the sets' personas. Targets: precision ≥ 0.9, recall ≥ 0.85.",
        "",
        f"### Steady state (days {steady})",
        "",
        spread_table(fresh["summary"]["steady_state"]),
        "",
        "Per set, steady state (all needs; rest_break separately):",
        "",
        per_set_table(fresh["per_set"], "steady_state"),
        "",
        "### First day (empty answer memory)",
        "",
        spread_table(fresh["summary"]["first_day"]),
        "",
    ]


ADDING_A_NEED = [
    "## Adding a need",
    "",
    "A need is described once on each side, and everything else iterates over those descriptions:",
    "",
    "1. `cockpit/proactive/needs.py`: one `NeedSpec`, appended to `NEED_SPECS` (its order is the model's output "
    "order). It gives the need's risk and timings (`low_risk`, `act_margin`, `cooldown_s`, `dismissed_for_s`, "
    "`quiet_after_manual_s`), `plan` (the actions that meet it now, or None), `words` (the card's `offer` and/or "
    "`done`, English and Mandarin; `cockpit/replies.py` takes them as `<reply>_offer` / `<reply>_done`), "
    "`situation` (the coarse band the driver's answers are counted in), `urge` (the quantities the personal "
    "threshold is learnt on; optional), `met_by` / `undone_by` (a person's own actions that meet / revert it), "
    "`due_regardless` (a fact that makes it due whatever the score) and `card_until_arrival` (the card's expiry).",
    "2. `models/proactive/world_needs.py`: one `WorldNeed`, appended to `WORLD_NEEDS` in the same order: "
    "`wanted` (the persona's ground truth, on the true state), `preference` (the persona's fields that decide it, "
    "printed by `diagnose`), `meet` (what meeting it does to the simulated car and home), `revert` (how the "
    "persona undoes an unwanted act; needed for a low-risk need), `by_hand` (the switches the persona's own hand "
    "turns to meet it) and `critical` (when it becomes critical, for the lead time).",
    "3. Only if the need hangs on a new hidden preference: its fields in `Persona` and their ranges in "
    "`models/proactive/personas.py` (a new draw changes every persona of every seed); only if the persona fixes "
    "it by hand on its own: `_persona_acts` in `models/proactive/simulate.py`; only if the model must see "
    "something new: a feature in `cockpit/proactive/features.py` (and `FEATURE_VERSION`).",
    "4. Regenerate, retrain and re-evaluate (`python -m models.proactive.train`, then "
    "`python -m models.proactive.eval`): the model's outputs are the needs, and the scorer refuses a model "
    "whose card names other needs than the registry.",
    "",
    "`tests/proactive/test_need_registry.py` checks that both sides name the same needs in one order and that "
    "every need can be said the way it is suggested. `tests/proactive/test_needs_behaviour_unchanged.py` "
    "compares the needs' features, readings, plans, seeded training data and closed-loop days with "
    "`tests/proactive/fixtures/needs_behaviour.json`; re-pin it (`python -m tests.proactive.behaviour_record`) "
    "only for an intended change. Before the registry (3.4.0) a need was spelt in 10 files (about 13 edits: "
    "needs, preferences, policy, features, assistant, replies, simulate ×3, eval ×2, personas, diagnose).",
    "",
]


def write_model_card_md(card: dict, path: Path) -> None:
    t = card["training"]
    lines = [
        "# Proactive needs model (`needs.onnx`)",
        "",
        f"Version {card['version']}. {card['task']}. Licence {card['licence']}.",
        "",
        "Runtime: `cockpit/proactive/scorer.py` (`NeedScorer.load()`, onnxruntime + numpy, 1 thread); "
        "features: `cockpit/proactive/features.py`.",
        "",
        "## Inputs / outputs",
        "",
        f"- input `features` float32 [batch, {len(card['feature_names'])}]: "
        + ", ".join(f"`{n}`" for n in card["feature_names"]),
        "  (every value that can be unknown has a `*_known` flag; hour as sin/cos; distances log-scaled)",
        f"- output `probabilities` float32 [batch, {len(card['needs'])}] in this order: "
        + ", ".join(f"`{n}`" for n in card["needs"]),
        "- thresholds (chosen closed loop on validation personas with the production policy, see below): "
        + ", ".join(f"{n} {v}" for n, v in card["thresholds"].items()),
        "",
        "## Labels",
        "",
        "Ground truth is `models/proactive/world_needs.py::wants(persona, context, extras)` (each need's `wanted`): "
        "each simulated persona (`models/proactive/personas.py`) has "
        "hidden preferences (comfort temperature and cold/heat tolerance, seat-cold thresholds per occupant, "
        "whether and how early they pre-heat/pre-cool home, break fatigue threshold and max drive time, "
        "range-anxiety margin, garage wish and the route distance left when they want it (the last 0.9–2 km), "
        "lights wish and lead time, defog sensitivity); 10 % are 'do nothing' personas "
        "who never want anything proactive. Labels and features are computed on the context the cockpit builds "
        "from the bus (3.4.0: every simulated second the car's state is sent through the ECUs' own message "
        "builders, the DBC codec with E2E, the cockpit's reader and signal store and `build_context`, "
        "`models/proactive/bus_view.py`, with every message fresh: the resolutions of the bus, 100 m of route, "
        "1 km of range, 1 % of fog risk; before, a hand-made copy of that context differed from the cockpit's in "
        "14 fields); labels on that context in full, the features may come from a "
        "degraded copy of it (20 % of episodes have fields unknown for a while). `next_stop_id` is a stop ON THE WAY "
        "only (as `cockpit/context.py` `_stop_on_the_way`); a stop stays planned while the persona pulls in and "
        "rests, until the drive resumes (3.1.0: before, the tick of pulling in at a planned stop was labelled a "
        "break / charging need). In 35 % of the training episodes a stand-in assistant "
        "meets each wanted need with p 0.7, after its own 0–90 s delay, "
        "and somebody may be at home (lights 15 %, climate 8 %, garage open 5 %), so "
        "the states that follow the assistant's own actions are in the training data.",
        "",
        "## Architecture",
        "",
        card["architecture"],
        "",
        "## Data provenance",
        "",
        "All data is generated by the simulator, no external data: `python -m models.proactive.generate` / "
        "`python -m models.proactive.train` run seeded episodes with the real `vehicle_sim.Car` on "
        "`assets/maps/city.yaml` (home↔office/school, coffee, mall, G2 drives to/from Jinan incl. rest areas, "
        "parked), seasons, times, weather, occupants, SOC, scripted fatigue, and a simple home thermal model "
        "(`models/proactive/simulate.py`). Logs stay under `out/proactive/` (not committed).",
        "",
        "```",
        json.dumps({k: v for k, v in t.items() if k != "validation_metrics"}, indent=1),
        "```",
        "",
    ]
    lines += _fresh_sets_section(card.get("fresh_sets_metrics"))
    held = card.get("heldout_metrics")
    if held:
        h = held["heldout"]
        lines += [
            "## Held-out metrics (unseen personas, PRODUCTION policy, closed loop)",
            "",
            f"Command: `{held['command']}` — {h['personas']} held-out personas (distinct seed, shifted preference "
            f'ranges), each driving {h["days_per_persona"]} seeded episodes in a row ("days", {h["episodes"]} '
            f"episodes, {held['all_days']['hours']} simulated hours, 1 s ticks). "
            f"Targets: precision ≥ {held['targets']['precision']}, recall ≥ {held['targets']['recall']}, "
            f"nuisance ≤ {held['targets']['nuisance_per_hour']} / h.",
            "",
            "Every second `cockpit.proactive.policy.ProactivePolicy` (thresholds above, hysteresis "
            f"{held['policy']['hysteresis']}, the NeedSpec cooldowns / dismissal suppression / act-or-offer of "
            "`cockpit/proactive/needs.py`, one card at a time) runs on what the cockpit would see, scored by this "
            "model. The persona accepts a card iff it wants that need at that second (`wants()` on the true state), "
            "else dismisses it; accepted and acted suggestions change the simulated world; an unwanted act is a "
            "nuisance, reverted by the persona and reported with `ProactivePolicy.undone`; what the persona does by "
            "hand is told to the policy (`ProactivePolicy.manual`). The policy's memory — the answers per situation "
            "and each need's personal threshold (`cockpit/proactive/preferences.py`: the driver's threshold on the "
            "quantity the need grows with, bracketed by their answers and their own actions; where it has an "
            "opinion it overrides the score) — is carried from day to day with `answers_state()` / "
            "`load_answers()`.",
            "",
            "Precision = wanted suggestions / all suggestions (offers + acts); recall = need episodes met by a "
            "wanted suggestion (the persona fixing it by hand first = missed); lead = seconds from that suggestion "
            "to the moment the need becomes critical (arrival for home needs, SOC < 10 % or plugging in for "
            "charging, fatigue ≥ 90 % or the break, departure for pre-conditioning (0 when already driving), "
            "fog ≥ 60 %, else the end of the need episode); nuisance = unwanted suggestions per hour.",
            "",
            "### First day (empty answer memory)",
            "",
            *_table(held["first_day"]),
            "",
            f"### Steady state (days {', '.join(str(d) for d in h['steady_days'])}, answer memory from the "
            "previous days)",
            "",
            *_table(held["steady_state"]),
            "",
        ]
        if "steady_state_no_memory" in held:
            lines += [
                "### Same steady-state days without the answer memory (memory reset every day)",
                "",
                *_table(held["steady_state_no_memory"]),
                "",
            ]
        lines += [
            "### All days (with memory)",
            "",
            *_table(held["all_days"]),
            "",
            f"Latency (one core, 1 intra-op thread): {json.dumps(held['latency'])}",
            "",
        ]
    for key in sorted(k for k in card if k.startswith("heldout_metrics_")):
        other = card[key]
        h = other["heldout"]
        lines += [
            f"## Another held-out set (persona seed {h.get('persona_seed')}, episode seed {h['seed']})",
            "",
            f"`{other['command']} "
            f"--persona-seed {h.get('persona_seed')} --episode-seed {h['seed']}`, {h['personas']} personas × "
            f"{h['days_per_persona']} days.",
            "",
            "### First day",
            "",
            *_table(other["first_day"]),
            "",
            f"### Steady state (days {', '.join(str(d) for d in h['steady_days'])})",
            "",
            *_table(other["steady_state"]),
            "",
        ]
    val = t.get("validation_metrics")
    if val:
        search = t.get("threshold_search", {})
        lines += [
            "## Validation metrics (closed loop, production policy with answer memory, all validation days; "
            "train-range personas never trained on; thresholds tuned here)",
            "",
            f"Each need at its chosen threshold; search: grid {search.get('grid')}, every need at the grid "
            f"value in one run; per need {search.get('rule')}, within "
            f"≤ {search.get('max_need_nuisance_per_hour')} unwanted / h from "
            f"≥ {search.get('min_suggestions')} suggestions.",
            "",
            *_table(val),
            "",
        ]
        if val.get("search"):
            lines += [
                "Search (precision / recall per grid value; * = meets the precision and recall targets "
                "and the nuisance budget):",
                "",
                "| need | " + " | ".join(str(r["threshold"]) for r in next(iter(val["search"].values()))) + " |",
                "|---|" + "---|" * len(next(iter(val["search"].values()))),
            ]
            for need, rows in val["search"].items():
                lines.append(
                    f"| {need} | "
                    + " | ".join(f"{r['precision']} / {r['recall']}{' *' if r['meets_targets'] else ''}" for r in rows)
                    + " |"
                )
            lines.append("")
    lines += ADDING_A_NEED
    lines += [
        "## Limitations",
        "",
        "- The model never sees the persona. First-day precision is capped by hidden yes/no preferences "
        "(15 % of personas never want the garage, lights or home climate, 10 % of the comfort needs, plus "
        "10 % 'do nothing' drivers: a persona-blind score for 'garage now' cannot exceed ~0.77) and by "
        "hidden leads / thresholds (garage 0.9–2 km, lights 140–320 s, break fatigue 0.55–0.75, fog "
        "sensitivity 20–37 %): an offer at the score's first crossing is early for some drivers, who dismiss "
        "it (30–120 min suppression) and then fix it by hand. The answer memory personalises this per "
        "(need, band of the quantity the hidden preference acts on: cabin / home temperature, fog, fatigue, "
        "range margin, route distance left for the garage, ETA for the lights) over the days, and the "
        "personal thresholds learn where this driver's threshold lies from their answers and from what they "
        "do by hand. The targets are met (if at all) in the steady state, after a week with the driver; the "
        "first day is the persona-blind score and stays well below them.",
        "- The score alone is weak for defog (the persona fixes it by hand 25–130 s after its hidden fog "
        "threshold is crossed; the features cannot see the recirculation flag, which is not in "
        "CockpitContext): defog is met through the personal threshold, learnt from the driver switching "
        "the defroster on by hand — the first fog-ups of a new driver are missed.",
        "- Rest breaks stay weak: few episodes (long drives only), the need lasts only until the driver pulls "
        "in by hand (1–4 min), and fatigue rises slowly, so a suggestion a few percent early is a dismissal. "
        "A driver's break may be by the clock or by fatigue: the personal threshold reads both apart (3.2.0; "
        "a 'yes' teaches the one that explains it, a 'no' both). Nobody is sent to a rest area in the first "
        "15 minutes at the wheel (ground truth and policy; 3.2.0: before, the first second back on the road "
        "after a break was labelled a new break need, because the simulated tiredness was held at its last "
        "moving value during the break).",
        "- The home's climate is offered in the last 12 minutes of the drive home only (3.2.0): the model's "
        "earlier offers (20–30 min out) were the main source of home-climate nuisance, drivers wanting it "
        "later than that.",
        "- Low-risk needs without card words (`NeedSpec.words.offer` in cockpit/proactive/needs.py: seat heat, "
        "lights, defog and pre-conditioning have none) are never offered: they act when confident "
        "(score ≥ threshold + act margin, or at the personal threshold) or stay silent; after an undo they "
        "stay quiet at that value and below it, and try again only clearly further on.",
        "- How this was developed: the personal thresholds were first iterated while looking at runs of the "
        "default held-out set (persona seed 98765), then tuned on the validation personas only; the held-out set"
        " with persona seed 98766 was drawn when the 3.1.0 design was nearly final and re-measured after later "
        "changes. For 3.2.0 the errors of the default held-out set were read once more (which suggestions were "
        "unwanted, which episodes missed) to find their causes, so both of those sets are optimistic; the set "
        "with persona seed 98767 was drawn after 3.2.0 was final. The policy changes after 3.2.0 (a driver who "
        "refused four suggestions and kept none is left alone; the door's by-hand actions give way to answers; "
        "no creeping back up to a refusal; the rest-break clock no longer re-asked every six minutes; a need re-"
        "arms once its situation is over; the home temperature is a comfort quantity) were found on two "
        "development persona sets that are not evaluation sets (`python -m models.proactive.diagnose --set "
        "development` / `--set development-train`: 30 personas each, drawn like the held-out / the training ones"
        " with other seeds; it lists every unwanted suggestion and missed episode with the persona's hidden "
        "preference), with only the totals of the 98766 and 98767 sets checked after each change; the set with "
        "persona seed 98768 was drawn after them and was the unbiased figure of the 3.2.0 policy. For 3.3.0 "
        "(more data, the waiting weights, the threshold rule, 30 validation personas, the range fact) the causes"
        " were found on scenarios/winter_precondition_start.yaml, the hand-built ranking tests and the "
        "development sets; the choice between the unweighted and the weighted net was made on the development "
        "sets and that scenario. The totals of all held-out sets, and of a fifth one drawn this round (persona "
        "seed 98769), were looked at once for the unweighted net before that choice, and then measured for the "
        "weighted one. The evaluation's personas also act on whims the ground truth does not call needs "
        "(switching the climate on while driving at 4 °C from comfort), which is why pre-conditioning is learnt "
        "on the parked car only — and why its recall stays lowest (0.67–0.83 in the steady state): a driver who "
        "drives off at once and switches the climate on underway never teaches it (remembering the parked cabin "
        "for an action a few minutes later was tried: it learnt the whims too, and pre-conditioning precision "
        "fell from 0.95 to 0.71 on a development set).",
        "- 3.3.0 is trained on four times the data of 3.2.0 (3600 episodes of 120 personas, was 900 of 60): "
        "the smaller set had regions covered by one episode, and the net learnt them as rules of the world "
        "(a parked car at 5 °C scored 0.04 for pre-conditioning at 18:00 and 0.9 at 09:00, from one long "
        "parked evening of a 'do nothing' persona; 3.3.0: 0.76–0.93 from 07:00 to 21:00). And a run of "
        "ticks in which the car stands parked and the labels do not change weighs at most 20 ticks "
        "(`waiting_weights`): otherwise the data says who "
        "keeps waiting, not what people want. A driver who wants the heating switches it on within minutes; "
        "one who wants nothing sits in the cold car for the whole half-hour. So 'frozen cabin, climate off, "
        "parked' was mostly the second kind: scenarios/winter_precondition_start.yaml (−12 °C) scored 0.31 "
        "without the weights and 0.81 with them. With the seat heater on, which those drivers switch on "
        "themselves, the score still falls (0.1 at −12 °C), a weakness left: the policy scores both "
        "needs in the same tick. The "
        "thresholds are now the grid value closest to both targets (3.2.0: the highest recall with "
        "precision ≥ 0.9, which on 15 validation personas picked seat heat at 0.92 for 0.93 / 0.30 "
        "over 0.88 / 0.96 at 0.4), on 30 validation personas (was 15).",
        "- 3.3.0 scores a car far short of the route's energy still on the motorway low (0.1 at 35 kWh "
        "short after 30 minutes): in its data such a car is mostly a 'do nothing' driver's, everybody else "
        "having stopped. The policy offers the charging stop on the fact that the battery cannot reach the "
        "destination, whatever the score (`NeedSpec.due_regardless`, basis `fact` in the trace); the "
        "driver's refusals still hold.",
        "- The card thresholds are chosen on the validation personas; the less certain cases are left to "
        "the personal threshold. The scores are calibrated (the mean of three seeds): for a driver the "
        "assistant does not know, a need that a share of drivers never wants scores no higher than the "
        "share that does: 'open the garage' for a new "
        "driver scores about 0.8 (15 % of personas never want it, 10 % want nothing), at its threshold: on "
        "the first drive home of scenarios/proactive_arrival_home.yaml 3.2.0 did not offer it and 3.3.0 "
        "offers it once on a card (0.85 against 0.82) that nobody answers there; it is never opened "
        "unasked, and when this driver wants it is learnt from their own remote and answers.",
        "- 3.4.0 is the 3.3.0 recipe (data, seeds, epochs, threshold grid and rule) trained on the contexts "
        "the cockpit builds from the bus: the training episodes' hand-made context differed from the "
        "cockpit's in 14 fields at t = 300 s (route distance 3000 vs 2959.8 m, range, fog risk, the "
        "consumption the car reports, the time at the wheel, ...), and the planned stop id (900) did not fit "
        "the route frame's 8-bit NextStopId. `tests/proactive/test_training_sees_the_bus.py` holds the two "
        "equal, field by field, against the real ECUs on a bus. Generating the training data costs 0.48 s "
        "per simulated hour on one core (was 0.22): every simulated second the messages the context reads "
        "are packed, checked and decoded. The figures to quote are those of the fresh persona sets above "
        "(five sets drawn for them, used for nothing else). 3.3.0 on the same sets and the same path: steady "
        "state 0.924 (0.885–0.948) / 0.889 (0.826–0.948), pooled 0.929 / 0.898; rest_break pooled "
        "0.644 / 0.617; first day pooled 0.743 / 0.739. The rest-break and charging-stop targets are not met: "
        "a break need lasts only until the driver plans a stop or pulls in by hand (50–260 s), a long drive "
        "comes about twice in ten days so the personal threshold has little to learn from by the steady "
        "state, and in the validation search the rest-break figures hardly move with the threshold (0.25: "
        "0.64 / 0.56, 0.4–0.92: 0.68–0.71 / 0.53), so the score is not what limits it. The held-out sets "
        "of the earlier cards "
        "(persona seeds 98765–98769) were read or looked at during development and are not repeated here.",
        "- Synthetic data only: the simulator's thermal/fatigue/fog models and the persona rules define "
        "the world; real drivers will differ. Personas answer at once and always; real drivers ignore cards "
        "(expired cards teach the memory nothing).",
        "- Thresholds come from a coarse grid, every need at the same grid value per validation run (the "
        "needs interact only through the one-card slot and the world); the chosen vector itself is then "
        "measured on the held-out personas above.",
        "",
    ]
    path.write_text("\n".join(lines), encoding="utf-8")


__all__ = ["NeedsNet", "build_card", "export_onnx", "write_card", "write_model_card_md"]
