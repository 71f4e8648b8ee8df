"""Proactive assistance: needs scored from the context (an ONNX model + rules), acted on or offered,
without nagging. Each need is described once, in cockpit/proactive/needs.py.

Nothing is imported here: cockpit/replies.py reads the needs' words from cockpit/proactive/needs.py, and the
policy imports the actions, which import the replies (the package must not pull the policy in first).
"""
