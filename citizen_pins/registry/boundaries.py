"""The registry's boundary collection (tambons), cached locally as a GeoPackage so validation and
the pin tool work offline; refreshed on demand."""
from __future__ import annotations

import json
import os
from typing import Optional

from osgeo import ogr
from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransformContext,
    QgsFeature,
    QgsFields,
    QgsGeometry,
    QgsVectorFileWriter,
)

from ..core.qgis_compat import STRING, WKB_MULTIPOLYGON, make_field
from .client import RegistryClient

LAYER = "tambons"
FIELDS = (("code", 6), ("amphoe_code", 4), ("province_code", 2), ("name_th", 120),
          ("name_en", 120))


class BoundaryCacheError(Exception):
    """The boundaries could not be cached; the previous cache (if any) is untouched."""


def _geometry(geojson: dict) -> Optional[QgsGeometry]:
    g = ogr.CreateGeometryFromJson(json.dumps(geojson)) if geojson else None
    if g is None:
        return None
    geom = QgsGeometry()
    geom.fromWkb(bytes(g.ExportToIsoWkb()))
    return geom


def cache_tambons(client: RegistryClient, path: str, feedback=None) -> int:
    """Download every tambon of the registry into ``path`` (a GeoPackage, layer ``tambons``),
    written to a temporary file first and moved into place only when complete."""
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
    os.replace(tmp, path)
    return count
