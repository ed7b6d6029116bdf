"""Zone names inside the language: abbreviations (`PST`), IANA names in any case, US region
words (`Eastern`), whole-hour UTC offsets (`UTC+2`), and cities as each language names them
(`Москва`, `Wien`, `Ciudad de México`, `São Paulo`: CLDR's exemplar cities, from Babel)."""

from __future__ import annotations

import re
import unicodedata
from functools import cache

from core.errors import ParseError
from core.i18n import LANGUAGES, _
from core.recurrence.zones import ABBREVIATIONS, all_zones, resolve_zone, zone_info

# Single letters and `UT` read too easily as other words inside a task.
_NOT_IN_TEXT = frozenset({"z", "ut"})
_ABBREVIATIONS = {k.lower(): v for k, v in ABBREVIATIONS.items() if k.lower() not in _NOT_IN_TEXT}
# The US time zones by their everyday names (`9am Eastern`, `timezone Pacific`).
REGIONS: dict[str, str] = {
    "eastern": "America/New_York", "central": "America/Chicago",
    "mountain": "America/Denver", "pacific": "America/Los_Angeles",
    "alaska": "America/Anchorage", "hawaii": "Pacific/Honolulu",
}
_REGION_TAILS = (("time",), ("standard", "time"), ("daylight", "time"))
_OFFSET = re.compile(r"^(?:utc|gmt)?([+-])(\d{1,2})(?::?(\d{2}))?$")
# Places for the offsets that are not whole hours (Etc/GMT zones have whole hours only).
_PLACES = {
    "+03:30": "Asia/Tehran", "+04:30": "Asia/Kabul", "+05:30": "Asia/Kolkata",
    "+05:45": "Asia/Kathmandu", "+06:30": "Asia/Yangon", "+09:30": "Australia/Darwin",
    "+10:30": "Australia/Lord_Howe", "-03:30": "America/St_Johns",
    "-09:30": "Pacific/Marquesas",
}


def offset_zone(low: str) -> str | None:
    """`utc+2`, `gmt-5`, `utc+02:00` -> an Etc/GMT zone; None if no offset; refuses :30.

    Etc/GMT names count the other way round (POSIX): UTC+2 is `Etc/GMT-2`.
    """
    match = _OFFSET.match(low.replace(" ", ""))
    if match is None or not (low.startswith(("utc", "gmt")) or low[:1] in "+-"):
        return None
    sign, hours, minutes = match.group(1), int(match.group(2)), int(match.group(3) or 0)
    written = f"{sign}{hours:02d}:{minutes:02d}"
    if minutes:
        place = _PLACES.get(written, "Asia/Kolkata")
        raise ParseError(_("UTC{offset} is not a whole hour from UTC, and I keep fixed offsets "
                           "to whole hours; name the place instead, like `timezone {place}`.",
                           offset=written, place=place), hint=f"timezone {place}")
    if hours == 0:
        return "UTC"
    if (sign == "+" and hours > 14) or (sign == "-" and hours > 12):
        raise ParseError(_("UTC{offset} is not an offset any place uses (they run from -12 "
                           "to +14 hours).", offset=written), hint=_("timezone Europe/Berlin"))
    return f"Etc/GMT{'-' if sign == '+' else '+'}{hours}"


def region_at(words: list[str], i: int) -> tuple[str, int] | None:
    """`Eastern`, `eastern time`, `pacific standard time` -> the zone and the index after."""
    zone_ = REGIONS.get(words[i]) if i < len(words) else None
    if zone_ is None:
        return None
    for tail in _REGION_TAILS:
        if tuple(words[i + 1:i + 1 + len(tail)]) == tail:
            return zone_, i + 1 + len(tail)
    return zone_, i + 1


def zone_name(text: str) -> str | None:
    """An IANA zone name for `text` (abbreviation, IANA name, region, offset), or None."""
    low = " ".join(text.lower().split())
    words = low.removeprefix("us ").split()
    region = region_at(words, 0) if words else None
    if region is not None and region[1] == len(words):
        return region[0]
    return offset_zone(low) or resolve_zone(text.strip().replace(" ", "_")) or _city(low)


_AREAS = ("Africa/", "America/", "Antarctica/", "Asia/", "Atlantic/", "Australia/", "Europe/",
          "Indian/", "Pacific/")


def _city(low: str) -> str | None:
    """`london` -> Europe/London: a city as its IANA zone names it, else as a language names
    it (`лондон`, `londres`, `wien`). A name with a slash is an IANA one resolve_zone did not
    know (`Mars/Olympus`): no city has one."""
    if "/" in low:
        return None
    name = _folded(low.removeprefix("in "))
    return iana_cities().get(name) or cldr_cities().get(name)


@cache
def iana_cities() -> dict[str, str]:
    """The city part of each IANA zone of a continent or ocean (no Babel needed)."""
    cities: dict[str, str] = {}
    for name in sorted(all_zones(), key=lambda n: (n.count("/"), n), reverse=True):
        if name.startswith(_AREAS):
            cities[_folded(name.rsplit("/", 1)[1].replace("_", " "))] = name
    return cities


@cache
def cldr_cities() -> dict[str, str]:
    """Each city as the languages name it, from CLDR (Babel); the first language wins. Loaded
    only for a city the IANA names miss: Babel's zone data costs a tenth of a second."""
    from babel import Locale

    cities: dict[str, str] = {}
    for code in LANGUAGES:
        for name, names in Locale.parse(code).time_zones.items():
            city = names.get("city")
            if city and name.startswith(_AREAS):
                cities.setdefault(_folded(city), name)
    return cities


def _folded(city: str) -> str:
    """A city name as looked up: lower case, no accents, a hyphen as a space (`Сан-Паулу`,
    `sao paulo`, `São Paulo` are one name)."""
    plain = unicodedata.normalize("NFD", city.lower().replace("-", " "))
    return " ".join("".join(c for c in plain if not unicodedata.combining(c)).split())


def zone_word(low: str) -> str | None:
    """A zone inside a time expression: an abbreviation, `utc`, `utc+2`, a name with a slash."""
    if low in _ABBREVIATIONS:
        return _ABBREVIATIONS[low]
    if low[:3] in ("utc", "gmt") and len(low) > 3:
        return offset_zone(low)
    return resolve_zone(low) if "/" in low else None


# A cached ZoneInfo: the cache itself, not a function around it (the parser asks a few
# times a command).
zone = zone_info
