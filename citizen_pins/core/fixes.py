"""Apply a finding's fix to a pin through the layer's edit buffer (one undoable command)."""
from __future__ import annotations

import json
from typing import Optional, Union

from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsGeometry,
    QgsPointXY,
    QgsProject,
    QgsVectorLayer,
)

from . import schema

ACTIONS = ("set_codes", "replace_code", "move", "set_field")


class FixError(Exception):
    """The fix cannot be applied; the message says why."""


def describe(fix: Union[str, dict, None], lang: str = "th") -> str:
    """A short sentence saying what a fix will do (for the findings panel's button)."""
    data = json.loads(fix) if isinstance(fix, str) and fix else fix
    if not data:
        return ""
    a = data.get("action")
    th = lang == "th"
    if a == "set_record":  # a service, step or document
        from .service_fixes import describe_record_fix

        return describe_record_fix(data, lang)
    if a == "set_codes":
        return (f"ตั้งรหัสตามตำแหน่ง: ตำบล {data['tambon_code']}" if th
                else f"Set the codes from the location: tambon {data['tambon_code']}")
    if a == "replace_code":
        return (f"เปลี่ยน {data['field']} เป็น {data['value']}" if th
                else f"Replace {data['field']} with {data['value']}")
    if a == "move":
        return (f"ย้ายหมุดไปที่ {data['y']:.5f}, {data['x']:.5f}" if th
                else f"Move the pin to {data['y']:.5f}, {data['x']:.5f}")
    if a == "set_field":
        return (f"ตั้ง {data['field']} = {data['value']}" if th
                else f"Set {data['field']} to {data['value']}")
    return ""


def apply_fix(layer: QgsVectorLayer, fid: int, fix: Union[str, dict],
              command_text: Optional[str] = None) -> None:
    """Apply ``fix`` (the JSON of a finding) to feature ``fid``; the layer must be editable or
    able to start editing.  Raises FixError and changes nothing when it cannot."""
    data = json.loads(fix) if isinstance(fix, str) else dict(fix)
    action = data.get("action")
    if action == "set_record":  # a service, step or document of the pin's working copy
        from .service_fixes import apply_record_fix

        return apply_record_fix(layer, data, command_text)
    if action not in ACTIONS:
        raise FixError(f"unknown fix {action!r}")
    if not layer.isEditable() and not layer.startEditing():
        raise FixError(f"the layer {layer.name()} cannot be edited")
    feat = layer.getFeature(fid)
    if not feat.isValid():
        raise FixError(f"pin {fid} is no longer in {layer.name()}")
    fields = layer.fields()
    changes = {}
    geometry = None
    if action == "set_codes":
        for name in schema.CODE_FIELDS:
            changes[name] = data[name]
    elif action in ("replace_code", "set_field"):
        if data["field"] not in schema.EDITABLE_FIELDS:
            raise FixError(f"{data['field']} is not an editable field")
        changes[data["field"]] = data["value"]
    elif action == "move":
        point = QgsPointXY(float(data["x"]), float(data["y"]))
        geometry = QgsGeometry.fromPointXY(point)
        wgs84 = QgsCoordinateReferenceSystem("EPSG:4326")
        if layer.crs() != wgs84:
            geometry.transform(QgsCoordinateTransform(wgs84, layer.crs(), QgsProject.instance()))
    missing = [n for n in changes if fields.indexFromName(n) < 0]
    if missing:
        raise FixError(f"the layer has no field {', '.join(missing)}")
    layer.beginEditCommand(command_text or f"citizen_pins: {action}")
    ok = True
    if geometry is not None:
        ok = layer.changeGeometry(fid, geometry)
    for name, value in changes.items():
        ok = layer.changeAttributeValue(fid, fields.indexFromName(name), value) and ok
    if not ok:
        layer.destroyEditCommand()
        raise FixError(f"the fix could not be applied to pin {fid}")
    layer.endEditCommand()
