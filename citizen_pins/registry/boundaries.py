"""The registry's boundary collection (tambons), cached locally as a GeoPackage so validation and
the pin tool work offline; refreshed on demand."""
from __future__ import annotations

import json
import os
from typing import Optional

from osgeo import gdal, ogr
from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransformContext,
    QgsFeature,
    QgsFields,
    QgsGeometry,
    QgsVectorFileWriter,
)

from ..core.ogr_io import last_error, or_none, succeeded
from ..core.qgis_compat import STRING, WKB_MULTIPOLYGON, make_field
from ..core.sql import compose, ident
from .client import RegistryClient

LAYER = "tambons"
FIELDS = (("code", 6), ("amphoe_code", 4), ("province_code", 2), ("name_th", 120),
          ("name_en", 120))


class BoundaryCacheError(Exception):
    """The boundaries could not be cached; the previous cache (if any) is untouched."""


def _geometry(geojson: dict) -> Optional[QgsGeometry]:
    """A tambon's geometry from the registry's GeoJSON; None when it is not a readable one (the
    tambon is kept without it, with GDAL's exceptions on or off)."""
    g = or_none(ogr.CreateGeometryFromJson, json.dumps(geojson)) if geojson else None
    if g is None:
        return None
    geom = QgsGeometry()
    geom.fromWkb(bytes(g.ExportToIsoWkb()))
    return geom


def _copy_in_place(src: str, dst: str) -> None:
    """The tambons of ``src`` replace those of ``dst`` in one transaction of ``dst`` itself.

    The file stays the same: a layer may hold it open, and Windows refuses to replace or delete
    an open file.  A failure rolls back and leaves the previous cache as it was."""
    source, target = or_none(ogr.Open, src), or_none(ogr.Open, dst, 1)
    if source is None or target is None:
        raise BoundaryCacheError(f"{dst} cannot be opened for writing ({gdal.GetLastErrorMsg()}). "
                                 f"/ เปิดไฟล์ {dst} เพื่อบันทึกไม่ได้")
    src_layer, dst_layer = source.GetLayerByName(LAYER), target.GetLayerByName(LAYER)
    if src_layer is None or dst_layer is None:
        raise BoundaryCacheError(f"{dst} has no layer {LAYER}: delete the file and try again. / "
                                 f"ไฟล์ {dst} ไม่มีชั้นข้อมูล {LAYER} ให้ลบไฟล์แล้วลองใหม่")
    defn = dst_layer.GetLayerDefn()
    if not succeeded(target.StartTransaction):
        raise BoundaryCacheError(f"{dst} is in use by another program ({gdal.GetLastErrorMsg()}); "
                                 f"try again. / ไฟล์ {dst} กำลังถูกใช้งานอยู่ ให้ลองใหม่")
    try:
        gdal.ErrorReset()
        target.ExecuteSQL(compose("DELETE FROM {t}", t=ident(LAYER)))  # no result set
        if last_error():  # GDAL's exceptions off (QGIS 3.22)
            raise _unwritten(dst)
        for feat in src_layer:
            out = ogr.Feature(defn)
            out.SetFrom(feat)
            if not succeeded(dst_layer.CreateFeature, out):
                raise _unwritten(dst)
    except RuntimeError as e:  # GDAL's exceptions on (QGIS 3.40+)
        or_none(target.RollbackTransaction)
        raise _unwritten(dst, str(e)) from None
    except BaseException:
        or_none(target.RollbackTransaction)  # what failed is reported, not a failed rollback
        raise
    if not succeeded(target.CommitTransaction):
        raise _unwritten(dst)
    source = target = None  # closes both files


def _unwritten(dst: str, why: str = "") -> BoundaryCacheError:
    return BoundaryCacheError(f"{dst} could not be written ({why or gdal.GetLastErrorMsg()}); the "
                              f"previous boundaries are kept. / บันทึก {dst} ไม่สำเร็จ "
                              "ขอบเขตชุดเดิมยังอยู่")


def cache_tambons(client: RegistryClient, path: str, feedback=None) -> int:
    """Download every tambon of the registry into ``path`` (a GeoPackage, layer ``tambons``),
    written to a temporary file first; only when it is complete does it become the cache: moved
    into place the first time, copied into the existing file afterwards (never replaced)."""
    fields = QgsFields()
    for name, length in FIELDS:
        fields.append(make_field(name, STRING, length))
    tmp = os.path.splitext(path)[0] + ".part.gpkg"  # GDAL wants the .gpkg extension
    if os.path.exists(tmp):
        os.remove(tmp)
    options = QgsVectorFileWriter.SaveVectorOptions()
    options.driverName = "GPKG"
    options.layerName = LAYER
    writer = QgsVectorFileWriter.create(tmp, fields, WKB_MULTIPOLYGON,
                                        QgsCoordinateReferenceSystem("EPSG:4326"),
                                        QgsCoordinateTransformContext(), options)
    if writer.hasError() != QgsVectorFileWriter.WriterError.NoError:
        raise BoundaryCacheError(writer.errorMessage())
    count = 0

    def progress(received, matched):
        if feedback is not None and matched:
            feedback.setProgress(100.0 * received / matched)

    try:
        for item in client.iter_items(LAYER, on_page=progress):
            if feedback is not None and feedback.isCanceled():
                raise BoundaryCacheError("cancelled")
            props = item.get("properties") or {}
            feat = QgsFeature(fields)
            code = str(props.get("code") or item.get("id") or "")
            feat.setAttributes([code, props.get("amphoe_code") or code[:4],
                                props.get("province_code") or code[:2], props.get("name_th"),
                                props.get("name_en")])
            geom = _geometry(item.get("geometry"))
            if geom is not None:
                geom.convertToMultiType()
                feat.setGeometry(geom)
            writer.addFeature(feat)
            count += 1
    finally:
        del writer
    if count == 0:
        os.remove(tmp)
        raise BoundaryCacheError("the registry serves no tambon")
    if not os.path.exists(path):
        os.replace(tmp, path)  # a file that does not exist yet is held by no one
        return count
    try:
        _copy_in_place(tmp, path)
    finally:
        os.remove(tmp)
    return count
