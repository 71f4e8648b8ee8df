"""Property-based fuzzers, one module per input kind (scenario files, `understand --jsonl`, bus logs, ...).

Each test is marked `fuzz` and takes its example count from `FUZZ_SETTINGS`: a fixed small budget in the
ordinary run (CI), `FUZZ_LONG_EXAMPLES` when pytest is run with `-m fuzz` (the long mode, ≥ 10,000 cases per
input kind). Generation is derandomised, so a CI run is the same run every time and a failure reproduces.
"""
