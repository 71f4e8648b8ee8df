"""Actions: a name plus data validated by a declarative schema, executed by one registry."""

from cockpit.actions.registry import Action, ActionPorts, ActionRegistry, ActionResult, build_default_registry

__all__ = ["Action", "ActionPorts", "ActionRegistry", "ActionResult", "build_default_registry"]
