"""The home's contract, shared by the simulated house (home_sim) and the cockpit (cockpit.home), as canbus is for
the car: what a device can do (capabilities), what is known of it (DeviceInfo), and how it speaks MQTT with
Home Assistant's conventions (protocol: topics and payloads; discovery: the configs Home Assistant reads).
Neither side's code is in here; both import it.
"""
