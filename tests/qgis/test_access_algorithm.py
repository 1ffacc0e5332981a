"""citizen_pins:access through processing.run (issue 20): the real tambons and the MOPH register
in a straight line (distances checked by hand), the hand-made road network of tests/_access_data.py
as a real GeoPackage in another CRS, both geometry engines, without scipy, styles, and bad inputs
refused with one clear message in English and in Thai.

The hand-checked figures were computed apart from the plugin: each tambon's centroid (a point on
its surface when the centroid falls outside) with shapely, and Karney's distance to every one of
the 11,301 facilities with pyproj's Geod, in a separate Python process.
"""
import json
from pathlib import Path

import numpy as np
import pytest
from osgeo import ogr, osr
from qgis.core import (QgsCoordinateReferenceSystem, QgsCoordinateTransform,
                       QgsPointXY, QgsProcessingException, QgsProject, QgsVectorLayer)
from qgis.PyQt.QtCore import QCoreApplication, QTranslator

from _access_data import PIN, PLACES, ROADS, expected_distances, expected_minutes, path_m
from _validate_data import validation_data as vd
from citizen_pins.core.qgis_compat import is_null

pytestmark = pytest.mark.slow
REPO = Path(__file__).resolve().parents[2]

# (tambon, its nearest facility, metres, measured from): checked by hand, see the docstring
HAND_CHECKED = [
    ("TH630805", "07367", 25205.4, "centroid"),          # Mae Lamung, Tak: the farthest
    ("TH102701", "00973", 14108.9, "centroid"),          # Khlong Kum, Bangkok (no รพ.สต. in BKK)
    ("TH770803", "08697", 17166.7, "point_on_surface"),  # Rai Kao: its centroid is outside
    ("TH230701", "02179", 3987.8, "centroid"),           # Ko Chang, an island
    ("TH210101", "10663", 925.3, "centroid"),            # Tha Pradu: Rayong Hospital
]


@pytest.fixture(scope="module")
def moph(moph_csv, tmp_path_factory):
    d = tmp_path_factory.mktemp("access")
    return vd.write_gpkg(vd.moph_layer(moph_csv), d / "moph.gpkg", "service_points"), d


def run(params):
    import processing

    return processing.run("citizen_pins:access", params)


def features(path, layer=None):
    uri = f"{path}|layername={layer}" if layer else str(path)
    lyr = QgsVectorLayer(uri, "t", "ogr")
    assert lyr.isValid(), uri
    return lyr, [{k: None if is_null(f[k]) else f[k] for k in lyr.fields().names()}
                 | {"_geom": f.geometry()} for f in lyr.getFeatures()]


def test_real_tambons_to_the_nearest_health_facility(provider, moph, simplified_gpkg):
    pins, d = moph
    out, summary = d / "access.gpkg", d / "summary.gpkg"
    res = run({"INPUT": pins, "PLACES": f"{simplified_gpkg}|layername=adm3_tambon",
               "POINT_TYPE": [3], "OUTPUT": str(out), "SUMMARY": str(summary)})
    assert (res["PLACES_COUNT"], res["WITHIN"], res["UNDERSERVED"], res["UNREACHABLE"]) == \
        (7425, 7372, 53, 0)
    assert res["PCT_WITHIN"] == 99.3 and res["FARTHEST"] == pytest.approx(25205.4, abs=0.05)
    layer, rows = features(out)
    assert layer.crs().authid() == "EPSG:4326" and len(rows) == 7425
    by_id = {r["place_id"]: r for r in rows}
    for code, pin, metres, how in HAND_CHECKED:
        r = by_id[code]
        assert (r["nearest_pin_id"], r["place_point"]) == (pin, how), code
        assert r["distance_m"] == pytest.approx(metres, abs=0.05), code
        assert r["underserved"] == int(metres > 10_000) and r["status"] == "ok"
        assert r["tambon_code"] == code[2:] and r["mode"] == "straight_line"
    assert by_id["TH630805"]["place_name"] == "แม่ละมุ้ง"
    assert by_id["TH630805"]["nearest_pin_name"] == "โรงพยาบาลส่งเสริมสุขภาพตำบลแม่ละมุ้ง"
    assert by_id["TH630805"]["access_class"] == 5  # 20-40 km with the 10 km threshold
    # 50 tambons spread over the country against every facility, by brute force
    from citizen_pins.core.geodesy import geodesic_m

    _, facilities = features(pins)
    fx = np.array([f["_geom"].asPoint().x() for f in facilities])
    fy = np.array([f["_geom"].asPoint().y() for f in facilities])
    for r in rows[::150]:
        p = r["_geom"].asPoint()
        s = geodesic_m(p.x(), p.y(), fx, fy)
        assert r["distance_m"] == pytest.approx(s.min(), abs=0.05)
        assert r["nearest_pin_id"] == facilities[int(np.argmin(s))]["pin_id"]
    _, units = features(summary)
    s = {(u["level"], u["code"]): u for u in units}
    assert s[("country", "")]["places"] == 7425 and s[("country", "")]["within"] == 7372
    bkk = s[("province", "10")]
    assert (bkk["places"], bkk["farthest_id"]) == (169, "TH102701")
    assert bkk["max_m"] == pytest.approx(14108.9, abs=0.05)
    assert len([u for u in units if u["level"] == "province"]) == 77
    assert len([u for u in units if u["level"] == "amphoe"]) == 928


def test_both_engines_and_both_indexes_give_the_same_answers(provider, moph, simplified_gpkg,
                                                             monkeypatch):
    pins, d = moph
    places = f"{simplified_gpkg}|layername=adm3_tambon"
    outs = {}
    for engine, no_scipy in (("shapely", ""), ("qgis", ""), ("qgis", "1")):
        monkeypatch.setenv("CITIZEN_PINS_ENGINE", engine)
        monkeypatch.setenv("CITIZEN_PINS_NO_SCIPY", no_scipy)
        out = d / f"access_{engine}{no_scipy}.gpkg"
        res = run({"INPUT": pins, "PLACES": places, "POINT_TYPE": [3], "OUTPUT": str(out)})
        assert res["ENGINE"] == engine + ("+numpy" if no_scipy else "+scipy")
        _, rows = features(out)
        outs[(engine, no_scipy)] = [(r["place_id"], r["nearest_pin_id"], r["distance_m"],
                                     r["place_point"], r["_geom"].asWkt(8)) for r in rows]
    first = outs[("shapely", "")]
    assert all(v == first for v in outs.values())


def test_outputs_are_styled_by_distance_class(provider, moph, simplified_gpkg, tmp_path):
    pins, _ = moph
    out, polygons = tmp_path / "a.gpkg", tmp_path / "p.gpkg"
    run({"INPUT": pins, "PLACES": f"{simplified_gpkg}|layername=adm3_tambon", "POINT_TYPE": [3],
         "OUTPUT": str(out), "POLYGONS": str(polygons), "MAX_DISTANCE": 5})
    for path in (out, polygons):
        layer = QgsVectorLayer(str(path), "a", "ogr")  # its default style comes from the file
        renderer = layer.renderer()
        assert renderer.type() == "RuleRenderer", path
        labels = [r.label() for r in renderer.rootRule().children()]
        assert labels[:3] == ["≤ 1.2 กม. / km", "1.2–2.5 กม. / km",
                              "2.5–5 กม. / km (เกณฑ์ / threshold)"]
        assert labels[-2:] == ["ไปไม่ถึงจุดให้บริการ / cannot reach any", "วัดไม่ได้ / not measured"]
    layer, rows = features(polygons)
    assert layer.geometryType() == 2 and len(rows) == 7425  # polygons
    assert sum(1 for r in rows if r["underserved"] == 1) > 53  # 5 km: more underserved


def _write(path, name, crs, geom_type, fields, rows):
    """A GeoPackage layer with OGR: fields [(name, OFT type)], rows [(wkt, values)]."""
    ds = ogr.Open(str(path), 1) if Path(path).exists() else \
        ogr.GetDriverByName("GPKG").CreateDataSource(str(path))
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(crs)
    lyr = ds.CreateLayer(name, srs, geom_type)
    for fname, kind in fields:
        lyr.CreateField(ogr.FieldDefn(fname, kind))
    for wkt, values in rows:
        f = ogr.Feature(lyr.GetLayerDefn())
        for (fname, _), v in zip(fields, values):
            if v is not None:
                f.SetField(fname, v)
        f.SetGeometry(ogr.CreateGeometryFromWkt(wkt))
        lyr.CreateFeature(f)
    del ds
    return f"{path}|layername={name}"


def _roads(path, epsg):
    """The hand-made network: speed (NULL for f3), oneway 'yes' for f4 and f7, in ``epsg``."""
    t = QgsCoordinateTransform(QgsCoordinateReferenceSystem("EPSG:4326"),
                               QgsCoordinateReferenceSystem(f"EPSG:{epsg}"), QgsProject.instance())
    rows = []
    for k, (points, direction, speed) in enumerate(ROADS):
        pts = [t.transform(QgsPointXY(x, y)) for x, y in points]
        wkt = "LINESTRING(" + ", ".join(f"{p.x()!r} {p.y()!r}" for p in pts) + ")"
        rows.append((wkt, [None if np.isnan(speed) else speed,
                           "yes" if direction == 1 else ("no" if k % 2 else None)]))
    return _write(path, f"roads_{epsg}", epsg, ogr.wkbLineString,
                  [("speed", ogr.OFTReal), ("oneway", ogr.OFTString)], rows)


@pytest.fixture(scope="module")
def network_data(qgis_app, tmp_path_factory):
    d = tmp_path_factory.mktemp("network")
    gpkg = d / "network.gpkg"
    pins = _write(gpkg, "pins", 4326, ogr.wkbPoint,
                  [("pin_id", ogr.OFTString), ("name_th", ogr.OFTString),
                   ("point_type", ogr.OFTString)],
                  [(f"POINT({PIN[0]!r} {PIN[1]!r})", ["d", "สถานีอนามัย D", "health_facility"]),
                   ("POINT(101.0 12.7)", ["a", "โรงเรียน A", "school"])])
    places = _write(gpkg, "places", 4326, ogr.wkbPoint,
                    [("code", ogr.OFTString), ("name", ogr.OFTString), ("pop", ogr.OFTReal)],
                    [(f"POINT({x!r} {y!r})", [c, f"place {k}", p]) for k, ((x, y), c, p) in
                     enumerate(zip(PLACES, ("210101", "210102", "210201", "210401", "210402"),
                                   (100.0, 200.0, 300.0, 400.0, 500.0)))])
    return dict(pins=pins, places=places, utm=_roads(gpkg, 32647), wgs=_roads(gpkg, 4326), dir=d)


def _network_run(data, roads, out, **extra):
    params = {"INPUT": data["pins"], "PLACES": data["places"], "POINT_TYPE": [3], "MODE": 1,
              "NETWORK": roads, "SPEED_FIELD": "speed", "DIRECTION_FIELD": "oneway",
              "DEFAULT_SPEED": 40.0, "POPULATION_FIELD": "pop", "MAX_DISTANCE": 3.0,
              "OUTPUT": str(out), "SUMMARY": str(out.with_name(out.stem + "_summary.gpkg"))}
    params.update(extra)
    res = run(params)
    _, rows = features(out)
    return res, rows


def test_network_in_another_projected_crs(provider, network_data):
    d = network_data["dir"]
    res, utm = _network_run(network_data, network_data["utm"], d / "utm.gpkg")
    _, wgs = _network_run(network_data, network_data["wgs"], d / "wgs.gpkg")
    far, near = expected_distances()
    assert utm[0]["distance_m"] == pytest.approx(far, abs=0.05)
    assert utm[1]["distance_m"] == pytest.approx(near, abs=0.05)
    # the same UTM layer read through QGIS's features (a filtered layer is not read from the
    # file) and reprojected by QGIS instead of GDAL
    filtered = QgsVectorLayer(network_data["utm"], "roads", "ogr")
    filtered.setSubsetString("fid > 0")
    _, qgis_read = _network_run(network_data, filtered, d / "qgis_read.gpkg")
    for a, b, c in zip(utm, wgs, qgis_read):  # reprojected from UTM 47N: to the millimetre
        assert a["status"] == b["status"] == c["status"]
        if a["distance_m"] is not None:
            assert a["distance_m"] == pytest.approx(b["distance_m"], abs=0.001)
            assert a["distance_m"] == pytest.approx(c["distance_m"], abs=0.001)
    assert [r["status"] for r in utm] == ["ok", "ok", "island", "one_way", "ok"]
    island = utm[2]
    assert island["distance_m"] is None and island["underserved"] == 1
    assert island["access_class"] == 9 and island["island_segments"] == 1
    assert island["island_km"] == pytest.approx(path_m(ROADS[6][0]) / 1000, abs=0.001)
    assert "island" in island["status_en"] and "เกาะ" in island["status_th"]
    assert utm[0]["nearest_pin_id"] == "d" and utm[0]["place_snap_m"] == pytest.approx(22.1, abs=0.1)
    # 3 km threshold: place 0 (4.9 km round the one way) is underserved, 1 (2.7 km) and 4 are not
    assert [r["underserved"] for r in utm] == [1, 0, 1, 1, 0]
    assert res["UNREACHABLE"] == 2 and res["WITHIN"] == 2
    # people: 200 + 500 of 1,500 within 3 km
    assert res["PCT_POPULATION_WITHIN"] == pytest.approx(46.7)


def test_network_travel_time_with_a_missing_speed(provider, network_data):
    d = network_data["dir"]
    res, rows = _network_run(network_data, network_data["utm"], d / "time.gpkg", STRATEGY=1,
                             MAX_TIME=10.0)
    details = json.loads(res["DETAILS"])
    assert details["default_speed_features"] == 1 and details["unit"] == "min"
    # f3's 1.6 km at the default 40 km/h, f5 at 20, f0 and f1 at 60, the 22 m walk at 40
    assert rows[0]["time_min"] == pytest.approx(expected_minutes(40.0), abs=0.005)
    assert rows[0]["distance_m"] == pytest.approx(expected_distances()[0], abs=0.05)
    assert rows[0]["underserved"] == 0 and rows[2]["underserved"] == 1  # 8 min < 10; island
    _, faster = _network_run(network_data, network_data["utm"], d / "time80.gpkg", STRATEGY=1,
                             DEFAULT_SPEED=80.0)
    assert faster[0]["time_min"] == pytest.approx(expected_minutes(80.0), abs=0.005)


def _thai():
    qm = REPO / "citizen_pins" / "i18n" / "citizen_pins_th.qm"
    assert qm.is_file(), "run make (compiles the .qm)"
    t = QTranslator()
    assert t.load(str(qm))
    return t


def test_point_places_cannot_be_written_as_polygons(provider, network_data, tmp_path):
    with pytest.raises(QgsProcessingException, match="POLYGONS: the places are points"):
        run({"INPUT": network_data["pins"], "PLACES": network_data["places"],
             "OUTPUT": str(tmp_path / "a.gpkg"), "POLYGONS": str(tmp_path / "p.gpkg")})
    assert not (tmp_path / "a.gpkg").exists()


@pytest.mark.parametrize("case, english, thai", [
    ("polygons_as_pins", "INPUT must be a point layer of service points", "ต้องเป็นชั้นจุด"),
    ("no_pin_of_type", "INPUT has no pin of the type district_office", "ไม่มีหมุดประเภท"),
    ("empty_network", "is empty: a network without roads leads nowhere", "ว่างเปล่า"),
    ("no_network", "no NETWORK was given", "ไม่ได้ระบุ NETWORK"),
])
def test_bad_inputs_one_clear_message_in_english_and_thai(provider, moph, simplified_gpkg,
                                                          network_data, tmp_path, case, english,
                                                          thai):
    pins, _ = moph
    tambons = f"{simplified_gpkg}|layername=adm3_tambon"
    empty = _write(tmp_path / "empty.gpkg", "roads", 4326, ogr.wkbLineString, [], [])
    params = {
        "polygons_as_pins": {"INPUT": tambons, "PLACES": tambons},
        "no_pin_of_type": {"INPUT": pins, "PLACES": tambons, "POINT_TYPE": [1]},
        "empty_network": {"INPUT": network_data["pins"], "PLACES": network_data["places"],
                          "MODE": 1, "NETWORK": empty},
        "no_network": {"INPUT": network_data["pins"], "PLACES": network_data["places"],
                       "MODE": 1},
    }[case]
    out = tmp_path / "never.gpkg"
    params["OUTPUT"] = str(out)
    with pytest.raises(QgsProcessingException, match=english):
        run(params)
    translator = _thai()
    QCoreApplication.installTranslator(translator)
    try:
        with pytest.raises(QgsProcessingException, match=thai):
            run(params)
    finally:
        QCoreApplication.removeTranslator(translator)
    assert not out.exists()


@pytest.mark.parametrize("engine", ["shapely", "qgis"])
def test_population_weighted_centroid(provider, tmp_path, monkeypatch, engine):
    """Two 0.01° squares as places; three villages in the first (100, 100 and 200 people), none
    in the second (its centroid is used, and said so)."""
    monkeypatch.setenv("CITIZEN_PINS_ENGINE", engine)
    gpkg = tmp_path / "w.gpkg"
    square = "POLYGON(({0} {1}, {2} {1}, {2} {3}, {0} {3}, {0} {1}))"
    places = _write(gpkg, "squares", 4326, ogr.wkbPolygon,
                    [("tambon_code", ogr.OFTString), ("pop", ogr.OFTInteger)],
                    [(square.format(101.20, 12.60, 101.21, 12.61), ["210101", 400]),
                     (square.format(101.21, 12.60, 101.22, 12.61), ["210102", 50])])
    villages = [(101.201, 12.601, 100), (101.203, 12.601, 100), (101.208, 12.609, 200),
                (101.30, 12.70, 9999)]  # the last lies in no square
    weights = _write(gpkg, "villages", 4326, ogr.wkbPoint, [("people", ogr.OFTReal)],
                     [(f"POINT({x} {y})", [p]) for x, y, p in villages])
    pins = _write(gpkg, "pins", 4326, ogr.wkbPoint, [("pin_id", ogr.OFTString)],
                  [("POINT(101.25 12.65)", ["office"])])
    out = tmp_path / "out.gpkg"
    res = run({"INPUT": pins, "PLACES": places, "PLACE_POINT": 2, "WEIGHTS": weights,
               "WEIGHT_FIELD": "people", "POPULATION_FIELD": "pop", "OUTPUT": str(out)})
    _, rows = features(out)
    wx = (101.201 * 100 + 101.203 * 100 + 101.208 * 200) / 400
    wy = (12.601 * 100 + 12.601 * 100 + 12.609 * 200) / 400
    first, second = rows
    assert first["place_point"] == "weighted" and second["place_point"] == "centroid"
    p = first["_geom"].asPoint()
    assert (p.x(), p.y()) == (pytest.approx(wx, abs=1e-12), pytest.approx(wy, abs=1e-12))
    q = second["_geom"].asPoint()
    assert (q.x(), q.y()) == (pytest.approx(101.215, abs=1e-12), pytest.approx(12.605, abs=1e-12))
    from citizen_pins.core.geodesy import geodesic_m

    assert first["distance_m"] == pytest.approx(float(geodesic_m(wx, wy, 101.25, 12.65)), abs=0.05)
    assert first["population"] == 400 and first["nearest_pin_id"] == "office"
    assert res["PLACES_COUNT"] == 2 and res["PCT_POPULATION_WITHIN"] == 100.0
