"""Coordinate parsing for the importer: the forms people type, and fuzzing with hypothesis."""
import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from citizen_pins.core.importer.coords import (
    LAT_MAX, LAT_MIN, LON_MAX, LON_MIN, CoordinateError, latlon_to_utm, locate, parse_angle,
    parse_number, parse_pair, parse_zone, utm_to_latlon)

THAI = str.maketrans("0123456789", "๐๑๒๓๔๕๖๗๘๙")


@pytest.mark.parametrize("raw, value, repairs", [
    ("13.59897553466886100000", 13.598975534668861, ()),   # the MOPH export: 20 decimals
    ("100.60711084976810000000", 100.6071108497681, ()),
    ("13,7563", 13.7563, ("decimal_comma",)),
    ("๑๓.๗๕๖๓", 13.7563, ("thai_numerals",)),
    (" 13.75 ", 13.75, ()),
    ("\u221213.5", -13.5, ()),                              # Unicode minus
    ("13°45'30.5\"N", 13.758472222, ("dms",)),
    ("13° 45′ 30.5″ N", 13.758472222, ("dms",)),
    ("N 13 45 30.5", 13.758472222, ("dms",)),
    ("13d45m30.5s", 13.758472222, ("dms",)),
    ("13:45:30.5", 13.758472222, ("dms",)),
    ("13°45.508'", 13.758466667, ("dms",)),
    ("13 องศา 45 ลิปดา 30.5 ฟิลิปดา", 13.758472222, ("dms",)),
    ("๑๓°๔๕'๓๐\"", 13.758333333, ("thai_numerals", "dms")),
    ("100.5E", 100.5, ()),
    ("13°45'30\"S", -13.758333333, ("dms",)),
    ("13,75°", 13.75, ("decimal_comma", "degree_sign")),
])
def test_parse_angle_forms(raw, value, repairs):
    a = parse_angle(raw)
    assert a.value == pytest.approx(value, abs=1e-8)
    assert a.repairs == repairs


@pytest.mark.parametrize("raw", ["", "abc", "13.5.5", "13°75'", "13°45'70\"", "1e5", "nan", "inf",
                                 "13°45.5'30\"", "12-34"])
def test_parse_angle_refuses(raw):
    with pytest.raises(CoordinateError):
        parse_angle(raw)


@pytest.mark.parametrize("raw, value, metres", [
    ("1,521,345", 1521345, True), ("1.521.345,5", 1521345.5, True), ("672 345", 672345, True),
    ("672,345", 672345, True), ("672,345", 672.345, False)])
def test_thousands_separators(raw, value, metres):
    assert parse_number(raw, metres=metres)[0] == pytest.approx(value)


@pytest.mark.parametrize("raw, lat, lon", [
    ("13.75, 100.5", 13.75, 100.5),
    ("13,75; 100,5", 13.75, 100.5),
    ("13.7563 100.5018", 13.7563, 100.5018),
    ("(13.75,100.5)", 13.75, 100.5),
    ("13°45'30\"N 100°30'12\"E", 13.758333, 100.503333),
    ("N13 45 30 E100 30 15", 13.758333, 100.504167),
    ("100.5E 13.7N", 13.7, 100.5),                          # letters say which is which
    ("https://www.google.com/maps/@13.7563,100.5018,15z", 13.7563, 100.5018),
    ("https://maps.google.com/?q=13.75,100.50", 13.75, 100.5),
])
def test_parse_pair(raw, lat, lon):
    loc = parse_pair(raw)
    assert (loc.lat, loc.lon) == pytest.approx((lat, lon), abs=1e-6)


def test_locate_swaps_and_reads_utm():
    loc = locate("100.5", "13.75")
    assert (loc.lat, loc.lon) == (13.75, 100.5) and "swapped_lat_lon" in loc.repairs
    # metres typed into lat/lon columns: read as UTM (lat holding the northing)
    loc = locate("1521345", "672345", zone="47")
    assert loc.lat == pytest.approx(13.7563, abs=1e-3) and "utm_in_degree_columns" in loc.repairs
    # a zone inferred when only one of Thailand's zones lands in Thailand
    loc = locate(easting="672,345", northing="1,521,345")
    assert "utm_zone_inferred_47" in loc.repairs
    loc = locate(pair="47P 672345 1521345")
    assert loc.lon == pytest.approx(100.594, abs=1e-3)


@pytest.mark.parametrize("kwargs, message", [
    (dict(lat="0", lon="0"), "0, 0"),
    (dict(lat="13.7"), "longitude is missing"),
    (dict(lat="45", lon="2"), "outside Thailand"),
    (dict(lat="200", lon="300"), "not degrees"),
    (dict(easting="300000", northing="1500000"), "zone 47 and in zone 48"),
    (dict(easting="300000", northing="1500000", zone="47S"), "southern"),
    (dict(), "no coordinates"),
])
def test_locate_refuses_with_reason(kwargs, message):
    with pytest.raises(CoordinateError, match=message):
        locate(**kwargs)


def test_zones():
    assert parse_zone("47")[0] == 47
    assert parse_zone("47N")[0] == 47
    assert parse_zone("Zone 48")[0] == 48
    assert parse_zone("โซน ๔๗")[0] == 47
    assert parse_zone("47.0")[0] == 47
    with pytest.raises(CoordinateError):
        parse_zone("61")


# ---- fuzzing ----------------------------------------------------------------------------------

lat_st = st.floats(min_value=LAT_MIN + 0.01, max_value=LAT_MAX - 0.01, allow_nan=False)
lon_st = st.floats(min_value=LON_MIN + 0.01, max_value=LON_MAX - 0.01, allow_nan=False)


def dms(value: float, style: int) -> str:
    d = int(value)
    m_full = (value - d) * 60
    m = int(m_full)
    s = round((m_full - m) * 60, 3)
    if s >= 60:
        s, m = 0.0, m + 1
    if m >= 60:
        m, d = 0, d + 1
    return [f"{d}°{m}'{s}\"", f"{d} {m} {s}", f"{d}:{m}:{s}", f"{d}d{m}m{s}s",
            f"{d} องศา {m} ลิปดา {s} ฟิลิปดา"][style]


@settings(max_examples=300, deadline=None)
@given(lat_st, st.integers(0, 4), st.booleans())
def test_fuzz_dms_round_trip(value, style, thai):
    text = dms(value, style)
    if thai:
        text = text.translate(THAI)
    assert parse_angle(text).value == pytest.approx(value, abs=1e-6)


@settings(max_examples=300, deadline=None)
@given(lat_st, lon_st, st.sampled_from(["{a}, {o}", "{a};{o}", "{a} {o}", "{ac}; {oc}"]),
       st.booleans())
def test_fuzz_locate_pair_and_columns(lat, lon, form, swap):
    a, o = repr(round(lat, 6)), repr(round(lon, 6))
    text = form.format(a=a, o=o, ac=a.replace(".", ","), oc=o.replace(".", ","))
    loc = locate(pair=text)
    assert (loc.lat, loc.lon) == pytest.approx((round(lat, 6), round(lon, 6)), abs=1e-9)
    cols = (o, a) if swap else (a, o)
    loc = locate(lat=cols[0], lon=cols[1])
    assert (loc.lat, loc.lon) == pytest.approx((round(lat, 6), round(lon, 6)), abs=1e-9)
    assert ("swapped_lat_lon" in loc.repairs) == swap


@settings(max_examples=300, deadline=None)
@given(lat_st, st.floats(min_value=97.0, max_value=106.0))
def test_fuzz_utm_round_trip(lat, lon):
    e, n, zone = latlon_to_utm(lat, lon)
    back = utm_to_latlon(e, n, zone)
    assert back == pytest.approx((lat, lon), abs=1e-7)
    loc = locate(easting=f"{e:.3f}", northing=f"{n:.3f}", zone=str(zone))
    assert (loc.lat, loc.lon) == pytest.approx((lat, lon), abs=1e-6)


@settings(max_examples=1500, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("0123456789๐๑๒๓-+.,;: °'\"NSEWnsewdmsองศาลิปด/()@?=")),
               max_size=40))
def test_fuzz_parsers_never_crash(text):
    """Whatever is typed: a value or a CoordinateError, never another exception."""
    for fn in (parse_angle, parse_pair, parse_zone, lambda t: parse_number(t, metres=True)):
        try:
            fn(text)
        except CoordinateError:
            pass
    try:
        loc = locate(lat=text, lon=text[::-1])
        assert LAT_MIN <= loc.lat <= LAT_MAX and LON_MIN <= loc.lon <= LON_MAX
    except CoordinateError:
        pass


@settings(max_examples=500, deadline=None)
@given(st.floats(allow_nan=True, allow_infinity=True), st.floats(allow_nan=True, allow_infinity=True))
def test_fuzz_locate_result_is_always_in_thailand_and_finite(a, b):
    try:
        loc = locate(lat=repr(a), lon=repr(b))
    except CoordinateError:
        return
    assert math.isfinite(loc.lat) and math.isfinite(loc.lon)
    assert LAT_MIN <= loc.lat <= LAT_MAX and LON_MIN <= loc.lon <= LON_MAX
