"""Pins with every class of error whose truth is known, and what fixes do to them.

Used by the tests (tests/qgis/test_fix_property.py) and by scripts/measure_fixes.py (the precision
figures of docs/validation.md, "Fixes").

:func:`error_pins` starts from real pins that pass every rule (MOPH facilities inside their declared
tambon of the full-resolution layer, alone at their point) and breaks one thing in each, the way
real lists are broken, remembering what was right.  :func:`apply_and_revalidate` applies every
offered fix with the plugin's own code (core/fixes.apply_fixes, the code of the findings panel and
of citizen_pins:apply_fixes) and validates again.
"""
from __future__ import annotations

import random
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Dict, List, Optional, Sequence, Tuple

from qgis.core import (QgsCoordinateReferenceSystem, QgsCoordinateTransform, QgsFeature,
                       QgsGeometry, QgsPointXY, QgsProject, QgsVectorLayer)

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from citizen_pins.core import pins as pins_mod  # noqa: E402
from citizen_pins.core.context import Settings  # noqa: E402
from citizen_pins.core.dopa import codes  # noqa: E402
from citizen_pins.core.findings import ERROR  # noqa: E402
from citizen_pins.core.fixes import FixItem, apply_fixes  # noqa: E402
from citizen_pins.core.validate import validate  # noqa: E402

CODE_FIELDS = ("province_code", "amphoe_code", "tambon_code")

#: The classes of error made, each with what a right fix restores ("codes", "point", "field") or
#: "none" when no fix can know the answer.
CLASSES = {
    "swapped": "point",            # latitude and longitude in each other's place
    "utm47": "point",              # UTM zone 47N metres in the degree columns
    "slip_digit": "point",         # one digit too many in the longitude (199.88 for 99.88)
    "lat_is_lon": "none",          # the longitude typed into the latitude too
    "zero": "none",                # (0, 0)
    "malformed": "codes",          # "9107-": the tambon code cut short
    "unknown": "codes",            # a tambon code DOPA never had
    "missing": "codes",            # no tambon code at all
    "abolished": "codes",          # the old code of the pin's tambon (DOPA's history)
    "abolished_moved": "codes",    # an old same-named code of another province (the unit moved)
    "abolished_no_successor": "codes",  # an old code of its amphoe that DOPA's history ends
    "not_nesting": "codes",        # the amphoe code of another amphoe
    "sibling_named": "codes",      # the tambon code of a neighbour, the name naming the right one
    "sibling_silent": "none",      # the tambon code of a neighbour, the name naming neither
    "copied_point": "none",        # the point of another pin far away (codes right)
    "misplaced_named": "none",     # the point moved to another tambon, the name naming the right one
    "misplaced_silent": "none",    # the point moved to another tambon, the name naming neither
    "point_type_label": "field",   # a point type's Thai label instead of its key
    "duplicate_id": "field",       # the pin_id of another pin
    "no_name": "none",             # name_th empty
}


@dataclass
class Case:
    """One broken pin: its class and what was right."""
    kind: str
    pin_id: str
    codes: Tuple[str, str, str]
    point: Tuple[float, float]
    attrs: Dict[str, object] = field(default_factory=dict)


def _utm47(x: float, y: float) -> Tuple[float, float]:
    t = QgsCoordinateTransform(QgsCoordinateReferenceSystem("EPSG:4326"),
                               QgsCoordinateReferenceSystem("EPSG:32647"), QgsProject.instance())
    p = t.transform(QgsPointXY(x, y))
    return p.x(), p.y()


def clean_pins(layer: QgsVectorLayer, index) -> List[QgsFeature]:
    """The pins of ``layer`` that validation finds nothing on, alone at their point."""
    table = pins_mod.read_features(layer.getFeatures(), layer.featureCount())
    found = validate(table, index, codes(), Settings(tolerance_m=100))
    bad = {f.feature_id for f in found}
    return [f for f in layer.getFeatures() if f.id() not in bad]


def error_pins(clean: Sequence[QgsFeature], fields, per_class: int = 12,
               seed: int = 15) -> Tuple[QgsVectorLayer, Dict[int, Case]]:
    """A memory layer of the clean pins, ``per_class`` of them broken in each class of
    :data:`CLASSES` (the rest left right, as neighbours), and the truth of each broken pin by
    its feature id in that layer."""
    rng = random.Random(seed)
    d = codes()
    pool = list(clean)
    rng.shuffle(pool)
    out = QgsVectorLayer("Point?crs=EPSG:4326", "error_pins", "memory")
    out.dataProvider().addAttributes(fields.toList())
    out.updateFields()
    # reverse history: a current tambon -> abolished codes whose only successor it is
    old_of: Dict[str, List[str]] = defaultdict(list)
    for code in d.abolished_units:
        if len(code) == 6 and len(d.replacement(code)) == 1:
            old_of[d.replacement(code)[0]].append(code)
    # same-named old codes of another province that the history does not lead to the tambon
    by_name: Dict[str, List[str]] = defaultdict(list)
    for code, a in d.abolished_units.items():
        if len(code) == 6:
            by_name[a.name_th].append(code)
    moved_of = {t: [c for c in by_name.get(u.name_th, ()) if c[:2] != t[:2]
                    and t not in d.replacement(c)]
                for t, u in d.units.items() if len(t) == 6}
    moved_of = {t: v for t, v in moved_of.items() if v}
    # old codes of an amphoe without a successor
    ended: Dict[str, List[str]] = defaultdict(list)
    for code, a in d.abolished_units.items():
        if len(code) == 6 and not d.replacement(code) and d.is_current(code[:4]):
            ended[code[:4]].append(code)
    donor = pool[0]  # a clean pin whose pin_id a duplicate repeats (first in the layer)
    used = {donor.id()}
    others = [(f.geometry().asPoint(), str(f["tambon_code"])) for f in pool]

    def take(test) -> Optional[QgsFeature]:
        for f in pool:
            if f.id() not in used and test(f):
                used.add(f.id())
                return f
        return None

    def names_its_tambon(f) -> bool:
        n = d.name(str(f["tambon_code"]))
        return len(n) >= 3 and n in str(f["name_th"] or "")

    def copy(f) -> QgsFeature:
        g = QgsFeature(out.fields())
        g.setAttributes(f.attributes())
        g.setGeometry(QgsGeometry.fromPointXY(f.geometry().asPoint()))
        return g

    feats = [copy(donor)]
    cases: List[Optional[Case]] = [None]
    for kind in CLASSES:
        for _ in range(per_class):
            if kind == "abolished":
                f = take(lambda g: str(g["tambon_code"]) in old_of)
            elif kind == "sibling_named":
                f = take(lambda g: names_its_tambon(g) and len(d.children(str(g["amphoe_code"]))) > 1)
            elif kind == "misplaced_named":
                f = take(names_its_tambon)
            elif kind == "abolished_moved":
                f = take(lambda g: str(g["tambon_code"]) in moved_of)
            elif kind == "abolished_no_successor":
                f = take(lambda g: str(g["amphoe_code"]) in ended)
            elif kind in ("sibling_silent", "misplaced_silent"):
                f = take(lambda g: not names_its_tambon(g)
                         and len(d.children(str(g["amphoe_code"]))) > 1)
            else:
                f = take(lambda g: True)
            if f is None:
                break
            g = copy(f)
            p = f.geometry().asPoint()
            t = str(f["tambon_code"])
            _break(kind, g, p, t, rng, d, dict(old_of=old_of, moved_of=moved_of, ended=ended),
                   others)
            if kind == "duplicate_id":
                g["pin_id"] = donor["pin_id"]
            feats.append(g)
            cases.append(Case(kind, str(f["pin_id"]), (t[:2], t[:4], t), (p.x(), p.y())))
    for f in pool:  # the clean pins stay, as their neighbours
        if f.id() not in used:
            feats.append(copy(f))
            cases.append(None)
    ok, added = out.dataProvider().addFeatures(feats)
    assert ok
    out.updateExtents()
    return out, {g.id(): c for g, c in zip(added, cases) if c is not None}


def _break(kind, g, p, t, rng, d, history, others) -> None:
    x, y = p.x(), p.y()
    if kind == "swapped":
        g.setGeometry(QgsGeometry.fromPointXY(QgsPointXY(y, x)))
    elif kind == "utm47":
        e, n = _utm47(x, y)
        g.setGeometry(QgsGeometry.fromPointXY(QgsPointXY(e, n)))
    elif kind == "slip_digit":
        g.setGeometry(QgsGeometry.fromPointXY(QgsPointXY(float("1" + repr(x)), y)))
    elif kind == "lat_is_lon":
        g.setGeometry(QgsGeometry.fromPointXY(QgsPointXY(x, x)))
    elif kind == "zero":
        g.setGeometry(QgsGeometry.fromPointXY(QgsPointXY(0.0, 0.0)))
    elif kind == "malformed":
        g["tambon_code"] = t[:4] + "-"
    elif kind == "unknown":
        g["tambon_code"] = next(t[:4] + f"{k:02d}" for k in range(99, 0, -1)
                                if not d.is_current(t[:4] + f"{k:02d}")
                                and not d.abolished(t[:4] + f"{k:02d}"))
    elif kind == "missing":
        g["tambon_code"] = None
    elif kind in ("abolished", "abolished_moved"):
        old = rng.choice(sorted(history["old_of" if kind == "abolished" else "moved_of"][t]))
        g["province_code"], g["amphoe_code"], g["tambon_code"] = old[:2], old[:4], old
    elif kind == "abolished_no_successor":
        g["tambon_code"] = rng.choice(sorted(history["ended"][t[:4]]))
    elif kind == "not_nesting":
        other = [a.code for a in d.children(t[:2]) if a.code != t[:4]]
        g["amphoe_code"] = rng.choice(other)
    elif kind in ("sibling_named", "sibling_silent"):
        sib = [u.code for u in d.children(t[:4]) if u.code != t]
        g["tambon_code"] = rng.choice(sib)
    elif kind in ("copied_point", "misplaced_named", "misplaced_silent"):
        far = [q for q, c in others if c[:4] != t[:4]]
        q = rng.choice(far)
        if kind != "copied_point":  # near, not on, another pin's point
            q = QgsPointXY(q.x() + 0.0003, q.y() + 0.0003)
        g.setGeometry(QgsGeometry.fromPointXY(q))
    elif kind == "point_type_label":
        g["point_type"] = "สถานพยาบาล"
    elif kind == "no_name":
        g["name_th"] = None


def table_of(layer: QgsVectorLayer):
    return pins_mod.read_features(layer.getFeatures(), layer.featureCount())


def errors_per_pin(findings) -> Dict[int, Counter]:
    out: Dict[int, Counter] = defaultdict(Counter)
    for f in findings:
        if f.severity == ERROR:
            out[f.feature_id][f.rule_id] += 1
    return out


@dataclass
class Outcome:
    before: list
    after: list
    report: object
    #: errors after the fixes that the pin did not have before: (feature id, rule_id)
    new_errors: List[Tuple[int, str]]
    #: pins whose error count went up: feature id -> (before, after)
    worse: Dict[int, Tuple[int, int]]


def apply_and_revalidate(layer: QgsVectorLayer, index, tolerance: float = 100.0,
                         min_confidence: str = "medium") -> Outcome:
    """Validate ``layer``, apply every offered fix (core/fixes.apply_fixes), validate again."""
    before = validate(table_of(layer), index, codes(), Settings(tolerance_m=tolerance))
    items = [FixItem(f.feature_id, f.rule_id, f.fix, f.pin_id) for f in before if f.fix]
    report = apply_fixes(layer, items, min_confidence=min_confidence)
    after = validate(table_of(layer), index, codes(), Settings(tolerance_m=tolerance))
    eb, ea = errors_per_pin(before), errors_per_pin(after)
    new = sorted((fid, r) for fid, c in ea.items() for r in c if r not in eb.get(fid, {}))
    worse = {fid: (sum(eb.get(fid, Counter()).values()), sum(c.values()))
             for fid, c in ea.items() if sum(c.values()) > sum(eb.get(fid, Counter()).values())}
    return Outcome(before, after, report, new, worse)


def verdicts(layer: QgsVectorLayer, truth: Dict[int, Case], report):
    """(applied fix item, error class or "clean", restored the truth?) for every applied fix.
    A point counts as restored within 1 m; a fix on a pin that was not broken never does."""
    from citizen_pins.core.boundaries import haversine_m

    for item in report.applied:
        f = layer.getFeature(item.feature_id)
        case = truth.get(item.feature_id)
        if case is None:
            yield item, "clean", False
            continue
        what = CLASSES[case.kind]
        if what == "codes":
            ok = tuple(str(f[n] or "") for n in CODE_FIELDS) == case.codes
        elif what == "point":
            q = f.geometry().asPoint()
            ok = float(haversine_m(q.x(), q.y(), *case.point)) < 1.0
        elif case.kind == "point_type_label":
            ok = f["point_type"] == "health_facility"
        elif case.kind == "duplicate_id":
            ok = str(f["pin_id"]) != str(item.pin_id)  # a new id; the original keeps its own
        else:
            ok = False  # no fix can know the answer
        yield item, case.kind, ok


def judge_fixes(layer: QgsVectorLayer, truth: Dict[int, Case], report) -> Dict[Tuple[str, str],
                                                                               Counter]:
    """For each (error class, rule) of an applied fix: how many restored the truth ("right") and
    how many did not ("wrong"; class "clean": a fix on a pin that was not broken)."""
    out: Dict[Tuple[str, str], Counter] = defaultdict(Counter)
    for item, kind, ok in verdicts(layer, truth, report):
        out[(kind, item.rule_id)]["right" if ok else "wrong"] += 1
    return out
