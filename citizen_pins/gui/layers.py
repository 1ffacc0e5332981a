"""The working copy's layers in the project: the service points with their style and form in the
user's language, and the DOPA code table (hidden) that feeds the form's cascading pickers."""
from __future__ import annotations

from typing import Optional, Tuple

from qgis.core import (
    QgsCategorizedSymbolRenderer,
    QgsMarkerSymbol,
    QgsProject,
    QgsRendererCategory,
    QgsVectorLayer,
)

from ..core import schema
from ..core.working_copy import (ADMIN_TABLE, WorkingCopyError, admin_units_uri, apply_form_config,
                                 layer_display_name, layer_uri, open_working_copy)

#: Marker colours by point type (distinct, readable on light base maps).
TYPE_COLOURS = {
    "lao_office": "#1565c0", "district_office": "#6a1b9a", "provincial_hall": "#c62828",
    "health_facility": "#2e7d32", "police_station": "#283593", "land_office": "#8d6e63",
    "post_office": "#ef6c00", "school": "#00838f", "other": "#616161",
}


def _find(uri: str) -> Optional[QgsVectorLayer]:
    for layer in QgsProject.instance().mapLayers().values():
        if isinstance(layer, QgsVectorLayer) and layer.source() == uri:
            return layer
    return None


def style_by_point_type(layer: QgsVectorLayer, lang: str) -> None:
    categories = []
    for p in schema.POINT_TYPES:
        symbol = QgsMarkerSymbol.createSimple({
            "name": "circle", "color": TYPE_COLOURS.get(p.key, "#616161"), "size": "2.6",
            "outline_color": "#ffffff", "outline_width": "0.4"})
        categories.append(QgsRendererCategory(p.key, symbol,
                                              p.label_th if lang == "th" else p.label_en))
    fallback = QgsMarkerSymbol.createSimple({"name": "circle", "color": "#9e9e9e", "size": "2.6",
                                             "outline_color": "#000000"})
    categories.append(QgsRendererCategory("", fallback,
                                          "ไม่ระบุประเภท" if lang == "th" else "No type"))
    layer.setRenderer(QgsCategorizedSymbolRenderer("point_type", categories))


def add_working_copy_layers(path: str, lang: str) -> Tuple[QgsVectorLayer, Optional[QgsVectorLayer]]:
    """Add (once) the service points and the admin-units table of the working copy at ``path``,
    with the form and style in ``lang``; returns (service points, admin units)."""
    project = QgsProject.instance()
    admin = _find(admin_units_uri(path))
    if admin is None:
        admin = QgsVectorLayer(admin_units_uri(path), ADMIN_TABLE, "ogr")
        if admin.isValid():
            project.addMapLayer(admin, False)  # in the project (for the form), not in the legend
        else:
            admin = None
    try:
        province = open_working_copy(path).province_code
    except WorkingCopyError:
        province = ""
    name = layer_display_name(path, province, lang)
    layer = _find(layer_uri(path))
    if layer is None:
        layer = QgsVectorLayer(layer_uri(path), name, "ogr")
        project.addMapLayer(layer, False)
        project.layerTreeRoot().insertLayer(0, layer)  # on top: pins are drawn over the rest
    else:
        layer.setName(name)
    apply_form_config(layer, lang, admin)
    style_by_point_type(layer, lang)
    from .services_layers import open_services

    open_services(path, layer, lang)  # its services, steps and documents (forms, relations)
    layer.triggerRepaint()
    return layer, admin


def style_boundaries(layer: QgsVectorLayer) -> None:
    """Tambon outlines only (no fill), so the pins and the base map show through."""
    from qgis.core import QgsFillSymbol, QgsSingleSymbolRenderer

    symbol = QgsFillSymbol.createSimple({"color": "0,0,0,0", "style": "no",
                                         "outline_color": "110,110,110,255",
                                         "outline_width": "0.2"})
    layer.setRenderer(QgsSingleSymbolRenderer(symbol))


def add_boundary_layer(layer: QgsVectorLayer) -> QgsVectorLayer:
    """Add a boundary layer at the bottom of the Layers panel (drawn first, under the pins),
    outlines only."""
    style_boundaries(layer)
    project = QgsProject.instance()
    project.addMapLayer(layer, False)
    project.layerTreeRoot().addLayer(layer)
    return layer


def remove_layers_of(path: str) -> None:
    """Remove from the project every layer reading the file ``path`` (saved data stays)."""
    import os

    target = os.path.normcase(os.path.abspath(path))
    project = QgsProject.instance()
    for layer in list(project.mapLayers().values()):
        file_part = layer.source().split("|", 1)[0]
        if file_part and os.path.normcase(os.path.abspath(file_part)) == target:
            project.removeMapLayer(layer.id())
