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


# Geometry types: Qgis.WkbType from 3.30 on (QgsWkbTypes.Type is gone in QGIS 4).
if hasattr(Qgis, "WkbType"):
    WKB_POINT, WKB_NO_GEOMETRY = Qgis.WkbType.Point, Qgis.WkbType.NoGeometry
    WKB_MULTIPOLYGON = Qgis.WkbType.MultiPolygon
else:
    from qgis.core import QgsWkbTypes

    WKB_POINT, WKB_NO_GEOMETRY = QgsWkbTypes.Type.Point, QgsWkbTypes.Type.NoGeometry
    WKB_MULTIPOLYGON = QgsWkbTypes.Type.MultiPolygon

# Processing source types: Qgis.ProcessingSourceType from 3.36 on.
if hasattr(Qgis, "ProcessingSourceType"):
    SOURCE_POINT = Qgis.ProcessingSourceType.VectorPoint
    SOURCE_POLYGON = Qgis.ProcessingSourceType.VectorPolygon
    SOURCE_ANY_GEOMETRY = Qgis.ProcessingSourceType.VectorAnyGeometry
else:
    from qgis.core import QgsProcessing

    SOURCE_POINT = QgsProcessing.SourceType.TypeVectorPoint
    SOURCE_POLYGON = QgsProcessing.SourceType.TypeVectorPolygon
    SOURCE_ANY_GEOMETRY = QgsProcessing.SourceType.TypeVectorAnyGeometry


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
