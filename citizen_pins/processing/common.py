"""What the coordinator algorithms (validate_batch, completeness, report) share: reading many pin
layers into one table, the boundary index, province choices, sinks written only at the end.

Pins and boundaries are read by the validation algorithm's own readers (one code path: the same
fast GDAL Arrow path, the same reprojection and the same clear refusals as citizen_pins:validate).
"""
from __future__ import annotations

from typing import List, Optional, Sequence, Tuple

import numpy as np
from qgis.core import (QgsCoordinateReferenceSystem, QgsCoordinateTransform, QgsFeatureRequest,
                       QgsFeatureSink, QgsGeometry, QgsProcessingException,
                       QgsProviderRegistry)

from ..core.boundaries import normalize_boundary_code
from ..core.dopa import codes, normalize_code
from ..core.pins import PinTable

WGS84 = "EPSG:4326"


def validation_helper():
    """A citizen_pins:validate instance whose input readers the coordinator algorithms reuse."""
    from .validate import ValidateAlgorithm

    helper = ValidateAlgorithm()
    helper.initAlgorithm({})
    return helper


def read_pins(helper, layer, context, feedback, label: str = "") -> PinTable:
    """One layer's pins (as citizen_pins:validate reads INPUT); errors name ``label``."""
    try:
        return helper._pins({helper.INPUT: layer}, context, feedback)
    except QgsProcessingException as e:
        if not label:
            raise
        raise QgsProcessingException(f"{label}: {e.args[0] if e.args else e}")


def ogr_source(layer):
    """(path, layer name) of an unmodified, unfiltered OGR layer that GDAL's Python opens (the
    column readers read such a file directly), else None."""
    if layer is None or layer.providerType() != "ogr" or layer.isModified() or layer.subsetString():
        return None
    parts = QgsProviderRegistry.instance().decodeUri("ogr", layer.source())
    path = parts.get("path")
    if not path:
        return None
    from ..core.ogr_io import open_dataset

    # e.g. a .zip QGIS opens itself but GDAL's Python does not; within ogr_io.shared_datasets()
    # this open is the one the reader uses
    if open_dataset(path) is None:
        return None
    return path, parts.get("layerName") or None


def read_boundaries(helper, parameters, context, feedback):
    """(BoundaryIndex, code field) from the BOUNDARIES / CODE_FIELD parameters."""
    return helper._boundaries(parameters, context, feedback)


def concat(tables: Sequence[PinTable]) -> Tuple[PinTable, np.ndarray]:
    """One PinTable of several (columns joined as they are held), and each pin's table number."""
    which = np.concatenate([np.full(len(t), k, dtype=np.int64) for k, t in enumerate(tables)]) \
        if tables else np.empty(0, np.int64)
    return PinTable.concat(tables), which


def subset(pins: PinTable, keep: np.ndarray) -> PinTable:
    return pins.take(keep)


def declared_codes(pins: PinTable):
    """Normalised declared codes per field (as validation normalises them), without boundaries."""
    from ..core.context import ValidationContext

    ctx = ValidationContext(pins, None, codes())
    return {f: ctx.declared(f) for f in ("province_code", "amphoe_code", "tambon_code")}


def located_codes(index, pins: PinTable, only: Optional[np.ndarray] = None) -> List[str]:
    """The tambon code each pin lies in ("" if none); only for the pins in ``only`` if given."""
    out = [""] * len(pins)
    idx = np.arange(len(pins)) if only is None else np.asarray(only, dtype=np.int64)
    ok = idx[np.isfinite(pins.x[idx]) & np.isfinite(pins.y[idx])] if len(idx) else idx
    if index is None or not len(ok):
        return out
    where = index.locate(pins.x[ok], pins.y[ok])
    for i, j in zip(ok.tolist(), where.tolist()):
        if j >= 0:
            out[i] = index.codes[j] or ""
    return out


def parse_provinces(alg, text: str) -> Optional[List[str]]:
    """``"21, 91"`` / ``"๒๑"`` / ``"TH21"`` -> ``["21", "91"]``; None when empty.  Raises on
    anything that is not a current DOPA province code."""
    text = (text or "").strip()
    if not text:
        return None
    d = codes()
    out = []
    for part in text.replace(";", ",").split(","):
        part = part.strip()
        if not part:
            continue
        n = normalize_code(part, digits=2)
        if n.code is None or n.code not in d.units:
            # a province name (Thai or English) is accepted too
            match = [p.code for p in d.provinces()
                     if part.lower() in (p.name_th.lower(), p.name_en.lower())]
            if len(match) != 1:
                raise QgsProcessingException(alg.tr(
                    "PROVINCES: '{}' is not a province: give DOPA province codes such as 21 "
                    "(Rayong) or 10 (Bangkok), separated by commas, or leave it empty.").format(part))
            out.append(match[0])
        else:
            out.append(n.code)
    return sorted(set(out))


def boundary_polygons(layer, field: str, provinces: Optional[Sequence[str]], context,
                      feedback) -> List[Tuple[str, str, QgsGeometry]]:
    """(normalised code or "", raw code, geometry in EPSG:4326) of every boundary feature in the
    provinces (all when None)."""
    transform = None
    if layer.crs().authid() != WGS84:
        transform = QgsCoordinateTransform(layer.crs(), QgsCoordinateReferenceSystem(WGS84),
                                           context.transformContext())
    wanted = set(provinces) if provinces else None
    out = []
    request = QgsFeatureRequest().setSubsetOfAttributes([field], layer.fields())
    for k, f in enumerate(layer.getFeatures(request)):
        if k % 500 == 0 and feedback.isCanceled():
            break
        raw = f.attribute(field)
        raw_s = "" if raw is None or (hasattr(raw, "isNull") and raw.isNull()) else str(raw)
        code = normalize_boundary_code(raw_s) or ""
        if wanted is not None and code[:2] not in wanted:
            continue
        g = f.geometry()
        if g is None or g.isNull() or g.isEmpty():
            continue
        g = QgsGeometry(g)
        if transform is not None:
            g.transform(transform)
        out.append((code, raw_s, g))
    return out


def dissolve(polygons: Sequence[Tuple[str, str, QgsGeometry]], digits: int,
             feedback=None) -> List[Tuple[str, QgsGeometry]]:
    """Tambon polygons merged into amphoes (4) or provinces (2), sorted by code."""
    groups = {}
    for code, _, g in polygons:
        if code:
            groups.setdefault(code[:digits], []).append(g)
    out = []
    for k, key in enumerate(sorted(groups)):
        if feedback is not None and feedback.isCanceled():
            break
        geoms = groups[key]
        merged = geoms[0] if len(geoms) == 1 else QgsGeometry.unaryUnion(geoms)
        out.append((key, merged))
    return out


def write_all(alg, sink, features, what: str) -> None:
    """Write features in batches; a failure is one clear error."""
    batch = []
    for f in features:
        batch.append(f)
        if len(batch) >= 5000:
            _flush(alg, sink, batch, what)
            batch = []
    _flush(alg, sink, batch, what)


def _flush(alg, sink, batch, what):
    if batch and not sink.addFeatures(batch, QgsFeatureSink.Flag.FastInsert):
        error = sink.lastError() if hasattr(sink, "lastError") else ""
        raise QgsProcessingException(alg.tr("{}: writing failed: {}").format(what, error))


def default_registry_url() -> str:
    """The registry URL of the plugin's settings (a parameter's default; "" when unset)."""
    try:
        from ..toolbelt.settings import PluginSettings

        return PluginSettings.load().registry_url or ""
    except Exception:  # noqa: BLE001 - settings are only a default here
        return ""
