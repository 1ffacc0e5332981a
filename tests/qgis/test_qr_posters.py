"""Issue 19: citizen_pins:qr_posters -- one A4 poster per pin, print-ready PDF through a print
layout, its QR codes (segno, bundled) decoded back from the rendered pages by zxing-cpp (a decoder
from the package registries, tests only) to exactly each pin's form address; the text extracted
and the pages looked at."""
import os
import re
import subprocess
import uuid

import pytest
from qgis.core import QgsFeature, QgsGeometry, QgsPointXY, QgsVectorLayer

from citizen_pins.core.working_copy import create_working_copy, layer_uri
from test_report_zero_copy import _bare

zxingcpp = pytest.importorskip("zxingcpp")
REGISTRY = "https://registry.example.go.th"


def test_posters_decode_to_each_pins_form(provider, tmp_path):
    import processing
    from qgis.PyQt.QtGui import QImage

    path = str(tmp_path / "posters.gpkg")
    create_working_copy(path, "21")
    layer = QgsVectorLayer(layer_uri(path), "pins", "ogr")
    pins = []
    for k, (th, en) in enumerate((("ที่ว่าการอำเภอเมืองระยอง", "Mueang Rayong District Office"),
                                  ("โรงพยาบาลส่งเสริมสุขภาพตำบลเชิงเนิน", ""),
                                  ("สำนักงานที่ดินจังหวัดระยอง", "Rayong Land Office"))):
        f = QgsFeature(layer.fields())
        pid = str(uuid.uuid4())
        pins.append((pid, th, en))
        f["pin_id"], f["name_th"], f["name_en"] = pid, th, en or None
        f["point_type"], f["province_code"] = "other", "21"
        f.setGeometry(QgsGeometry.fromPointXY(QgsPointXY(101.28 + k / 100, 12.68)))
        assert layer.dataProvider().addFeatures([f])[0]
    unpublished = QgsFeature(layer.fields())  # no pin_id: skipped
    unpublished["name_th"], unpublished["province_code"] = "ยังไม่เผยแพร่", "21"
    unpublished.setGeometry(QgsGeometry.fromPointXY(QgsPointXY(101.3, 12.7)))
    assert layer.dataProvider().addFeatures([unpublished])[0]
    out = str(tmp_path / "posters.pdf")
    res = processing.run("citizen_pins:qr_posters", {"INPUT": layer_uri(path),
                                                     "REGISTRY_URL": REGISTRY + "/",
                                                     "OUTPUT": out})
    assert res["POSTERS"] == 3
    info = subprocess.run(["pdfinfo", out], capture_output=True, text=True).stdout
    assert re.search(r"Pages:\s+3\n", info) and "595 x 842 pts (A4)" in info
    text = subprocess.run(["pdftotext", "-layout", out, "-"], capture_output=True,
                          text=True).stdout
    pages = [_bare(p) for p in text.split("\f")]
    assert sum(_bare("ร่วมประเมินความพึงพอใจการรับบริการ") in p for p in pages) == 3
    assert _bare("ยังไม่เผยแพร่") not in _bare(text)
    subprocess.run(["pdftoppm", "-r", "100", "-png", out, str(tmp_path / "page")], check=True)
    for k, (pid, th, en) in enumerate(pins):
        assert _bare(th) in pages[k] and f"{REGISTRY}/feedback/{pid}" in pages[k]
        if en:
            assert _bare(en) in pages[k]
        png = tmp_path / f"page-{k + 1}.png"
        img = QImage(str(png)).convertToFormat(QImage.Format.Format_Grayscale8)
        ptr = img.constBits()
        ptr.setsize(img.sizeInBytes())
        import numpy as np

        arr = np.frombuffer(bytes(ptr), np.uint8).reshape(img.height(), img.bytesPerLine())
        arr = np.ascontiguousarray(arr[:, :img.width()])
        found = zxingcpp.read_barcodes(arr)
        assert [b.text for b in found] == [f"{REGISTRY}/feedback/{pid}"], (k, found)
        # a QR code (zxing-cpp 3 names the model: QRCodeModel2), not a Micro QR or rMQR code
        assert found[0].format.name.startswith("QRCode"), found[0].format
    pages_dir = os.environ.get("CITIZEN_PINS_REPORT_PAGES")  # make feedback-pictures
    if pages_dir:
        subprocess.run(["pdftoppm", "-r", "90", "-png", "-f", "1", "-l", "1", "-singlefile", out,
                        os.path.join(pages_dir, "feedback_poster")], check=True)
