"""The simulated house (the world side, like vehicle_sim): rooms, a thermal model, devices with capabilities.

It never imports the cockpit, nor the cockpit it. The cockpit reaches it through an adapter
(cockpit.home.HomeAdapter) the runner plugs in: in-process (runner.home_adapters.EmbeddedHome) or as a separate
MQTT device process (home_sim.mqtt_node, `python main.py home --mqtt URL`).
"""

from home_sim.house import DEFAULT_CONFIG, ApplyResult, House, HouseError
from homelink.capabilities import Attribute, Capabilities, CapabilityError, Param
from homelink.devices import DeviceInfo

__all__ = [
    "DEFAULT_CONFIG",
    "ApplyResult",
    "Attribute",
    "Capabilities",
    "CapabilityError",
    "DeviceInfo",
    "House",
    "HouseError",
    "Param",
    "home_name_predicate",
]


def home_name_predicate(house: House):
    """For the scenario vocabulary: accepts `home.<device>`, `home.<device>.<attribute>`, `home.<room>.temperature`."""
    names = frozenset(house.names())
    return lambda name: name.startswith("home.") and name[5:] in names
