"""A grid's rows (CSV, sheets) converted column by column: the same outcomes as
:meth:`RowConverter.convert` row by row, at a fraction of the cost.

The cells of each mapped column are taken out once.  Plain decimal latitudes and longitudes
(``13.7563``: nine rows in ten of a real list) are recognised by the converter's own pattern and
read with one ``float`` each; a row whose pair lands in Thailand needs no location repair.  Text
cells are cleaned column by column, codes and point types once per distinct set of cells (the
converter's memos).  Every other row -- a repaired or refused location, an empty or ragged row,
a UTM zone -- goes through :meth:`RowConverter.convert` as before, so each repair, warning and
refusal is worded as it always was.
"""
from __future__ import annotations

from itertools import zip_longest
from typing import List, Optional

from .coords import LAT_MAX, LAT_MIN, LON_MAX, LON_MIN, _PLAIN
from .rows import IMPORTED, REFUSED, REPAIRED, RowConverter, RowOutcome, _missing
from .source import GridRecords
from .text import thai_to_ascii_digits


class _Columns:
    """The grid's cells column by column (rows transposed once; short rows padded with None)."""

    def __init__(self, rows: list, blank_is_null: bool):
        self.count = len(rows)
        self.cols = list(zip_longest(*rows)) if rows else []
        self.null = blank_is_null
        self._done: dict = {}

    def __call__(self, i: Optional[int]) -> list:
        if i is None or i >= len(self.cols):
            return [None] * self.count
        got = self._done.get(i)
        if got is None:
            col = self.cols[i]
            got = self._done[i] = [v or None for v in col] if self.null else list(col)
        return got


def convert_records(conv: RowConverter, grid: GridRecords) -> List[RowOutcome]:
    """Every row of ``grid`` converted, in order (the outcome of ``conv.convert`` for each)."""
    numbers = [r[0] for r in grid.rows]
    rows = [r[1] for r in grid.rows]
    n = grid.width
    null = grid.blank_is_null
    count = len(rows)
    zone_const = "utm_zone" in conv.const
    if "lat" not in conv.col or "lon" not in conv.col or zone_const or count == 0:
        return [conv.convert(grid.row(k)) for k in range(count)]

    column = _Columns(rows, null)
    lat = column(conv.col["lat"])
    lon = column(conv.col["lon"])
    zone = column(conv.col.get("utm_zone"))
    match = _PLAIN.match
    fast = [False] * count
    points = [None] * count
    for k, (a, b) in enumerate(zip(lat, lon)):
        # what coords.locate does with two plain decimals and no zone, without a repair
        if a is None or b is None or not match(a) or not match(b):
            continue
        y, x = float(a), float(b)
        if LAT_MIN <= y <= LAT_MAX and LON_MIN <= x <= LON_MAX:
            points[k] = (y, x)
            fast[k] = True
    # (a plain latitude is not a blank cell, so none of these rows is empty)
    for k, row in enumerate(rows):
        if fast[k] and ((zone[k] is not None and zone[k].strip()) or len(row) > n and any(
                v is not None and str(v).strip() for v in row[n:])):
            fast[k] = False  # a zone to check, values beyond the header: row by row

    targets = list(conv.col)
    index = [conv.col[t] for t in targets]
    mapped = [column(i) for i in index]
    key_col = column(conv.key_col) if conv.key_col is not None else None
    texts = {}
    for name in conv.text_fields:
        cells = mapped[targets.index(name)] if name in conv.col else [None] * count
        value = conv.text_value
        texts[name] = [value(name, v) if fast[k] else None for k, v in enumerate(cells)]
    text_fields = list(texts)
    text_cols = [texts[t] for t in text_fields]
    code_keys = list(zip(*[column(conv.col[t]) for t in conv.code_inputs])) or [()] * count
    by_row = list(zip(*mapped)) or [()] * count
    type_col = column(conv.col.get("point_type"))
    del column

    out: List[RowOutcome] = []
    for k in range(count):
        if not fast[k]:
            out.append(conv.convert(grid.row(k)))
            continue
        o = RowOutcome(conv.table, numbers[k], IMPORTED)
        cells = by_row[k]
        o.raw = (dict(zip(targets, cells)) if None not in cells
                 else {t: v for t, v in zip(targets, cells) if v is not None})
        if key_col is not None and not _missing(key_col[k]):
            o.source_key = thai_to_ascii_digits(key_col[k].strip())
        o.lat, o.lon = points[k]
        values = o.values
        for name, col in zip(text_fields, text_cols):
            text, repairs = col[k]
            if text is not None:
                values[name] = text
                if repairs:
                    o.repairs.extend(repairs)
        conv._name_from_english(o)
        if not values.get("name_th"):
            o.status = REFUSED
            o.reason = "no name: name_th is empty (map the column holding the Thai name)"
            out.append(o)
            continue
        conv.apply_codes(code_keys[k], lambda k=k: grid.row(k).values, o)
        conv.apply_point_type(type_col[k], o)
        if o.repairs:
            o.status = REPAIRED
        out.append(o)
    return out
