"""What a coordinator reads: findings summarised per province or amphoe, and the report's tables.

Pure Python (no Qt): the algorithms turn these tables into layers, CSV, HTML and a print layout.

A pin belongs to the unit it **declares** (its province / amphoe code, or the one its tambon code
implies; an abolished code counts for its single successor): that is the office responsible for
it, whose working copy it is in.  Only a pin with no usable declared code is placed by its location;
one with neither is counted under ``""`` (unknown).
"""
from __future__ import annotations

import csv
import html
import io
from collections import OrderedDict
from dataclasses import dataclass, field
from typing import Dict, Iterable, List, Optional, Sequence

import numpy as np

from .dopa import DopaCodes, codes
from .findings import ERROR, WARNING, Finding

UNKNOWN = ""
ATTRIBUTION = ("Boundaries: Royal Thai Survey Department / OCHA, Thailand – Subnational "
               "Administrative Boundaries (HDX COD-AB cod-ab-tha), CC BY-IGO 3.0")
ATTRIBUTION_TH = "ขอบเขตการปกครอง: กรมแผนที่ทหาร / OCHA (HDX COD-AB cod-ab-tha) สัญญาอนุญาต CC BY-IGO 3.0"


def expected_caption(mode: str) -> tuple:
    """(Thai, English) words for what completeness expected: ``หมุดสถานพยาบาลทุกตำบล`` / ``one
    health facility pin per tambon`` for ``tambon:<point type key>``, else the list of
    organisations.  The point type by its label (a key such as ``lao_office`` means nothing to a
    reader)."""
    from . import schema

    if not mode.startswith("tambon"):
        return "ตามรายชื่อหน่วยงาน", "the list of organisations"
    key = mode.split(":", 1)[1]
    th = schema.point_type_label(key, "th") or key
    en = (schema.point_type_label(key, "en") or key)
    en = en[0].lower() + en[1:] if en[:1].isupper() and en[1:2].islower() else en
    return f"หมุด{th}ทุกตำบล", f"one {en} pin per tambon"


def rule_field(rule_id: str) -> str:
    """A rule id as a field name (``location.not_in_tambon`` -> ``location_not_in_tambon``)."""
    return rule_id.replace(".", "_")


@dataclass
class FindingSummary:
    code: str
    name_th: str
    name_en: str
    pins: int = 0
    pins_with_errors: int = 0
    pins_with_warnings: int = 0     # warnings only (no error)
    errors: int = 0
    warnings: int = 0
    per_rule: "OrderedDict[str, int]" = field(default_factory=OrderedDict)

    @property
    def clean_pins(self) -> int:
        return self.pins - self.pins_with_errors - self.pins_with_warnings

    @property
    def pct_without_errors(self) -> Optional[float]:
        return round(100.0 * (self.pins - self.pins_with_errors) / self.pins, 1) if self.pins else None


def pin_units(declared: Dict[str, Sequence[Optional[str]]], located: Sequence[str],
              digits: int = 2, dopa: Optional[DopaCodes] = None) -> List[str]:
    """The unit (``digits`` 2: province, 4: amphoe) each pin is counted under.

    ``declared``: normalised declared codes per schema field (``province_code`` ... ``tambon_code``,
    None where empty or malformed); ``located``: the tambon code each pin lies in ("" if none).
    """
    d = dopa or codes()
    fields = [f for f, n in (("tambon_code", 6), ("amphoe_code", 4), ("province_code", 2))
              if n >= digits]
    n = len(located)
    out: List[str] = []
    for i in range(n):
        unit = UNKNOWN
        for f in fields:
            c = declared[f][i]
            if not c:
                continue
            if c in d.units:
                unit = c[:digits]
                break
            succ = d.replacement(c) if d.abolished(c) else ()
            if len(succ) == 1:
                unit = succ[0][:digits]
                break
        if not unit and located[i]:
            unit = located[i][:digits]
        out.append(unit)
    return out


def summarise(units: Sequence[str], findings: Iterable[Finding], rule_ids: Sequence[str],
              dopa: Optional[DopaCodes] = None,
              all_units: Iterable[str] = ()) -> "OrderedDict[str, FindingSummary]":
    """Per unit: pins, pins with errors / warnings, findings by severity and by rule.

    ``units[i]`` is the unit of pin ``i`` (a finding's ``index``).  ``all_units`` adds rows with
    no pins (a province that has not started).  Sorted by code, unknown last.
    """
    d = dopa or codes()
    table: Dict[str, FindingSummary] = {}

    def row(code: str) -> FindingSummary:
        s = table.get(code)
        if s is None:
            if code:
                s = FindingSummary(code, d.name(code, "th"), d.name(code, "en"))
            else:
                s = FindingSummary(code, "ไม่ทราบ (ไม่มีรหัสและอยู่นอกขอบเขต)",
                                   "unknown (no code, outside the boundaries)")
            s.per_rule = OrderedDict((r, 0) for r in rule_ids)
            table[code] = s
        return s

    for code in all_units:
        row(code)
    for u in units:
        row(u).pins += 1
    worst: Dict[int, str] = {}
    for f in findings:
        s = row(units[f.index])
        s.per_rule[f.rule_id] = s.per_rule.get(f.rule_id, 0) + 1
        if f.severity == ERROR:
            s.errors += 1
            worst[f.index] = ERROR
        else:
            s.warnings += 1
            worst.setdefault(f.index, WARNING)
    for i, sev in worst.items():
        s = table[units[i]]
        if sev == ERROR:
            s.pins_with_errors += 1
        else:
            s.pins_with_warnings += 1
    keys = sorted(table, key=lambda c: (c == UNKNOWN, c))
    return OrderedDict((k, table[k]) for k in keys)


def total(rows: Iterable[FindingSummary], name_th: str = "รวม", name_en: str = "Total") -> FindingSummary:
    t = FindingSummary("", name_th, name_en)
    for s in rows:
        for k in ("pins", "pins_with_errors", "pins_with_warnings", "errors", "warnings"):
            setattr(t, k, getattr(t, k) + getattr(s, k))
        for r, n in s.per_rule.items():
            t.per_rule[r] = t.per_rule.get(r, 0) + n
    return t


# -- plain tables (CSV and HTML share them) -----------------------------------------------------

@dataclass
class Table:
    title_th: str
    title_en: str
    header: List[str]
    rows: List[List[object]]
    note: str = ""


def fmt(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:.1f}"
    if isinstance(value, (int, np.integer)):
        return f"{int(value):,}"
    return str(value)


def to_csv(table: Table) -> str:
    """CSV text (UTF-8 with a BOM when written, so Excel in Thai Windows reads it)."""
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    w.writerow(table.header)
    for r in table.rows:
        w.writerow(["" if v is None else v for v in r])
    return buf.getvalue()


def write_csv(table: Table, path) -> None:
    with open(path, "w", encoding="utf-8-sig", newline="") as fh:
        fh.write(to_csv(table))


def html_table(table: Table, max_rows: Optional[int] = None) -> str:
    e = html.escape
    head = "".join(f"<th>{e(h)}</th>" for h in table.header)
    rows = table.rows if max_rows is None else table.rows[:max_rows]
    body = []
    for r in rows:
        cells = "".join(
            f'<td class="n">{e(fmt(v))}</td>' if isinstance(v, (int, float, np.integer)) and
            not isinstance(v, bool) else f"<td>{e(fmt(v))}</td>" for v in r)
        body.append(f"<tr>{cells}</tr>")
    more = ""
    if max_rows is not None and len(table.rows) > max_rows:
        more = (f'<p class="more">… และอีก {len(table.rows) - max_rows:,} แถว / and '
                f"{len(table.rows) - max_rows:,} more rows (see the CSV)</p>")
    note = f'<p class="note">{e(table.note)}</p>' if table.note else ""
    return (f"<h2>{e(table.title_th)}<br><small>{e(table.title_en)}</small></h2>{note}"
            f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>{more}")


HTML_STYLE = """
body{font-family:"Sarabun","TH Sarabun New","Garuda","Loma","Noto Sans Thai",sans-serif;margin:2em;
color:#222;max-width:1200px}
h1{font-size:1.6em;margin-bottom:.2em}h2{font-size:1.2em;margin-top:1.6em}
h2 small{font-weight:normal;color:#555}
.meta{color:#555}.figures{display:flex;flex-wrap:wrap;gap:1em;margin:1em 0}
.fig{border:1px solid #ccc;border-radius:6px;padding:.6em 1em;min-width:9em}
.fig b{display:block;font-size:1.5em}
table{border-collapse:collapse;font-size:.9em;margin:.5em 0}
th,td{border:1px solid #bbb;padding:.2em .5em;vertical-align:top}th{background:#eef}
td.n{text-align:right;font-variant-numeric:tabular-nums}
img{max-width:100%;border:1px solid #ccc}.attr{font-size:.8em;color:#444}
.more,.note{font-size:.85em;color:#555}
"""


@dataclass
class HtmlSection:
    """A section after the tables (e.g. Zero Copy): its own figures, map and tables."""

    title_th: str
    title_en: str
    note: str
    figures: Sequence[Sequence[str]]
    map_png_base64: str
    tables: Sequence[Table]


def _figures_and_map(figures, map_png_base64: str, map_caption: str) -> str:
    e = html.escape
    figs = "".join(f'<div class="fig">{e(label)}<b>{e(value)}</b></div>' for label, value in figures)
    img = (f'<figure><img alt="map" src="data:image/png;base64,{map_png_base64}">'
           f'<figcaption class="attr">{e(map_caption)}</figcaption></figure>') if map_png_base64 else ""
    return f'<div class="figures">{figs}</div>{img}'


def render_html(title_th: str, title_en: str, meta_lines: Sequence[str],
                figures: Sequence[Sequence[str]], map_png_base64: str, map_caption: str,
                tables: Sequence[Table], max_rows: int = 500,
                sections: Sequence[HtmlSection] = ()) -> str:
    """A self-contained page: inline style, the maps as data: URIs, every table."""
    e = html.escape
    meta = "".join(f'<p class="meta">{e(m)}</p>' for m in meta_lines)
    body = "".join(html_table(t, max_rows) for t in tables)
    for sec in sections:
        body += (f"<h1>{e(sec.title_th)}</h1><p><b>{e(sec.title_en)}</b></p>"
                 f'<p class="meta">{e(sec.note)}</p>'
                 + _figures_and_map(sec.figures, sec.map_png_base64, map_caption)
                 + "".join(html_table(t, max_rows) for t in sec.tables))
    return ("<!DOCTYPE html>\n<html lang=\"th\"><head><meta charset=\"utf-8\">"
            f"<title>{e(title_th)}</title><style>{HTML_STYLE}</style></head><body>"
            f"<h1>{e(title_th)}</h1><p><b>{e(title_en)}</b></p>{meta}"
            + _figures_and_map(figures, map_png_base64, map_caption) + body +
            f'<p class="attr">{e(ATTRIBUTION)}</p></body></html>\n')
