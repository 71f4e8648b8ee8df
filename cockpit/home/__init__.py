"""The cockpit's port to a home: the `HomeAdapter` interface and its events, the policy, intents and rooms.
The adapters a run plugs in are `cockpit.home.mqtt.MqttHome` (a real home over MQTT) and the simulated house
in-process, `runner.home_adapters.EmbeddedHome`."""

from cockpit.home.adapter import HomeAdapter
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
    "plan",
    "scene",
    "targets",
]
