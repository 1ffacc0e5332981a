"""The coordinator report as a QGIS print layout (A4 portrait): a map page, then table pages.

Page 1: title, date in the Buddhist era, key figures, the map (completeness choropleth, unit
outlines, pins coloured by their worst finding), legend, scale bar and the boundary attribution
right under the map.  Then one table per section, continued on as many pages as it needs (text
wraps, never truncated).  Every page has a footer with the report's title, date and page number.

QGIS core classes only (no GUI): runs in qgis_process and in a Processing task alike.  Works on
QGIS 3.22 (fonts on items) and later versions (QgsTextFormat), through the small shims below.
"""
from __future__ import annotations

import base64
from dataclasses import dataclass, field
from typing import Callable, List, Optional, Sequence, Tuple

from qgis.core import (QgsCoordinateReferenceSystem, QgsFeature, QgsFeatureRequest, QgsFillSymbol,
                       QgsGeometry, QgsLayoutExporter, QgsLayoutFrame, QgsLayoutItemLabel,
                       QgsLayoutItemLegend, QgsLayoutItemManualTable, QgsLayoutItemMap,
                       QgsLayoutItemPage, QgsLayoutItemScaleBar, QgsLayoutPoint, QgsLayoutSize,
                       QgsLayoutTableColumn, QgsMapRendererSequentialJob, QgsMapSettings,
                       QgsMarkerSymbol, QgsPalLayerSettings, QgsPrintLayout, QgsProject,
                       QgsRectangle, QgsRuleBasedRenderer, QgsTableCell, QgsTextFormat,
                       QgsVectorLayer, QgsVectorLayerSimpleLabeling)
from qgis.PyQt.QtCore import QBuffer, QByteArray, QIODevice, QSize, Qt
from qgis.PyQt.QtGui import QColor, QFont, QImage

from ..core import qgis_compat as qc
from ..core.report_data import ATTRIBUTION, ATTRIBUTION_TH, Table, fmt


MM, POINTS, KM = qc.LAYOUT_MM, qc.RENDER_POINTS, qc.DISTANCE_KM
PORTRAIT = qc.enum_value("QgsLayoutItemPage.Orientation.Portrait")
WRAP = qc.enum_value("QgsLayoutTable.WrapBehavior.WrapText")
REPEAT = qc.enum_value("QgsLayoutMultiFrame.ResizeMode.RepeatUntilFinished")
LEGEND_TITLE, LEGEND_GROUP = qc.LEGEND_TITLE, qc.LEGEND_GROUP
LEGEND_SUBGROUP, LEGEND_SYMBOL_LABEL = qc.LEGEND_SUBGROUP, qc.LEGEND_SYMBOL_LABEL
EXPORT_OK = qc.enum_value("QgsLayoutExporter.ExportResult.Success")
TEXT_AS_TEXT = qc.TEXT_ALWAYS_TEXT
LEFT, RIGHT, HCENTER, TOP = (Qt.AlignmentFlag.AlignLeft, Qt.AlignmentFlag.AlignRight,
                             Qt.AlignmentFlag.AlignHCenter, Qt.AlignmentFlag.AlignTop)

#: Thai-capable fonts (fonts-thai-tlwg on Linux; Tahoma / Leelawadee on Windows), first found wins.
FONT_FAMILIES = ("Loma", "Garuda", "Tahoma", "Leelawadee UI", "Noto Sans Thai", "Sawasdee")
MAP_CRS = "EPSG:32647"  # UTM 47N: metres for the scale bar, Thailand's usual projection

PAGE_W, PAGE_H, MARGIN = 210.0, 297.0, 12.0
INNER_W = PAGE_W - 2 * MARGIN

#: Completeness classes: (label, expression, fill colour)
CHOROPLETH = (
    ("100 % ครบ / complete", '"pct_complete" = 100', "#1a9641"),
    ("80–99 %", '"pct_complete" >= 80 AND "pct_complete" < 100', "#a6d96a"),
    ("50–79 %", '"pct_complete" >= 50 AND "pct_complete" < 80', "#ffffbf"),
    ("1–49 %", '"pct_complete" > 0 AND "pct_complete" < 50', "#fdae61"),
    ("0 % ยังไม่มี / none", '"pct_complete" = 0', "#d7191c"),
    ("ไม่มีรายการ / nothing expected", '"pct_complete" IS NULL', "#e6e6e6"),
)
PIN_CLASSES = (  # (label, value of "worst", colour, size mm)
    ("หมุดไม่มีปัญหา / pin without findings", "ok", "#1f4e9c", 0.9),
    ("หมุดมีคำเตือน / pin with warnings", "warning", "#ff8c00", 1.3),
    ("หมุดมีข้อผิดพลาด / pin with errors", "error", "#c00000", 1.6),
)


def font_family() -> str:
    from qgis.PyQt.QtGui import QFontDatabase

    families = set(QFontDatabase().families())
    for f in FONT_FAMILIES:
        if f in families:
            return f
    return QFont().family()


def text_format(size: float, bold: bool = False, color: str = "#000000") -> QgsTextFormat:
    f = QFont(font_family())
    f.setBold(bold)
    f.setPointSizeF(size)
    t = QgsTextFormat()
    t.setFont(f)
    t.setSize(size)
    t.setSizeUnit(POINTS)
    t.setColor(QColor(color))
    return t


def _set_label_format(label: QgsLayoutItemLabel, size: float, bold: bool, color: str) -> None:
    if hasattr(label, "setTextFormat"):  # QGIS 3.24+
        label.setTextFormat(text_format(size, bold, color))
    else:
        f = QFont(font_family())
        f.setPointSizeF(size)
        f.setBold(bold)
        label.setFont(f)
        label.setFontColor(QColor(color))


def _set_style_format(style, size: float, bold: bool = False) -> None:
    if hasattr(style, "setTextFormat"):  # QGIS 3.30+
        style.setTextFormat(text_format(size, bold))
    else:
        f = QFont(font_family())
        f.setPointSizeF(size)
        f.setBold(bold)
        style.setFont(f)


# -- layers -------------------------------------------------------------------------------------

def memory_layer(geometry: str, name: str, fields, features) -> QgsVectorLayer:
    layer = QgsVectorLayer(f"{geometry}?crs=EPSG:4326", name, "memory")
    layer.dataProvider().addAttributes(fields.toList())
    layer.updateFields()
    layer.dataProvider().addFeatures(list(features))
    layer.updateExtents()
    return layer


def style_choropleth(layer: QgsVectorLayer, outline: str = "#7f7f7f", width: float = 0.08) -> None:
    root = QgsRuleBasedRenderer.Rule(None)
    for label, expr, colour in CHOROPLETH:
        sym = QgsFillSymbol.createSimple({"color": colour, "outline_color": outline,
                                          "outline_width": str(width), "outline_width_unit": "MM"})
        root.appendChild(QgsRuleBasedRenderer.Rule(sym, 0, 0, expr, label))
    layer.setRenderer(QgsRuleBasedRenderer(root))


def style_outline(layer: QgsVectorLayer, width: float = 0.35, label_field: str = "",
                  label_size: float = 6.5) -> None:
    sym = QgsFillSymbol.createSimple({"style": "no", "outline_color": "#333333",
                                      "outline_width": str(width), "outline_width_unit": "MM"})
    from qgis.core import QgsSingleSymbolRenderer

    layer.setRenderer(QgsSingleSymbolRenderer(sym))
    if label_field:
        s = QgsPalLayerSettings()
        s.fieldName = label_field
        fmt_ = text_format(label_size, False, "#222222")
        from qgis.core import QgsTextBufferSettings

        buf = QgsTextBufferSettings()
        buf.setEnabled(True)
        buf.setSize(0.6)
        buf.setColor(QColor(255, 255, 255, 200))
        fmt_.setBuffer(buf)
        s.setFormat(fmt_)
        s.placement = qc.LABEL_OVER_POINT
        layer.setLabeling(QgsVectorLayerSimpleLabeling(s))
        layer.setLabelsEnabled(True)


def style_pins(layer: QgsVectorLayer, scale: float = 1.0) -> None:
    root = QgsRuleBasedRenderer.Rule(None)
    present = {f["worst"] for f in layer.getFeatures()}
    for label, value, colour, size in PIN_CLASSES:
        if value not in present and value == "ok":
            continue
        size *= scale
        sym = QgsMarkerSymbol.createSimple({"name": "circle", "color": colour, "size": str(size),
                                            "size_unit": "MM", "outline_color": "#ffffff",
                                            "outline_width": "0.1"})
        root.appendChild(QgsRuleBasedRenderer.Rule(sym, 0, 0, f"\"worst\" = '{value}'", label))
    renderer = QgsRuleBasedRenderer(root)
    # errors drawn last, on top
    renderer.setOrderBy(QgsFeatureRequest.OrderBy([QgsFeatureRequest.OrderByClause('"rank"', True)]))
    renderer.setOrderByEnabled(True)
    layer.setRenderer(renderer)


# -- the layout ---------------------------------------------------------------------------------

@dataclass
class ReportSpec:
    title_th: str
    title_en: str
    date_line: str
    figures: Sequence[Tuple[str, str]]           # (label, value) for the key-figure box
    map_layers: Sequence[QgsVectorLayer]         # top first
    extent: QgsRectangle                         # in EPSG:4326
    tables: Sequence[Table]
    footer: str
    #: Layers not listed in the legend (e.g. outlines).
    legend_skip: Sequence[QgsVectorLayer] = field(default_factory=list)
    max_rows: Optional[int] = None               # rows per table in the PDF (None: all)
    #: Further sections, each ``add(layout)`` adding its own pages after the tables (the access
    #: page of citizen_pins:report, issue 20); footers and page numbers cover them.
    extra_pages: Sequence[Callable] = field(default_factory=list)
    #: Sections after the tables, each a map page and tables of its own (e.g. Zero Copy).
    sections: Sequence["MapSection"] = field(default_factory=list)


@dataclass
class MapSection:
    title_th: str
    title_en: str
    note: str
    figures: Sequence[Tuple[str, str]]
    map_layers: Sequence[QgsVectorLayer]         # top first
    extent: QgsRectangle                         # in EPSG:4326
    tables: Sequence[Table]
    legend_skip: Sequence[QgsVectorLayer] = field(default_factory=list)


def _label(layout, text, x, y, w, h, size, bold=False, page=0, color="#000000",
           halign=LEFT) -> QgsLayoutItemLabel:
    item = QgsLayoutItemLabel(layout)
    item.setText(text)
    _set_label_format(item, size, bold, color)
    item.setHAlign(halign)
    item.setVAlign(TOP)
    item.setMarginX(0.5)
    item.setMarginY(0.3)
    layout.addLayoutItem(item)
    item.attemptMove(QgsLayoutPoint(x, y, MM), page=page)
    item.attemptResize(QgsLayoutSize(w, h, MM))
    return item


def _add_page(layout) -> int:
    page = QgsLayoutItemPage(layout)
    page.setPageSize("A4", PORTRAIT)
    layout.pageCollection().addPage(page)
    return layout.pageCollection().pageCount() - 1


def _table(layout, table: Table, page: int, y: float, max_rows: Optional[int]) -> None:
    """A manual table from (page, y), continued on new pages until every row is shown."""
    t = QgsLayoutItemManualTable.create(layout)
    layout.addMultiFrame(t)
    rows = table.rows if max_rows is None else table.rows[:max_rows]
    contents = []
    for r in rows:
        cells = []
        for v in r:
            c = QgsTableCell(fmt(v))
            if isinstance(v, (int, float)) and not isinstance(v, bool):
                c.setHorizontalAlignment(RIGHT)
            cells.append(c)
        contents.append(cells)
    t.setTableContents(contents)
    widths = _column_widths(table)
    cols = []
    for h, w in zip(table.header, widths):
        col = QgsLayoutTableColumn(h)
        col.setWidth(w)
        cols.append(col)
    t.setHeaders(cols)
    t.setColumnWidths(widths)
    t.setIncludeTableHeader(True)
    t.setHeaderTextFormat(text_format(7.5, True))
    t.setContentTextFormat(text_format(7.5))
    t.setWrapBehavior(WRAP)
    t.setCellMargin(0.8)
    t.setGridStrokeWidth(0.15)
    t.setGridColor(QColor("#999999"))
    t.setBackgroundColor(QColor("#ffffff"))
    t.setResizeMode(REPEAT)
    frame = QgsLayoutFrame(layout, t)
    frame.attemptResize(QgsLayoutSize(INNER_W, PAGE_H - y - 16, MM))
    frame.attemptMove(QgsLayoutPoint(MARGIN, y, MM), page=page)
    t.addFrame(frame)
    t.recalculateFrameSizes()


_THAI_MARKS = {0x0E31, *range(0x0E34, 0x0E3B), *range(0x0E47, 0x0E4F)}


def _visual_len(text: str) -> float:
    """Roughly how wide a text is, in average Latin characters: Thai vowel and tone marks sit
    above or below their consonant (no width); Thai letters are a little wider than Latin ones."""
    n = 0.0
    for c in text:
        o = ord(c)
        if o in _THAI_MARKS:
            continue
        n += 1.2 if 0x0E00 <= o <= 0x0E7F else 1.0
    return n


def _column_widths(table: Table) -> List[float]:
    """Widths in mm.  Thai is written without spaces between words, so a cell wraps only where
    the text has spaces: a column must fit its longest unbroken run of text (names, rule ids),
    while a header wraps word by word."""
    n = len(table.header)
    weights = []
    for k in range(n):
        # a short cell of a few words stays on one line (a severity "ข้อผิดพลาด error"); a long
        # one wraps at its spaces
        runs = [_visual_len(t) if _visual_len(t) <= 18 else max(_visual_len(w) for w in t.split())
                for r in table.rows[:300] if k < len(r) for t in [fmt(r[k])] if t.strip()]
        head = [_visual_len(w) for w in str(table.header[k]).split()]
        longest = max(runs + head + [3])
        weights.append(min(longest, 45) + 1)
    total = float(sum(weights)) or 1.0
    # cell margins and grid lines are outside the column widths: leave them room
    usable = INNER_W - n * (2 * 0.8 + 0.15) - 1.0
    return [usable * w / total for w in weights]


def build_layout(project: QgsProject, spec: ReportSpec) -> QgsPrintLayout:
    # a project without a CRS leaves the map item without a scale (empty map, "0" scale bar)
    project.setCrs(QgsCoordinateReferenceSystem(MAP_CRS))
    layout = QgsPrintLayout(project)
    layout.initializeDefaults()  # one A4 page
    layout.setName(spec.title_en)
    page0 = layout.pageCollection().page(0)
    page0.setPageSize("A4", PORTRAIT)

    _label(layout, spec.title_th, MARGIN, 9, INNER_W, 11, 15, True)
    _label(layout, spec.title_en, MARGIN, 20, INNER_W, 6, 10, False, color="#333333")
    _label(layout, spec.date_line, MARGIN, 26, INNER_W, 10, 8.5, False, color="#333333")
    _figures(layout, spec.figures, 37)
    _map_block(layout, project, spec.map_layers, spec.extent, spec.legend_skip, 60.0, 168.0)

    # tables, each from a new page
    for table in spec.tables:
        _table_page(layout, table, spec.max_rows)
    # sections of their own (a map page and its tables), e.g. Zero Copy
    for section in spec.sections:
        page = _new_page(layout)
        _label(layout, section.title_th, MARGIN, 9, INNER_W, 9, 13, True, page=page)
        _label(layout, section.title_en, MARGIN, 18, INNER_W, 6, 10, False, color="#333333",
               page=page)
        _label(layout, section.note, MARGIN, 24.5, INNER_W, 12, 7.5, False, color="#333333",
               page=page)
        _figures(layout, section.figures, 37, page)
        _map_block(layout, project, section.map_layers, section.extent, section.legend_skip,
                   60.0, 168.0, page)
        for table in section.tables:
            _table_page(layout, table, spec.max_rows)
    # further pages their sections add themselves (the access page)
    for add in spec.extra_pages:
        add(layout)

    n = layout.pageCollection().pageCount()
    for p in range(n):
        _label(layout, spec.footer, MARGIN, PAGE_H - 9, INNER_W - 30, 5, 7, page=p, color="#555555")
        _label(layout, f"หน้า {p + 1}/{n}", PAGE_W - MARGIN - 30, PAGE_H - 9, 30, 5, 7, page=p,
               color="#555555", halign=RIGHT)
    return layout


def _new_page(layout) -> int:
    layout.pageCollection().beginPageSizeChange()
    page = _add_page(layout)
    layout.pageCollection().endPageSizeChange()
    return page


def _figures(layout, figures: Sequence[Tuple[str, str]], y: float, page: int = 0) -> None:
    """Key figures: one row of boxes (label over value) as a small table."""
    fig = Table("", "", [f[0] for f in figures], [[f[1] for f in figures]])
    kt = QgsLayoutItemManualTable.create(layout)
    layout.addMultiFrame(kt)
    kt.setTableContents([[QgsTableCell(v) for v in fig.rows[0]]])
    heads = []
    for h in fig.header:
        c = QgsLayoutTableColumn(h)
        c.setWidth(INNER_W / len(fig.header) - 1.8)
        c.setHAlignment(HCENTER)
        heads.append(c)
    kt.setHeaders(heads)
    kt.setColumnWidths([INNER_W / len(fig.header) - 1.8] * len(fig.header))
    kt.setIncludeTableHeader(True)
    kt.setHeaderTextFormat(text_format(7.5, False, "#333333"))
    kt.setContentTextFormat(text_format(12, True))
    kt.setWrapBehavior(WRAP)
    kt.setCellMargin(0.8)
    kt.setGridStrokeWidth(0.2)
    kt.setGridColor(QColor("#999999"))
    kf = QgsLayoutFrame(layout, kt)
    kf.attemptMove(QgsLayoutPoint(MARGIN, y, MM), page=page)
    kf.attemptResize(QgsLayoutSize(INNER_W, 21, MM))
    kt.addFrame(kf)


def _map_block(layout, project, layers, extent, legend_skip, map_top: float, map_h: float,
               page: int = 0) -> None:
    """The map (in UTM 47N), the boundary attribution right under it, its legend and a scale bar."""
    m = QgsLayoutItemMap(layout)
    m.setCrs(QgsCoordinateReferenceSystem(MAP_CRS))
    m.setLayers(list(layers))
    m.setKeepLayerSet(True)
    m.setFrameEnabled(True)
    m.setFrameStrokeWidth(QgsLayoutMeasurementMM(0.3))
    m.setBackgroundColor(QColor("#f4f8fb"))
    layout.addLayoutItem(m)
    m.attemptMove(QgsLayoutPoint(MARGIN, map_top, MM), page=page)
    m.attemptResize(QgsLayoutSize(INNER_W, map_h, MM))
    target = _to_map_crs(project, extent)
    # zoomToExtent keeps the current extent's ratio, so it needs one first; setExtent resizes the
    # item to the extent's shape, so the size is set again before zooming
    m.setExtent(target)
    m.attemptMove(QgsLayoutPoint(MARGIN, map_top, MM), page=page)
    m.attemptResize(QgsLayoutSize(INNER_W, map_h, MM))
    m.zoomToExtent(target)
    m.setScale(m.scale() * 1.04)  # a little air around the units

    attr_y = map_top + map_h + 0.8
    _label(layout, ATTRIBUTION + "\n" + ATTRIBUTION_TH, MARGIN, attr_y, INNER_W, 8, 6.5,
           color="#333333", page=page)

    legend = QgsLayoutItemLegend(layout)
    legend.setLinkedMap(m)
    legend.setTitle("คำอธิบายสัญลักษณ์ / Legend")
    legend.setAutoUpdateModel(False)
    root = legend.model().rootGroup()
    shown = {layer.id() for layer in layers} - {layer.id() for layer in legend_skip}
    for node in root.findLayers():  # only this map's layers (a project may hold other maps')
        if node.layerId() not in shown:
            node.parent().removeChildNode(node)
    for s, size, bold in ((LEGEND_TITLE, 8.5, True), (LEGEND_GROUP, 7.5, True),
                          (LEGEND_SUBGROUP, 7.5, True), (LEGEND_SYMBOL_LABEL, 7, False)):
        _set_style_format(legend.rstyle(s), size, bold)
    legend.setSymbolHeight(3.2)
    legend.setSymbolWidth(5)
    legend.setColumnCount(2)
    legend.setSplitLayer(True)
    legend.setEqualColumnWidth(False)
    layout.addLayoutItem(legend)
    legend.attemptMove(QgsLayoutPoint(MARGIN, attr_y + 9, MM), page=page)
    legend.adjustBoxSize()

    bar = QgsLayoutItemScaleBar(layout)
    bar.setStyle("Single Box")
    bar.setLinkedMap(m)
    bar.setUnits(KM)
    bar.setNumberOfSegments(2)
    bar.setNumberOfSegmentsLeft(0)
    bar.applyDefaultSize(KM)
    bar.setUnitLabel("กม. / km")
    if hasattr(bar, "setTextFormat"):
        bar.setTextFormat(text_format(7))
    else:
        f = QFont(font_family())
        f.setPointSizeF(7)
        bar.setFont(f)
    bar.setBoxContentSpace(1.5)
    layout.addLayoutItem(bar)
    bar.attemptMove(QgsLayoutPoint(PAGE_W - MARGIN - 55, map_top + map_h - 14, MM), page=page)
    bar.setBackgroundEnabled(True)
    bar.setBackgroundColor(QColor(255, 255, 255, 220))
    bar.refreshItemSize()


def _table_page(layout, table: Table, max_rows: Optional[int]) -> None:
    """One table from a new page: its titles, note, and as many pages as its rows need."""
    page = _new_page(layout)
    _label(layout, table.title_th, MARGIN, 10, INNER_W, 7, 11, True, page=page)
    top = 17.5
    _label(layout, table.title_en, MARGIN, top, INNER_W, 5, 8.5, color="#333333", page=page)
    top += 6
    rows = table.rows
    if table.note:
        _label(layout, table.note, MARGIN, top, INNER_W, 9, 7, color="#444444", page=page)
        top += 9.5
    if max_rows is not None and len(rows) > max_rows:
        more = len(rows) - max_rows
        _label(layout, f"แสดง {max_rows:,} แถวแรก อีก {more:,} แถวอยู่ในไฟล์ CSV / first "
                       f"{max_rows:,} rows shown, {more:,} more in the CSV",
               MARGIN, top, INNER_W, 5, 7, color="#aa0000", page=page)
        top += 5.5
    _table(layout, table, page, top, max_rows)


def QgsLayoutMeasurementMM(value):  # noqa: N802
    from qgis.core import QgsLayoutMeasurement

    return QgsLayoutMeasurement(value, MM)


def _to_map_crs(project, rect: QgsRectangle) -> QgsRectangle:
    from qgis.core import QgsCoordinateTransform

    t = QgsCoordinateTransform(QgsCoordinateReferenceSystem("EPSG:4326"),
                               QgsCoordinateReferenceSystem(MAP_CRS), project)
    return t.transformBoundingBox(rect)


def export_pdf(layout: QgsPrintLayout, path: str) -> None:
    exporter = QgsLayoutExporter(layout)
    settings = QgsLayoutExporter.PdfExportSettings()
    settings.dpi = 200
    settings.rasterizeWholeImage = False
    settings.forceVectorOutput = False
    # real text, not outlines: searchable, copyable, 20x smaller (QGIS 3.40+ labels honour it)
    settings.textRenderFormat = TEXT_AS_TEXT
    result = exporter.exportToPdf(path, settings)
    if result != EXPORT_OK:
        raise OSError(f"PDF export failed ({result}): {exporter.errorFile() or path}")


def map_png_base64(layers: Sequence[QgsVectorLayer], extent: QgsRectangle, project,
                   width_px: int = 1400) -> str:
    """The map alone as a PNG, base64 (for the self-contained HTML page)."""
    settings = QgsMapSettings()
    settings.setLayers(list(layers))
    settings.setDestinationCrs(QgsCoordinateReferenceSystem(MAP_CRS))
    rect = _to_map_crs(project, extent)
    rect.scale(1.04)
    ratio = rect.height() / rect.width() if rect.width() else 1.0
    settings.setOutputSize(QSize(width_px, max(200, int(width_px * ratio))))
    settings.setExtent(rect)
    settings.setBackgroundColor(QColor("#f4f8fb"))
    settings.setOutputDpi(150)
    settings.setTransformContext(project.transformContext())
    job = QgsMapRendererSequentialJob(settings)
    job.start()
    job.waitForFinished()
    img: QImage = job.renderedImage()
    data = QByteArray()
    buf = QBuffer(data)
    buf.open(QIODevice.OpenModeFlag.WriteOnly)
    img.save(buf, "PNG")
    buf.close()
    return base64.b64encode(bytes(data)).decode("ascii")


def unit_features(fields, rows: Sequence[Tuple[List[object], QgsGeometry]]):
    for values, geom in rows:
        f = QgsFeature(fields)
        f.setAttributes(values)
        f.setGeometry(geom)
        yield f


# -- blocks for the further sections' pages (ReportSpec.extra_pages) ------------------------------

def new_page(layout) -> int:
    """A new A4 page at the end of the layout; its index."""
    layout.pageCollection().beginPageSizeChange()
    page = _add_page(layout)
    layout.pageCollection().endPageSizeChange()
    return page


def map_item(layout, project, layers, extent: QgsRectangle, y: float, height: float,
             page: int) -> QgsLayoutItemMap:
    """A framed map of ``layers`` (top first) across the page at ``y``, zoomed to ``extent``
    (EPSG:4326) in UTM 47N."""
    m = QgsLayoutItemMap(layout)
    m.setCrs(QgsCoordinateReferenceSystem(MAP_CRS))
    m.setLayers(list(layers))
    m.setKeepLayerSet(True)
    m.setFrameEnabled(True)
    m.setFrameStrokeWidth(QgsLayoutMeasurementMM(0.3))
    m.setBackgroundColor(QColor("#f4f8fb"))
    layout.addLayoutItem(m)
    target = _to_map_crs(project, extent)
    m.attemptMove(QgsLayoutPoint(MARGIN, y, MM), page=page)
    m.attemptResize(QgsLayoutSize(INNER_W, height, MM))
    m.setExtent(target)  # resizes the item to the extent's shape: size it again, then zoom
    m.attemptMove(QgsLayoutPoint(MARGIN, y, MM), page=page)
    m.attemptResize(QgsLayoutSize(INNER_W, height, MM))
    m.zoomToExtent(target)
    m.setScale(m.scale() * 1.04)
    return m


def scale_bar_item(layout, linked_map, x: float, y: float, page: int) -> QgsLayoutItemScaleBar:
    """A kilometre scale bar of ``linked_map`` on a white box at (x, y)."""
    bar = QgsLayoutItemScaleBar(layout)
    bar.setStyle("Single Box")
    bar.setLinkedMap(linked_map)
    bar.setUnits(KM)
    bar.setNumberOfSegments(2)
    bar.setNumberOfSegmentsLeft(0)
    bar.applyDefaultSize(KM)
    bar.setUnitLabel("กม. / km")
    if hasattr(bar, "setTextFormat"):
        bar.setTextFormat(text_format(7))
    else:
        bar.setFont(QFont(font_family(), 7))
    bar.setBackgroundEnabled(True)
    bar.setBackgroundColor(QColor(255, 255, 255, 220))
    layout.addLayoutItem(bar)
    bar.attemptMove(QgsLayoutPoint(x, y, MM), page=page)
    bar.refreshItemSize()
    return bar


def legend_item(layout, linked_map, keep: Sequence[QgsVectorLayer], y: float, page: int,
                columns: int = 2) -> QgsLayoutItemLegend:
    """The bilingual legend of the layers ``keep`` (of the project's layers), at ``y``."""
    legend = QgsLayoutItemLegend(layout)
    legend.setLinkedMap(linked_map)
    legend.setTitle("คำอธิบายสัญลักษณ์ / Legend")
    legend.setAutoUpdateModel(False)
    root = legend.model().rootGroup()
    wanted = {layer.id() for layer in keep}
    for node in list(root.findLayers()):
        if node.layerId() not in wanted:
            root.removeChildNode(node)
    for s, size, bold in ((LEGEND_TITLE, 8.5, True), (LEGEND_GROUP, 7.5, True),
                          (LEGEND_SUBGROUP, 7.5, True), (LEGEND_SYMBOL_LABEL, 7, False)):
        _set_style_format(legend.rstyle(s), size, bold)
    legend.setSymbolHeight(3.2)
    legend.setSymbolWidth(5)
    legend.setColumnCount(columns)
    legend.setSplitLayer(True)
    layout.addLayoutItem(legend)
    legend.attemptMove(QgsLayoutPoint(MARGIN, y, MM), page=page)
    legend.adjustBoxSize()
    return legend


def text_item(layout, text: str, y: float, height: float, size: float, page: int,
              bold: bool = False, color: str = "#000000") -> QgsLayoutItemLabel:
    """A label across the page (the module's own, for other sections' pages)."""
    return _label(layout, text, MARGIN, y, INNER_W, height, size, bold, page=page, color=color)


def table_item(layout, table: Table, page: int, y: float, max_rows: Optional[int]) -> None:
    """A table from (page, y), continued on new pages until its rows (at most ``max_rows``) are
    all shown."""
    _table(layout, table, page, y, max_rows)


def text_item_at(layout, text: str, x: float, y: float, w: float, h: float, size: float,
                 page: int, bold: bool = False, color: str = "#000000",
                 halign=LEFT) -> QgsLayoutItemLabel:
    """A label anywhere on a page (posters, the executive report)."""
    return _label(layout, text, x, y, w, h, size, bold, page=page, color=color, halign=halign)


def figures_item(layout, figures: Sequence[Tuple[str, str]], y: float, page: int) -> None:
    """The key-figure boxes (label over value) across the page at ``y``."""
    _figures(layout, figures, y, page)
