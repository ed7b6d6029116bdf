"""Zone names: abbreviations people type -> one IANA zone each; validation; cached ZoneInfo.

Abbreviations are ambiguous in the world (IST is India, Israel and Ireland; CST is
Chicago and China); each maps to the zone most of our users mean, as the command
language settles. Beyond the documented set we add the other common North American,
European and Asia-Pacific ones:

- CST/CDT/CT America/Chicago, MST/MDT/MT America/Denver (not Phoenix: Denver keeps DST),
  AKST/AKDT America/Anchorage, HST Pacific/Honolulu, NST/NDT America/St_Johns;
- WET/WEST Europe/Lisbon, EET/EEST Europe/Athens, CEST/CET Europe/Paris;
- NZST/NZDT Pacific/Auckland, AWST Australia/Perth, ACST/ACDT Australia/Adelaide,
  KST Asia/Seoul, HKT Asia/Hong_Kong, SGT Asia/Singapore;
- UT and Z are UTC.
AST is left out on purpose (Atlantic and Arabia Standard Time are both common).
"""

from __future__ import annotations

import os
from functools import lru_cache
from zoneinfo import TZPATH, ZoneInfo

ABBREVIATIONS: dict[str, str] = {
    "PST": "America/Los_Angeles",
    "PDT": "America/Los_Angeles",
    "PT": "America/Los_Angeles",
    "MST": "America/Denver",
    "MDT": "America/Denver",
    "MT": "America/Denver",
    "CST": "America/Chicago",
    "CDT": "America/Chicago",
    "CT": "America/Chicago",
    "EST": "America/New_York",
    "EDT": "America/New_York",
    "ET": "America/New_York",
    "AKST": "America/Anchorage",
    "AKDT": "America/Anchorage",
    "HST": "Pacific/Honolulu",
    "NST": "America/St_Johns",
    "NDT": "America/St_Johns",
    "GMT": "UTC",
    "UTC": "UTC",
    "UT": "UTC",
    "Z": "UTC",
    "BST": "Europe/London",
    "WET": "Europe/Lisbon",
    "WEST": "Europe/Lisbon",
    "CET": "Europe/Paris",
    "CEST": "Europe/Paris",
    "EET": "Europe/Athens",
    "EEST": "Europe/Athens",
    "MSK": "Europe/Moscow",
    "IST": "Asia/Kolkata",
    "SGT": "Asia/Singapore",
    "HKT": "Asia/Hong_Kong",
    "KST": "Asia/Seoul",
    "JST": "Asia/Tokyo",
    "AWST": "Australia/Perth",
    "ACST": "Australia/Adelaide",
    "ACDT": "Australia/Adelaide",
    "AEST": "Australia/Sydney",
    "AEDT": "Australia/Sydney",
    "NZST": "Pacific/Auckland",
    "NZDT": "Pacific/Auckland",
}


@lru_cache(maxsize=1024)
def zone_info(name: str) -> ZoneInfo:
    """The ZoneInfo for an IANA name (cached: the parser asks for it on every command)."""
    return ZoneInfo(name)


@lru_cache(maxsize=1)
def all_zones() -> frozenset[str]:
    """Every IANA zone name, read once on first use: zoneinfo.available_timezones()'s set."""
    return frozenset(_available_timezones())


def _available_timezones() -> set[str]:
    """zoneinfo.available_timezones(), step for step (CPython 3.11), less its import of
    importlib.resources (with pathlib, zipfile, tempfile: ~10 ms of a `nudge parse` that
    meets its first zone name): tzdata's list of zones, read by its path, then the zone files
    on the search path that the list lacks."""
    zones = _tzdata_zones()
    for root in TZPATH:
        if not os.path.exists(root):
            continue
        for here, folders, files in os.walk(root):
            if here == root:  # right/ and posix/ hold copies of the zones, not zones
                folders[:] = [name for name in folders if name not in ("right", "posix")]
            for file in files:
                path = os.path.join(here, file)
                key = os.path.relpath(path, start=root).replace(os.sep, "/")
                if key and key not in zones and _is_zone_file(path):
                    zones.add(key)
    zones.discard("posixrules")  # a symlink-only special name, not a zone
    return zones


def _tzdata_zones() -> set[str]:
    """tzdata's list of zones. The package is found, not imported: the list is a file
    beside its __init__."""
    from importlib.util import find_spec  # here: most processes never list the zones

    found = find_spec("tzdata")
    if found is None or found.origin is None:
        return set()
    try:
        with open(os.path.join(os.path.dirname(found.origin), "zones"), encoding="utf-8") as f:
            return {name for name in map(str.strip, f) if name}
    except OSError:  # pragma: no cover - a broken install
        return set()


def _is_zone_file(path: str) -> bool:
    try:
        with open(path, "rb") as handle:
            return handle.read(4) == b"TZif"
    except OSError:
        return False


def resolve_zone(name: str) -> str | None:
    """An abbreviation or IANA name, in any case, as its IANA name; None if unknown."""
    key = name.strip()
    by_abbreviation = ABBREVIATIONS.get(key.upper())
    if by_abbreviation is not None:
        return by_abbreviation
    return _iana_name(key.lower())


def is_valid_zone(name: str) -> bool:
    """True for an exact IANA zone name (what a Recurrence or a person's zone must hold)."""
    return _iana_name(name.lower()) == name


@lru_cache(maxsize=1024)
def _iana_name(low: str) -> str | None:
    """The name in all_zones() spelt `low` in any case, found without listing them all (a
    first `timezone europe/berlin` in a process: ~0.2 ms, not the ~5 ms of the list): the
    folders along its own path on the search path, then tzdata's list of zones."""
    parts = low.split("/")
    if not low or any(part in ("", ".", "..") for part in parts):
        return None
    for root in TZPATH:
        found = _along(root, parts)
        if found is not None:
            return found
    return _tzdata_names().get(low)


def _along(root: str, parts: list[str]) -> str | None:
    """The zone file under root whose path is `parts` in any case, as its name; None if
    there is none (right/ and posix/ hold copies, not zones; posixrules is no zone)."""
    here, names = root, []
    for part in parts:
        try:
            entries = os.listdir(here)
        except OSError:
            return None
        match = part if part in entries else next((e for e in entries if e.lower() == part), None)
        if match is None:
            return None
        names.append(match)
        here = os.path.join(here, match)
    name = "/".join(names)
    if (names[0] in ("right", "posix") and len(names) > 1) or name == "posixrules":
        return None
    return name if _is_zone_file(here) else None


@lru_cache(maxsize=1)
def _tzdata_names() -> dict[str, str]:
    """tzdata's list of zones (the data zoneinfo falls back on), by lower-case name."""
    return {name.lower(): name for name in _tzdata_zones()}
