"""Completeness of the real MOPH register: does every tambon have a health facility?

The campaign question of issue 8 asked of real data: "every tambon must have a pin of this type",
with the type ``health_facility`` (the register has no local-government offices).  Figures checked
by hand against the CSV (grep on ``tmcode``) and on the map.
"""
import pytest
from qgis.core import QgsVectorLayer

from citizen_pins.core import boundaries as bnd
from citizen_pins.core import completeness as cm
from citizen_pins.core import pins as pins_mod

pytestmark = pytest.mark.slow

import sys  # noqa: E402
from pathlib import Path  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "scripts"))
import validation_data as vd  # noqa: E402


@pytest.fixture(scope="module")
def national(moph_csv, simplified_gpkg):
    layer = vd.moph_layer(moph_csv)
    pins = pins_mod.read_features(layer.getFeatures(), layer.featureCount())
    tambons = QgsVectorLayer(f"{simplified_gpkg}|layername=adm3_tambon", "t", "ogr")
    index = bnd.from_features(tambons.getFeatures(), "ADM3_PCODE")
    provinces = cm.provinces_in(index)
    expected = cm.expected_per_tambon(provinces, "health_facility")
    return cm.compute(pins, expected, index, provinces, tolerance_m=1000, mode="tambon")


def test_every_current_tambon_is_expected(national):
    assert len(national.provinces) == 77
    assert len(national.items) == 7436  # DOPA's current tambons (the layer has 7,425 polygons)
    assert national.pins_considered == 11301


def test_national_totals(national):
    t = national.total()
    assert (t.expected, t.complete, t.disputed, t.unchecked, t.missing) == (7436, 7012, 87, 0, 337)
    assert t.pct_complete == 94.3
    # Bangkok's health centres are the city's (BMA), not in this register: 1 of 180 khwaeng pinned
    bkk = national.units["province"]["10"]
    assert (bkk.expected, bkk.complete, bkk.disputed, bkk.missing) == (180, 0, 1, 179)


def test_rayong_misses_exactly_two_tambons(national):
    # grep ',210104,' / ',210501,' in the CSV finds no facility declaring Pak Nam (210104) or Ban Khai (210501)
    s = national.units["province"]["21"]
    assert (s.expected, s.complete, s.missing) == (58, 56, 2)
    missing = [r.item.code for r in national.items if r.item.code[:2] == "21" and r.status != "complete"]
    assert missing == ["210104", "210501"]
    assert national.units["amphoe"]["2101"].missing == 1
    assert national.units["amphoe"]["2105"].pct_complete == pytest.approx(85.7)  # 6 of 7


def test_a_pin_133_km_away_does_not_complete_its_tambon(national):
    # รพ.สต.บ้านน้ำหัก (09213) declares Nam Hak, Khiri Rat Nikhom (840803) but its point is in
    # Nakhon Si Thammarat (8.227 N, 99.858 E): counted as pinned, not as complete.
    r = next(r for r in national.items if r.item.code == "840803")
    assert r.status == cm.DISPUTED and r.pin_ids == ["09213"] and r.located == "801302"
    assert r.distance_m == pytest.approx(133_095, rel=0.01)
