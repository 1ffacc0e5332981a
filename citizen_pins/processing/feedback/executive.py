"""The executive report on citizen feedback (``executive.pdf`` of citizen_pins:report): a QGIS
print layout, A4 portrait, Thai first, dates in the Buddhist era.

Page 1: the headline figures (responses, share satisfied and its change against the previous
period, complaints, share asked for a copy, share asked for extra payment) and the map (amphoes
or provinces graduated by share satisfied, the service points over them, small samples hatched).
Page 2: the trend by month and the complaints by category, charts drawn by matplotlib (which QGIS
ships: Debian's python3-matplotlib, OSGeo4W's and the macOS bundle's).  Page 3: the best and the
worst service points among those with enough responses, and Zero Copy in practice (declared
status against what citizens say).  SYNTHETIC data is said so on every page.
"""
from __future__ import annotations

import datetime as dt
import os
from typing import List, Optional, Sequence, Tuple

from qgis.core import (QgsFeature, QgsGeometry, QgsLayoutItemPicture, QgsLayoutPoint,
                       QgsLayoutSize, QgsPointXY, QgsPrintLayout, QgsProject, QgsRectangle)

from ...core import feedback as fb
from ...core import feedback_analysis as fa
from ...core import zero_copy as zc
from ...core.dopa import codes
from ...core.qgis_compat import STRING
from ...core.report_data import ATTRIBUTION, ATTRIBUTION_TH, Table
from ...core.thai_dates import MONTHS_TH_ABBR, buddhist_year, english_date, thai_date_long
from .. import report_layout as rl
from .feedback_summary import Result, metric_fields, metric_values
from .style import style_feedback

SHORT_TH = {"staff_conduct": "พฤติกรรมเจ้าหน้าที่", "delay": "ล่าช้า/รอนาน",
            "extra_payment": "เรียกรับเงิน", "documents": "เรียกเอกสาร/สำเนา",
            "information": "ข้อมูลไม่ชัดเจน", "unfair_treatment": "ไม่เป็นธรรม",
            "facilities": "สถานที่", "systems": "ระบบขัดข้อง", "other": "อื่น ๆ"}
TOP = 10


def month_th(ym: str) -> str:
    """``2025-03`` -> ``มี.ค. 2568``."""
    y, m = (int(x) for x in ym.split("-"))
    return f"{MONTHS_TH_ABBR[m - 1]} {buddhist_year(y)}"


def _pct(v) -> str:
    return "–" if v is None else f"{v:.1f} %"


def _font():
    from matplotlib import font_manager

    for family in rl.FONT_FAMILIES:
        try:
            path = font_manager.findfont(family, fallback_to_default=False)
            return font_manager.FontProperties(fname=path)
        except ValueError:
            continue
    return font_manager.FontProperties()


def charts(result: Result, folder: str) -> Tuple[str, str]:
    """trend.png (responses per month and share satisfied) and complaints.png (per category)."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    font = _font()
    months = result.months
    labels = [month_th(g["month"]) for g in months]
    fig, ax = plt.subplots(figsize=(7.4, 3.3), dpi=200)
    ax.bar(range(len(months)), [g["responses"] for g in months], color="#9ecae1",
           label="ผู้ตอบ / responses")
    ax.set_ylabel("ผู้ตอบ / responses", fontproperties=font)
    ax.set_xticks(range(len(months)))
    ax.set_xticklabels(labels, rotation=45, ha="right", fontproperties=font, fontsize=7)
    ax2 = ax.twinx()
    ax2.plot(range(len(months)), [g["pct_satisfied"] for g in months], color="#b2182b",
             marker="o", linewidth=2, label="% พอใจ / satisfied")
    ax2.set_ylim(0, 100)
    ax2.set_ylabel("% พอใจ (4–5) / satisfied", fontproperties=font)
    for axis in (ax, ax2):
        axis.spines["top"].set_visible(False)
    lines = ax.get_legend_handles_labels()[0] + ax2.get_legend_handles_labels()[0]
    ax.legend(lines, ["ผู้ตอบ / responses", "% พอใจ / satisfied"], prop=font,
              loc="lower center", bbox_to_anchor=(0.5, 1.0), ncol=2, frameon=False)
    fig.tight_layout()
    trend = os.path.join(folder, "trend.png")
    fig.savefig(trend)
    plt.close(fig)
    totals = (result.total or {}).get("complaints") or {}
    cats = sorted(fb.CATEGORY_KEYS, key=lambda c: totals.get(c, 0))
    fig, ax = plt.subplots(figsize=(7.4, 3.1), dpi=200)
    ax.barh(range(len(cats)), [totals.get(c, 0) for c in cats], color="#d6604d")
    ax.set_yticks(range(len(cats)))
    ax.set_yticklabels([f"{SHORT_TH[c]} / {c.replace('_', ' ')}" for c in cats],
                       fontproperties=font, fontsize=7.5)
    for i, c in enumerate(cats):
        ax.text(totals.get(c, 0), i, f" {totals.get(c, 0):,}", va="center", fontsize=7)
    ax.set_xlabel("เรื่องร้องเรียน / complaints", fontproperties=font)
    ax.spines["top"].set_visible(False)
    ax.spines["right"].set_visible(False)
    fig.tight_layout()
    complaints = os.path.join(folder, "complaints.png")
    fig.savefig(complaints)
    plt.close(fig)
    return trend, complaints


def _picture(layout, path: str, y: float, h: float, page: int) -> None:
    pic = QgsLayoutItemPicture(layout)
    pic.setPicturePath(path)
    layout.addLayoutItem(pic)
    pic.attemptMove(QgsLayoutPoint(rl.MARGIN, y, rl.MM), page=page)
    pic.attemptResize(QgsLayoutSize(rl.INNER_W, h, rl.MM))


def point_table(rows: Sequence[fa.Row], names, title_th: str, title_en: str) -> Table:
    d = codes()
    out = []
    for r in rows:
        g = r.group
        out.append([r.rank, names[r.key][0], d.name(names[r.key][1], "th"), r.responses,
                    g["pct_satisfied"], g["means"]["satisfaction"], r.change,
                    g["complaints_total"]])
    return Table(title_th, title_en, ["อันดับ rank", "จุดให้บริการ service point",
                                      "อำเภอ amphoe", "ผู้ตอบ responses", "% พอใจ satisfied",
                                      "เฉลี่ย mean (1–5)", "เปลี่ยน change (pp)",
                                      "ร้องเรียน complaints"], out)


def build(result: Result, unit_geoms, day: dt.date, folder: str,
          title: str = "") -> Tuple[QgsPrintLayout, QgsProject]:
    """The layout (and the project holding its layers: keep it until the export is done)."""
    d = codes()
    project = QgsProject()
    prov = result.province
    where_th = f"จังหวัด{d.name(prov, 'th')}" if prov else "ทั้งประเทศ"
    where_en = f"{d.name(prov, 'en')} province" if prov else "the whole country"
    synthetic = result.synthetic > 0
    mark = "ข้อมูลสังเคราะห์ (SYNTHETIC) เพื่อทดสอบและสาธิต ไม่ใช่ความคิดเห็นจริงของประชาชน · " \
           "SYNTHETIC data for tests and demonstrations, not citizens' answers" if synthetic else ""
    title_th = (title + ": " if title else "") + f"รายงานผู้บริหาร: เสียงของประชาชนต่อการให้บริการ {where_th}"
    title_en = f"Executive report: what citizens say about the service points of {where_en}"
    period_th = f"{month_th(result.first)} – {month_th(result.last)}"
    period_en = f"{result.first} to {result.last}"
    total = result.total or {"responses": 0, "pct_satisfied": None, "complaints_total": 0,
                             "asked_copy": {"pct": None}, "asked_payment": {"pct": None}}
    prev = result.previous_total
    change = None
    if prev and prev["responses"] and total["pct_satisfied"] is not None:
        change = round(total["pct_satisfied"] - prev["pct_satisfied"], 1)
    figures = [
        ("ผู้ตอบ / responses", f"{total['responses']:,}"),
        ("พอใจ / satisfied (4–5)", _pct(total["pct_satisfied"])),
        ("เทียบช่วงก่อน / vs before", "–" if change is None else f"{change:+.1f} pp"),
        ("ร้องเรียน / complaints", f"{total['complaints_total']:,}"),
        ("ถูกขอสำเนา / asked copy", _pct(total["asked_copy"]["pct"])),
        ("เรียกเงินเกิน / extra pay", _pct(total["asked_payment"]["pct"])),
    ]
    # map layers
    fields = metric_fields((("code", STRING), ("name_th", STRING)))
    unit_rows = result.amphoe_rows if prov else result.province_rows
    geoms = dict(unit_geoms)
    units = rl.memory_layer("MultiPolygon", "พื้นที่ / units", fields, [
        _feature(fields, [r.key, d.name(r.key, "th")] + metric_values(r), geoms.get(r.key))
        for r in unit_rows if r.key in geoms])
    style_feedback(units)
    points = rl.memory_layer("Point", "จุดให้บริการ / service points", fields, [
        _feature(fields, [t[0], t[1]] + metric_values(r),
                 QgsGeometry.fromPointXY(QgsPointXY(t[4], t[5])))
        for t, r in zip(result.pins, result.pin_rows) if t[4] == t[4] and t[5] == t[5]])
    style_feedback(points, 1.8 if prov else 0.9)
    for lyr in (units, points):
        project.addMapLayer(lyr)
    extent = QgsRectangle(units.extent())
    project.setCrs(rl.QgsCoordinateReferenceSystem(rl.MAP_CRS))
    layout = QgsPrintLayout(project)
    layout.initializeDefaults()
    layout.setName(title_en)
    layout.pageCollection().page(0).setPageSize("A4", rl.PORTRAIT)
    date_line = (f"ความคิดเห็นเดือน {period_th} (เทียบกับ {month_th(result.prev_first)} – "
                 f"{month_th(result.prev_last)}) · ข้อมูล ณ วันที่ {thai_date_long(day)}\n"
                 f"Responses of {period_en} (compared with {result.prev_first} to "
                 f"{result.prev_last}) · as of {english_date(day)} · ranked with at least "
                 f"{result.minimum} responses")
    rl.text_item(layout, title_th, 9, 11, 14, 0, True)
    rl.text_item(layout, title_en, 20.5, 6, 9.5, 0, color="#333333")
    rl.text_item(layout, date_line, 27, 10, 8, 0, color="#333333")
    if mark:
        rl.text_item(layout, mark, 37, 5, 7.5, 0, True, "#b00020")
    rl.figures_item(layout, figures, 43, 0)
    m = rl.map_item(layout, project, [points, units], extent, 66, 148, 0)
    rl.text_item(layout, ATTRIBUTION + "\n" + ATTRIBUTION_TH, 214.8, 8, 6.5, 0, color="#333333")
    rl.legend_item(layout, m, [units, points], 224, 0)
    rl.scale_bar_item(layout, m, rl.PAGE_W - rl.MARGIN - 55, 66 + 148 - 14, 0)
    # page 2: charts
    trend, complaints = charts(result, folder)
    page = rl.new_page(layout)
    rl.text_item(layout, "แนวโน้มรายเดือน / Trend by month", 10, 8, 12, page, True)
    rl.text_item(layout, "แท่ง: จำนวนผู้ตอบ · เส้น: ร้อยละผู้พอใจ (ตอบ 4–5 ในข้อความพึงพอใจโดยรวม) · "
                 "bars: responses · line: share satisfied", 18, 6, 7.5, page, color="#333333")
    _picture(layout, trend, 25, 115, page)
    rl.text_item(layout, "เรื่องร้องเรียนตามประเภท / Complaints by category", 146, 8, 12, page,
                 True)
    rl.text_item(layout, "ประเภทตามรายการใน docs/feedback.md · categories as in docs/feedback.md",
                 154, 6, 7.5, page, color="#333333")
    _picture(layout, complaints, 161, 108, page)
    # page 3: best and worst, Zero Copy in practice
    names = {t[0]: (t[1], t[3]) for t in result.pins}
    ranked = sorted((r for r in result.pin_rows if r.rank), key=lambda r: r.rank)
    best, worst = ranked[:TOP], list(reversed(ranked[-TOP:])) if len(ranked) > TOP else []
    page = rl.new_page(layout)
    rl.text_item(layout, f"จุดให้บริการที่ดีที่สุดและควรปรับปรุง (ผู้ตอบอย่างน้อย {result.minimum} คน)",
                 8, 8, 12, page, True)
    rl.text_item(layout, f"Best and worst service points (at least {result.minimum} responses; "
                 f"{len(ranked)} ranked, {sum(r.status == fa.NOT_ENOUGH for r in result.pin_rows)}"
                 " with too few responses are not ranked)", 16, 6, 7.5, page, color="#333333")
    rl.table_item(layout, point_table(best, names, "ดีที่สุด", "best"), page, 23, None)
    rl.text_item(layout, "ควรปรับปรุง / to improve (worst first)", 90, 6, 9, page, True)
    rl.table_item(layout, point_table(worst, names, "ควรปรับปรุง", "worst"), page, 97, None)
    declared_zc = sum(1 for s in result.declared.values() if s == zc.ZERO_COPY)
    rl.text_item(layout, "Zero Copy ในทางปฏิบัติ / Zero Copy in practice", 165, 8, 12, page, True)
    rl.text_item(layout, (
        f"จุดที่ระบุว่าไม่เรียกสำเนา {declared_zc} จุด · ขัดกับคำตอบของประชาชน "
        f"{sum(c.kind == 'asked_despite_zero_copy' for c in result.contradictions)} จุด "
        f"(ประชาชนอย่างน้อย {fa.ZERO_COPY_ASKED_MAX:.0f}% ตอบว่าถูกขอสำเนา) · "
        f"{declared_zc} points declare Zero Copy; "
        f"{sum(c.kind == 'asked_despite_zero_copy' for c in result.contradictions)} contradict "
        f"what citizens say (at least {fa.ZERO_COPY_ASKED_MAX:.0f} % asked for a copy)"),
        173, 10, 7.5, page, color="#333333")
    short = {zc.ZERO_COPY: "ไม่เรียกสำเนา / Zero Copy",
             zc.COPIES_DEMANDED: "เรียกสำเนาทุกงาน / all demand"}
    crow = [[names.get(c.pin_id, ("", ""))[0], short.get(c.declared, c.declared),
             f"{c.asked:,}/{c.answered:,}", c.pct_asked,
             "ถูกขอสำเนาทั้งที่ระบุว่าไม่เรียก / asked despite Zero Copy"
             if c.kind == "asked_despite_zero_copy" else
             "ข้อมูลงานบริการอาจไม่เป็นปัจจุบัน / record may be outdated"]
            for c in result.contradictions[:8]]
    ctable = Table("", "", ["จุดให้บริการ service point", "สถานะที่ระบุ declared",
                            "ถูกขอ/ตอบ asked/answered", "% ถูกขอสำเนา asked", "ข้อสังเกต finding"],
                   crow)
    if not crow:
        ctable.rows = [["ไม่พบจุดที่ขัดแย้ง / no contradiction found", "", "", None, ""]]
    elif len(result.contradictions) > len(crow):
        rl.text_item(layout, f"แสดง {len(crow)} จุดแรกจาก {len(result.contradictions)} จุด "
                     f"(ทั้งหมดอยู่ใน contradictions.csv ของ citizen_pins:feedback_summary) · first "
                     f"{len(crow)} of {len(result.contradictions)}", 179, 5, 7, page,
                     color="#aa0000")
    rl.table_item(layout, ctable, page, 185, None)
    n = layout.pageCollection().pageCount()
    footer = f"{title_th} · {thai_date_long(day, 'arabic')} · citizen_pins"
    for p in range(n):
        rl.text_item_at(layout, footer + (" · SYNTHETIC" if synthetic else ""), rl.MARGIN,
                        rl.PAGE_H - 9, rl.INNER_W - 30, 5, 7, p, color="#555555")
        rl.text_item_at(layout, f"หน้า {p + 1}/{n}", rl.PAGE_W - rl.MARGIN - 30, rl.PAGE_H - 9,
                        30, 5, 7, p, color="#555555", halign=rl.RIGHT)
    return layout, project


def _feature(fields, values: List, geom: Optional[QgsGeometry]) -> QgsFeature:
    f = QgsFeature(fields)
    f.setAttributes(values)
    if geom is not None:
        f.setGeometry(geom)
    return f
