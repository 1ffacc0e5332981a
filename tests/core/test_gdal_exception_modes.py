"""GDAL's Python raises or returns None on an error depending on a process-wide switch, and QGIS
sets it differently by version: QGIS 3.40's Processing plugin calls ``gdal.UseExceptions()`` when
it loads (processing/tools/raster.py), so in QGIS 3.40 and later -- desktop and ``qgis_process``
alike -- every plugin runs with exceptions on; QGIS 3.22 leaves them off.  Bad input must give the
same clear outcome either way: these run every case in both modes."""
import os
import struct
from pathlib import Path

import numpy as np
import pytest
from osgeo import gdal, ogr, osr


@pytest.fixture(params=[False, True], ids=["exceptions-off-qgis322", "exceptions-on-qgis340"])
def gdal_mode(request):
    # switched only where it differs, and back in reverse order: GDAL 3.6 keeps one error
    # handler per module on a stack and refuses to pop them in another order
    changed = [m for m in (gdal, ogr, osr) if bool(m.GetUseExceptions()) != request.param]
    for m in changed:
        (m.UseExceptions if request.param else m.DontUseExceptions)()
    try:
        yield request.param
    finally:
        for m in reversed(changed):
            (m.DontUseExceptions if request.param else m.UseExceptions)()


REPO = Path(__file__).resolve().parents[2]  # not conftest's: "conftest" names several modules
POINT = struct.pack("<BIdd", 1, 1, 100.5, 13.75)
TRUNCATED_POINT = POINT[:12]            # little-endian point type, then 3 of its 16 bytes
BIG_ENDIAN_GARBAGE = b"\x00\x00\x00\x00\x02" + b"\xff" * 12  # a big-endian line of 4 billion points


def test_a_corrupt_pin_geometry_is_reported_not_raised(gdal_mode):
    from citizen_pins.core.pins import GEOM_NONE, _ogr_points

    x, y, issues = _ogr_points(np.array([TRUNCATED_POINT, POINT], dtype=object))
    assert issues == [GEOM_NONE, None]
    assert np.isnan(x[0]) and (x[1], y[1]) == (100.5, 13.75)


def test_a_corrupt_road_geometry_is_skipped_not_raised(gdal_mode):
    from citizen_pins.core.network import decode_lines

    line = struct.pack("<BII4d", 1, 2, 2, 100.0, 13.0, 100.1, 13.1)
    lines = decode_lines([BIG_ENDIAN_GARBAGE, line])
    assert list(lines.part_feature) == [1]
    assert list(lines.x) == [100.0, 100.1]


def test_a_registry_tambon_with_a_broken_geometry_is_kept_without_one(gdal_mode):
    from citizen_pins.registry.boundaries import _geometry

    assert _geometry({"type": "Polygon", "coordinates": [[["a", "b"]]]}) is None
    assert _geometry({"type": "Nonsense"}) is None
    ok = _geometry({"type": "Polygon",
                    "coordinates": [[[100, 13], [101, 13], [101, 14], [100, 13]]]})
    assert ok is not None and ok.area() == pytest.approx(0.5)


def _tambons_gpkg(path, codes):
    from citizen_pins.registry.boundaries import FIELDS, LAYER

    ds = ogr.GetDriverByName("GPKG").CreateDataSource(str(path))
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(4326)
    lyr = ds.CreateLayer(LAYER, srs, ogr.wkbMultiPolygon)
    for name, width in FIELDS:
        f = ogr.FieldDefn(name, ogr.OFTString)
        f.SetWidth(width)
        lyr.CreateField(f)
    for code in codes:
        feat = ogr.Feature(lyr.GetLayerDefn())
        feat.SetField("code", code)
        feat.SetGeometry(ogr.CreateGeometryFromWkt(
            "MULTIPOLYGON (((100 13, 101 13, 101 14, 100 13)))"))
        lyr.CreateFeature(feat)
    ds = None
    return str(path)


def _codes(path):
    ds = ogr.Open(path)
    return sorted(f.GetField("code") for f in ds.GetLayer(0))


def test_refreshing_the_cache_from_a_file_gdal_cannot_open_says_so_and_keeps_the_cache(
        gdal_mode, tmp_path):
    from citizen_pins.registry.boundaries import BoundaryCacheError, _copy_in_place

    cache = _tambons_gpkg(tmp_path / "cache.gpkg", ["100101", "100102"])
    with pytest.raises(BoundaryCacheError, match="cannot be opened"):
        _copy_in_place(str(tmp_path / "gone.part.gpkg"), cache)
    assert _codes(cache) == ["100101", "100102"]


def test_a_cache_that_is_not_a_geopackage_gives_the_cache_error(gdal_mode, tmp_path):
    from citizen_pins.registry.boundaries import BoundaryCacheError, _copy_in_place

    fresh = _tambons_gpkg(tmp_path / "new.part.gpkg", ["100103"])
    not_gpkg = tmp_path / "cache.gpkg"
    not_gpkg.write_bytes(b"this is not a database")
    with pytest.raises(BoundaryCacheError, match="cannot be opened"):
        _copy_in_place(fresh, str(not_gpkg))
    assert not_gpkg.read_bytes() == b"this is not a database"


def test_a_cache_without_the_tambons_layer_gives_the_cache_error(gdal_mode, tmp_path):
    from citizen_pins.registry.boundaries import BoundaryCacheError, _copy_in_place

    fresh = _tambons_gpkg(tmp_path / "new.part.gpkg", ["100103"])
    other = tmp_path / "cache.gpkg"
    ds = ogr.GetDriverByName("GPKG").CreateDataSource(str(other))
    ds.CreateLayer("roads", None, ogr.wkbLineString)
    ds = None
    with pytest.raises(BoundaryCacheError, match="has no layer tambons"):
        _copy_in_place(fresh, str(other))


def test_the_cache_is_refreshed_in_place(gdal_mode, tmp_path):
    from citizen_pins.registry.boundaries import _copy_in_place

    cache = _tambons_gpkg(tmp_path / "cache.gpkg", ["100101", "100102"])
    fresh = _tambons_gpkg(tmp_path / "new.part.gpkg", ["100103"])
    _copy_in_place(fresh, cache)
    assert _codes(cache) == ["100103"]


def test_a_refresh_that_fails_part_way_rolls_back_and_says_so(gdal_mode, tmp_path):
    import sqlite3

    from citizen_pins.registry.boundaries import BoundaryCacheError, _copy_in_place

    cache = _tambons_gpkg(tmp_path / "cache.gpkg", ["100101", "100102"])
    con = sqlite3.connect(cache)
    con.execute("CREATE UNIQUE INDEX one_code ON tambons(code)")  # the second 100103 is refused
    con.commit()
    con.close()
    fresh = _tambons_gpkg(tmp_path / "new.part.gpkg", ["100103", "100103"])
    with pytest.raises(BoundaryCacheError, match="could not be written.*previous boundaries"):
        _copy_in_place(fresh, cache)
    assert _codes(cache) == ["100101", "100102"]


# -- a file GDAL cannot read to its end ---------------------------------------------------------

from _damaged import damaged_gpkg, point as _point  # noqa: E402


READ_DAMAGED = """
import resource, sys
resource.setrlimit(resource.RLIMIT_AS, (3 << 30, 3 << 30))  # GDAL 3.6 looped growing without end
from osgeo import gdal
if sys.argv[2] == "on":
    gdal.UseExceptions()
from citizen_pins.core import ogr_io, pins
try:
    t = pins.read_ogr_arrow(sys.argv[1], "service_points", ["pin_id"])
except ogr_io.DamagedSource as e:
    print("DAMAGED", e)
else:
    print("READ", len(t))
"""


def test_a_damaged_pin_file_is_refused_not_read_short_nor_looped(gdal_mode, tmp_path):
    """GDAL 3.6 (QGIS 3.22) answered a damaged GeoPackage's Arrow stream with empty batches
    forever (the reader grew to 9.9 GB in ten minutes); GDAL 3.10 with exceptions off ended it early
    (half the pins validated as if they were all).  Run in a bounded process of its own."""
    import subprocess
    import sys

    path = damaged_gpkg(tmp_path / "pins.gpkg", "service_points", 20_000, _point)
    got = subprocess.run([sys.executable, "-c", READ_DAMAGED, path, "on" if gdal_mode else "off"],
                         cwd=REPO, capture_output=True, text=True, timeout=60,
                         env={**os.environ, "PYTHONPATH": str(REPO)})
    out = got.stdout.strip().splitlines()
    assert out and out[-1].startswith("DAMAGED"), (got.returncode, got.stdout[-500:],
                                                    got.stderr[-1500:])
    message = out[-1]
    assert "pins.gpkg could not be read to its end" in message
    assert "of its 20,000 features" in message and "damaged" in message
    assert "Save Features As" in message and "ไฟล์อาจเสียหาย" in message


def test_a_damaged_boundary_file_is_refused_not_read_as_fewer_tambons(gdal_mode, tmp_path):
    from citizen_pins.core import boundaries as bnd
    from citizen_pins.core.ogr_io import DamagedSource

    def square(i):
        x, y = 100 + (i % 100) * 0.01, 13 + (i // 100) * 0.01
        return ogr.CreateGeometryFromWkt(
            f"POLYGON (({x} {y}, {x + 0.01} {y}, {x + 0.01} {y + 0.01}, {x} {y + 0.01}, {x} {y}))")

    path = damaged_gpkg(tmp_path / "tambons.gpkg", "tambons", 6_000, square,
                        fields=(("code", 80), ("name", 80)),
                        values=lambda i: {"code": f"TH{100101 + i}", "name": f"tambon-{i:05d}-" + "y" * 40})
    with pytest.raises(DamagedSource, match=r"tambons.gpkg could not be read to its end.*of its 6,000"):
        bnd.from_ogr_stream(path, "tambons", "code")


def test_an_intact_file_reads_whole_in_both_modes(gdal_mode, tmp_path):
    from citizen_pins.core import pins

    path = tmp_path / "ok.gpkg"
    ds = ogr.GetDriverByName("GPKG").CreateDataSource(str(path))
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(4326)
    lyr = ds.CreateLayer("service_points", srs, ogr.wkbPoint)
    lyr.CreateField(ogr.FieldDefn("pin_id", ogr.OFTString))
    for i in range(3):
        f = ogr.Feature(lyr.GetLayerDefn())
        f.SetField("pin_id", f"p{i}")
        f.SetGeometry(_point(i))
        lyr.CreateFeature(f)
    ds = None
    t = pins.read_ogr_arrow(str(path), "service_points", ["pin_id"])
    assert len(t) == 3 and list(t.column("pin_id")) == ["p0", "p1", "p2"]


def test_a_shapefile_with_a_deleted_record_is_not_taken_for_damaged(gdal_mode, tmp_path):
    """A shapefile counts the records marked deleted that a read skips: that is no damage."""
    from _damaged import shapefile_with_a_deleted_record

    from citizen_pins.core import pins

    path = shapefile_with_a_deleted_record(tmp_path)
    assert ogr.Open(path).GetLayer(0).GetFeatureCount() == 3
    t = pins.read_ogr_arrow(path, None, ["pin_id"])
    assert list(t.column("pin_id")) == ["p0", "p2"]
