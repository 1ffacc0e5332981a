"""How access layers look: distance (or time) classes around the threshold, the same on the
algorithm's outputs and on the report's access map.

Classes (core/access.py): 1 within a quarter of the threshold ... 6 beyond four times it, 9 cannot
reach any service point, 0 not measured.  Labels are bilingual, as on the report's maps.
"""
from __future__ import annotations

from typing import List, Tuple

from qgis.core import (QgsFillSymbol, QgsMarkerSymbol, QgsRuleBasedRenderer, QgsVectorLayer,
                       QgsWkbTypes)

from ...core.access import UNREACHABLE_CLASS, class_bounds
from ...core.qgis_compat import GEOMETRY_POLYGON

#: ColorBrewer RdYlGn (6 classes), green = near.
CLASS_COLOURS = ("#1a9850", "#91cf60", "#d9ef8b", "#fee08b", "#fc8d59", "#d73027")
UNREACHABLE_COLOUR = "#6a3d9a"
UNMEASURED_COLOUR = "#bdbdbd"


def _number(v: float) -> str:
    return f"{v:,.1f}".rstrip("0").rstrip(".")


def class_labels(threshold: float, unit: str) -> List[Tuple[int, str, str]]:
    """(class, label, colour) for each class, the threshold in metres or minutes."""
    if unit == "min":
        scale, name = 1.0, "นาที / min"
    else:
        scale, name = 1000.0, "กม. / km"
    b = [_number(x / scale) for x in class_bounds(threshold)]
    texts = [f"≤ {b[0]} {name}"] + [f"{b[k]}–{b[k + 1]} {name}" for k in range(len(b) - 1)]
    texts.append(f"> {b[-1]} {name}")
    texts[2] += " (เกณฑ์ / threshold)"
    out = [(k + 1, texts[k], CLASS_COLOURS[k]) for k in range(6)]
    out.append((UNREACHABLE_CLASS, "ไปไม่ถึงจุดให้บริการ / cannot reach any", UNREACHABLE_COLOUR))
    out.append((0, "วัดไม่ได้ / not measured", UNMEASURED_COLOUR))
    return out


def style_access(layer: QgsVectorLayer, threshold: float, unit: str, size: float = 1.8,
                 outline: str = "#7f7f7f", width: float = 0.05) -> None:
    """A rule-based renderer on ``access_class``: points as dots, polygons filled."""
    polygons = QgsWkbTypes.geometryType(layer.wkbType()) == GEOMETRY_POLYGON
    root = QgsRuleBasedRenderer.Rule(None)
    for value, label, colour in class_labels(threshold, unit):
        if polygons:
            sym = QgsFillSymbol.createSimple({"color": colour, "outline_color": outline,
                                              "outline_width": str(width),
                                              "outline_width_unit": "MM"})
        else:
            sym = QgsMarkerSymbol.createSimple({"name": "circle", "color": colour,
                                                "size": str(size), "size_unit": "MM",
                                                "outline_color": "#404040",
                                                "outline_width": "0.1"})
        root.appendChild(QgsRuleBasedRenderer.Rule(sym, 0, 0, f'"access_class" = {value}', label))
    layer.setRenderer(QgsRuleBasedRenderer(root))
