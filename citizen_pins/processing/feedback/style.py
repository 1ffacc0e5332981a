"""How feedback layers look, on the algorithm's outputs and in the executive report: graduated by
the share of satisfied citizens; a place with too few responses is hatched (polygons) or a grey
cross (points), never coloured as if its share meant something."""
from __future__ import annotations

from qgis.core import (QgsFillSymbol, QgsLinePatternFillSymbolLayer, QgsMarkerSymbol,
                       QgsRuleBasedRenderer, QgsVectorLayer, QgsWkbTypes)

from qgis.PyQt.QtGui import QColor

from ...core.qgis_compat import GEOMETRY_POLYGON

#: (label, expression on an enough sample, colour): ColorBrewer RdYlGn, green = satisfied.
CLASSES = (
    ("≥ 90 % พอใจ / satisfied", '"pct_satisfied" >= 90', "#1a9641"),
    ("80–89 %", '"pct_satisfied" >= 80 AND "pct_satisfied" < 90', "#a6d96a"),
    ("70–79 %", '"pct_satisfied" >= 70 AND "pct_satisfied" < 80', "#ffffbf"),
    ("60–69 %", '"pct_satisfied" >= 60 AND "pct_satisfied" < 70', "#fdae61"),
    ("< 60 %", '"pct_satisfied" < 60', "#d7191c"),
)
NOT_ENOUGH_LABEL = "ผู้ตอบไม่พอ / not enough responses"
NONE_LABEL = "ไม่มีผู้ตอบ / no responses"


def style_feedback(layer: QgsVectorLayer, size: float = 2.2) -> None:
    polygons = QgsWkbTypes.geometryType(layer.wkbType()) == GEOMETRY_POLYGON
    root = QgsRuleBasedRenderer.Rule(None)
    for label, expr, colour in CLASSES:
        if polygons:
            sym = QgsFillSymbol.createSimple({"color": colour, "outline_color": "#666666",
                                              "outline_width": "0.1", "outline_width_unit": "MM"})
        else:
            sym = QgsMarkerSymbol.createSimple({"name": "circle", "color": colour,
                                                "size": str(size), "size_unit": "MM",
                                                "outline_color": "#333333",
                                                "outline_width": "0.2"})
        root.appendChild(QgsRuleBasedRenderer.Rule(sym, 0, 0, f'"enough" = 1 AND {expr}', label))
    if polygons:
        hatched = QgsFillSymbol.createSimple({"color": "#f0f0f0", "outline_color": "#666666",
                                              "outline_width": "0.1", "outline_width_unit": "MM"})
        pattern = QgsLinePatternFillSymbolLayer()
        pattern.setLineAngle(45)
        pattern.setDistance(1.6)
        pattern.setColor(QColor("#6e6e6e"))
        pattern.setLineWidth(0.25)
        hatched.appendSymbolLayer(pattern)
        empty = QgsFillSymbol.createSimple({"color": "#ffffff", "outline_color": "#999999",
                                            "outline_width": "0.1", "outline_width_unit": "MM"})
    else:
        hatched = QgsMarkerSymbol.createSimple({"name": "cross2", "color": "#808080",
                                                "size": str(size * 0.9), "size_unit": "MM",
                                                "outline_color": "#606060",
                                                "outline_width": "0.35"})
        empty = QgsMarkerSymbol.createSimple({"name": "circle", "color": "255,255,255,0",
                                              "size": str(size * 0.6), "size_unit": "MM",
                                              "outline_color": "#9a9a9a",
                                              "outline_width": "0.2"})
    root.appendChild(QgsRuleBasedRenderer.Rule(hatched, 0, 0,
                                               '"enough" = 0 AND "responses" > 0',
                                               NOT_ENOUGH_LABEL))
    root.appendChild(QgsRuleBasedRenderer.Rule(empty, 0, 0, 'coalesce("responses", 0) = 0',
                                               NONE_LABEL))
    layer.setRenderer(QgsRuleBasedRenderer(root))
