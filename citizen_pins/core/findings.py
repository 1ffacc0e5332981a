"""Findings: what validation says about one pin, and the fix it proposes.

A finding is plain data (no Qt): the Processing algorithm writes findings as a point layer, the GUI
lists them and applies their fixes through the layer's edit buffer (so every fix is undoable).

Fixes are data, not code: a small JSON object in a text field, one of

* ``{"action": "set_codes", "province_code": "21", "amphoe_code": "2101", "tambon_code": "210101",
  "confidence": "high", "basis": "location+name"}`` (the three codes together, never one alone;
  a pin without a tambon code may get province and amphoe only);
* ``{"action": "move", "x": 101.25, "y": 12.68, "reason": "swap"|"utm47"|"utm48"|"slip",
  "confidence": "high"}`` (EPSG:4326 coordinates of the proposed point);
* ``{"action": "set_field", "field": "point_type", "value": "school"}`` (a label read as its key);
* ``{"action": "new_pin_id"}`` (a repeated pin_id);
* ``{"action": "merge", "into": "<pin_id>", "name": "<its name>"}`` (a new pin that is a
  published pin again: what it knows the other lacks goes there, then it is deleted);
* ``{"action": "set_record", "table": "service_documents", "id": "<UUID>", "values": {...}}``
  (fields of a service, step or document: core/service_fixes.py);
* ``{"action": "replace_code", "field": "tambon_code", "value": "530407"}`` (found in findings
  layers written before fixes set the codes together: still applied, never produced now).

``confidence`` says how sure the fix is (:data:`HIGH`: the evidence agrees from two sides, safe to
apply in batch; :data:`MEDIUM`: one source, nothing against it, look first) and ``basis`` what it
rests on.  A fix without ``confidence`` is certain by construction (a label, a new id).
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Dict, Optional

ERROR = "error"      # blocks publishing
WARNING = "warning"  # a person should look
SEVERITIES = (ERROR, WARNING)
HIGH, MEDIUM = "high", "medium"  # how sure a fix is
CONFIDENCES = (HIGH, MEDIUM)


@dataclass
class Finding:
    rule_id: str
    severity: str
    #: Position of the pin in the input (0-based, the reading order): used for ordering.
    index: int
    #: The feature id in the input layer (for the GUI to select / zoom / edit it).
    feature_id: int
    pin_id: str
    message_th: str
    message_en: str
    expected: str = ""
    actual: str = ""
    distance_m: Optional[float] = None
    fix: str = ""
    #: The pin's location in EPSG:4326 (None when it has no usable point).
    x: Optional[float] = None
    y: Optional[float] = None
    #: A finding about a service, step or document: ``<table>/<its UUID>`` (empty for the pin).
    record: str = ""

    def fix_data(self) -> Optional[Dict[str, Any]]:
        return json.loads(self.fix) if self.fix else None

    @property
    def confidence(self) -> Optional[str]:
        """How sure the fix is (None without a fix; a fix without a stated confidence is
        certain by construction: HIGH)."""
        data = self.fix_data()
        return None if not data else data.get("confidence", HIGH)


def _dump(data: Dict[str, Any]) -> str:
    return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


@lru_cache(maxsize=16384)
def fix_set_codes(code: str, confidence: str = HIGH, basis: str = "") -> str:
    """Set province, amphoe and tambon codes from one (current) tambon code; from an amphoe code,
    province and amphoe (a pin without a tambon code)."""
    data = {"action": "set_codes", "province_code": code[:2], "amphoe_code": code[:4],
            "confidence": confidence}
    if len(code) == 6:
        data["tambon_code"] = code
    if basis:
        data["basis"] = basis
    return _dump(data)


@lru_cache(maxsize=4096)
def fix_replace_code(field: str, value: str) -> str:
    return _dump({"action": "replace_code", "field": field, "value": value})


def fix_move(x: float, y: float, reason: str, confidence: str = "") -> str:
    data = {"action": "move", "x": round(x, 7), "y": round(y, 7), "reason": reason}
    if confidence:
        data["confidence"] = confidence
    return _dump(data)


def fix_set_field(field: str, value: str) -> str:
    return _dump({"action": "set_field", "field": field, "value": value})


def fix_merge(into_pin_id: str, name: str, confidence: str = MEDIUM) -> str:
    """Merge a new pin into a published one: it deletes a pin, so a person looks first
    (``apply_fixes`` leaves it out unless asked for medium-confidence fixes)."""
    return _dump({"action": "merge", "into": into_pin_id, "name": name, "confidence": confidence})


def fix_set_record(table: str, record_id: str, values: Dict[str, Any]) -> str:
    """Set fields of one service, step or document (by its UUID)."""
    return _dump({"action": "set_record", "table": table, "id": record_id, "values": values})
