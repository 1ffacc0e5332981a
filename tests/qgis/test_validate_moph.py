"""The real MOPH register (11,301 pins) validated against the real boundaries, in the core.

Every figure asserted here was checked by hand on the map (see docs/validation.md).
"""
import numpy as np
import pytest
from qgis.core import QgsGeometry, QgsPoint, QgsVectorLayer

from _validate_data import FULLRES_PROVINCES, validation_data as vd
from citizen_pins.core import boundaries as bnd
from citizen_pins.core import pins as pins_mod
from citizen_pins.core.context import Settings
from citizen_pins.core.validate import counts_per_rule, validate

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def moph(moph_csv):
    layer = vd.moph_layer(moph_csv)
    return pins_mod.read_features(layer.getFeatures(), layer.featureCount())


@pytest.fixture(scope="module")
def simplified(simplified_gpkg):
    layer = QgsVectorLayer(f"{simplified_gpkg}|layername=adm3_tambon", "tambons", "ogr")
    field = bnd.detect_code_field(bnd.sample_values(layer))
    assert field == "ADM3_PCODE"
    return bnd.from_features(layer.getFeatures(), field)


@pytest.fixture(scope="module")
def fullres(fullres_dir):
    layer = vd.fullres_layer(fullres_dir, FULLRES_PROVINCES)
    return bnd.from_features(layer.getFeatures(), "ADM3_PCODE")


def subset(pins, provinces):
    keep = np.asarray([i for i, p in enumerate(pins.column("province_code")) if p in provinces])
    return pins_mod.PinTable(pins.feature_id[keep], pins.x[keep], pins.y[keep],
                             [pins.geom_issue[i] for i in keep],
                             {n: [c[i] for i in keep] for n, c in pins.attrs.items()})


def one(findings, pin_id, rule_id):
    hits = [f for f in findings if f.pin_id == pin_id and f.rule_id == rule_id]
    assert len(hits) == 1, [(f.pin_id, f.rule_id) for f in findings if f.pin_id == pin_id]
    return hits[0]


@pytest.fixture(scope="module")
def national(moph, simplified):
    return validate(moph, simplified, settings=Settings(tolerance_m=100))


def test_register_reads_through_the_delimited_text_provider(moph):
    assert len(moph) == 11301
    assert all(g is None for g in moph.geom_issue)
    assert moph.column("pin_id")[:2] == ["00001", "00003"]


def test_code_findings_are_exact(national):
    counts = counts_per_rule(national)
    assert (counts["codes.malformed"], counts["codes.unknown"], counts["codes.abolished"],
            counts["codes.hierarchy"]) == (7, 6, 4, 0)
    bad = sorted(f.actual for f in national if f.rule_id == "codes.malformed")
    assert "9107-" in bad and "3501-" in bad
    ab = one(national, "03980", "codes.abolished")  # Sap Si Thong, Chaiyaphum, renumbered in 2006
    assert ab.actual == "360411" and ab.expected == "360119"
    # DOPA's history matched 360119 (Mueang Chaiyaphum) by name only; the pin lies in 360412
    # (Kaset Sombun, its declared amphoe), 17.7 km from 360119: no fix, both said
    assert ab.fix == "" and "360412" in ab.message_en and "not proven" in ab.message_en
    assert "2006" not in ab.message_en  # DOPA's clean-up of its list, not the unit's change


def test_facilities_hundreds_of_km_from_their_declared_province(national):
    # Manang district health office (Satun, 91): its tambon code is '9107-' and its point is in
    # Krabi town, 154 km from Satun.
    f = one(national, "00878", "location.not_in_province")
    assert f.expected == "91" and f.actual == "810106" and f.severity == "error"
    assert f.distance_m == pytest.approx(153_842, rel=0.01)
    assert one(national, "00878", "codes.malformed").actual == "9107-"
    # Two facilities declared in Ubon Ratchathani (34) lie in Pak Chong and in Bangkok's old town.
    f = one(national, "24821", "location.not_in_province")
    assert f.actual == "302106" and f.distance_m == pytest.approx(321_187, rel=0.01)
    f = one(national, "27968", "location.not_in_province")
    assert f.actual == "100104" and f.distance_m == pytest.approx(453_395, rel=0.01)
    # Nam Khun hospital's name names its declared amphoe: the point (Bangkok) is wrong
    assert f.fix == "" and "misplaced" in f.message_en
    far = [f for f in national if f.rule_id == "location.not_in_province" and f.distance_m > 100_000]
    assert sorted(f.pin_id for f in far) == ["00878", "24821", "27968", "33427"]


def test_points_abroad_with_the_national_layer(national):
    # 00336 is in Laos, 35 km across the Mekong; 14130 in Myanmar, 11 km beyond Kanchanaburi.
    assert one(national, "00336", "coordinates.outside_thailand").distance_m == pytest.approx(
        35_443, rel=0.01)
    assert one(national, "14130", "coordinates.outside_thailand").distance_m == pytest.approx(
        11_339, rel=0.01)


def test_national_counts_per_rule(national):
    counts = {k: v for k, v in counts_per_rule(national).items() if v}
    assert counts == {
        "coordinates.outside_thailand": 16, "codes.malformed": 7, "codes.unknown": 6,
        "codes.abolished": 4, "location.not_in_province": 24, "location.not_in_amphoe": 118,
        "location.not_in_tambon": 529, "location.near_boundary": 182,
        "duplicates.same_coordinates": 10, "duplicates.near_same_name": 2}


def test_near_duplicates_are_real(national):
    f = one(national, "05369", "duplicates.near_same_name")
    assert f.actual == "05358" and f.distance_m == pytest.approx(2.2, abs=0.2)


def test_fullres_removes_the_simplified_layers_false_alarms(moph, simplified, fullres):
    pins = subset(moph, set(FULLRES_PROVINCES))
    assert len(pins) == 372
    s = validate(pins, simplified, settings=Settings(tolerance_m=100), national=True)
    f = validate(pins, fullres, settings=Settings(tolerance_m=100))
    # 01968 (Rayong): 142 m outside its tambon on the simplified outline, inside it in reality.
    assert one(s, "01968", "location.not_in_tambon").distance_m == pytest.approx(142, abs=2)
    assert not [x for x in f if x.pin_id == "01968"]
    # 09617 (Satun) stands on an island the simplification dropped: "abroad", 4 km off.
    assert one(s, "09617", "coordinates.outside_thailand").distance_m == pytest.approx(3992, rel=0.01)
    assert not [x for x in f if x.pin_id == "09617"]
    # 09065 (Phang Nga) is 645 m "at sea" on the simplified coast, 14 m on the real one.
    assert one(f, "09065", "location.near_boundary").distance_m == pytest.approx(13.7, abs=1)
    # The same far-away error stands with both layers.
    assert one(f, "00878", "location.not_in_province").actual == "810106"
    cs = {k: v for k, v in counts_per_rule(s).items() if v}
    cf = {k: v for k, v in counts_per_rule(f).items() if v}
    assert cs["coordinates.outside_thailand"] == 4 and "coordinates.outside_thailand" not in cf
    assert cf["location.not_in_tambon"] == 16 and cf["location.near_boundary"] == 4


def test_one_very_long_name_does_not_widen_every_pin(moph_csv, tmp_path, simplified, monkeypatch):
    """GDAL hands text as fixed-width bytes; widened to the longest value, one 324-character name
    made the column of 100,000 pins 97 MB.  The reader packs such a column: the same values, the
    same findings."""
    monkeypatch.setenv("CITIZEN_PINS_ENGINE", "shapely")
    if not pins_mod.arrow_available():
        pytest.skip("GDAL < 3.6 or no shapely 2: the column reader is not used here")
    path = tmp_path / "moph.gpkg"
    layer = vd.moph_layer(moph_csv, "91")
    long_name = "โรงพยาบาลส่งเสริมสุขภาพตำบล" * 12
    first = next(layer.getFeatures())
    layer.dataProvider().changeAttributeValues(
        {first.id(): {layer.fields().indexFromName("name_th"): long_name}})
    vd.write_gpkg(layer, path, "service_points")
    a = pins_mod.read_features(QgsVectorLayer(f"{path}|layername=service_points", "sp",
                                              "ogr").getFeatures(), layer.featureCount())
    b = pins_mod.read_ogr_arrow(str(path), "service_points")
    assert isinstance(b.column("name_th"), pins_mod.PackedTextColumn)
    assert len(b.column("name_th").data) < 2 * sum(len((v or "").encode()) for v in a.column("name_th"))
    assert b.column("name_th") == a.column("name_th") and long_name in a.column("name_th")
    fa, fb = validate(a, simplified), validate(b, simplified)
    assert [(x.rule_id, x.pin_id, x.message_en) for x in fa] == [
        (x.rule_id, x.pin_id, x.message_en) for x in fb]


def test_partial_fullres_layer_says_what_it_could_not_check(moph, fullres):
    f = validate(moph, fullres, settings=Settings(tolerance_m=100))
    nc = [x for x in f if x.rule_id == "location.not_covered"]
    assert len(nc) > 10_000  # the register's other 71 provinces
    assert all(x.severity == "warning" for x in nc)
    assert not [x for x in f if x.rule_id == "coordinates.outside_thailand"]


def test_column_reader_and_feature_reader_agree(moph_csv, tmp_path, simplified, monkeypatch):
    # shapely from a wheel is safe in this plain Python process (see boundaries.default_engine)
    monkeypatch.setenv("CITIZEN_PINS_ENGINE", "shapely")
    if not pins_mod.arrow_available():
        pytest.skip("GDAL < 3.6 or no shapely 2: the column reader is not used here")
    path = tmp_path / "moph.gpkg"
    vd.write_gpkg(vd.moph_layer(moph_csv, "91"), path, "service_points")
    layer = QgsVectorLayer(f"{path}|layername=service_points", "sp", "ogr")
    a = pins_mod.read_features(layer.getFeatures(), layer.featureCount())
    b = pins_mod.read_ogr_arrow(str(path), "service_points")
    assert list(a.feature_id) == list(b.feature_id) and len(a) == 66
    assert np.array_equal(a.x, b.x) and np.array_equal(a.y, b.y)
    for name in pins_mod.PIN_FIELDS:
        assert a.column(name) == b.column(name), name
    fa, fb = validate(a, simplified), validate(b, simplified)
    assert [(x.rule_id, x.pin_id, x.fix) for x in fa] == [(x.rule_id, x.pin_id, x.fix) for x in fb]
    assert any(x.pin_id == "00878" for x in fa)


def test_qgis_engine_agrees_with_shapely_on_real_polygons(moph, fullres_dir):
    layer = vd.fullres_layer(fullres_dir, ("21", "91"))
    pins = subset(moph, {"21", "91"})
    out = []
    for engine in (bnd.SHAPELY, bnd.QGIS):
        index = bnd.from_features(layer.getFeatures(), "ADM3_PCODE", engine=engine)
        assert index.engine_name == engine
        out.append(validate(pins, index, settings=Settings(tolerance_m=100)))
    a, b = out
    assert len(a) >= 5
    assert [(x.pin_id, x.rule_id, x.actual) for x in a] == [(x.pin_id, x.rule_id, x.actual) for x in b]
    for x, y in zip(a, b):
        assert (x.distance_m or 0) == pytest.approx(y.distance_m or 0, abs=0.5)


def test_streaming_reader_locates_and_measures_as_the_in_memory_index(moph, fullres, fullres_dir,
                                                                      tmp_path, monkeypatch):
    """The GDAL streaming reader (polygons dropped once tested, batches tested in threads and
    merged in order, distances read again by feature id) answers exactly as the index that holds
    every polygon, with either engine: same polygon for every point, also on the outlines and at
    points shared by several pins, and the same findings, distances included."""
    import shapely

    gpkg = str(tmp_path / "t.gpkg")
    vd.write_gpkg(vd.fullres_layer(fullres_dir, FULLRES_PROVINCES), gpkg, "t")
    rng = np.random.default_rng(7)
    x0, y0, x1, y1 = 97.3, 5.6, 102.0, 14.1
    # random points, MOPH pins, and points on the outlines themselves (vertices: the hard case)
    verts = shapely.get_coordinates(shapely.from_wkb(
        [bytes(f.geometry().asWkb()) for f in vd.fullres_layer(fullres_dir, ("21",)).getFeatures()]))
    xs = np.concatenate([rng.uniform(x0, x1, 20000), moph.x, verts[::50, 0], moph.x[:300]])
    ys = np.concatenate([rng.uniform(y0, y1, 20000), moph.y, verts[::50, 1], moph.y[:300]])
    expected = fullres.locate(xs, ys)
    assert (expected >= 0).sum() > 4000
    pins = subset(moph, set(FULLRES_PROVINCES))
    want = validate(pins, fullres, settings=Settings(tolerance_m=100))
    assert len([f for f in want if f.distance_m]) >= 10
    # one thread with the default batches; three with batches and distance slices cut at 64 KB
    # of WKB (many small batches and slices, big polygons alone in theirs)
    # both engines stream (the QGIS engine: one GEOS intersection per polygon, since issue 21)
    slices = bnd.DISTANCE_BATCH_BYTES
    for engine, threads, budget in ((bnd.SHAPELY, "1", bnd.STREAM_BATCH_BYTES),
                                    (bnd.SHAPELY, "3", 65536), (bnd.QGIS, "1", 65536),
                                    (bnd.QGIS, "2", bnd.STREAM_BATCH_BYTES)):
        monkeypatch.setenv("CITIZEN_PINS_THREADS", threads)
        monkeypatch.setattr(bnd, "STREAM_BATCH_BYTES", budget)
        monkeypatch.setattr(bnd, "DISTANCE_BATCH_BYTES", min(budget, slices))
        streamed = bnd.from_ogr_stream(gpkg, "t", "ADM3_PCODE", engine, points=(xs, ys))
        assert streamed.engine_name == engine
        assert np.array_equal(streamed.prelocated(xs, ys), expected), (engine, threads)
        assert np.array_equal(streamed.locate(xs[:500], ys[:500]), expected[:500])
        index = bnd.from_ogr_stream(gpkg, "t", "ADM3_PCODE", engine, points=(pins.x, pins.y))
        got = validate(pins, index, settings=Settings(tolerance_m=100))
        assert [(f.pin_id, f.rule_id, f.actual, f.distance_m, f.message_en) for f in got] == [
            (f.pin_id, f.rule_id, f.actual, f.distance_m, f.message_en) for f in want], (
                engine, threads)


def test_indexed_nearest_points_are_geos_own_on_real_polygons(fullres_dir):
    """The shapely engine measures a point outside a polygon against the polygon's rings
    prepared as lines (GEOS's indexed facet distance), and tells a point inside by its box and a
    point-in-polygon test: every answer, distance and nearest point to the last bit, is what GEOS's
    plain nearest points of the point and the whole polygon give.  Real tambons (islands,
    multipolygons and holes included), points inside, on their vertices, on their edges,
    just outside, far away and in their holes."""
    import shapely

    layer = vd.fullres_layer(fullres_dir, ("21", "82", "91"))  # Phang Nga: a tambon with a hole
    polys = shapely.from_wkb([bytes(f.geometry().asWkb()) for f in layer.getFeatures()])
    assert len(polys) > 50
    holes = shapely.get_num_interior_rings(shapely.get_parts(polys))
    assert (shapely.get_num_geometries(polys) > 1).any() and holes.sum() > 0
    rng = np.random.default_rng(21)
    which, xs, ys = [], [], []
    b = shapely.bounds(polys)
    for k, p in enumerate(polys):
        v = shapely.get_coordinates(p)
        pick = v[rng.integers(0, len(v), 4)]
        mid = (v[:-1][rng.integers(0, len(v) - 1, 3)] + v[1:][rng.integers(0, len(v) - 1, 3)]) / 2
        box = np.column_stack([rng.uniform(b[k, 0] - 0.05, b[k, 2] + 0.05, 12),
                               rng.uniform(b[k, 1] - 0.05, b[k, 3] + 0.05, 12)])
        inner = shapely.get_coordinates(shapely.point_on_surface(
            shapely.polygons(shapely.get_interior_ring(shapely.get_parts(p), 0))))
        far = np.asarray([[b[k, 0] - 1.0, b[k, 1] - 1.0]])
        for pts in (pick, mid, box, inner, far):
            which += [k] * len(pts)
            xs.append(pts[:, 0])
            ys.append(pts[:, 1])
    which = np.asarray(which)
    xs, ys = np.concatenate(xs), np.concatenate(ys)
    d, nx, ny = bnd._ShapelyOps().nearest_points(polys, which, xs, ys)
    ends = shapely.get_coordinates(shapely.shortest_line(shapely.points(xs, ys), polys[which]))
    ends = ends.reshape(-1, 2, 2)
    inside = d == 0
    assert 0 < inside.sum() < len(xs) - 1000
    assert np.array_equal(nx, ends[:, 1, 0]) and np.array_equal(ny, ends[:, 1, 1])
    assert np.array_equal(d, np.hypot(ends[:, 1, 0] - ends[:, 0, 0], ends[:, 1, 1] - ends[:, 0, 1]))
    # and QGIS's engine (GEOS through QgsGeometry.shortestLine) agrees
    q = bnd._QgisOps()
    qd, qx, qy = q.nearest_points(q.from_wkb(shapely.to_wkb(polys).tolist()), which[::7],
                                  xs[::7], ys[::7])
    assert np.array_equal(qx, nx[::7]) and np.array_equal(qy, ny[::7])


def test_streamed_batches_are_cut_by_their_wkb_size(fullres_dir, tmp_path):
    """A batch ends at STREAM_BATCH polygons or once its WKB reaches the budget (a prepared
    polygon costs several times its WKB, and a batch waits for each thread): every feature comes
    once, in order, and no batch holds more than the budget plus its last polygon."""
    from citizen_pins.core.ogr_io import open_layer

    gpkg = str(tmp_path / "t.gpkg")
    vd.write_gpkg(vd.fullres_layer(fullres_dir, ("21",)), gpkg, "t")
    ds, lyr, _ = open_layer(gpkg, "t", ["ADM3_PCODE"])
    code = lyr.GetLayerDefn().GetFieldIndex("ADM3_PCODE")
    whole = [f for _, f, _ in bnd._ogr_batches(lyr, code, 10 ** 6)][0]
    lyr.ResetReading()
    batches = list(bnd._ogr_batches(lyr, code, 64, max_bytes=200_000))
    del lyr, ds
    assert [fid for _, f, _ in batches for fid in f] == whole and len(whole) > 50
    assert len(batches) > len(whole) // 64 + 1  # the budget, not the count, cut them
    for _, f, w in batches:
        assert len(w) <= 64 and sum(len(x) for x in w[:-1]) < 200_000


def test_column_reader_across_many_batches_with_null_and_empty_values(moph_csv, tmp_path,
                                                                      monkeypatch):
    """The column reader turns each GDAL batch into columns before reading the next: with batches
    of 5 pins, a batch whose names are all NULL and a pin with an empty point, it still gives
    what the QGIS feature reader gives."""
    monkeypatch.setenv("CITIZEN_PINS_ENGINE", "shapely")
    if not pins_mod.arrow_available():
        pytest.skip("GDAL < 3.6 or no shapely 2: the column reader is not used here")
    monkeypatch.setattr(pins_mod, "ARROW_BATCH", 5)
    layer = vd.moph_layer(moph_csv, "91")
    name = layer.fields().indexFromName("name_th")
    ids = [f.id() for f in layer.getFeatures()]
    layer.dataProvider().changeAttributeValues({i: {name: None} for i in ids[5:10]})
    layer.dataProvider().changeGeometryValues({ids[12]: QgsGeometry(QgsPoint())})  # empty point
    path = tmp_path / "moph.gpkg"
    vd.write_gpkg(layer, path, "service_points")
    a = pins_mod.read_features(QgsVectorLayer(f"{path}|layername=service_points", "sp",
                                              "ogr").getFeatures(), layer.featureCount())
    b = pins_mod.read_ogr_arrow(str(path), "service_points")
    assert list(a.feature_id) == list(b.feature_id) and len(b) == 66
    assert np.array_equal(a.x, b.x, equal_nan=True) and np.array_equal(a.y, b.y, equal_nan=True)
    assert a.geom_issue == b.geom_issue and b.geom_issue[12] == pins_mod.GEOM_EMPTY
    for field in pins_mod.PIN_FIELDS:
        assert a.column(field) == b.column(field), field
    assert b.column("name_th")[5:10] == [None] * 5 and b.column("name_th")[4]
