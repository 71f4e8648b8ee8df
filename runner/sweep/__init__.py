"""Scenario sweeps: many variations of scenarios run in parallel (worker processes or Ray), one report.

`variations` expands --vary specs, `execute` runs them, `metrics` reads each run's figures, `report` writes
sweep.json, junit.xml and index.html, `command` is `python main.py sweep`.
"""
