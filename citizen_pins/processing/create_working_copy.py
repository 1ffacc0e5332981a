"""citizen_pins:create_working_copy — an empty service-point GeoPackage, ready to edit."""
from __future__ import annotations

import os

from qgis.core import (
    QgsProcessingContext,
    QgsProcessingException,
    QgsProcessingOutputNumber,
    QgsProcessingOutputVectorLayer,
    QgsProcessingParameterFileDestination,
    QgsProcessingParameterString,
    QgsProcessingUtils,
)

from ..core.qgis_compat import SOURCE_POINT
from ..core.working_copy import WorkingCopyError, create_working_copy, layer_display_name
from ..toolbelt.i18n import qgis_language
from ..toolbelt.resources import plugin_metadata
from .base import CitizenPinsAlgorithm


class CreateWorkingCopyAlgorithm(CitizenPinsAlgorithm):
    ALGORITHM_ID = "create_working_copy"
    GROUP_ID = "working_copy"
    ICON = "new_working_copy.svg"

    OUTPUT = "OUTPUT"
    PROVINCE = "PROVINCE"
    LAYER = "LAYER"
    PIN_COUNT = "PIN_COUNT"

    def displayName(self) -> str:  # noqa: N802
        return self.tr("Create working copy")

    def shortHelpString(self) -> str:  # noqa: N802
        return self.tr(
            "Creates an empty service-point layer (GeoPackage, EPSG:4326) in the citizen_pins "
            "schema, with its attribute form, ready to edit in QGIS. An existing file is never "
            "overwritten. PROVINCE (optional) is the DOPA code of the province the working copy "
            "is for, e.g. 21 for Rayong. A working copy is never a temporary file: it holds your "
            "edits until they are published.")

    def initAlgorithm(self, config=None):  # noqa: N802
        self.addParameter(QgsProcessingParameterFileDestination(
            self.OUTPUT, self.tr("Working copy (GeoPackage)"), self.tr("GeoPackage (*.gpkg)")))
        self.addParameter(QgsProcessingParameterString(
            self.PROVINCE, self.tr("Province (DOPA code)"), optional=True))
        self.addOutput(QgsProcessingOutputVectorLayer(
            self.LAYER, self.tr("Service-point layer"), SOURCE_POINT))
        self.addOutput(QgsProcessingOutputNumber(self.PIN_COUNT, self.tr("Pins")))

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802
        path = self.parameterAsFileOutput(parameters, self.OUTPUT, context)
        province = self.parameterAsString(parameters, self.PROVINCE, context)
        temp = os.path.normcase(os.path.abspath(QgsProcessingUtils.tempFolder()))
        if os.path.normcase(os.path.abspath(path)).startswith(temp + os.sep):
            raise QgsProcessingException(self.tr(
                "A working copy holds edits until they are published: it cannot be a temporary "
                "file (deleted when QGIS closes). Choose a file in a folder that is kept."))
        try:
            info = create_working_copy(path, province or None, plugin_metadata("version"))
        except WorkingCopyError as e:
            raise QgsProcessingException(str(e))
        feedback.pushInfo(self.tr("Working copy created: {}").format(info.path))
        details = QgsProcessingContext.LayerDetails(
            layer_display_name(info.path, info.province_code, qgis_language()), context.project(),
            self.LAYER)
        context.addLayerToLoadOnCompletion(info.layer_uri, details)
        return {self.OUTPUT: info.path, self.LAYER: info.layer_uri, self.PIN_COUNT: info.pin_count}
