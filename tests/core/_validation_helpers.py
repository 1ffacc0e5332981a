"""Small real inputs for the rule tests: pins as columns, tambons as squares with real DOPA codes."""
from __future__ import annotations

import numpy as np
import shapely

from citizen_pins.core.boundaries import BoundaryIndex
from citizen_pins.core.context import Settings
from citizen_pins.core.dopa import codes
from citizen_pins.core.pins import PinTable
from citizen_pins.core.validate import validate

# Four 0.01-degree squares (about 1.1 km) around Rayong's town: three tambons of amphoe 2101
# (Mueang Rayong) and one of amphoe 2102 (Ban Chang), with their real DOPA codes.
X0, Y0, S = 101.20, 12.60, 0.01
SQUARES = {"210101": (0, 0), "210102": (1, 0), "210103": (0, 1), "210201": (1, 1)}


def square_boundaries(extra=None, engine=None) -> BoundaryIndex:
    cells = dict(SQUARES)
    cells.update(extra or {})
    raw, wkbs = [], []
    for code, (i, j) in cells.items():
        x, y = X0 + i * S, Y0 + j * S
        raw.append(code if code is None or not code.isdigit() else "TH" + code)
        wkbs.append(shapely.to_wkb(shapely.box(x, y, x + S, y + S)))
    return BoundaryIndex(raw, wkbs, engine)


def centre(code, dx=0.5, dy=0.5):
    i, j = SQUARES[code]
    return X0 + (i + dx) * S, Y0 + (j + dy) * S


def table(rows, geom_issues=None) -> PinTable:
    """rows: dicts with x, y and any schema attribute; defaults make a valid pin."""
    n = len(rows)
    cols = {k: [] for k in ("pin_id", "name_th", "point_type", "province_code", "amphoe_code",
                            "tambon_code")}
    for k, r in enumerate(rows):
        defaults = {"pin_id": f"p{k}", "name_th": f"จุดบริการ {k} แห่งที่ {k * 7}",
                    "point_type": "school", "province_code": "21", "amphoe_code": "2101",
                    "tambon_code": "210101"}
        for c in cols:
            cols[c].append(r.get(c, defaults[c]))
    x = np.asarray([r.get("x", np.nan) for r in rows], dtype=float)
    y = np.asarray([r.get("y", np.nan) for r in rows], dtype=float)
    return PinTable(np.arange(100, 100 + n, dtype=np.int64), x, y,
                    geom_issues or [None] * n, cols)


def run(rows, boundaries="squares", tolerance=100.0, geom_issues=None, national=False, **kw):
    b = square_boundaries(engine=kw.pop("engine", None)) if boundaries == "squares" else boundaries
    return validate(table(rows, geom_issues), b, codes(),
                    Settings(tolerance_m=tolerance, **kw), national=national)


def by_rule(findings, rule_id):
    return [f for f in findings if f.rule_id == rule_id]
