from __future__ import annotations

from dataclasses import fields

import numpy as np

from cockpit.context import CockpitContext
from cockpit.proactive.extras import ProactiveExtras
from cockpit.proactive.features import FEATURE_NAMES, N_FEATURES, NEEDS, features
from cockpit.zones import CLIMATE_ZONES, SEATS
from tests.proactive.helpers import make_context, make_extras


def _unknown_context() -> CockpitContext:
    values = {f.name: None for f in fields(CockpitContext)}
    values.update(
        time_s=0.0,
        set_points=dict.fromkeys(CLIMATE_ZONES),
        occupied=dict.fromkeys(SEATS),
        seat_heat=dict.fromkeys(SEATS),
    )
    return CockpitContext(**values)


def test_needs_order_and_names() -> None:
    assert NEEDS == (
        "precondition_cabin",
        "preheat_home",
        "precool_home",
        "charge_stop",
        "rest_break",
        "garage_open",
        "home_lights_on",
        "defog",
        "seat_heat",
    )
    assert isinstance(NEEDS, tuple)
    assert len(FEATURE_NAMES) == len(set(FEATURE_NAMES)) == N_FEATURES


def test_length_dtype_finite() -> None:
    v = features(make_context(), make_extras())
    assert v.dtype == np.float32 and v.shape == (N_FEATURES,)
    assert np.isfinite(v).all()


def test_unknown_values_have_flags_not_silent_zero() -> None:
    known = dict(zip(FEATURE_NAMES, features(make_context(), make_extras()), strict=True))
    unknown = dict(zip(FEATURE_NAMES, features(_unknown_context(), ProactiveExtras()), strict=True))
    flags = [n for n in FEATURE_NAMES if n.endswith("_known")]
    assert len(flags) >= 20
    assert all(known[n] == 1.0 for n in flags if n not in ("eta_home_known", "rest_area_known"))
    assert all(unknown[n] == 0.0 for n in flags)
    assert np.isfinite(np.array(list(unknown.values()))).all()
    # a known 0 °C outside differs from an unknown outside temperature
    zero = dict(zip(FEATURE_NAMES, features(make_context(outside_temp_c=0.0), make_extras()), strict=True))
    assert zero["outside_temp"] == 0.0 and zero["outside_known"] == 1.0


def test_cyclic_hour_weekday_energy_margin_and_seats() -> None:
    from datetime import datetime, timedelta, timezone

    tz = timezone(timedelta(hours=8))
    c = make_context(
        local_time=datetime(2025, 1, 4, 23, 30, tzinfo=tz),
        distance_to_destination_m=100_000.0,
        destination_id=30,
        energy_kwh=10.0,
        consumption_kwh_per_100km=20.0,
        cabin_temp_c=2.0,
        occupants=("driver", "rear_left"),
        seat_heat_levels={"driver": 2},
    )
    f = dict(zip(FEATURE_NAMES, features(c, make_extras()), strict=True))
    midnight = dict(
        zip(
            FEATURE_NAMES,
            features(make_context(local_time=datetime(2025, 1, 5, 0, 0, tzinfo=tz)), make_extras()),
            strict=True,
        )
    )
    assert abs(f["hour_sin"] - midnight["hour_sin"]) < 0.2 and abs(f["hour_cos"] - midnight["hour_cos"]) < 0.05
    assert f["weekday"] == 0.0  # Saturday
    assert f["energy_margin"] < 0 and f["margin_known"] == 1.0  # 10 kWh vs 20 kWh needed
    assert f["occupants"] == 2.0
    assert f["cold_unheated_rear_left"] == 1.0 and f["cold_unheated_driver"] == 0.0


def test_fog_target_and_rate_from_visible_causes() -> None:
    """Fog rate (round 3): where the windshield fog is heading, from breath, rain and a cold windshield."""
    cold = dict(cabin_temp_c=18.0, outside_temp_c=-2.0, weather="snow", occupants=("driver", "passenger"))
    rising = dict(zip(FEATURE_NAMES, features(make_context(fog_risk_pct=5.0, **cold), make_extras()), strict=True))
    clearing = dict(
        zip(
            FEATURE_NAMES,
            features(make_context(fog_risk_pct=40.0, front_defrost_on=True, **cold), make_extras()),
            strict=True,
        )
    )
    assert rising["fog_target"] > 0.3 and rising["fog_rate"] > 0.0
    assert clearing["fog_target"] < 0.1 and clearing["fog_rate"] < 0.0
    unknown = dict(zip(FEATURE_NAMES, features(make_context(fog_risk_pct=None), make_extras()), strict=True))
    assert unknown["fog_target"] == 0.0 and unknown["fog_rate"] == 0.0 and unknown["fog_known"] == 0.0


def test_route_home_short_is_linear_in_the_last_kilometres() -> None:
    def route_home(metres: float, heading_home: bool = True) -> float:
        c = make_context(distance_to_destination_m=metres, destination_id=1, speed_kph=40.0)
        e = make_extras(heading_home=heading_home, eta_home_s=metres / 10.0)
        return float(dict(zip(FEATURE_NAMES, features(c, e), strict=True))["route_home_short"])

    assert route_home(1500.0) == np.float32(1.5) and route_home(500.0) == np.float32(0.5)
    assert route_home(20_000.0) == 4.0 and route_home(500.0, heading_home=False) == 4.0
