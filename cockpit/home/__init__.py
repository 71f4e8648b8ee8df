"""The cockpit's home adapters: EmbeddedHome (in-process simulated house, the default) and MqttHome."""

from cockpit.home.adapter import HomeAdapter
from cockpit.home.embedded import EmbeddedHome
from cockpit.home.events import FAILED, OK, REFUSED, REJECTED, HomeChange, HomeEvent, HomeLink, HomeResult
from cockpit.home.intents import HomeCommand, HomeIntentError, plan, scene, targets
from cockpit.home.policy import HomePolicy
from cockpit.home.retry import RetryPolicy
from homelink.protocol import MqttUrl, MqttUrlError

__all__ = [
    "FAILED",
    "OK",
    "REFUSED",
    "REJECTED",
    "EmbeddedHome",
    "HomeAdapter",
    "HomeChange",
    "HomeCommand",
    "HomeEvent",
    "HomeIntentError",
    "HomeLink",
    "HomePolicy",
    "HomeResult",
    "MqttUrl",
    "MqttUrlError",
    "RetryPolicy",
    "open_home",
    "plan",
    "scene",
    "targets",
]


def open_home(spec: str | None, **options) -> HomeAdapter:
    """`--home` → an adapter: None / "" / "embedded" → EmbeddedHome; "mqtt://..." / "mqtts://..." → MqttHome."""
    if not spec or spec == "embedded":
        return EmbeddedHome(**options)
    if spec.startswith(("mqtt://", "mqtts://")):
        from cockpit.home.mqtt import MqttHome

        return MqttHome(spec, **options)
    raise MqttUrlError("--home: expected embedded or mqtt://[user:password@]HOST:PORT[?tls=1]")
