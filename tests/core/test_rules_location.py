"""Location vs declared codes, with the tolerance, and the "could not check" cases."""
import numpy as np
import pytest

from citizen_pins.core.boundaries import QGIS, SHAPELY
from _validation_helpers import (S, SQUARES, X0, Y0, centre, run,
                                 square_boundaries)


def at(code, dx=0.5, dy=0.5, **codes_):
    x, y = centre(code, dx, dy)
    d = dict(x=x, y=y)
    d.update(codes_)
    return d


def test_in_the_declared_tambon_no_finding():
    assert run([at("210102", tambon_code="210102")]) == []


def test_wrong_tambon_far_is_an_error_with_distance_and_where_it_lies():
    # centre of 210102 declared as 210101: 0.005 degree (~545 m) from 210101's edge
    f = run([at("210102", tambon_code="210101")])
    assert [g.rule_id for g in f] == ["location.not_in_tambon"]
    g = f[0]
    assert g.severity == "error" and g.expected == "210101" and g.actual == "210102"
    assert g.distance_m == pytest.approx(0.005 * 111_320 * np.cos(np.radians(12.605)), rel=0.01)
    # the location alone does not say whether the point or the codes are wrong: no code change
    assert g.fix == ""
    assert "210102" in g.message_en and "ท่าประดู่" in g.message_th  # Tha Pradu is 210101


def test_just_across_the_border_within_tolerance_is_only_a_warning():
    # 0.0005 degree (~54 m) inside 210102, declared 210101
    f = run([at("210102", dx=0.05, tambon_code="210101")], tolerance=100)
    assert [(g.rule_id, g.severity) for g in f] == [("location.near_boundary", "warning")]
    assert f[0].distance_m == pytest.approx(54, rel=0.03)
    f = run([at("210102", dx=0.05, tambon_code="210101")], tolerance=30)
    assert [g.rule_id for g in f] == ["location.not_in_tambon"]


def test_coarsest_level_only_amphoe_then_province():
    f = run([at("210201", tambon_code="210101")])  # lies in Ban Chang, declared Mueang Rayong
    assert [g.rule_id for g in f] == ["location.not_in_amphoe"]
    assert f[0].expected == "2101" and f[0].actual == "210201"
    f = run([at("210201", tambon_code="200101", amphoe_code="2001", province_code="20")])
    # Chon Buri (20) is not in the layer: nothing to measure but the location is clearly not in it
    assert [g.rule_id for g in f] == ["location.not_in_province"]
    assert f[0].distance_m is None and f[0].actual == "210201"


def test_boundary_polygon_without_a_valid_code_says_could_not_check_never_an_error():
    b = square_boundaries(extra={"": (2, 0), None: (2, 1)})
    x, y = X0 + 2.5 * S, Y0 + 0.5 * S
    f = run([dict(x=x, y=y), dict(x=x, y=y + S)], boundaries=b)
    assert [(g.rule_id, g.severity) for g in f] == [("location.unchecked", "warning")] * 2
    assert all(g.severity == "warning" for g in f)


def test_declared_tambon_missing_from_an_outdated_layer_is_unchecked():
    # 210108 exists in DOPA's list but not in this layer
    f = run([at("210101", tambon_code="210108")])
    assert [g.rule_id for g in f] == ["location.unchecked"]
    assert f[0].expected == "210108" and f[0].actual == "210101"


def test_renumbered_code_matches_the_layer_that_still_has_the_old_one():
    # The layer still has Tha Faek as 530306 (abolished 2015); the pin uses its new code 530407.
    b = square_boundaries(extra={"530306": (3, 0)})
    x, y = X0 + 3.5 * S, Y0 + 0.5 * S
    f = run([dict(x=x, y=y, tambon_code="530407", amphoe_code="5304", province_code="53")],
            boundaries=b)
    assert f == []


def test_partial_layer_outside_its_cover_is_not_covered():
    # A pin far from the squares declared in Chon Buri (not in the layer): cannot check.
    f = run([dict(x=100.98, y=13.36, tambon_code="200101", amphoe_code="2001", province_code="20")])
    assert [(g.rule_id, g.severity) for g in f] == [("location.not_covered", "warning")]
    # Declared Rayong, which the layer covers: not in Rayong, with the distance to it.
    f = run([dict(x=100.98, y=13.36)])
    assert [g.rule_id for g in f] == ["location.not_in_province"]
    assert f[0].distance_m == pytest.approx(87_000, rel=0.05)


def test_shapely_and_qgis_engines_agree():
    rng = np.random.default_rng(7)
    rows = []
    for k in range(300):
        x = X0 - 0.01 + rng.random() * 0.04
        y = Y0 - 0.01 + rng.random() * 0.04
        code = ["210101", "210102", "210103", "210201"][k % 4]
        rows.append(dict(x=x, y=y, tambon_code=code, amphoe_code=code[:4]))
    a = run(rows, engine=SHAPELY, national=True)
    b = run(rows, engine=QGIS, national=True)
    assert len(a) > 100
    assert [(f.index, f.rule_id, f.actual) for f in a] == [(f.index, f.rule_id, f.actual) for f in b]
    da = np.array([f.distance_m or 0 for f in a])
    db = np.array([f.distance_m or 0 for f in b])
    assert np.allclose(da, db, atol=0.2)


def test_distance_slices_are_cut_by_wkb_size():
    """Polygons read again for distances come in slices of at most _SLICE polygons and about
    DISTANCE_BATCH_BYTES of WKB: ascending, every wanted polygon once, a big one alone."""
    from citizen_pins.core import boundaries as bnd

    sizes = np.full(1000, 2_500, dtype=np.int64)
    sizes[500] = 5 * bnd.DISTANCE_BATCH_BYTES
    wanted = np.arange(0, 1000, 3)
    parts = bnd._slices(wanted, sizes)
    assert np.array_equal(np.concatenate(parts), wanted)
    assert all(1 <= len(p) <= bnd._SLICE for p in parts)
    assert all(sizes[p[:-1]].sum() < bnd.DISTANCE_BATCH_BYTES for p in parts)
    big = bnd._slices(np.array([499, 500, 501]), sizes)
    assert [len(p) for p in big] == [2, 1]  # the big one closes its slice, the next starts anew
    unknown = bnd._slices(wanted, None)  # in-memory polygons: by count only
    assert [len(p) for p in unknown] == [bnd._SLICE, bnd._SLICE, len(wanted) - 2 * bnd._SLICE]


def test_polygons_read_again_for_distances_use_a_small_page_cache_and_put_it_back(tmp_path):
    """Each polygon is read again once: SQLite's default page cache (2 MB per connection) only
    grew the peak.  The distance pass shrinks it on its connection and restores it after, even
    on a connection shared with other readers (the national batch's)."""
    import shapely
    from osgeo import ogr, osr

    from citizen_pins.core import boundaries as bnd
    from citizen_pins.core.ogr_io import open_dataset, shared_datasets

    def cache_size(ds):
        got = ds.ExecuteSQL("PRAGMA cache_size")
        try:
            return got.GetNextFeature().GetField(0)
        finally:
            ds.ReleaseResultSet(got)

    path = str(tmp_path / "tambons.gpkg")
    ds = ogr.GetDriverByName("GPKG").CreateDataSource(path)
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(4326)
    lyr = ds.CreateLayer("t", srs, ogr.wkbPolygon)
    lyr.CreateField(ogr.FieldDefn("ADM3_PCODE", ogr.OFTString))
    for code, (i, j) in SQUARES.items():
        x0, y0 = X0 + i * S, Y0 + j * S
        f = ogr.Feature(lyr.GetLayerDefn())
        f.SetField("ADM3_PCODE", "TH" + code)
        f.SetGeometry(ogr.CreateGeometryFromWkb(shapely.to_wkb(shapely.box(x0, y0, x0 + S,
                                                                             y0 + S))))
        lyr.CreateFeature(f)
    del lyr, ds
    memory = square_boundaries(engine=SHAPELY)

    x, y = centre("210101")
    queries = [("210102", np.array([x, x + S]), np.array([y, y]))]
    with shared_datasets():
        shared = open_dataset(path)
        before = cache_size(shared)
        streamed = bnd.from_ogr_stream(path, "t", "ADM3_PCODE", SHAPELY)
        seen = []
        real = bnd._OgrPolygons._read

        def read(self, lyr, slices):
            seen.append(cache_size(shared))  # while the polygons are read again
            yield from real(self, lyr, slices)

        bnd._OgrPolygons._read = read
        try:
            got = streamed.distances_to_units(queries)
        finally:
            bnd._OgrPolygons._read = real
        assert seen and set(seen) == {-bnd._PAGE_CACHE_KB}
        assert cache_size(shared) == before != -bnd._PAGE_CACHE_KB
    want = memory.distances_to_units(queries)
    assert np.array_equal(got[0][0], want[0][0]) and np.allclose(got[0][1], want[0][1])
