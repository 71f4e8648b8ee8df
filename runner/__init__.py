"""Runs scenarios: builds the car, the bus and the cockpit from a scenario, steps them, judges, reports."""
