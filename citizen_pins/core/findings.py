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
from functools import lru_cache
from typing import Any, Dict, Iterator, Optional, Tuple

ERROR = "error"      # blocks publishing
WARNING = "warning"  # a person should look
SEVERITIES = (ERROR, WARNING)
HIGH, MEDIUM = "high", "medium"  # how sure a fix is
CONFIDENCES = (HIGH, MEDIUM)


class Message:
    """A finding's message in Thai and English, written out when it is read: the two templates
    (their slots numbered: ``{0}`` is ``values[0]``) and the values of their slots (a value is one
    text for both languages or a (Thai, English) pair).  A validation holds thousands of findings
    until they are written; their texts were most of their memory (4.4 MB at 100k pins), the
    templates are shared."""

    __slots__ = ("templates", "values")

    def __init__(self, templates: Tuple[str, str], values: tuple):
        self.templates = templates
        self.values = values

    def text(self, k: int) -> str:
        """The message in Thai (k=0) or English (k=1)."""
        return self.templates[k].format(*[v[k] if type(v) is tuple else v for v in self.values])

    def __iter__(self) -> Iterator[str]:
        yield self.text(0)
        yield self.text(1)

    def __eq__(self, other) -> bool:
        return isinstance(other, Message) and tuple(self) == tuple(other)

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"Message{tuple(self)!r}"


_FIELDS = ("rule_id", "severity", "index", "feature_id", "pin_id", "message_th", "message_en",
           "expected", "actual", "distance_m", "fix", "x", "y", "record")


class Finding:
    """What a rule says about one pin (or one of its services, steps, documents).

    ``rule_id``, ``severity``; ``index``: the pin's position in the input (0-based, the reading
    order), used for ordering; ``feature_id``: its feature id in the input layer (for the GUI to
    select / zoom / edit it); ``pin_id``; ``message_th``, ``message_en`` (given as two texts, or as
    one :class:`Message` written out when read); ``expected``, ``actual``; ``distance_m``;
    ``fix`` (JSON, see above); ``x``, ``y``: the pin's location in EPSG:4326 (None when it has no
    usable point); ``record``: ``<table>/<its UUID>`` for a finding about a service, step or
    document (empty for the pin).
    """

    __slots__ = ("rule_id", "severity", "index", "feature_id", "pin_id", "_message", "expected",
                 "actual", "distance_m", "fix", "x", "y", "record")

    def __init__(self, rule_id: str, severity: str, index: int, feature_id: int, pin_id: str,
                 message_th, message_en: Optional[str] = None, expected: str = "",
                 actual: str = "", distance_m: Optional[float] = None, fix: str = "",
                 x: Optional[float] = None, y: Optional[float] = None, record: str = ""):
        self.rule_id = rule_id
        self.severity = severity
        self.index = index
        self.feature_id = feature_id
        self.pin_id = pin_id
        if message_en is None and isinstance(message_th, Message):
            self._message = message_th
        else:
            self._message = (message_th, message_en)
        self.expected = expected
        self.actual = actual
        self.distance_m = distance_m
        self.fix = fix
        self.x = x
        self.y = y
        self.record = record

    @property
    def message_th(self) -> str:
        m = self._message
        return m[0] if type(m) is tuple else m.text(0)

    @property
    def message_en(self) -> str:
        m = self._message
        return m[1] if type(m) is tuple else m.text(1)

    def _values(self) -> tuple:
        return tuple(getattr(self, name) for name in _FIELDS)

    def __eq__(self, other) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return self._values() == other._values()

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return "Finding({})".format(", ".join(f"{n}={getattr(self, n)!r}" for n in _FIELDS))

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
