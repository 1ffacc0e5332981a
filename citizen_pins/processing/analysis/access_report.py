"""The access page of citizen_pins:report (issue 20): every tambon of the report coloured by its
straight-line (geodesic) distance to the nearest pin of the report's point type, and the tambons
farthest from one.  The same analysis as citizen_pins:access (core/access.py), on the report's own
tambons and pins: the nearest pin may stand across the province border, so every pin of the type
counts, wherever it lies.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Optional

import numpy as np
from qgis.core import (QgsFeature, QgsFields, QgsGeometry, QgsPointXY, QgsProcessingException)
from qgis.PyQt.QtCore import QT_TRANSLATE_NOOP

from ...core import access as ac
from ...core import schema
from ...core.boundaries import default_engine
from ...core.dopa import codes
from ...core.pins import PinTable
from ...core.qgis_compat import STRING, make_field
from ...core.report_data import ATTRIBUTION, ATTRIBUTION_TH, Table
from .. import report_layout as rl
from .access import output_fields, place_values
from .access_style import style_access

#: Rows of the table of the farthest tambons on the page (access.csv has every tambon).
WORST_ROWS = 10
LEGEND_MM = 32.0


@dataclass
class AccessSection:
    result: ac.AccessResult
    places: ac.Places
    pins: ac.Pins
    add_page: Callable          # ReportSpec.extra_pages
    layers: list                # the page's own map layers (not in page 1's legend)
    worst: Table                # the farthest tambons (PDF, HTML)
    every: Table                # every tambon (access.csv)
    figures: str                # one line of key figures, Thai then English


def _pins_of_type(alg, pins: PinTable, point_type: str) -> ac.Pins:
    types = pins.column("point_type")
    keep = [i for i in range(len(pins)) if (types[i] or "").strip() == point_type
            and np.isfinite(pins.x[i]) and np.isfinite(pins.y[i])]
    if not keep:
        raise QgsProcessingException(alg.tr(QT_TRANSLATE_NOOP(
            "ReportAlgorithm", "ACCESS: INPUT has no pin of the type {} with a location, so the "
            "access page has nothing to measure to. Choose another POINT_TYPE, or leave ACCESS "
            "off.")).format(point_type))
    ids, names = pins.column("pin_id"), pins.column("name_th")
    k = np.asarray(keep, dtype=np.int64)
    return ac.Pins(pins.x[k], pins.y[k], [str(ids[i] or "") for i in keep],
                   [names[i] or "" for i in keep])


def build(alg, all_pins: PinTable, polygons, point_type: str, threshold_km: float,
          province: Optional[str], outline, extent, project) -> AccessSection:
    """The section for the report's tambon ``polygons`` ((code, raw, geometry) in EPSG:4326)."""
    d = codes()
    pins = _pins_of_type(alg, all_pins, point_type)
    tambons = [(c, g) for c, _, g in polygons if c]
    x, y, how = ac.representative_points([bytes(g.asWkb()) for _, g in tambons], ac.CENTROID,
                                         default_engine())
    place_codes = [c for c, _ in tambons]
    places = ac.Places(x, y, ["TH" + c for c in place_codes], [d.name(c, "th") for c in place_codes],
                       place_codes, None, how)
    result = ac.straight_line(pins, places, threshold_km * 1000.0)
    total = ac.summarise(result, places)[("country", "")]

    label_th = schema.point_type_label(point_type, "th") or point_type
    label_en = schema.point_type_label(point_type, "en") or point_type
    where_th = f"จังหวัด{d.name(province, 'th')}" if province else "ทั้งประเทศ"
    where_en = f"{d.name(province, 'en')} province" if province else "whole country"
    far = total.farthest_place
    figures = (f"ตำบลในระยะ {threshold_km:,.0f} กม.: {total.within:,} จาก {total.places:,} "
               f"({total.pct_within or 0:.1f} %) · มัธยฐาน {(total.median or 0) / 1000:.1f} กม. · "
               f"ไกลที่สุด: {places.names[far] if far >= 0 else '-'} "
               f"{(total.farthest or 0) / 1000:.1f} กม.\n"
               f"Tambons within {threshold_km:,.0f} km: {total.within:,} of {total.places:,} "
               f"({total.pct_within or 0:.1f} %) · median {(total.median or 0) / 1000:.1f} km · "
               f"farthest: {d.name(place_codes[far], 'en') if far >= 0 else '-'} "
               f"{(total.farthest or 0) / 1000:.1f} km")

    # the map's layers
    fields = output_fields()
    rows = place_values(result, places, pins)
    fill = rl.memory_layer("MultiPolygon", "ระยะทาง / distance", fields,
                           (_feature(fields, r, g) for r, (_, g) in zip(rows, tambons)))
    style_access(fill, result.threshold, result.unit, width=0.05 if province is None else 0.1)
    layers = [fill]
    if province:  # 11,000 dots would hide the country's classes
        pfields = QgsFields()
        pfields.append(make_field("pin_id", STRING))
        shown = rl.memory_layer("Point", f"{label_th} / {label_en}", pfields,
                                (_point(pfields, i, px, py) for i, px, py in
                                 zip(pins.ids, pins.x.tolist(), pins.y.tolist())))
        from qgis.core import QgsMarkerSymbol, QgsSingleSymbolRenderer

        shown.setRenderer(QgsSingleSymbolRenderer(QgsMarkerSymbol.createSimple(
            {"name": "circle", "color": "#1f4e9c", "size": "1.0", "size_unit": "MM",
             "outline_color": "#ffffff", "outline_width": "0.1"})))
        layers.insert(0, shown)
    for layer in layers:
        project.addMapLayer(layer)
    own = list(layers)
    layers = layers[:-1] + [outline, fill]  # pins, outlines, fill: top first

    # the farthest tambons, those that cannot be measured first
    unit_th, unit_en = ("ตำบล", "tambon")
    header = ["รหัส code", f"{unit_th} {unit_en}", "อำเภอ amphoe"]
    if not province:
        header.append("จังหวัด province")
    header += ["ระยะ กม. km", f"{label_th}ที่ใกล้ที่สุด nearest", "รหัสหมุด pin"]
    worst_rows = []
    for i in ac.worst(result, WORST_ROWS):
        c = place_codes[i]
        row = [c, places.names[i], d.name(c[:4], "th")]
        if not province:
            row.append(d.name(c[:2], "th"))
        p = int(result.pin[i])
        km = result.distance_m[i] / 1000.0
        row += [round(float(km), 1) if np.isfinite(km) else None, pins.names[p] if p >= 0 else "",
                pins.ids[p] if p >= 0 else ""]
        worst_rows.append(row)
    worst = Table(f"ตำบลที่อยู่ไกล{label_th}ที่สุด", f"Tambons farthest from a {label_en.lower()}",
                  header, worst_rows,
                  f"ระยะทางเส้นตรง (จีโอเดสิก WGS 84) จากจุดศูนย์กลางตำบลถึงหมุดที่ใกล้ที่สุด · "
                  f"straight-line (geodesic, WGS 84) distance from the tambon's centroid to the "
                  f"nearest pin · {WORST_ROWS} แถวแรก / first {WORST_ROWS} rows; access.csv: all")
    columns = ["tambon_code", "place_name", "amphoe_th", "province_th", "distance_m",
               "nearest_pin_id", "nearest_pin_name", "underserved", "access_class", "place_point"]
    at = [fields.indexFromName(n) for n in columns]
    every = Table("การเข้าถึงรายตำบล", "Access per tambon", columns + ["x", "y"],
                  [[r[j] for j in at] + [round(float(places.x[k]), 6), round(float(places.y[k]), 6)]
                   for k, r in enumerate(rows)])

    def add_page(layout):
        page = rl.new_page(layout)
        rl.text_item(layout, f"การเข้าถึง{label_th}: {where_th}", 10, 11, 15, page, bold=True)
        rl.text_item(layout, f"Access to the nearest {label_en.lower()}: {where_en}", 20, 6, 10,
                     page, color="#333333")
        rl.text_item(layout, figures, 26, 10, 8.5, page, color="#333333")
        top, height = 38.0, 115.0
        m = rl.map_item(layout, project, layers, extent, top, height, page)
        rl.text_item(layout, ATTRIBUTION + "\n" + ATTRIBUTION_TH, top + height + 0.8, 8, 6.5,
                     page, color="#333333")
        rl.legend_item(layout, m, own, top + height + 9.5, page, columns=3)
        rl.scale_bar_item(layout, m, rl.PAGE_W - rl.MARGIN - 55, top + height - 14, page)
        # the legend's size is known only once drawn: 8 classes and the pins in 3 columns take
        # four rows under the title
        y = top + height + 9.5 + LEGEND_MM
        rl.text_item(layout, worst.title_th, y, 6, 10, page, bold=True)
        rl.text_item(layout, worst.title_en + " · " + worst.note, y + 6, 9, 7, page,
                     color="#444444")
        rl.table_item(layout, worst, page, y + 15.5, None)

    return AccessSection(result, places, pins, add_page, own, worst, every, figures)


def _feature(fields, values, geom):
    f = QgsFeature(fields)
    f.setAttributes(values)
    g = QgsGeometry(geom)
    if not g.isMultipart():
        g.convertToMultiType()
    f.setGeometry(g)
    return f


def _point(fields, pin_id, x, y):
    f = QgsFeature(fields)
    f.setAttributes([pin_id])
    f.setGeometry(QgsGeometry.fromPointXY(QgsPointXY(x, y)))
    return f

