"""Hand-built contexts for the proactive tests."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from cockpit.context import CockpitContext
from cockpit.proactive.extras import ProactiveExtras
from cockpit.zones import CLIMATE_ZONES, SEATS

TZ = timezone(timedelta(hours=8))


def make_context(**overrides) -> CockpitContext:
    """A fully known context: parked at home, mild spring afternoon, driver in, nothing special."""
    occupants = overrides.pop("occupants", ("driver",))
    seat_heat = overrides.pop("seat_heat_levels", {})
    base = dict(
        time_s=100.0,
        local_time=datetime(2025, 4, 16, 15, 0, tzinfo=TZ),
        speed_kph=0.0,
        cabin_temp_c=21.0,
        outside_temp_c=18.0,
        hvac_on=False,
        soc_pct=70.0,
        range_m=400_000.0,
        position=(39.8015, 116.5120),
        destination_id=None,
        distance_to_destination_m=0.0,
        time_to_destination_s=0.0,
        has_arrived=False,
        fatigue_pct=10.0,
        set_points=dict.fromkeys(CLIMATE_ZONES, 22.0),
        occupied={s: s in occupants for s in SEATS},
        seat_heat={s: seat_heat.get(s, 0) for s in SEATS},
        distraction_pct=10.0,
        eyes_on_road=True,
        time_at_wheel_s=0.0,
        fog_risk_pct=2.0,
        front_defrost_on=False,
        sun_w_m2=400.0,
        weather="clear",
        energy_kwh=50.0,
        consumption_kwh_per_100km=16.0,
        is_charging=False,
        gear="P",
    )
    base.update(overrides)
    return CockpitContext(**base)


def make_extras(**overrides) -> ProactiveExtras:
    base = dict(
        distance_to_home_m=0.0,
        heading_home=False,
        eta_home_s=None,
        home_inside_temp_c=21.0,
        home_climate_on=False,
        garage_open=False,
        home_lights_on=False,
        minutes_since_departure=0.0,
        next_rest_area_m=None,
        next_charger_m=3000.0,
    )
    base.update(overrides)
    return ProactiveExtras(**base)
