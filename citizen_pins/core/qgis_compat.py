"""Small shims so the same code runs on QGIS 3.22 (Qt5) and QGIS 4 (Qt6)."""
from __future__ import annotations

from qgis.core import Qgis, QgsField

_QGIS_INT = Qgis.QGIS_VERSION_INT

if _QGIS_INT >= 33800:  # QgsField takes QMetaType.Type from 3.38 on (and only that in QGIS 4)
    from qgis.PyQt.QtCore import QMetaType

    STRING, INT, LONG, DOUBLE, DATETIME, BOOL = (
        QMetaType.Type.QString, QMetaType.Type.Int, QMetaType.Type.LongLong,
        QMetaType.Type.Double, QMetaType.Type.QDateTime, QMetaType.Type.Bool)
else:
    from qgis.PyQt.QtCore import QVariant

    STRING, INT, LONG, DOUBLE, DATETIME, BOOL = (
        QVariant.String, QVariant.Int, QVariant.LongLong, QVariant.Double, QVariant.DateTime,
        QVariant.Bool)


def make_field(name: str, kind, length: int = 0) -> QgsField:
    f = QgsField(name, kind)
    if length:
        f.setLength(length)
    return f


def is_null(value) -> bool:
    """True for None and for QGIS's NULL (a null QVariant), on Qt5 and Qt6."""
    if value is None:
        return True
    try:
        from qgis.PyQt.QtCore import QVariant

        if isinstance(value, QVariant):
            return value.isNull()
    except ImportError:  # pragma: no cover
        pass
    return False


def enum_value(*spellings: str):
    """The first of several spellings of an enum (or one of its values) that this QGIS has,
    newest first, e.g. ``enum_value("Qgis.WkbType.Point", "QgsWkbTypes.Type.Point")``.

    QGIS 3.x moved many enums into ``Qgis`` and kept the old spellings as aliases, which QGIS 4
    drops: the spellings are strings, looked up here only, so an old name is never evaluated
    where it no longer exists.  Looked up in qgis.core, then Qt (QtCore, QtGui), then qgis.gui.
    """
    import qgis.core as qc
    from qgis.PyQt import QtCore, QtGui

    def roots():
        yield from (qc, QtCore, QtGui)
        import qgis.gui as qg  # only when the others lack the name

        yield qg

    for spelling in spellings:
        head, *rest = spelling.split(".")
        for root in roots():
            obj = getattr(root, head, None)
            if obj is None:
                continue
            try:
                for part in rest:
                    obj = getattr(obj, part)
            except AttributeError:
                break
            return obj
    raise AttributeError(f"none of {', '.join(spellings)} in QGIS {Qgis.QGIS_VERSION}")


# Every enum the plugin uses whose name moved between QGIS 3.22 and QGIS 4 (scripts/qgis4_check.py
# finds any other use of an old name), newest spelling first; the version that introduced it in
# brackets.
# Geometry (3.30): QgsWkbTypes.Type and QgsWkbTypes.GeometryType are gone in QGIS 4.
WKB_POINT = enum_value("Qgis.WkbType.Point", "QgsWkbTypes.Type.Point")
WKB_NO_GEOMETRY = enum_value("Qgis.WkbType.NoGeometry", "QgsWkbTypes.Type.NoGeometry")
WKB_MULTIPOLYGON = enum_value("Qgis.WkbType.MultiPolygon", "QgsWkbTypes.Type.MultiPolygon")
GEOMETRY_POINT = enum_value("Qgis.GeometryType.Point", "QgsWkbTypes.GeometryType.PointGeometry")
GEOMETRY_POLYGON = enum_value("Qgis.GeometryType.Polygon",
                              "QgsWkbTypes.GeometryType.PolygonGeometry")
GEOMETRY_LINE = enum_value("Qgis.GeometryType.Line", "QgsWkbTypes.GeometryType.LineGeometry")
# Feature requests (3.36)
REQUEST_NO_GEOMETRY = enum_value("Qgis.FeatureRequestFlag.NoGeometry",
                                 "QgsFeatureRequest.Flag.NoGeometry")
# Processing (3.36)
SOURCE_VECTOR = enum_value("Qgis.ProcessingSourceType.Vector", "QgsProcessing.SourceType.TypeVector")
SOURCE_POINT = enum_value("Qgis.ProcessingSourceType.VectorPoint",
                          "QgsProcessing.SourceType.TypeVectorPoint")
SOURCE_POLYGON = enum_value("Qgis.ProcessingSourceType.VectorPolygon",
                            "QgsProcessing.SourceType.TypeVectorPolygon")
SOURCE_LINE = enum_value("Qgis.ProcessingSourceType.VectorLine",
                         "QgsProcessing.SourceType.TypeVectorLine")
SOURCE_ANY_GEOMETRY = enum_value("Qgis.ProcessingSourceType.VectorAnyGeometry",
                                 "QgsProcessing.SourceType.TypeVectorAnyGeometry")
NUMBER_INTEGER = enum_value("Qgis.ProcessingNumberParameterType.Integer",
                            "QgsProcessingParameterNumber.Type.Integer")
NUMBER_DOUBLE = enum_value("Qgis.ProcessingNumberParameterType.Double",
                           "QgsProcessingParameterNumber.Type.Double")
PARAMETER_ADVANCED = enum_value("Qgis.ProcessingParameterFlag.Advanced",
                                "QgsProcessingParameterDefinition.Flag.FlagAdvanced")
FILE_BEHAVIOR_FILE = enum_value("Qgis.ProcessingFileParameterBehavior.File",
                                "QgsProcessingParameterFile.Behavior.File")
FIELD_ANY = enum_value("Qgis.ProcessingFieldParameterDataType.Any",
                       "QgsProcessingParameterField.DataType.Any")
FIELD_NUMERIC = enum_value("Qgis.ProcessingFieldParameterDataType.Numeric",
                           "QgsProcessingParameterField.DataType.Numeric")
ALGORITHM_NO_THREADING = enum_value("Qgis.ProcessingAlgorithmFlag.NoThreading",
                                    "QgsProcessingAlgorithm.Flag.FlagNoThreading")
# Layer pickers (3.34)
LAYER_FILTER_POLYGON = enum_value("Qgis.LayerFilter.PolygonLayer",
                                  "QgsMapLayerProxyModel.Filter.PolygonLayer")
# Units (3.30), legends (after 3.40), labels (3.26), text (3.22 already has it)
LAYOUT_MM = enum_value("Qgis.LayoutUnit.Millimeters", "QgsUnitTypes.LayoutUnit.LayoutMillimeters")
LAYOUT_SHAPE_RECTANGLE = enum_value("QgsLayoutItemShape.Shape.Rectangle")
RENDER_POINTS = enum_value("Qgis.RenderUnit.Points", "QgsUnitTypes.RenderUnit.RenderPoints")
DISTANCE_KM = enum_value("Qgis.DistanceUnit.Kilometers",
                         "QgsUnitTypes.DistanceUnit.DistanceKilometers")
LEGEND_TITLE = enum_value("Qgis.LegendComponent.Title", "QgsLegendStyle.Style.Title")
LEGEND_GROUP = enum_value("Qgis.LegendComponent.Group", "QgsLegendStyle.Style.Group")
LEGEND_SUBGROUP = enum_value("Qgis.LegendComponent.Subgroup", "QgsLegendStyle.Style.Subgroup")
LEGEND_SYMBOL_LABEL = enum_value("Qgis.LegendComponent.SymbolLabel",
                                 "QgsLegendStyle.Style.SymbolLabel")
LABEL_OVER_POINT = enum_value("Qgis.LabelPlacement.OverPoint",
                              "QgsPalLayerSettings.Placement.OverPoint")
TEXT_ALWAYS_TEXT = enum_value("Qgis.TextRenderFormat.AlwaysText")
# Attribute forms (3.32) and relations (3.28)
FORM_DRAG_AND_DROP = enum_value("Qgis.AttributeFormLayout.DragAndDrop",
                                "QgsEditFormConfig.EditorLayout.TabLayout")
FORM_GENERATED = enum_value("Qgis.AttributeFormLayout.AutoGenerated",
                            "QgsEditFormConfig.EditorLayout.GeneratedLayout")
RELATION_COMPOSITION = enum_value("Qgis.RelationshipStrength.Composition",
                                  "QgsRelation.RelationStrength.Composition")


def standalone_app(profile_folder: str):
    """A QgsApplication without GUI (for scripts and harnesses, never the plugin) whose profile —
    settings and authentication database — lives in ``profile_folder`` on every QGIS version.

    QGIS 3.22 honours the constructor's folder; 3.40 ignores it and takes the user's default
    profile (so two runs share one authentication database and its master password) unless
    QGIS_CUSTOM_CONFIG_PATH names the folder, under which it uses ``profiles/default``.
    Raises RuntimeError if this QGIS still puts the profile elsewhere.
    """
    import os

    from qgis.core import QgsApplication

    folder = os.path.abspath(profile_folder)
    os.makedirs(folder, exist_ok=True)
    os.environ["QGIS_CUSTOM_CONFIG_PATH"] = folder
    app = QgsApplication([], False, folder)
    app.initQgis()
    used = os.path.abspath(QgsApplication.qgisSettingsDirPath())
    if os.path.commonpath([used, folder]) != folder:
        raise RuntimeError(f"QGIS {Qgis.QGIS_VERSION} keeps its profile in {used}, not in {folder}")
    return app


def container_as_tab(container) -> None:
    """Show a form container as a tab: setType(Qgis.AttributeEditorContainerType.Tab) from 3.32
    on (setIsGroupBox is deprecated there and gone in QGIS 4), setIsGroupBox(False) before."""
    kind = getattr(Qgis, "AttributeEditorContainerType", None)
    if kind is not None and hasattr(container, "setType"):
        container.setType(kind.Tab)
    else:
        container.setIsGroupBox(False)


def save_style_to_database(layer, name: str, description: str, use_as_default: bool,
                           ui_file_content: str = "") -> str:
    """Store the layer's style in its data source; '' when done, else the error.

    QGIS 3.44 deprecates saveStyleToDatabase for saveStyleToDatabaseV2 (result flags; a style the
    SLD writer cannot express is still stored as QML, so only a QML or database failure counts).
    """
    if hasattr(layer, "saveStyleToDatabaseV2"):
        from qgis.core import QgsMapLayer

        results, error = layer.saveStyleToDatabaseV2(name, description, use_as_default,
                                                     ui_file_content)
        failed = (QgsMapLayer.SaveStyleResult.QmlGenerationFailed,
                  QgsMapLayer.SaveStyleResult.DatabaseWriteFailed)
        if any(results & f for f in failed):
            return error or "the style could not be stored"
        return ""
    return layer.saveStyleToDatabase(name, description, use_as_default, ui_file_content)
