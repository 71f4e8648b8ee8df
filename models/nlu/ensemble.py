"""Several trained NLU runs as one model: one ONNX graph whose outputs are the mean of its members' logits.

    python -m models.nlu.ensemble OUT_DIR MEMBER_DIR [MEMBER_DIR ...]   # each MEMBER_DIR holds nlu.onnx + nlu.json

Why: two runs of one training set differ by up to 0.07 on a test cell (MODEL_CARD.md, issue 15 IV), so a model
chosen from one run is partly chosen by its seed. The mean of two runs' logits was better than either run, and than
the model before it, on every set that may be used to choose.

The interface stays that of one model (`char_ids`, `ngram_ids`, `mask` in; `intent_logits`, `tag_logits`,
`enum_logits` out), so the runtime and the card check need nothing new. Each run builds its character vocabulary
from its own data, so the ensemble's vocabulary is the union (the first member's characters, then the others'
new ones, in their order), and inside the graph a lookup table per member turns a union id into that member's own
id (its "unknown" for a character it never saw): every member reads exactly what it would read alone. The hashed
n-gram ids do not depend on the data and are shared as they are.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import numpy as np
import onnx
from onnx import compose, helper, numpy_helper

from cockpit.nlu.tokenizer import CharTokenizer

CHAR_INPUT = "char_ids"
PAD_ID, UNKNOWN_ID = 0, 1  # as cockpit/nlu/tokenizer.py numbers them; vocabulary characters start at 2


def union_vocabulary(vocabularies: list[list[str]]) -> list[str]:
    union: list[str] = []
    seen: set[str] = set()
    for vocabulary in vocabularies:
        for character in vocabulary:
            if character not in seen:
                seen.add(character)
                union.append(character)
    return union


def id_table(union: list[str], member_vocabulary: list[str]) -> np.ndarray:
    """union id -> the member's id: pad and unknown keep theirs, a character the member lacks is its unknown."""
    member_id = {character: index + 2 for index, character in enumerate(member_vocabulary)}
    table = [PAD_ID, UNKNOWN_ID] + [member_id.get(character, UNKNOWN_ID) for character in union]
    return np.array(table, dtype=np.int64)


def merge(member_dirs: list[Path], out_dir: Path) -> Path:
    """Write <out_dir>/nlu.onnx and nlu.json (without calibration: fit it on the ensemble); returns the .onnx path."""
    if len(member_dirs) < 2:
        raise ValueError("an ensemble needs two members or more")
    cards = [json.loads((d / "nlu.json").read_text(encoding="utf-8")) for d in member_dirs]
    graphs = [onnx.load(str(d / "nlu.onnx")) for d in member_dirs]
    union = union_vocabulary([card["tokenizer"]["vocab"] for card in cards])
    first = graphs[0]
    nodes: list[onnx.NodeProto] = []
    initializers: list[onnx.TensorProto] = []
    for index, (graph, card) in enumerate(zip(graphs, cards, strict=True)):
        prefix = f"member{index}_"
        member = compose.add_prefix(graph, prefix, rename_inputs=True, rename_outputs=True)
        table = numpy_helper.from_array(id_table(union, card["tokenizer"]["vocab"]), f"{prefix}char_id_table")
        initializers += [table, *member.graph.initializer]
        nodes.append(helper.make_node("Gather", [table.name, CHAR_INPUT], [f"{prefix}{CHAR_INPUT}"], axis=0))
        for graph_input in graph.graph.input:
            if graph_input.name != CHAR_INPUT:
                nodes.append(helper.make_node("Identity", [graph_input.name], [f"{prefix}{graph_input.name}"]))
        nodes += list(member.graph.node)
    share = numpy_helper.from_array(np.array(1.0 / len(graphs), dtype=np.float32), "member_share")
    initializers.append(share)
    outputs = []
    for output in first.graph.output:
        names = [f"member{index}_{output.name}" for index in range(len(graphs))]
        total = names[0]
        for step, name in enumerate(names[1:]):
            summed = f"sum{step}_{output.name}"
            nodes.append(helper.make_node("Add", [total, name], [summed]))
            total = summed
        nodes.append(helper.make_node("Mul", [total, share.name], [output.name]))
        outputs.append(output)
    graph = helper.make_graph(nodes, "cockpit-nlu-ensemble", list(first.graph.input), outputs, initializers)
    model = helper.make_model(graph, opset_imports=first.opset_import)
    model.ir_version = first.ir_version
    onnx.checker.check_model(model)
    out_dir.mkdir(parents=True, exist_ok=True)
    onnx_path = out_dir / "nlu.onnx"
    onnx.save(model, str(onnx_path))
    card = _card(cards, union)
    onnx_path.with_suffix(".json").write_text(json.dumps(card, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return onnx_path


def _card(cards: list[dict], union: list[str]) -> dict:
    card = {key: value for key, value in cards[0].items() if key not in ("calibration",)}
    tokenizer = CharTokenizer.from_config(cards[0]["tokenizer"])
    card["tokenizer"] = CharTokenizer(union, tokenizer.hash_buckets, tokenizer.max_length).to_config()
    members = [card_of_member["training"] for card_of_member in cards]
    card["training"] = {
        "ensemble": f"mean of the logits of {len(cards)} runs of one training set, seeds "
        + ", ".join(str(member["seed"]) for member in members),
        "seed": members[0]["seed"],
        "members": members,
        "command": members[0]["command"],
    }
    return card


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out_dir", type=Path)
    parser.add_argument("members", type=Path, nargs="+")
    args = parser.parse_args()
    print(f"wrote {merge(args.members, args.out_dir)}")


if __name__ == "__main__":
    main()
