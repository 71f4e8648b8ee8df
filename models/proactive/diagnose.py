"""Why the closed loop erred: every unwanted suggestion and every missed need episode, with the persona's
hidden preference for that need: `python -m models.proactive.diagnose [--set development] [--need defog]`.

Run it on the development sets, not on the evaluation's held-out sets: reading a set's errors to change
the policy makes that set's figures optimistic (the model card says which sets were read).

- `development`: 30 personas drawn like the held-out ones (wider hidden preferences), other seeds;
- `development-train`: 30 personas drawn like the training ones;
- `validation`: the personas the thresholds are chosen on (`python -m models.proactive.train`).

The steady state (the last three days) is listed, as in the evaluation; `--all-days` lists every day.
"""

from __future__ import annotations

import argparse
from dataclasses import dataclass

from cockpit.proactive.features import NEEDS
from models.proactive.eval import (
    DEFAULT_MODEL_PATH,
    VALIDATION_DAYS,
    VALIDATION_EPISODE_SEED,
    VALIDATION_PERSONA_SEED,
    VALIDATION_PERSONAS,
    DayLog,
    PersonaJob,
    closed_loop,
    met_episodes,
    run_jobs,
    table,
)
from models.proactive.personas import Persona, sample_personas
from models.proactive.simulate import Episode
from models.proactive.world_needs import WORLD_NEEDS


@dataclass(frozen=True)
class PersonaSet:
    size: int
    heldout_distribution: bool
    persona_seed: int
    episode_seed: int
    days: int


SETS = {
    "development": PersonaSet(30, True, 5555, 91, 10),
    "development-train": PersonaSet(30, False, 4321, 77, 10),
    "validation": PersonaSet(
        VALIDATION_PERSONAS, False, VALIDATION_PERSONA_SEED, VALIDATION_EPISODE_SEED, VALIDATION_DAYS
    ),
}


def preference(persona: Persona, need: str) -> str:
    values = " ".join(f"{name}={getattr(persona, name)}" for name in WORLD_NEEDS[need].preference)
    return f"{values}{' do_nothing' if persona.do_nothing else ''}"


def errors(
    persona_index: int, persona: Persona, day: int, episode: Episode, log: DayLog, needs: tuple[str, ...]
) -> list[str]:
    """One line per unwanted suggestion and per need episode no wanted suggestion met (as `closed_loop`
    counts them)."""
    lines = []
    where = f"persona {persona_index} day {day + 1}"
    for (t, need, mode, wanted), (basis, score) in zip(log.suggestions, log.reasons, strict=True):
        if need in needs and not wanted:
            lines.append(
                f"UNWANTED {where} t={t:.0f} s {need} {mode} ({basis}, score {score}) | {preference(persona, need)}"
            )
    for j, need in enumerate(NEEDS):
        if need not in needs:
            continue
        good = [t for t, n, _, wanted in log.suggestions if n == need and wanted]
        for start, end, hits in met_episodes(episode, j, good):
            if hits:
                continue
            t0, t1 = float(episode.t[start]), float(episode.t[end])
            tried = [
                f"{t:.0f} s {mode} ({basis})"
                for (t, n, mode, _), (basis, _) in zip(log.suggestions, log.reasons, strict=True)
                if n == need
            ]
            by_hand = [f"{t:.0f} s" for t, n in log.by_hand if n == need and t0 <= t <= t1 + 1.0]
            lines.append(
                f"MISSED {where} {need} {t0:.0f}–{t1:.0f} s; suggested that day: {tried or 'never'}; "
                f"by hand: {by_hand or 'no'} | {preference(persona, need)}"
            )
    return lines


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--set", choices=sorted(SETS), default="development")
    parser.add_argument("--need", action="append", choices=NEEDS, help="only this need (repeatable)")
    parser.add_argument("--all-days", action="store_true", help="every day, not just the steady state")
    parser.add_argument("--model", default=str(DEFAULT_MODEL_PATH))
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args(argv)
    chosen = SETS[args.set]
    personas = sample_personas(chosen.size, heldout=chosen.heldout_distribution, seed=chosen.persona_seed)
    jobs = [PersonaJob(p, i, chosen.days, args.model, True, None, chosen.episode_seed) for i, p in enumerate(personas)]
    days = run_jobs(jobs, args.workers)
    listed = list(range(chosen.days)) if args.all_days else list(range(chosen.days - 3, chosen.days))
    print(f"{args.set}: {chosen}, days {[d + 1 for d in listed]}")
    print(table(closed_loop(days, listed)))
    needs = tuple(args.need or NEEDS)
    for index, (persona, persona_days) in enumerate(zip(personas, days, strict=True)):
        for day in listed:
            episode, log = persona_days[day]
            for line in errors(index, persona, day, episode, log, needs):
                print(line)


if __name__ == "__main__":
    main()
