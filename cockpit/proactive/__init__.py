"""Proactive assistance: needs scored from the context (an ONNX model + rules), suggested or acted on,
without nagging."""

from cockpit.proactive.rules import ProactivePolicy, Suggestion

__all__ = ["ProactivePolicy", "Suggestion"]
