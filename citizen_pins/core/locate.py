"""Which tambon a single point lies in, read from a boundary layer (one click of the pin tool).

For many pins use :class:`core.boundaries.BoundaryIndex`; this answers one point through the
layer's own spatial index without building anything.
"""
from __future__ import annotations

from typing import Optional, Tuple

from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsFeatureRequest,
    QgsGeometry,
    QgsPointXY,
    QgsProject,
    QgsVectorLayer,
)

from .boundaries import detect_code_field, normalize_boundary_code, sample_values

WGS84 = QgsCoordinateReferenceSystem("EPSG:4326")


def code_field_of(layer: QgsVectorLayer) -> Optional[str]:
    return detect_code_field(sample_values(layer))


def tambon_at(layer: QgsVectorLayer, point: QgsPointXY,
              code_field: Optional[str] = None) -> Optional[str]:
    """The 6-digit DOPA code of the tambon polygon containing ``point`` (EPSG:4326), or None
    (outside every polygon, or the polygon has no valid code)."""
    field = code_field or code_field_of(layer)
    if not field:
        return None
    geom = QgsGeometry.fromPointXY(point)
    if layer.crs() != WGS84:
        geom.transform(QgsCoordinateTransform(WGS84, layer.crs(), QgsProject.instance()))
    req = QgsFeatureRequest().setFilterRect(geom.boundingBox()).setSubsetOfAttributes(
        [field], layer.fields())
    for feat in layer.getFeatures(req):
        if feat.hasGeometry() and feat.geometry().intersects(geom):
            return normalize_boundary_code(feat.attribute(field))
    return None


def codes_of(tambon: Optional[str]) -> Tuple[Optional[str], Optional[str], Optional[str]]:
    """(province, amphoe, tambon) codes that follow from a tambon code."""
    if not tambon:
        return None, None, None
    return tambon[:2], tambon[:4], tambon
