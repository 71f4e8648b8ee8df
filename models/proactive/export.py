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

MODEL_VERSION = "1.0.0"
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


class _WithSigmoid(nn.Module):
    def __init__(self, net: NeedsNet) -> None:
        super().__init__()
        self.net = net

    def forward(self, features: torch.Tensor) -> torch.Tensor:
        return torch.sigmoid(self.net(features))


def export_onnx(net: NeedsNet, path: Path) -> None:
    net.eval()
    path.parent.mkdir(parents=True, exist_ok=True)
    torch.onnx.export(
        _WithSigmoid(net), (torch.zeros(1, N_FEATURES),), str(path), dynamo=False, opset_version=17,
        input_names=[INPUT_NAME], output_names=[OUTPUT_NAME],
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
                            sum(a * b + b for a, b in zip((N_FEATURES, *HIDDEN), (*HIDDEN, len(NEEDS)), strict=True))),
        "training": training,
    }


def write_card(card: dict, path: Path) -> None:
    path.write_text(json.dumps(card, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")


def _table(metrics: dict) -> list[str]:
    lines = ["| need | precision | recall | median lead (s) | nuisance / h | suggestions | need episodes |",
             "|---|---|---|---|---|---|---|"]
    for need, m in metrics["per_need"].items():
        lines.append(f"| {need} | {m['precision']} | {m['recall']} | {m['median_lead_s']} | "
                     f"{m['nuisance_per_hour']} | {m['suggestions']} | {m['need_episodes']} |")
    o = metrics["overall"]
    lines.append(f"| **all needs** | {o['precision']} | | | {o['nuisance_per_hour']} | "
                 f"{o['suggestions_per_hour']} / h | |")
    return lines


def write_model_card_md(card: dict, path: Path) -> None:
    t = card["training"]
    lines = [
        "# Proactive needs model (`needs.onnx`)", "",
        f"Version {card['version']}. {card['task']}. Licence {card['licence']}.", "",
        "Runtime: `cockpit/proactive/scorer.py` (`NeedScorer.load()`, onnxruntime + numpy, 1 thread); "
        "features: `cockpit/proactive/features.py`.", "",
        "## Inputs / outputs", "",
        f"- input `features` float32 [batch, {len(card['feature_names'])}]: "
        + ", ".join(f"`{n}`" for n in card["feature_names"]),
        "  (every value that can be unknown has a `*_known` flag; hour as sin/cos; distances log-scaled)",
        f"- output `probabilities` float32 [batch, {len(card['needs'])}] in this order: "
        + ", ".join(f"`{n}`" for n in card["needs"]),
        "- thresholds (chosen on a validation split, see below): "
        + ", ".join(f"{n} {v}" for n, v in card["thresholds"].items()), "",
        "## Labels", "",
        "Ground truth is `models/proactive/personas.py::wants(persona, context, extras)`: each simulated persona has "
        "hidden preferences (comfort temperature and cold/heat tolerance, seat-cold thresholds per occupant, "
        "whether and how early they pre-heat/pre-cool home, break fatigue threshold and max drive time, "
        "range-anxiety margin, garage/lights wishes and lead, defog sensitivity); 10 % are 'do nothing' personas "
        "who never want anything proactive. Labels are computed on the TRUE car state; the features may come from a "
        "degraded context (20 % of episodes have fields unknown for a while).", "",
        "## Architecture", "", card["architecture"], "",
        "## Data provenance", "",
        "All data is generated by the simulator, no external data: `python -m models.proactive.generate` / "
        "`python -m models.proactive.train` run seeded episodes with the real `vehicle_sim.Car` on "
        "`assets/maps/city.yaml` (home↔office/school, coffee, mall, G2 drives to/from Jinan incl. rest areas, "
        "parked), seasons, times, weather, occupants, SOC, scripted fatigue, and a simple home thermal model "
        "(`models/proactive/simulate.py`). Logs stay under `out/proactive/` (not committed).", "",
        "```", json.dumps({k: v for k, v in t.items() if k != "validation_metrics"}, indent=1), "```", "",
    ]
    held = card.get("heldout_metrics")
    if held:
        windows = held["policy"]["window_after_s"]
        lines += [
            "## Held-out metrics (unseen personas)", "",
            f"Command: `{held['command']}` — {held['heldout']['personas']} held-out personas (distinct seed, "
            f"shifted preference ranges), {held['heldout']['episodes']} episodes, "
            f"{held['without_dismiss_suppression']['hours']} simulated hours, 1 s ticks. "
            f"Targets: precision ≥ {held['targets']['precision']}, recall ≥ {held['targets']['recall']}, "
            f"nuisance ≤ {held['targets']['nuisance_per_hour']} / h.", "",
            "Suggestion policy (`EvalPolicy` in `models/proactive/eval.py`, a stand-in for the production policy): "
            f"score ≥ threshold for {held['policy']['confirm_ticks']} ticks → suggest; then not again before the "
            f"need's cooldown and a drop below threshold − {held['policy']['rearm_margin']}. A suggestion is a true "
            f"positive if the persona wants the need from {held['policy']['window_before_s']:.0f} s before to the "
            "need's window after it (" + ", ".join(f"{k} {v:.0f} s" for k, v in windows.items())
            + "); otherwise a nuisance (the persona would dismiss it). Lead time = seconds from the first matching "
            "suggestion to the moment the need becomes critical (arrival for home needs, SOC < 10 % or plugging in "
            "for charging, fatigue ≥ 90 % or the break, departure for pre-conditioning, fog ≥ 60 %, else when the "
            "persona fixes it by hand).", "",
            "### Without dismiss suppression (model + thresholds + cooldowns only)", "",
            *_table(held["without_dismiss_suppression"]), "",
            f"### With dismiss suppression (a need muted for a persona after {held['policy']['dismiss_limit']} "
            "dismissals in a row)", "",
            *_table(held["with_dismiss_suppression"]), "",
            f"Latency (one core, 1 intra-op thread): {json.dumps(held['latency'])}", "",
        ]
    val = t.get("validation_metrics")
    if val:
        lines += ["## Validation metrics (train-range personas not used for training; thresholds tuned here)", "",
                  *_table(val), ""]
    lines += ["## Limitations", "",
              "- The model never sees the persona: needs whose existence depends on a hidden yes/no preference "
              "(e.g. 'does this person pre-heat home at all') are capped in precision unless the policy learns "
              "from dismissals.",
              "- Synthetic data only: the simulator's thermal/fatigue/fog models and the persona rules define "
              "the world; real drivers will differ.",
              "- Known weakness: garage_open scores only ~0.3 two minutes before arrival (threshold 0.6) and fires "
              "closer to home; defog is the weakest need (persona fog thresholds vary, fog risk hovers around them).",
              "- Home climate switched on while still driving home never occurs in the training data (personas "
              "never pre-heat by hand), so such contexts are out of distribution.", ""]
    path.write_text("\n".join(lines), encoding="utf-8")


__all__ = ["NeedsNet", "build_card", "export_onnx", "write_card", "write_model_card_md"]
