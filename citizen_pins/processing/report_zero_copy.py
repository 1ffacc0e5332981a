"""The Zero Copy section of citizen_pins:report: a map page and three tables after the report's
own, when the pins' services are known (INPUT's working copy, or the SERVICES GeoPackage).

* the share of service points at ``zero_copy`` per amphoe (a province's report) or per province
  (the national one), as a choropleth, with the points coloured by their status;
* the documents most often still demanded as copies;
* the points with no services recorded.

The share is of the points that have services recorded (a point without services says nothing
about copies: it is counted apart, and listed).  A point counts under the unit it declares, as in
the rest of the report.
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Dict, List, Optional, Sequence, Tuple

from qgis.core import (QgsCategorizedSymbolRenderer, QgsFeature, QgsFields, QgsGeometry,
                       QgsMarkerSymbol, QgsPointXY, QgsProcessingException,
                       QgsProcessingParameterFile, QgsProviderRegistry, QgsRendererCategory,
                       QgsVectorLayer)

from qgis.PyQt.QtCore import QT_TRANSLATE_NOOP

from ..core import report_data as rd
from ..core import zero_copy as zc
from ..core.dopa import codes
from ..core.qgis_compat import DOUBLE, FILE_BEHAVIOR_FILE, INT, STRING, make_field
from ..core.service_tables import has_service_tables, read_services
from ..core.services import ServiceSet
from . import report_layout as rl
from .validate import FLAG_ADVANCED

SERVICES = "SERVICES"
FILES = ("zero_copy_units.csv", "zero_copy_documents.csv", "zero_copy_no_services.csv")
#: Share of points (with services) at zero_copy: (label, expression, colour)
SHARE_CLASSES = (
    ("100 % ไม่เรียกสำเนา / all Zero Copy", '"pct_zero_copy" = 100', "#1a9641"),
    ("75–99 %", '"pct_zero_copy" >= 75 AND "pct_zero_copy" < 100', "#a6d96a"),
    ("50–74 %", '"pct_zero_copy" >= 50 AND "pct_zero_copy" < 75', "#ffffbf"),
    ("1–49 %", '"pct_zero_copy" > 0 AND "pct_zero_copy" < 50', "#fdae61"),
    ("0 % ยังเรียกสำเนาทุกจุด / none", '"pct_zero_copy" = 0', "#d7191c"),
    ("ไม่มีจุดที่บันทึกงานบริการ / no point with services", '"pct_zero_copy" IS NULL', "#e6e6e6"),
)
UNIT_FIELDS = (("code", STRING), ("name_th", STRING), ("name_en", STRING), ("points", INT),
               ("with_services", INT), ("zero_copy", INT), ("partial", INT),
               ("copies_demanded", INT), ("no_services", INT), ("pct_zero_copy", DOUBLE),
               ("copies", INT))


def add_parameter(alg) -> None:
    param = QgsProcessingParameterFile(
        SERVICES, alg.tr(QT_TRANSLATE_NOOP("CitizenPinsAlgorithm",
                                           "Services (a working copy with services; empty: "
                                           "INPUT's)")),
        FILE_BEHAVIOR_FILE, fileFilter="GeoPackage (*.gpkg)", optional=True)
    param.setFlags(param.flags() | FLAG_ADVANCED)
    alg.addParameter(param)


def services_for(alg, parameters, context) -> Optional[Tuple[ServiceSet, str]]:
    """(the services, where they come from): SERVICES, else INPUT's working copy; None when
    neither holds services tables."""
    path = alg.parameterAsFile(parameters, SERVICES, context) if parameters.get(SERVICES) else ""
    if path:
        if not os.path.isfile(path) or not has_service_tables(path):
            raise QgsProcessingException(alg.tr(QT_TRANSLATE_NOOP(
                "CitizenPinsAlgorithm", "SERVICES: {} is not a working copy with services "
                "(tables services, service_steps, service_documents).")).format(path))
        return read_services(path, context.project()), path
    value = parameters.get(alg.INPUT)
    source = getattr(value, "source", None)
    if source is not None and hasattr(source, "staticValue"):
        value = source.staticValue()
    layer = value if isinstance(value, QgsVectorLayer) else None
    if layer is None and isinstance(value, str):
        from qgis.core import QgsProcessingUtils

        layer = QgsProcessingUtils.mapLayerFromString(value, context)
    if not isinstance(layer, QgsVectorLayer) or layer.providerType() != "ogr":
        return None
    path = QgsProviderRegistry.instance().decodeUri("ogr", layer.source()).get("path") or ""
    if not path.lower().endswith(".gpkg") or not has_service_tables(path):
        return None
    return read_services(path, context.project()), path


@dataclass
class Section:
    layout: rl.MapSection
    html: rd.HtmlSection
    csv: Dict[str, rd.Table]


def _pct(n: int, d: int) -> Optional[float]:
    return round(100.0 * n / d, 1) if d else None


def _pins_layer(pins, statuses: Dict[str, zc.PointZeroCopy], size: float) -> QgsVectorLayer:
    fields = QgsFields()
    for name, kind in (("pin_id", STRING), ("name_th", STRING), ("status", STRING)):
        fields.append(make_field(name, kind))
    ids, names = pins.column("pin_id"), pins.column("name_th")
    feats = []
    for i in range(len(pins)):
        x, y = float(pins.x[i]), float(pins.y[i])
        st = statuses.get(ids[i] or "")
        if x != x or y != y or st is None:
            continue
        f = QgsFeature(fields)
        f.setAttributes([ids[i], names[i], st.status])
        f.setGeometry(QgsGeometry.fromPointXY(QgsPointXY(x, y)))
        feats.append(f)
    layer = rl.memory_layer("Point", "สถานะ Zero Copy / Zero Copy status", fields, feats)
    categories = []
    for c in zc.STATUSES:
        sym = QgsMarkerSymbol.createSimple({  # a dark ring: visible on a fill of its colour
            "name": "circle", "color": zc.STATUS_COLOURS[c.key], "size": str(size),
            "size_unit": "MM", "outline_color": "#222222", "outline_width": "0.3",
            "outline_width_unit": "MM"})
        categories.append(QgsRendererCategory(c.key, sym, f"{c.label_th} / {c.label_en}"))
    layer.setRenderer(QgsCategorizedSymbolRenderer("status", categories))
    return layer


def _share_layer(rows: List[list], geoms: Dict[str, QgsGeometry]) -> QgsVectorLayer:
    fields = QgsFields()
    for name, kind in UNIT_FIELDS:
        fields.append(make_field(name, kind))
    feats = []
    for r in rows:
        g = geoms.get(r[0])
        if g is None:
            continue
        f = QgsFeature(fields)
        f.setAttributes(r)
        f.setGeometry(g)
        feats.append(f)
    layer = rl.memory_layer("MultiPolygon", "สัดส่วน Zero Copy / Zero Copy share", fields, feats)
    from qgis.core import QgsFillSymbol, QgsRuleBasedRenderer

    root = QgsRuleBasedRenderer.Rule(None)
    for label, expr, colour in SHARE_CLASSES:
        sym = QgsFillSymbol.createSimple({"color": colour, "outline_color": "#555555",
                                          "outline_width": "0.2", "outline_width_unit": "MM"})
        root.appendChild(QgsRuleBasedRenderer.Rule(sym, 0, 0, expr, label))
    layer.setRenderer(QgsRuleBasedRenderer(root))
    return layer


def build(data: ServiceSet, source: str, pins, units: Sequence[str], province: Optional[str],
          unit_geoms: Sequence[Tuple[str, QgsGeometry]], extent) -> Section:
    """The section's tables, map layers and figures for the report's pins (``units[i]``: the
    unit pin ``i`` counts under)."""
    d = codes()
    ids = pins.column("pin_id")
    names = pins.column("name_th")
    statuses = zc.point_statuses([i for i in ids if i], data)
    unit_th, unit_en = ("อำเภอ", "amphoe") if province else ("จังหวัด", "province")
    all_units = ([a.code for a in d.children(province)] if province
                 else [p.code for p in d.provinces()])
    per: Dict[str, Dict[str, int]] = {u: {} for u in all_units}
    for i, u in enumerate(units):
        st = statuses.get(ids[i] or "")
        if st is None:
            continue
        c = per.setdefault(u, {})
        c["points"] = c.get("points", 0) + 1
        c[st.status] = c.get(st.status, 0) + 1
        c["copies"] = c.get("copies", 0) + st.copies
    rows = []
    for u in sorted(per, key=lambda c: (c == "", c)):
        c = per[u]
        with_services = c.get("points", 0) - c.get(zc.NO_SERVICES, 0)
        rows.append([u, d.name(u, "th") if u else "ไม่ทราบ", d.name(u, "en") if u else "unknown",
                     c.get("points", 0), with_services, c.get(zc.ZERO_COPY, 0),
                     c.get(zc.PARTIAL, 0), c.get(zc.COPIES_DEMANDED, 0),
                     c.get(zc.NO_SERVICES, 0), _pct(c.get(zc.ZERO_COPY, 0), with_services),
                     c.get("copies", 0)])
    tot = [sum(r[k] for r in rows) for k in range(3, 9)]
    copies = sum(r[10] for r in rows)
    total_row = ["", "รวม / total", "", *tot, _pct(tot[2], tot[1]), copies]
    header = ["รหัส code", f"{unit_th} {unit_en}", "จุด points", "มีงานบริการ with services",
              "Zero Copy", "บางส่วน partial", "เรียกสำเนาทุกงาน all demand",
              "ยังไม่บันทึก no services", "% Zero Copy", "สำเนาที่ยังเรียก copies"]
    units_table = rd.Table(
        f"Zero Copy ราย{unit_th}: จุดให้บริการที่ไม่เรียกสำเนาเอกสาร",
        f"Zero Copy per {unit_en}: service points that demand no copies",
        header, [[r[0], r[1]] + r[3:] for r in rows] + [[total_row[0], total_row[1]]
                                                         + total_row[3:]],
        "% Zero Copy = จุดที่ไม่เรียกสำเนา ÷ จุดที่บันทึกงานบริการแล้ว · share of the points with "
        "services recorded")
    scope = {i for i in ids if i}
    demanded = zc.most_demanded(data, scope)
    docs_table = rd.Table(
        "เอกสารที่ยังเรียกสำเนาบ่อยที่สุด", "Documents most often still demanded as copies",
        ["เอกสาร document", "งานบริการ services", "จุด points", "สำเนา copies",
         "ขัดหนังสือกรมการปกครอง against DOPA's circular"],
        [[n, s, p, c, "ใช่ yes" if zc.policy_document(n) else ""] for n, s, p, c in demanded],
        f"นับเฉพาะงานบริการที่เปิดอยู่ · active services only · {zc.CIRCULAR_TH}")
    if not demanded:
        docs_table.note = "ไม่มีเอกสารที่ยังเรียกสำเนา / no document is still demanded as a copy"
    none_rows = [[ids[i], names[i], units[i], d.name(units[i], "th") if units[i] else ""]
                 for i in range(len(pins)) if ids[i] and statuses[ids[i]].status == zc.NO_SERVICES]
    none_table = rd.Table(
        "จุดให้บริการที่ยังไม่บันทึกงานบริการ", "Service points with no services recorded",
        ["รหัสหมุด pin_id", "ชื่อ name", "รหัส code", f"{unit_th} {unit_en}"], none_rows)
    if not none_rows:
        none_table.note = "ทุกจุดบันทึกงานบริการแล้ว / every point has services recorded"

    with_services = tot[1]
    figures = [
        ("จุดให้บริการ / points", f"{len(scope):,}"),
        ("มีงานบริการ / with services", f"{with_services:,}"),
        (f"Zero Copy ({tot[2]:,}/{with_services:,})",
         f"{_pct(tot[2], with_services) or 0.0:.1f} %"),
        ("สำเนาที่ยังเรียก / copies", f"{copies:,}"),
        ("ยังไม่บันทึก / no services", f"{tot[5]:,}"),
    ]
    geoms = dict(unit_geoms)
    share = _share_layer(rows, geoms)
    points = _pins_layer(pins, statuses, 2.2 if province else 1.0)
    title_th = "สถานะการยกเลิกการเรียกสำเนาเอกสาร (Zero Copy)"
    title_en = "Zero Copy: documents no longer demanded as copies"
    note = (f"จุดให้บริการ {len(scope):,} จุด งานบริการ {len(data.services):,} รายการ จาก "
            f"{os.path.basename(source)} · a point is Zero Copy when none of its active services "
            "demands a copy; partial when some do · " + zc.CIRCULAR_TH)
    return Section(
        rl.MapSection(title_th, title_en, note, figures, [points, share], extent,
                      [units_table, docs_table, none_table]),
        rd.HtmlSection(title_th, title_en, note, figures, "", [units_table, docs_table,
                                                               none_table]),
        dict(zip(FILES, (units_table, docs_table, none_table))))
