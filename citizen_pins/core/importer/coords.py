"""Coordinates as people type them, turned into WGS84 longitude/latitude.

Pure Python (no QGIS) so it is fast and fuzzed directly.  Accepted:

* decimal degrees with a dot or a comma (``13.7563``, ``13,7563``), any number of trailing zeros,
  Thai numerals (``๑๓.๗๕``), a Unicode minus;
* degrees-minutes-seconds and degrees-decimal-minutes with or without hemisphere letters
  (``13°45'30.5"N``, ``N 13 45 30.5``, ``13d45m30.5s``, ``13:45:30.5``, ``13°45.508'``,
  ``13 องศา 45 ลิปดา 30.5 ฟิลิปดา``);
* a single "lat, lon" cell (``13.75, 100.5``, ``13,75; 100,5``, a DMS pair, a Google Maps link);
* UTM easting/northing (WGS84, northern hemisphere) with a zone (``47``, ``47N``, ``47P``);
* swapped latitude/longitude columns and UTM metres typed into latitude/longitude columns.

Every change that is more than reading a number is returned as a repair, so the import report
can list it.  Anything that cannot be read raises :class:`CoordinateError` with the reason.
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import List, Optional, Tuple

from .text import THAI_DIGITS

#: Where a Thai service point can be: the country's extent with a margin of about 50 km, so that
#: points just across the border or offshore are imported (and left to validation to flag).
LAT_MIN, LAT_MAX = 5.0, 21.0
LON_MIN, LON_MAX = 96.8, 106.2
#: UTM zones that cover Thailand.
THAI_UTM_ZONES = (47, 48)


class CoordinateError(ValueError):
    """A coordinate that cannot be read; ``str()`` is the reason, in plain words."""


@dataclass(frozen=True)
class Location:
    lat: float
    lon: float
    repairs: Tuple[str, ...] = ()


def in_thailand(lat: float, lon: float) -> bool:
    return LAT_MIN <= lat <= LAT_MAX and LON_MIN <= lon <= LON_MAX


# ------------------------------------------------------------------------------------------------
# numbers

_PLAIN = re.compile(r"^[+-]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)$")  # ASCII digits only
_THOUSANDS_COMMA = re.compile(r"^[+-]?\d{1,3}(?:,\d{3})+(?:\.\d+)?$")
_THOUSANDS_DOT = re.compile(r"^[+-]?\d{1,3}(?:\.\d{3}){2,}(?:,\d+)?$")
_THOUSANDS_SPACE = re.compile(r"^[+-]?\d{1,3}(?: \d{3})+(?:[.,]\d+)?$")
_MINUS = str.maketrans({"\u2212": "-", "\u2013": "-", "\u2012": "-", "\uff0d": "-"})
_INVISIBLE = dict.fromkeys(map(ord, "\ufeff\u200b\u200c\u200d\u2060\u00a0\u202f"), " ")


def _prepare(raw: object) -> Tuple[str, List[str]]:
    text = str(raw)
    repairs: List[str] = []
    t = text.translate(THAI_DIGITS)
    if t != text:
        repairs.append("thai_numerals")
    t = t.translate(_INVISIBLE).translate(_MINUS).strip()
    return t, repairs


def parse_number(raw: object, metres: bool = False) -> Tuple[float, Tuple[str, ...]]:
    """A decimal number; a comma is a decimal separator unless it groups thousands of metres.

    Returns the value and the repairs (``thai_numerals``, ``decimal_comma``,
    ``thousands_separator``).  Raises CoordinateError for anything else.
    """
    t, repairs = _prepare(raw)
    if not t:
        raise CoordinateError("empty")
    if _PLAIN.match(t):
        return _finite(float(t), raw), tuple(repairs)
    if _THOUSANDS_SPACE.match(t):
        t = t.replace(" ", "")
        repairs.append("thousands_separator")
        if _PLAIN.match(t):
            return _finite(float(t), raw), tuple(repairs)
    if "," in t and "." in t:
        if t.rfind(",") > t.rfind("."):  # 1.521.345,5  (dots group, comma decimal)
            if not _THOUSANDS_DOT.match(t) and t.count(".") != 1:
                raise CoordinateError(f"'{raw}' is not a number")
            t = t.replace(".", "").replace(",", ".")
            repairs.extend(["thousands_separator", "decimal_comma"])
        else:  # 1,521,345.5
            if not _THOUSANDS_COMMA.match(t):
                raise CoordinateError(f"'{raw}' is not a number")
            t = t.replace(",", "")
            repairs.append("thousands_separator")
    elif "," in t:
        if t.count(",") == 1 and not (metres and _THOUSANDS_COMMA.match(t)):
            t = t.replace(",", ".")
            repairs.append("decimal_comma")
        elif _THOUSANDS_COMMA.match(t):
            t = t.replace(",", "")
            repairs.append("thousands_separator")
    elif t.count(".") > 1 and _THOUSANDS_DOT.match(t):
        t = t.replace(".", "")
        repairs.append("thousands_separator")
    if not _PLAIN.match(t):
        raise CoordinateError(f"'{raw}' is not a number")
    return _finite(float(t), raw), tuple(repairs)


def _finite(value: float, raw: object) -> float:
    if not math.isfinite(value):
        raise CoordinateError(f"'{raw}' is not a number")
    return value


# ------------------------------------------------------------------------------------------------
# angles (one coordinate)

_WORD_MARKS = (
    (re.compile(r"ฟิลิปดา|ฟิลิบดา"), '"'), (re.compile(r"ลิปดา|ลิบดา"), "'"), (re.compile(r"องศา"), "°"),
    (re.compile(r"''|[″”“]"), '"'), (re.compile(r"[′’‘`´]"), "'"), (re.compile(r"[º˚]"), "°"),
    (re.compile(r"(?<![a-z])(?:seconds?|secs?)(?![a-z])", re.IGNORECASE), '"'),
    (re.compile(r"(?<![a-z])(?:minutes?|mins?)(?![a-z])", re.IGNORECASE), "'"),
    (re.compile(r"(?<![a-z])(?:degrees?|degs?)(?![a-z])", re.IGNORECASE), "°"),
)
_LETTER_STYLE = re.compile(r"\d\s*d\s*\d", re.IGNORECASE)  # 13d45m30s
_LETTER_MARKS = ((re.compile(r"(?<=\d)\s*d", re.IGNORECASE), "°"),
                 (re.compile(r"(?<=\d)\s*m", re.IGNORECASE), "'"),
                 (re.compile(r"(?<=[\d.])\s*s(?![a-z])", re.IGNORECASE), '"'))
_HEMI_START = re.compile(r"^([NSEWnsew])(?![A-Za-z])\.?")
_HEMI_END = re.compile(r"(?<![A-Za-z])([NSEWnsew])\.?$")
_DMS_NUMBERS = re.compile(r"\d+(?:[.,]\d+)?")
#: "13 45 30.5": degrees, minutes and seconds separated by spaces only.
_SPACED_DMS = re.compile(r"^[+-]?\d{1,3}(?:\s+\d{1,2}(?:[.,]\d+)?){1,2}$")


@dataclass(frozen=True)
class Angle:
    value: float
    #: "lat" or "lon" when a hemisphere letter said which, else None.
    axis: Optional[str]
    repairs: Tuple[str, ...]


def parse_angle(raw: object) -> Angle:
    """One coordinate: decimal degrees or DMS, with an optional hemisphere letter."""
    if type(raw) is str and _PLAIN.match(raw):  # the common case, before any cleaning
        return Angle(_finite(float(raw), raw), None, ())
    t, repairs = _prepare(raw)
    if not t:
        raise CoordinateError("empty")
    if _PLAIN.match(t):  # the fast path: plain decimal degrees
        return Angle(_finite(float(t), raw), None, tuple(repairs))
    for pattern, mark in _WORD_MARKS:
        t = pattern.sub(mark, t)
    if _LETTER_STYLE.search(t):
        for pattern, mark in _LETTER_MARKS:
            t = pattern.sub(mark, t)
    t = t.strip()
    axis = None
    sign = 1.0
    m = _HEMI_START.search(t) or _HEMI_END.search(t)
    if m:
        letter = m.group(1).upper()
        axis = "lat" if letter in "NS" else "lon"
        if letter in "SW":
            sign = -1.0
        t = (t[:m.start()] + " " + t[m.end():]).strip()
    if not any(c in t for c in "°'\":") and not _SPACED_DMS.match(t):
        try:
            value, more = parse_number(t)
        except CoordinateError:
            raise CoordinateError(f"'{raw}' is not a coordinate") from None
        return Angle(sign * value, axis, tuple(repairs) + tuple(r for r in more if r not in repairs))
    numbers = _DMS_NUMBERS.findall(t)
    rest = _DMS_NUMBERS.sub(" ", t)
    if not numbers or len(numbers) > 3 or re.search(r"[^\s:°'\"+-]", rest) or rest.count("-") > 1:
        raise CoordinateError(f"'{raw}' is not a coordinate")
    if "-" in rest:
        if not rest.lstrip().startswith("-"):
            raise CoordinateError(f"'{raw}' is not a coordinate")
        sign = -sign
    parts = [float(n.replace(",", ".")) for n in numbers]
    if any("," in n for n in numbers):
        repairs.append("decimal_comma")
    if any(p != int(p) for p in parts[:-1]):
        raise CoordinateError(
            f"'{raw}': only the last part of degrees-minutes-seconds may have decimals")
    deg = parts[0]
    minutes = parts[1] if len(parts) > 1 else 0.0
    seconds = parts[2] if len(parts) > 2 else 0.0
    if minutes >= 60 or seconds >= 60:
        raise CoordinateError(f"'{raw}': minutes and seconds must be below 60")
    repairs.append("dms" if len(parts) > 1 else "degree_sign")
    return Angle(sign * (deg + minutes / 60.0 + seconds / 3600.0), axis, tuple(repairs))


# ------------------------------------------------------------------------------------------------
# a pair in one cell

_URL_PAIR = re.compile(r"(?:@|[?&](?:q|ll|query|destination|center)=)(-?\d+(?:\.\d+)?),\s*(-?\d+(?:\.\d+)?)")
_NS_LETTER = re.compile(r"[NSns]\b|\b[NSns]")


def _split_pair(t: str) -> Optional[Tuple[str, str]]:
    for sep in (r"\s*;\s*", r"\s*\|\s*", r"\t+", r",\s+", r"\s*/\s*"):
        parts = [p for p in re.split(sep, t) if p.strip()]
        if len(parts) == 2:
            return parts[0], parts[1]
    parts = t.split(",")
    if len(parts) == 2:
        return parts[0], parts[1]
    parts = t.split()
    if len(parts) == 2:
        return parts[0], parts[1]
    return None


def _split_hemispheres(t: str) -> Optional[Tuple[str, str]]:
    """``13°45'30"N 100°30'E`` or ``N13 45 30 E100 30`` split where the hemispheres change."""
    letters = [(m.start(), m.group(0).upper()) for m in re.finditer(r"[NSEWnsew](?![a-zA-Z])", t)
               if (m.start() == 0 or not t[m.start() - 1].isalpha())]
    if len(letters) != 2:
        return None
    (i, a), (j, b) = letters
    if (a in "NS") == (b in "NS"):
        return None
    head = t[:i].strip(" ,;/")
    if head and re.search(r"\d", head):  # letters follow their numbers: 13N 100E
        return t[:i + 1], t[i + 1:]
    return t[:j], t[j:]  # letters lead: N13 E100


def parse_pair(raw: object) -> Location:
    """A "lat, lon" cell; the first number is taken as latitude unless letters say otherwise."""
    t, repairs = _prepare(raw)
    if not t:
        raise CoordinateError("empty")
    t = t.strip("()[]{} ")
    m = _URL_PAIR.search(t)
    if m:
        lat, lon = float(m.group(1)), float(m.group(2))
        return Location(lat, lon, tuple(repairs) + ("map_link",))
    parts = _split_hemispheres(t) or _split_pair(t)
    if parts is None:
        raise CoordinateError(f"'{raw}' is not a latitude, longitude pair")
    a, b = parse_angle(parts[0]), parse_angle(parts[1])
    extra = [r for r in a.repairs + b.repairs if r not in repairs]
    if a.axis == "lon" or b.axis == "lat":
        a, b = b, a
    out = list(repairs) + ["pair_in_one_column"]
    for r in extra:
        if r not in out:
            out.append(r)
    return Location(a.value, b.value, tuple(out))


# ------------------------------------------------------------------------------------------------
# UTM (WGS84), Krüger series to order n^3: millimetre accuracy inside a zone.

_A = 6378137.0
_F = 1 / 298.257223563
_N = _F / (2 - _F)
_AA = _A / (1 + _N) * (1 + _N ** 2 / 4 + _N ** 4 / 64)
_ALPHA = (_N / 2 - 2 * _N ** 2 / 3 + 5 * _N ** 3 / 16,
          13 * _N ** 2 / 48 - 3 * _N ** 3 / 5,
          61 * _N ** 3 / 240)
_BETA = (_N / 2 - 2 * _N ** 2 / 3 + 37 * _N ** 3 / 96,
         _N ** 2 / 48 + _N ** 3 / 15,
         17 * _N ** 3 / 480)
_DELTA = (2 * _N - 2 * _N ** 2 / 3 - 2 * _N ** 3,
          7 * _N ** 2 / 3 - 8 * _N ** 3 / 5,
          56 * _N ** 3 / 15)
_K0 = 0.9996
_E0 = 500000.0
_TWO_SQRT_N = 2 * math.sqrt(_N) / (1 + _N)


def utm_to_latlon(easting: float, northing: float, zone: int, north: bool = True) -> Tuple[float, float]:
    """WGS84 UTM to (lat, lon) in degrees."""
    if not 1 <= int(zone) <= 60:
        raise CoordinateError(f"UTM zone {zone} does not exist (1-60)")
    xi = (northing - (0.0 if north else 10000000.0)) / (_K0 * _AA)
    eta = (easting - _E0) / (_K0 * _AA)
    xi_p, eta_p = xi, eta
    for j, b in enumerate(_BETA, start=1):
        xi_p -= b * math.sin(2 * j * xi) * math.cosh(2 * j * eta)
        eta_p -= b * math.cos(2 * j * xi) * math.sinh(2 * j * eta)
    chi = math.asin(max(-1.0, min(1.0, math.sin(xi_p) / math.cosh(eta_p))))
    phi = chi + sum(d * math.sin(2 * j * chi) for j, d in enumerate(_DELTA, start=1))
    lon0 = zone * 6 - 183
    lon = lon0 + math.degrees(math.atan2(math.sinh(eta_p), math.cos(xi_p)))
    return math.degrees(phi), lon


def latlon_to_utm(lat: float, lon: float, zone: Optional[int] = None) -> Tuple[float, float, int]:
    """(lat, lon) to WGS84 UTM (easting, northing, zone); the zone of ``lon`` unless given."""
    if zone is None:
        zone = int((lon + 180) // 6) + 1
    phi = math.radians(lat)
    dlon = math.radians(lon - (zone * 6 - 183))
    s = math.sin(phi)
    t = math.sinh(math.atanh(s) - _TWO_SQRT_N * math.atanh(_TWO_SQRT_N * s))
    xi_p = math.atan2(t, math.cos(dlon))
    eta_p = math.atanh(math.sin(dlon) / math.sqrt(1 + t * t))
    e = eta_p + sum(a * math.cos(2 * j * xi_p) * math.sinh(2 * j * eta_p)
                    for j, a in enumerate(_ALPHA, start=1))
    n = xi_p + sum(a * math.sin(2 * j * xi_p) * math.cosh(2 * j * eta_p)
                   for j, a in enumerate(_ALPHA, start=1))
    northing = _K0 * _AA * n + (0.0 if lat >= 0 else 10000000.0)
    return _E0 + _K0 * _AA * e, northing, zone


_ZONE = re.compile(r"^\s*(?:utm\s*)?(?:zone\s*|โซน\s*)?(\d{1,2})\s*([C-Xc-x])?\s*$", re.IGNORECASE)


def parse_zone(raw: object) -> Tuple[int, Tuple[str, ...]]:
    """``47``, ``47N``, ``47P`` (a latitude band), ``Zone 48``, ``โซน ๔๗``.  Northern hemisphere
    is assumed (all of Thailand); a letter other than Thailand's bands N, P, Q is refused."""
    t, repairs = _prepare(raw)
    t = t.replace(".0", "") if re.match(r"^\d+\.0+$", t) else t
    m = _ZONE.match(t)
    if not m:
        raise CoordinateError(f"'{raw}' is not a UTM zone (e.g. 47 or 47N)")
    zone = int(m.group(1))
    band = (m.group(2) or "").upper()
    if not 1 <= zone <= 60:
        raise CoordinateError(f"UTM zone {zone} does not exist (1-60)")
    if band and band not in "NPQ":
        raise CoordinateError(
            f"UTM zone '{raw}': the letter {band} is not Thailand's (N, P or Q; S would be the "
            "southern hemisphere)")
    return zone, tuple(repairs)


def _utm_plausible(easting: float, northing: float) -> bool:
    return 100000 <= easting <= 900000 and 0 <= northing <= 9400000


def from_utm(easting: float, northing: float, zone: Optional[int]) -> Location:
    """UTM to a Location in Thailand.  Without a zone, zones 47 and 48 are tried: the one that
    lands in Thailand is used (a repair), both landing there is refused as ambiguous."""
    if not _utm_plausible(easting, northing):
        raise CoordinateError(f"easting {easting:.0f} / northing {northing:.0f} are not UTM metres")
    if zone is not None:
        lat, lon = utm_to_latlon(easting, northing, zone)
        return Location(lat, lon, ("utm",))
    fits = []
    for z in THAI_UTM_ZONES:
        lat, lon = utm_to_latlon(easting, northing, z)
        if in_thailand(lat, lon):
            fits.append((z, lat, lon))
    if len(fits) == 1:
        z, lat, lon = fits[0]
        return Location(lat, lon, ("utm", f"utm_zone_inferred_{z}"))
    if len(fits) > 1:
        raise CoordinateError(
            f"UTM {easting:.0f} E {northing:.0f} N lies in Thailand in zone 47 and in zone 48: "
            "give the zone (a zone column or the UTM zone option)")
    raise CoordinateError(f"UTM {easting:.0f} E {northing:.0f} N is not in Thailand in zone 47 or 48")


# ------------------------------------------------------------------------------------------------
# one row


def _blank(v: object) -> bool:
    return v is None or str(v).strip() == ""


def _merge(*groups) -> Tuple[str, ...]:
    out: List[str] = []
    for g in groups:
        for r in g:
            if r not in out:
                out.append(r)
    return tuple(out)


def _check(lat: float, lon: float, repairs: Tuple[str, ...]) -> Location:
    if in_thailand(lat, lon):
        return Location(lat, lon, repairs)
    if in_thailand(lon, lat):
        return Location(lon, lat, _merge(repairs, ("swapped_lat_lon",)))
    if lat == 0 and lon == 0:
        raise CoordinateError("coordinates are 0, 0 (no location was recorded)")
    if abs(lat) > 90 or abs(lon) > 180:
        raise CoordinateError(f"{lat:g}, {lon:g} are not degrees")
    raise CoordinateError(f"{lat:.6f}, {lon:.6f} is outside Thailand")


def locate(lat: object = None, lon: object = None, pair: object = None, easting: object = None,
           northing: object = None, zone: object = None, default_zone: Optional[int] = None) -> Location:
    """The location of one row from whichever coordinate cells it has.

    ``lat``/``lon`` win over ``pair`` which wins over ``easting``/``northing``.  Degrees that only
    make sense swapped are swapped; metres in degree columns are read as UTM (``lat`` holding the
    northing).  The result is in Thailand (with a margin) or CoordinateError says why not.
    """
    zone_value = default_zone
    zone_repairs: Tuple[str, ...] = ()
    if not _blank(zone):
        zone_value, zone_repairs = parse_zone(zone)
    if not _blank(lat) and not _blank(lon):
        a, b = parse_angle(lat), parse_angle(lon)
        repairs = _merge(a.repairs, b.repairs)
        if a.axis == "lon" and b.axis in ("lat", None) or b.axis == "lat" and a.axis in ("lon", None):
            a, b = b, a
            repairs = _merge(repairs, ("swapped_lat_lon",))
        if abs(a.value) > 1000 and abs(b.value) > 1000:
            north, east = a.value, b.value
            if not (_utm_plausible(east, north) and north > east / 10) and _utm_plausible(north, east):
                north, east = east, north
            loc = from_utm(east, north, zone_value)
            return _check(loc.lat, loc.lon, _merge(repairs, zone_repairs, loc.repairs,
                                                    ("utm_in_degree_columns",)))
        return _check(a.value, b.value, repairs)
    single = pair if not _blank(pair) else None
    if single is None and (_blank(lat) != _blank(lon)):
        # one of two columns filled: a whole pair typed into it?
        single = lat if not _blank(lat) else lon
        try:
            loc = parse_pair(single)
        except CoordinateError:
            which = "longitude" if _blank(lon) else "latitude"
            raise CoordinateError(f"the {which} is missing") from None
        return _check(loc.lat, loc.lon, loc.repairs)
    if single is not None:
        t = str(single).strip()
        m = re.match(r"^(\d{1,2}\s*[C-Xc-x]?)\s+(\S+)\s*[,; ]\s*(\S+)$", t.translate(THAI_DIGITS))
        if m and len(m.group(2).replace(",", "")) >= 6:  # "47P 672345 1521345"
            zone_value, zone_repairs = parse_zone(m.group(1))
            e, er = parse_number(m.group(2), metres=True)
            n, nr = parse_number(m.group(3), metres=True)
            loc = from_utm(e, n, zone_value)
            return _check(loc.lat, loc.lon, _merge(er, nr, zone_repairs, loc.repairs))
        loc = parse_pair(single)
        return _check(loc.lat, loc.lon, loc.repairs)
    if not _blank(easting) and not _blank(northing):
        e, er = parse_number(easting, metres=True)
        n, nr = parse_number(northing, metres=True)
        loc = from_utm(e, n, zone_value)
        return _check(loc.lat, loc.lon, _merge(er, nr, zone_repairs, loc.repairs))
    raise CoordinateError("no coordinates")
