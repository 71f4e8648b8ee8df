"""Simulated SU7-style EV: physics, battery, cabin, body and driver (no CAN, no clock)."""

from vehicle_sim.car import Car, Environment
from vehicle_sim.spec import TRIMS, VehicleSpec, spec_for

__all__ = ["TRIMS", "Car", "Environment", "VehicleSpec", "spec_for"]
