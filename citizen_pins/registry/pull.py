"""Pull: a province's pins from the registry into a working copy.

Kept simple on purpose (the sync engine -- base snapshot, journal, conflicts -- comes next): every
pin the registry has for the province is written into the working copy's layer, added when new,
overwritten when the working copy already has its ``pin_id``; pins that exist only in the working
copy are left alone and counted.  Each pin keeps the registry's ``version`` (its ETag is
``"<version>"``, see :func:`client.etag_for_version`) and ``updated_at``, so the next step can
build the base from what was pulled.  The working copy's metadata records the registry URL, the
province, when the pull ran and the newest ``updated_at`` seen (a watermark for "changes since").
"""
from __future__ import annotations

import datetime as _dt
import os
from dataclasses import dataclass
from typing import Dict, Optional

from qgis.core import QgsFeature, QgsGeometry, QgsPointXY, QgsVectorLayer
from qgis.PyQt.QtCore import QDateTime, Qt

from ..core import schema
from ..core.dopa import codes, normalize_code
from ..core.working_copy import (
    META_TABLE, WorkingCopyError, create_working_copy, layer_uri, open_working_copy)
from .client import RegistryClient
from .errors import RegistryError

BATCH = 1000


@dataclass
class PullResult:
    path: str
    province_code: str
    received: int
    added: int
    updated: int
    local_only: int
    newest_updated_at: str


def to_qdatetime(text: Optional[str]):
    if not text:
        return None
    try:
        value = _dt.datetime.fromisoformat(str(text).replace("Z", "+00:00"))
    except ValueError:
        return None
    if value.tzinfo is not None:
        value = value.astimezone(_dt.timezone.utc).replace(tzinfo=None)
    qdt = QDateTime.fromString(value.strftime("%Y-%m-%dT%H:%M:%S.") + f"{value.microsecond // 1000:03d}",
                               Qt.DateFormat.ISODateWithMs)
    qdt.setTimeSpec(Qt.TimeSpec.UTC)
    return qdt


def _attributes(layer: QgsVectorLayer, feature: dict) -> Dict[int, object]:
    props = feature.get("properties") or {}
    out: Dict[int, object] = {}
    fields = layer.fields()
    for f in schema.FIELDS:
        idx = fields.indexFromName(f.name)
        if idx < 0:
            continue
        if f.name == "pin_id":
            value = feature.get("id") or props.get("pin_id")
        else:
            value = props.get(f.name)
        if f.kind == schema.DATETIME:
            value = to_qdatetime(value)
        elif f.kind == schema.INTEGER and value is not None:
            value = int(value)
        out[idx] = value
    return out


def _geometry(feature: dict) -> Optional[QgsGeometry]:
    geom = feature.get("geometry") or {}
    coords = geom.get("coordinates") if geom.get("type") == "Point" else None
    if not coords or len(coords) < 2:
        return None
    return QgsGeometry.fromPointXY(QgsPointXY(float(coords[0]), float(coords[1])))


def _write_meta(path: str, values: Dict[str, str]) -> None:
    meta = QgsVectorLayer(f"{path}|layername={META_TABLE}", "meta", "ogr")
    if not meta.isValid():
        raise WorkingCopyError(f"{path} has no metadata table.")
    existing = {str(f["key"]): f.id() for f in meta.getFeatures()}
    idx = meta.fields().indexFromName("value")
    changes = {existing[k]: {idx: v} for k, v in values.items() if k in existing}
    new = []
    for k, v in values.items():
        if k not in existing:
            feat = QgsFeature(meta.fields())
            feat["key"], feat["value"] = k, v
            new.append(feat)
    ok = True
    if changes:
        ok = meta.dataProvider().changeAttributeValues(changes)
    if new:
        ok = meta.dataProvider().addFeatures(new)[0] and ok
    if not ok:
        raise WorkingCopyError(f"Cannot write the metadata of {path}.")


def pull_province(client: RegistryClient, path: str, province: str, feedback=None,
                  plugin_version: str = "") -> PullResult:
    """Download every pin of ``province`` into the working copy at ``path`` (created if missing)."""
    n = normalize_code(province, digits=2)
    if n.code is None or not codes().is_current(n.code):
        raise WorkingCopyError(
            f"'{province}' is not a DOPA province code (2 digits, e.g. 21 for Rayong).")
    province = n.code
    path = os.path.abspath(path)
    if os.path.exists(path):
        info = open_working_copy(path)
        if info.province_code and info.province_code != province:
            raise WorkingCopyError(
                f"{path} is the working copy of province {info.province_code}, not {province}. "
                "Choose another file for this province.")
    else:
        create_working_copy(path, province, plugin_version)

    layer = QgsVectorLayer(layer_uri(path), schema.LAYER_NAME, "ogr")
    if not layer.isValid():
        raise WorkingCopyError(f"Cannot open the service-point layer of {path}.")
    provider = layer.dataProvider()
    pin_idx = layer.fields().indexFromName("pin_id")
    local: Dict[str, int] = {}
    for f in layer.getFeatures():
        value = f.attribute(pin_idx)
        if isinstance(value, str) and value:
            local[value] = f.id()

    received = added = updated = 0
    seen = set()
    newest = ""
    adds = []
    attr_changes: Dict[int, Dict[int, object]] = {}
    geom_changes: Dict[int, QgsGeometry] = {}

    def flush():
        nonlocal adds, attr_changes, geom_changes
        if adds and not provider.addFeatures(adds)[0]:
            raise WorkingCopyError(f"Cannot add pins to {path}: {provider.lastError()}")
        if attr_changes and not provider.changeAttributeValues(attr_changes):
            raise WorkingCopyError(f"Cannot update pins in {path}: {provider.lastError()}")
        if geom_changes and not provider.changeGeometryValues(geom_changes):
            raise WorkingCopyError(f"Cannot move pins in {path}: {provider.lastError()}")
        adds, attr_changes, geom_changes = [], {}, {}

    def progress(done, matched):
        if feedback is not None and matched:
            feedback.setProgress(min(100.0, 100.0 * done / max(1, int(matched))))

    for feature in client.iter_items(params={"province_code": province}, on_page=progress):
        if feedback is not None and feedback.isCanceled():
            raise RegistryError(0, "canceled", "Pull canceled; the pins received so far are "
                                "kept.", "ยกเลิกการดึงข้อมูลแล้ว หมุดที่ได้รับแล้วยังเก็บไว้")
        pin_id = feature.get("id")
        if not isinstance(pin_id, str) or pin_id in seen:
            continue
        seen.add(pin_id)
        received += 1
        attrs = _attributes(layer, feature)
        geom = _geometry(feature)
        stamp = (feature.get("properties") or {}).get("updated_at") or ""
        if isinstance(stamp, str) and stamp > newest:
            newest = stamp
        if pin_id in local:
            fid = local[pin_id]
            attr_changes[fid] = attrs
            if geom is not None:
                geom_changes[fid] = geom
            updated += 1
        else:
            feat = QgsFeature(layer.fields())
            for idx, value in attrs.items():
                feat.setAttribute(idx, value)
            if geom is not None:
                feat.setGeometry(geom)
            adds.append(feat)
            added += 1
        if len(adds) + len(attr_changes) >= BATCH:
            flush()
    flush()
    now = _dt.datetime.now(_dt.timezone.utc).replace(microsecond=0).isoformat()
    _write_meta(path, {"province_code": province, "registry_url": client.base_url,
                       "pulled_at": now, "registry_newest_updated_at": newest})
    local_only = len(set(local) - seen)
    return PullResult(path, province, received, added, updated, local_only, newest)
