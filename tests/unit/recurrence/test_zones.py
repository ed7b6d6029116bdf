"""Zone names: abbreviations, case-insensitive IANA names, validation."""

from __future__ import annotations

import pytest

from core.recurrence.zones import ABBREVIATIONS, is_valid_zone, resolve_zone, zone_info


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        pytest.param("PST", "America/Los_Angeles", id="pst"),
        pytest.param("pdt", "America/Los_Angeles", id="pdt-lowercase"),
        pytest.param("PT", "America/Los_Angeles", id="pt"),
        pytest.param("EST", "America/New_York", id="est"),
        pytest.param("ET", "America/New_York", id="et"),
        pytest.param("CET", "Europe/Paris", id="cet"),
        pytest.param("CEST", "Europe/Paris", id="cest"),
        pytest.param("GMT", "UTC", id="gmt"),
        pytest.param("utc", "UTC", id="utc"),
        pytest.param("IST", "Asia/Kolkata", id="ist"),
        pytest.param("BST", "Europe/London", id="bst"),
        pytest.param("JST", "Asia/Tokyo", id="jst"),
        pytest.param("MSK", "Europe/Moscow", id="msk"),
        pytest.param("AEST", "Australia/Sydney", id="aest"),
        pytest.param("AEDT", "Australia/Sydney", id="aedt"),
        pytest.param("CST", "America/Chicago", id="cst"),
        pytest.param("europe/berlin", "Europe/Berlin", id="iana-lowercase"),
        pytest.param("AMERICA/NEW_YORK", "America/New_York", id="iana-uppercase"),
        pytest.param(" Asia/Tokyo ", "Asia/Tokyo", id="iana-spaces"),
        pytest.param("america/argentina/buenos_aires", "America/Argentina/Buenos_Aires", id="deep"),
        pytest.param("Mars/Olympus", None, id="unknown"),
        pytest.param("XYZ", None, id="unknown-abbreviation"),
        pytest.param("", None, id="empty"),
    ],
)
def test_resolve_zone_reads_abbreviations_and_iana_names_in_any_case(
    name: str, expected: str | None
) -> None:
    assert resolve_zone(name) == expected


def test_every_abbreviation_names_a_real_zone() -> None:
    assert all(is_valid_zone(zone) for zone in ABBREVIATIONS.values())


@pytest.mark.parametrize(
    ("name", "valid"),
    [("Europe/Berlin", True), ("UTC", True), ("europe/berlin", False), ("PST", False),
     ("Mars/Olympus", False), ("../etc/passwd", False)],
)  # fmt: skip
def test_is_valid_zone_accepts_exact_iana_names_only(name: str, valid: bool) -> None:
    assert is_valid_zone(name) is valid


def test_zone_info_is_cached() -> None:
    assert zone_info("Europe/Berlin") is zone_info("Europe/Berlin")


def test_all_zones_is_the_standard_librarys_set_read_without_importlib_resources() -> None:
    """all_zones() reads what zoneinfo.available_timezones() reads, the same way, without
    importing importlib.resources (and pathlib) into `nudge parse`."""
    import subprocess
    import sys
    import zoneinfo

    from core.recurrence.zones import all_zones

    assert all_zones() == frozenset(zoneinfo.available_timezones())
    code = ("import sys; from core.recurrence.zones import all_zones; assert all_zones(); "
            "print('importlib.resources' in sys.modules)")
    shown = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                           check=True)
    assert shown.stdout.strip() == "False"


def test_a_name_resolves_as_the_whole_list_would_have_it_without_listing_it() -> None:
    """Each zone in any case is itself, and a name is valid exactly when the standard library's
    set holds it, down every file and folder of the search path (symlinked folders too); a
    fresh process resolves one without reading the whole list."""
    import os
    import subprocess
    import sys
    import zoneinfo

    every = zoneinfo.available_timezones()
    for name in every:
        assert resolve_zone(name.lower()) in (name, ABBREVIATIONS.get(name.upper()))
        assert is_valid_zone(name)
    written = {"posixrules", "posix/Europe/Berlin", "right/UTC", "zone.tab", "Europe/",
               "Europe/../UTC", "./UTC", "/", "Europe//Berlin"}
    for root in zoneinfo.TZPATH:
        for here, folders, files in os.walk(root, followlinks=True):
            written.update(os.path.relpath(os.path.join(here, name), root)
                           for name in files + folders)
    assert {name for name in written if is_valid_zone(name)} == written & every
    code = ("from core.recurrence import zones; print(zones.resolve_zone('europe/berlin'), "
            "zones.all_zones.cache_info().misses)")
    shown = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                           check=True)
    assert shown.stdout.split() == ["Europe/Berlin", "0"]


def test_without_system_zone_files_names_come_from_tzdata(monkeypatch: pytest.MonkeyPatch) -> None:
    """A machine with no zone files (a slim container) resolves from the tzdata package."""
    from core.recurrence import zones

    monkeypatch.setattr(zones, "TZPATH", ())
    zones._iana_name.cache_clear()
    try:
        assert resolve_zone("europe/berlin") == "Europe/Berlin"
        assert resolve_zone("posixrules") is None
        assert not is_valid_zone("zone.tab")
    finally:
        zones._iana_name.cache_clear()
