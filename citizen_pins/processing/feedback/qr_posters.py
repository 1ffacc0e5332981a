"""citizen_pins:qr_posters -- one A4 poster per service point, to put at its counter: the point's
name, a QR code to its feedback form at the registry (``{registry}/feedback/{pin_id}``), a short
invitation in Thai (and English), the address written out for those who cannot scan.

A print layout (QGIS core only: runs in qgis_process), exported as one print-ready PDF (text as
text, the QR code as a vector image).  The QR codes are made by segno, a small pure-Python
library bundled with the plugin (ext_libs), with error correction level M and the quiet zone the
standard asks for.
"""
from __future__ import annotations

import os
import shutil
import tempfile

from qgis.core import (QgsFillSymbol, QgsLayoutItemPicture, QgsLayoutItemShape, QgsLayoutPoint, QgsLayoutSize,
                       QgsPrintLayout, QgsProcessingException, QgsProcessingOutputNumber,
                       QgsProcessingParameterFeatureSource, QgsProcessingParameterFileDestination,
                       QgsProcessingParameterString, QgsProject)

from ...core.qgis_compat import ALGORITHM_NO_THREADING as NO_THREADING
from ...core.qgis_compat import LAYOUT_SHAPE_RECTANGLE, is_null
from .. import report_layout as rl
from .. import common
from ..base import CitizenPinsAlgorithm
from ..validate import ANY_GEOMETRY

INVITE_TH = "ร่วมประเมินความพึงพอใจการรับบริการ"
INVITE_EN = "Tell us about our service"
HOW_TH = ("สแกน QR Code ด้วยกล้องโทรศัพท์มือถือ ใช้เวลาประมาณ 1 นาที\n"
          "ไม่ต้องลงชื่อ ไม่ต้องเข้าสู่ระบบ ทุกความคิดเห็นช่วยพัฒนาการให้บริการ")
HOW_EN = "Scan the QR code with your phone's camera: about one minute, anonymous, no sign-in."


def form_url(registry_url: str, pin_id: str) -> str:
    return f"{registry_url.rstrip('/')}/feedback/{pin_id}"


def qr_svg(url: str, path: str) -> None:
    """The QR code of ``url`` as an SVG file (segno, error correction M, quiet zone 4)."""
    import segno  # bundled (ext_libs)

    segno.make_qr(url, error="m", boost_error=False).save(path, kind="svg", scale=10, border=4,
                                                          dark="#000000", light="#ffffff")


class QrPostersAlgorithm(CitizenPinsAlgorithm):
    ALGORITHM_ID = "qr_posters"
    GROUP_ID = "reports"

    INPUT = "INPUT"
    REGISTRY_URL = "REGISTRY_URL"
    OUTPUT = "OUTPUT"
    POSTERS = "POSTERS"

    def flags(self):
        return super().flags() | NO_THREADING  # print layouts on the main thread

    def displayName(self) -> str:  # noqa: N802
        return self.tr("QR posters for citizen feedback (PDF)")

    def shortHelpString(self) -> str:  # noqa: N802
        return self.tr(
            "One A4 page per service point of INPUT (its selected features when only those are "
            "chosen): the point's name, a QR code to its feedback form at the registry "
            "(REGISTRY_URL/feedback/<pin_id>) and a short invitation in Thai and English, as one "
            "print-ready PDF. Pins without a pin_id (never published) are skipped: the registry "
            "does not know them yet.")

    def initAlgorithm(self, config=None):  # noqa: N802
        default_url = common.default_registry_url()
        self.addParameter(QgsProcessingParameterFeatureSource(
            self.INPUT, self.tr("Service points"), [ANY_GEOMETRY]))
        self.addParameter(QgsProcessingParameterString(
            self.REGISTRY_URL, self.tr("Registry URL (public address of the forms)"),
            defaultValue=default_url or None))
        self.addParameter(QgsProcessingParameterFileDestination(
            self.OUTPUT, self.tr("Posters (PDF)"), self.tr("PDF (*.pdf)")))
        self.addOutput(QgsProcessingOutputNumber(self.POSTERS, self.tr("Posters")))

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802
        url = self.parameterAsString(parameters, self.REGISTRY_URL, context).strip()
        if not url.lower().startswith(("http://", "https://")):
            raise QgsProcessingException(self.tr(
                "REGISTRY_URL: '{}' is not a web address (https://...).").format(url))
        out = self.parameterAsFileOutput(parameters, self.OUTPUT, context)
        source = self.parameterAsSource(parameters, self.INPUT, context)
        if source is None:
            raise QgsProcessingException(self.tr("INPUT: the service points cannot be read."))
        names = source.fields().names()
        if "pin_id" not in names:
            raise QgsProcessingException(self.tr("INPUT has no pin_id field: give a working "
                                                 "copy (or the registry's pins)."))
        todo, total = [], 0
        for f in source.getFeatures():
            total += 1
            values = [None if n not in names or is_null(f[n]) else str(f[n])
                      for n in ("pin_id", "name_th", "name_en")]
            if values[0]:
                todo.append((values[0], values[1] or "", values[2] or ""))
        skipped = total - len(todo)
        if skipped:
            feedback.pushWarning(self.tr("{} pin(s) without a pin_id skipped (publish them "
                                         "first).").format(skipped))
        if not todo:
            raise QgsProcessingException(self.tr("INPUT has no pin with a pin_id: nothing to "
                                                 "print."))
        tmp = tempfile.mkdtemp(prefix="cp-qr-")
        try:
            project = QgsProject()  # outlives the layout's export (a layout needs its project)
            layout = self.layout(project, todo, url, tmp, feedback)
            os.makedirs(os.path.dirname(os.path.abspath(out)), exist_ok=True)
            rl.export_pdf(layout, out)
        except OSError as e:
            raise QgsProcessingException(self.tr("OUTPUT: the posters cannot be written: {}")
                                         .format(e))
        finally:
            shutil.rmtree(tmp, ignore_errors=True)
        return {self.OUTPUT: out, self.POSTERS: len(todo)}

    def layout(self, project, todo, url, tmp, feedback) -> QgsPrintLayout:
        layout = QgsPrintLayout(project)
        layout.initializeDefaults()
        layout.pageCollection().page(0).setPageSize("A4", rl.PORTRAIT)
        W, M = rl.PAGE_W, 18.0
        inner = W - 2 * M
        for k, (pin_id, name_th, name_en) in enumerate(todo):
            if feedback.isCanceled():
                raise QgsProcessingException(self.tr("Cancelled: nothing was written."))
            page = 0 if k == 0 else rl.new_page(layout)
            band = QgsLayoutItemShape(layout)
            band.setShapeType(LAYOUT_SHAPE_RECTANGLE)
            band.setSymbol(QgsFillSymbol.createSimple({"color": "#0b3d91", "style": "solid",
                                                       "outline_style": "no"}))
            layout.addLayoutItem(band)
            band.attemptMove(QgsLayoutPoint(0, 0, rl.MM), page=page)
            band.attemptResize(QgsLayoutSize(W, 50, rl.MM))
            rl.text_item_at(layout, INVITE_TH, M, 12, inner, 16, 26, page, True, "#ffffff",
                            rl.HCENTER)
            rl.text_item_at(layout, INVITE_EN, M, 31, inner, 10, 15, page, False, "#ffffff",
                            rl.HCENTER)
            rl.text_item_at(layout, name_th, M, 60, inner, 26, 22, page, True, "#111111",
                            rl.HCENTER)
            if name_en:
                rl.text_item_at(layout, name_en, M, 86, inner, 8, 12, page, False, "#333333",
                                rl.HCENTER)
            svg = os.path.join(tmp, f"{k}.svg")
            qr_svg(form_url(url, pin_id), svg)
            pic = QgsLayoutItemPicture(layout)
            pic.setPicturePath(svg)
            layout.addLayoutItem(pic)
            side = 120.0
            pic.attemptMove(QgsLayoutPoint((W - side) / 2, 98, rl.MM), page=page)
            pic.attemptResize(QgsLayoutSize(side, side, rl.MM))
            rl.text_item_at(layout, HOW_TH, M, 224, inner, 18, 14, page, False, "#111111",
                            rl.HCENTER)
            rl.text_item_at(layout, HOW_EN, M, 243, inner, 8, 10.5, page, False, "#333333",
                            rl.HCENTER)
            rl.text_item_at(layout, form_url(url, pin_id), M, 256, inner, 8, 9, page, False,
                            "#0b3d91", rl.HCENTER)
            rl.text_item_at(layout, "ไม่ระบุตัวตน ไม่เก็บชื่อ เบอร์โทร หรือเลขบัตรประชาชน · "
                            "anonymous: no name, phone or ID number is kept",
                            M, 270, inner, 7, 9, page, False, "#555555", rl.HCENTER)
        return layout

