"""Findings: what validation says about one pin, and the fix it proposes.

A finding is plain data (no Qt): the Processing algorithm writes findings as a point layer, the GUI
lists them and applies their fixes through the layer's edit buffer (so every fix is undoable).

Fixes are data, not code: a small JSON object in a text field, one of

* ``{"action": "set_codes", "province_code": "21", "amphoe_code": "2101", "tambon_code": "210101"}``
  (codes from where the pin lies);
* ``{"action": "replace_code", "field": "tambon_code", "value": "530407"}`` (an abolished code);
* ``{"action": "move", "x": 101.25, "y": 12.68, "reason": "swap"|"utm47"|"utm48"}``
  (EPSG:4326 coordinates of the proposed point);
* ``{"action": "set_field", "field": "point_type", "value": "school"}``;
* ``{"action": "set_record", "table": "service_documents", "id": "<UUID>", "values": {...}}``
  (fields of a service, step or document: core/service_fixes.py).
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Dict, Optional

ERROR = "error"      # blocks publishing
WARNING = "warning"  # a person should look
SEVERITIES = (ERROR, WARNING)


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


def _dump(data: Dict[str, Any]) -> str:
    return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


@lru_cache(maxsize=16384)
def fix_set_codes(tambon_code: str) -> str:
    """Set province, amphoe and tambon codes from one (current) tambon code."""
    return _dump({"action": "set_codes", "province_code": tambon_code[:2],
                  "amphoe_code": tambon_code[:4], "tambon_code": tambon_code})


@lru_cache(maxsize=4096)
def fix_replace_code(field: str, value: str) -> str:
    return _dump({"action": "replace_code", "field": field, "value": value})


def fix_move(x: float, y: float, reason: str) -> str:
    return _dump({"action": "move", "x": round(x, 7), "y": round(y, 7), "reason": reason})


def fix_set_field(field: str, value: str) -> str:
    return _dump({"action": "set_field", "field": field, "value": value})


def fix_set_record(table: str, record_id: str, values: Dict[str, Any]) -> str:
    """Set fields of one service, step or document (by its UUID)."""
    return _dump({"action": "set_record", "table": table, "id": record_id, "values": values})
