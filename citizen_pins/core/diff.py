"""Diffs and three-way merges of pins: pure Python (no Qt, no network), tested directly.

A pin's *state* is a plain dict of the fields a person edits and a publish sends
(:data:`DATA_FIELDS`) plus ``geometry`` (a ``(lon, lat)`` tuple or None).  ``pin_id`` is the key,
never part of the state; ``version`` and ``updated_at`` belong to the registry and are never
compared.

* :func:`diff` compares the working copy's layer with the base (the registry's state at the last
  pull or publish): added, changed (which fields), deleted.
* :func:`merge3` merges base / local / remote per field: a field changed on one side only takes
  that side's value; changed on both sides to the same value is no conflict; changed on both
  sides to different values is a conflict -- the merged state keeps the LOCAL value (nobody's
  work is overwritten) and the field is reported.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Dict, Iterable, List, Mapping, Optional, Sequence, Tuple

from . import schema
from .normalize import clean_text, is_blank

GEOMETRY = "geometry"
#: Attributes of a pin's state (the editable fields but the id).
DATA_FIELDS: Tuple[str, ...] = tuple(f for f in schema.EDITABLE_FIELDS if f != "pin_id")
#: Everything compared and merged, field by field.
MERGE_FIELDS: Tuple[str, ...] = DATA_FIELDS + (GEOMETRY,)
#: Pseudo-field of a conflict about the pin's existence (deleted on one side, edited on the other).
EXISTENCE = "_deleted"
#: Coordinates closer than this (degrees, ~0.1 mm) are the same point (the registry's rule too).
COORD_EPSILON = 1e-9

State = Dict[str, object]


def normalize_value(name: str, value):
    """The comparable form of one value, as the registry stores it: blank text is None, text is
    clean (core/normalize.py: NFC, nothing blank around it)."""
    if name == GEOMETRY:
        if value is None:
            return None
        try:
            x, y = float(value[0]), float(value[1])
        except (TypeError, ValueError, IndexError):
            return None
        if math.isnan(x) or math.isnan(y):
            return None
        return (x, y)
    if value is None:
        return None
    if isinstance(value, bytes):
        value = value.decode("utf-8", "replace")
    if not isinstance(value, str):
        value = str(value)
    if is_blank(value):
        return None
    f = schema.FIELD_BY_NAME.get(name)
    if f is not None and f.kind == schema.TEXT:
        return clean_text(value, f.multiline) or None
    return value


def make_state(values: Mapping[str, object], geometry=None) -> State:
    """A normalized state from attribute values (extra keys ignored) and a (lon, lat)."""
    out: State = {name: normalize_value(name, values.get(name)) for name in DATA_FIELDS}
    out[GEOMETRY] = normalize_value(GEOMETRY, geometry if geometry is not None
                                    else values.get(GEOMETRY))
    return out


def same_value(name: str, a, b) -> bool:
    a, b = normalize_value(name, a), normalize_value(name, b)
    if name == GEOMETRY:
        if a is None or b is None:
            return a is None and b is None
        return abs(a[0] - b[0]) <= COORD_EPSILON and abs(a[1] - b[1]) <= COORD_EPSILON
    return a == b


def changed_fields(before: Optional[Mapping[str, object]],
                   after: Optional[Mapping[str, object]]) -> List[str]:
    """The merge fields whose values differ (in :data:`MERGE_FIELDS` order)."""
    before = before or {}
    after = after or {}
    return [n for n in MERGE_FIELDS if not same_value(n, before.get(n), after.get(n))]


def same_state(a: Optional[Mapping[str, object]], b: Optional[Mapping[str, object]]) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return not changed_fields(a, b)


# -- GeoJSON --------------------------------------------------------------------------------------

def state_from_feature(feature: Mapping) -> State:
    props = feature.get("properties") or {}
    geom = feature.get("geometry") or {}
    coords = geom.get("coordinates") if isinstance(geom, dict) and geom.get("type") == "Point" \
        else None
    point = (coords[0], coords[1]) if coords and len(coords) >= 2 else None
    return make_state(props, point)


def feature_from_state(pin_id: str, state: Mapping[str, object]) -> dict:
    """The GeoJSON Feature a publish sends (every editable field, None for empty)."""
    props = {n: normalize_value(n, state.get(n)) for n in DATA_FIELDS}
    geom = normalize_value(GEOMETRY, state.get(GEOMETRY))
    return {"type": "Feature", "id": pin_id,
            "geometry": ({"type": "Point", "coordinates": [geom[0], geom[1]]}
                         if geom is not None else None),
            "properties": props}


# -- diff -----------------------------------------------------------------------------------------

ADD, CHANGE, DELETE = "add", "change", "delete"


@dataclass
class Change:
    kind: str           # add | change | delete
    pin_id: str
    fields: List[str] = field(default_factory=list)  # changed fields (all set fields for an add)
    label: str = ""     # the pin's Thai name, for lists


@dataclass
class ChangeSet:
    added: List[Change] = field(default_factory=list)
    changed: List[Change] = field(default_factory=list)
    deleted: List[Change] = field(default_factory=list)

    @property
    def changes(self) -> List[Change]:
        return self.added + self.changed + self.deleted

    def __len__(self) -> int:
        return len(self.added) + len(self.changed) + len(self.deleted)

    def counts(self) -> Dict[str, int]:
        return {"added": len(self.added), "changed": len(self.changed),
                "deleted": len(self.deleted)}


def diff(base: Mapping[str, Mapping[str, object]], local: Mapping[str, Mapping[str, object]],
         skip: Iterable[str] = ()) -> ChangeSet:
    """The changes of ``local`` against ``base`` (both: pin_id -> state), sorted by pin_id.

    Pins in ``skip`` (e.g. with open conflicts) are left out.
    """
    skip = set(skip)
    out = ChangeSet()
    for pin_id in sorted(set(base) | set(local)):
        if pin_id in skip:
            continue
        b, l_ = base.get(pin_id), local.get(pin_id)
        if b is None:
            fields = [n for n in MERGE_FIELDS if normalize_value(n, l_.get(n)) is not None]
            out.added.append(Change(ADD, pin_id, fields, str(l_.get("name_th") or "")))
        elif l_ is None:
            out.deleted.append(Change(DELETE, pin_id, [], str(b.get("name_th") or "")))
        else:
            fields = changed_fields(b, l_)
            if fields:
                out.changed.append(Change(CHANGE, pin_id, fields, str(l_.get("name_th") or "")))
    return out


# -- three-way merge ------------------------------------------------------------------------------

@dataclass
class MergeResult:
    merged: State
    conflicts: List[str]       # fields changed on both sides to different values
    local_only: List[str]      # fields changed locally only (kept)
    remote_only: List[str]     # fields changed remotely only (taken)

    @property
    def clean(self) -> bool:
        return not self.conflicts


def merge3(base: Optional[Mapping[str, object]], local: Mapping[str, object],
           remote: Mapping[str, object]) -> MergeResult:
    """Merge field by field.  ``base`` None (no common ancestor known): every field on which
    local and remote differ is a conflict."""
    merged: State = {}
    conflicts: List[str] = []
    local_only: List[str] = []
    remote_only: List[str] = []
    for n in MERGE_FIELDS:
        lv, rv = local.get(n), remote.get(n)
        if same_value(n, lv, rv):
            merged[n] = normalize_value(n, lv)
            continue
        if base is not None and same_value(n, base.get(n), lv):
            merged[n] = normalize_value(n, rv)
            remote_only.append(n)
        elif base is not None and same_value(n, base.get(n), rv):
            merged[n] = normalize_value(n, lv)
            local_only.append(n)
        else:
            merged[n] = normalize_value(n, lv)
            conflicts.append(n)
    return MergeResult(merged, conflicts, local_only, remote_only)


# -- values as text (conflict table, JSON) --------------------------------------------------------

def value_to_text(name: str, value) -> Optional[str]:
    """A value as the conflicts table stores it: text, None, or ``POINT(lon lat)``."""
    value = normalize_value(name, value) if name != EXISTENCE else value
    if value is None:
        return None
    if name == GEOMETRY:
        return f"POINT({value[0]!r} {value[1]!r})"
    return str(value)


def value_from_text(name: str, text: Optional[str]):
    if text is None:
        return None
    if name == GEOMETRY:
        inner = text.strip()
        if inner.upper().startswith("POINT(") and inner.endswith(")"):
            parts = inner[6:-1].split()
            if len(parts) == 2:
                return (float(parts[0]), float(parts[1]))
        return None
    return text


def describe(changes: Sequence[Change], limit: int = 50) -> List[str]:
    """One line per change (for a preview list): ``+ id name``, ``~ id name: fields``, ``- id``."""
    sign = {ADD: "+", CHANGE: "~", DELETE: "-"}
    lines = []
    for c in changes[:limit]:
        text = f"{sign[c.kind]} {c.pin_id}"
        if c.label:
            text += f" {c.label}"
        if c.kind == CHANGE:
            text += ": " + ", ".join(c.fields)
        lines.append(text)
    if len(changes) > limit:
        lines.append(f"... (+{len(changes) - limit})")
    return lines
