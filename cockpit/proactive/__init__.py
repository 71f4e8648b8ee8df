"""Proactive assistance: needs scored from the context (an ONNX model + rules), acted on or offered,
without nagging."""

from cockpit.proactive.policy import ProactivePolicy, Suggestion

__all__ = ["ProactivePolicy", "Suggestion"]
