"""Apply findings' fixes to pins through the layer's edit buffer (undoable).

One code path for every way a fix is applied: the findings panel applies one (:func:`apply_fix`),
``citizen_pins:apply_fixes`` and the tests apply many (:func:`apply_fixes`); both plan each change
with :func:`_plan` and write it with :func:`_write`.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Dict, Iterable, List, Optional, Sequence, Tuple, Union

from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsGeometry,
    QgsPointXY,
    QgsProject,
    QgsVectorLayer,
)

from . import schema
from .findings import CONFIDENCES, HIGH, MEDIUM

ACTIONS = ("set_codes", "replace_code", "move", "set_field", "new_pin_id", "merge")


class FixError(Exception):
    """The fix cannot be applied; the message says why."""


_BASIS = {
    "th": {"location": "ตามตำแหน่งของหมุด", "location+name": "ตามตำแหน่งของหมุดซึ่งตรงกับชื่อ",
           "history": "ตามประวัติรหัสของกรมการปกครอง",
           "history_by_name": "ตามประวัติรหัส (จับคู่จากชื่อ)",
           "history+location": "ตามประวัติรหัสซึ่งตรงกับตำแหน่ง",
           "location+old_name": "ตามตำแหน่งซึ่งมีชื่อเดียวกับรหัสเดิม",
           "tambon+location": "ตามรหัสตำบลซึ่งตรงกับตำแหน่ง", "tambon": "ตามรหัสตำบล"},
    "en": {"location": "from the location", "location+name": "from the location, as the name says",
           "history": "from DOPA's history", "history_by_name": "from DOPA's history (name match)",
           "history+location": "from DOPA's history, where the pin lies",
           "location+old_name": "from the location, which bears the old unit's name",
           "tambon+location": "from the tambon code, where the pin lies",
           "tambon": "from the tambon code"},
}
_SURE = {"th": {HIGH: "มั่นใจสูง", MEDIUM: "ควรตรวจก่อน"}, "en": {HIGH: "high confidence",
                                                             MEDIUM: "check first"}}


def _data(fix: Union[str, dict, None]) -> Optional[dict]:
    if isinstance(fix, str):
        return json.loads(fix) if fix.strip() else None
    return dict(fix) if fix else None


def confidence(fix: Union[str, dict, None]) -> Optional[str]:
    """How sure a fix is (HIGH for a fix that states none: certain by construction)."""
    data = _data(fix)
    return None if not data else data.get("confidence", HIGH)


def describe(fix: Union[str, dict, None], lang: str = "th") -> str:
    """A short sentence saying what a fix will do, why, and how sure it is (for the findings
    panel's button and the apply_fixes log)."""
    data = _data(fix)
    if not data:
        return ""
    a = data.get("action")
    th = lang == "th"
    if a == "set_record":  # a service, step or document
        from .service_fixes import describe_record_fix

        return describe_record_fix(data, lang)
    lang = "th" if th else "en"
    if a == "set_codes":
        codes = " / ".join(data[k] for k in ("province_code", "amphoe_code", "tambon_code")
                           if data.get(k))
        basis = _BASIS[lang].get(data.get("basis", ""), "")
        text = (f"ตั้งรหัส {codes}" if th else f"Set the codes to {codes}") + (
            f" {basis}" if basis else "")
    elif a == "replace_code":
        text = (f"เปลี่ยน {data['field']} เป็น {data['value']}" if th
                else f"Replace {data['field']} with {data['value']}")
    elif a == "move":
        text = (f"ย้ายหมุดไปที่ {data['y']:.5f}, {data['x']:.5f}" if th
                else f"Move the pin to {data['y']:.5f}, {data['x']:.5f}")
    elif a == "set_field":
        text = (f"ตั้ง {data['field']} = {data['value']}" if th
                else f"Set {data['field']} to {data['value']}")
    elif a == "new_pin_id":
        text = "ให้รหัสหมุดใหม่" if th else "Give the pin a new pin_id"
    elif a == "merge":
        text = (f"รวมเข้ากับหมุด '{data.get('name', '')}' ที่มีอยู่แล้ว (ข้อมูลที่หมุดเดิมยังไม่มีจะถูก"
                "เติมให้ แล้วลบหมุดใหม่นี้)" if th
                else f"Merge into the existing pin '{data.get('name', '')}' (what it lacks is "
                     "filled in from this pin, then this new pin is deleted)")
    else:
        return ""
    sure = data.get("confidence")
    return f"{text} ({_SURE[lang][sure]})" if sure in CONFIDENCES else text


_SKIPPED = {
    "th": {"confidence": "ความมั่นใจไม่ถึงที่เลือก",
           "stale": "หมุดไม่ใช่หมุดที่ตรวจไว้ (รหัสหมุดเปลี่ยนไป): ตรวจใหม่",
           "conflict": "หมุดนี้มีวิธีแก้สองแบบที่ขัดกัน: แก้ด้วยตนเอง",
           "write": "เขียนค่าลงชั้นข้อมูลไม่ได้",
           "merged": "หมุดถูกรวมเข้ากับหมุดที่มีอยู่แล้ว"},
    "en": {"confidence": "below the chosen confidence",
           "stale": "the pin is not the one validated (its pin_id changed): validate again",
           "conflict": "the pin has two fixes that disagree: fix it by hand",
           "write": "the layer refused the change",
           "merged": "the pin was merged into the existing pin"},
}


def skip_reason(code: str, lang: str = "th") -> str:
    """Why a fix was not applied, in words (``code`` as in FixReport.skipped)."""
    return _SKIPPED["th" if lang == "th" else "en"].get(code, code)


def _plan(layer: QgsVectorLayer, fid: int, data: dict) -> Tuple[Dict[str, object],
                                                                 Optional[QgsGeometry]]:
    """(attribute changes, new geometry) of one fix on feature ``fid``; raises FixError."""
    action = data.get("action")
    if action == "set_record":
        raise FixError("a fix of a service, step or document is applied on its own (findings panel)")
    if action not in ACTIONS:
        raise FixError(f"unknown fix {action!r}")
    feat = layer.getFeature(fid)
    if not feat.isValid():
        raise FixError(f"pin {fid} is no longer in {layer.name()}")
    changes: Dict[str, object] = {}
    geometry = None
    if action == "set_codes":
        for name in schema.CODE_FIELDS:
            if data.get(name):
                changes[name] = data[name]
        if not changes.get("amphoe_code"):
            raise FixError("a set_codes fix without codes")
    elif action in ("replace_code", "set_field"):
        if data["field"] not in schema.EDITABLE_FIELDS:
            raise FixError(f"{data['field']} is not an editable field")
        changes[data["field"]] = data["value"]
    elif action == "new_pin_id":
        changes["pin_id"] = schema.new_pin_id()
    elif action == "merge":
        raise FixError("a merge is applied on its own, not with other fixes")
    elif action == "move":
        point = QgsPointXY(float(data["x"]), float(data["y"]))
        geometry = QgsGeometry.fromPointXY(point)
        wgs84 = QgsCoordinateReferenceSystem("EPSG:4326")
        if layer.crs() != wgs84:
            geometry.transform(QgsCoordinateTransform(wgs84, layer.crs(), QgsProject.instance()))
    fields = layer.fields()
    missing = [n for n in changes if fields.indexFromName(n) < 0]
    if missing:
        raise FixError(f"the layer has no field {', '.join(missing)}")
    return changes, geometry


def _write(layer: QgsVectorLayer, fid: int, changes: Dict[str, object],
           geometry: Optional[QgsGeometry]) -> bool:
    fields = layer.fields()
    ok = True
    if geometry is not None:
        ok = layer.changeGeometry(fid, geometry)
    for name, value in changes.items():
        ok = layer.changeAttributeValue(fid, fields.indexFromName(name), value) and ok
    return ok


def _blank(value) -> bool:
    from .qgis_compat import is_null

    return value is None or is_null(value) or str(value).strip() == ""


def _merge(layer: QgsVectorLayer, fid: int, into: str) -> None:
    """The new pin ``fid`` into the pin ``into`` (by pin_id), inside the caller's edit command:
    the fields the existing pin leaves empty take the new pin's values, then the new pin is
    deleted.  Raises FixError when the existing pin is gone or the layer refuses."""
    feat = layer.getFeature(fid)
    if not feat.isValid():
        raise FixError(f"pin {fid} is no longer in {layer.name()}")
    expr = "\"pin_id\" = '{}'".format(str(into).replace("'", "''"))
    target = next((f for f in layer.getFeatures(expr) if f.id() != feat.id()), None)
    if target is None:
        raise FixError(f"pin {into} is no longer in {layer.name()}")
    fields = layer.fields()
    fill = {}
    for name in schema.EDITABLE_FIELDS:
        i = fields.indexFromName(name)
        if name == "pin_id" or i < 0:
            continue
        if _blank(target[name]) and not _blank(feat[name]):
            fill[i] = feat[name]
    ok = all([layer.changeAttributeValue(target.id(), i, v) for i, v in fill.items()])
    if not (layer.deleteFeature(feat.id()) and ok):
        raise FixError(f"pin {fid} could not be merged into {into}")


def _editable(layer: QgsVectorLayer) -> None:
    if not layer.isEditable() and not layer.startEditing():
        raise FixError(f"the layer {layer.name()} cannot be edited")


def apply_fix(layer: QgsVectorLayer, fid: int, fix: Union[str, dict],
              command_text: Optional[str] = None) -> None:
    """Apply ``fix`` (the JSON of a finding) to feature ``fid``; the layer must be editable or
    able to start editing.  Raises FixError and changes nothing when it cannot."""
    data = _data(fix)
    if not data:
        raise FixError("no fix")
    if data.get("action") == "set_record":  # a service, step or document of the pin's working copy
        from .service_fixes import apply_record_fix

        return apply_record_fix(layer, data, command_text)
    _editable(layer)
    if data.get("action") == "merge":
        layer.beginEditCommand(command_text or "citizen_pins: merge")
        try:
            _merge(layer, fid, data.get("into", ""))
        except FixError:
            layer.destroyEditCommand()
            raise
        layer.endEditCommand()
        return
    changes, geometry = _plan(layer, fid, data)
    layer.beginEditCommand(command_text or f"citizen_pins: {data.get('action')}")
    if not _write(layer, fid, changes, geometry):
        layer.destroyEditCommand()
        raise FixError(f"the fix could not be applied to pin {fid}")
    layer.endEditCommand()


@dataclass
class FixItem:
    """One finding's fix to apply: the pin's feature id in the layer, and (to refuse findings
    that do not belong to the layer's pins as they are now) the pin_id the finding was made on."""
    feature_id: int
    rule_id: str
    fix: str
    pin_id: Optional[str] = None


@dataclass
class FixReport:
    applied: List[FixItem] = field(default_factory=list)
    #: (item, why it was not applied)
    skipped: List[Tuple[FixItem, str]] = field(default_factory=list)

    def counts(self) -> Dict[str, int]:
        out: Dict[str, int] = {}
        for item in self.applied:
            out[item.rule_id] = out.get(item.rule_id, 0) + 1
        return out


def apply_fixes(layer: QgsVectorLayer, items: Iterable[FixItem],
                rules: Optional[Sequence[str]] = None, min_confidence: str = MEDIUM,
                command_text: Optional[str] = None) -> FixReport:
    """Apply many fixes as one undoable edit command.

    ``rules`` limits them to some rule ids; ``min_confidence`` HIGH keeps only the sure ones.
    A pin given different fixes that touch the same fields (two code triples, two moves) gets
    none of them (they cannot both be right); the same fix twice is applied once.  A finding
    whose pin_id is not the pin's (the pins changed since validation) is skipped.
    """
    wanted = set(rules) if rules else None
    keep_medium = min_confidence == MEDIUM
    report = FixReport()
    per_pin: Dict[int, List[Tuple[FixItem, dict]]] = {}
    for item in items:
        data = _data(item.fix)
        if not data or (wanted is not None and item.rule_id not in wanted):
            continue
        if data.get("confidence", HIGH) != HIGH and not keep_medium:
            report.skipped.append((item, "confidence"))
            continue
        per_pin.setdefault(int(item.feature_id), []).append((item, data))
    if not per_pin:
        return report
    _editable(layer)
    layer.beginEditCommand(command_text or "citizen_pins: apply fixes")
    id_index = layer.fields().indexFromName("pin_id")
    for fid in sorted(per_pin):
        todo = per_pin[fid]
        if id_index >= 0:
            feat = layer.getFeature(fid)
            current = feat.attribute(id_index) if feat.isValid() else None
            stale = [(it, d) for it, d in todo if it.pin_id and str(current) != it.pin_id]
            if stale:
                report.skipped.extend((it, "stale") for it, _ in todo)
                continue
        merges = [(it, d) for it, d in todo if d.get("action") == "merge"]
        if merges:  # the pin goes away: its other fixes are moot
            it, d = merges[0]
            try:
                _merge(layer, fid, d.get("into", ""))
                report.applied.append(it)
                report.skipped.extend((o, "merged") for o, _ in todo if o is not it)
            except FixError as e:
                report.skipped.extend((o, str(e)) for o, _ in todo)
            continue
        plans = []
        try:
            for it, d in todo:
                plans.append((it, _plan(layer, fid, d)))
        except FixError as e:
            report.skipped.extend((it, str(e)) for it, _ in todo)
            continue
        if _conflict([p for _, p in plans]):
            report.skipped.extend((it, "conflict") for it, _ in todo)
            continue
        done = []
        for it, (changes, geometry) in plans:
            key = (tuple(sorted((k, str(v)) for k, v in changes.items())),
                   geometry.asWkt() if geometry is not None else None)
            if key in done:
                report.applied.append(it)  # the same fix from another finding: already done
                continue
            if _write(layer, fid, changes, geometry):
                done.append(key)
                report.applied.append(it)
            else:
                report.skipped.append((it, "write"))
    layer.endEditCommand()
    return report


def _conflict(plans) -> bool:
    """Do two planned fixes set the same field (or the geometry) to different values?"""
    seen: Dict[str, str] = {}
    for changes, geometry in plans:
        if changes.get("pin_id") is not None:
            changes = dict(changes, pin_id="<new>")  # a new id per finding is one fix
        values = {k: str(v) for k, v in changes.items()}
        if geometry is not None:
            values["<geometry>"] = geometry.asWkt(7)
        for k, v in values.items():
            if seen.setdefault(k, v) != v:
                return True
    return False
