"""A shared location -> its IANA zone, offline; the zone buttons fit in callback_data."""

from __future__ import annotations

import pytest

from bot.telegram.keyboards import fits
from bot.telegram.zones import zone_at, zone_choices
from core.recurrence.zones import resolve_zone


@pytest.mark.parametrize(("latitude", "longitude", "zone"), [
    (52.52, 13.40, "Europe/Berlin"),
    (40.71, -74.01, "America/New_York"),
    (-33.87, 151.21, "Australia/Sydney"),
    (28.61, 77.21, "Asia/Kolkata"),
])
def test_a_location_on_land_gives_its_zone(latitude: float, longitude: float, zone: str) -> None:
    assert zone_at(latitude=latitude, longitude=longitude) == zone


def test_a_location_at_sea_gives_no_zone() -> None:
    assert zone_at(latitude=-40.0, longitude=-30.0) is None


def test_every_zone_button_is_a_known_zone_that_fits_a_button() -> None:
    for choice in zone_choices():
        name = choice.command.removeprefix("timezone ")
        assert resolve_zone(name) == name
        assert fits(choice.command)
