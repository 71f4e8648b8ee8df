"""Scenario files: loading and validation, the expression language, expectation monitoring, reports.

See scenarios/README.md for the format (a contract with scenario authors).
"""
