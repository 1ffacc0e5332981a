"""citizen_pins:pull -- a province's pins from the national registry into a working copy."""
from __future__ import annotations

import json

from qgis.core import (
    QgsProcessingContext,
    QgsProcessingException,
    QgsProcessingOutputNumber,
    QgsProcessingOutputString,
    QgsProcessingOutputVectorLayer,
    QgsProcessingParameterAuthConfig,
    QgsProcessingParameterFileDestination,
    QgsProcessingParameterNumber,
    QgsProcessingParameterString,
)

from ..core import schema
from ..core.qgis_compat import NUMBER_INTEGER as _INTEGER
from ..core.qgis_compat import SOURCE_POINT as _POINTS
from ..core.working_copy import WorkingCopyError, layer_display_name
from ..registry.client import RegistryClient
from ..registry.errors import RegistryError
from ..registry.pull import pull_province
from ..registry.sync import PublishError, check_unsaved_edits
from ..toolbelt.i18n import qgis_language
from ..toolbelt.resources import plugin_metadata
from . import common
from .base import CitizenPinsAlgorithm


class PullAlgorithm(CitizenPinsAlgorithm):
    ALGORITHM_ID = "pull"
    GROUP_ID = "registry"

    REGISTRY_URL = "REGISTRY_URL"
    AUTHCFG = "AUTHCFG"
    PROVINCE = "PROVINCE"
    TIMEOUT = "TIMEOUT"
    OUTPUT = "OUTPUT"
    LAYER = "LAYER"
    PIN_COUNT = "PIN_COUNT"
    ADDED = "ADDED"
    UPDATED = "UPDATED"
    REMOVED = "REMOVED"
    CONFLICTS = "CONFLICTS"
    ADOPTED = "ADOPTED"
    SERVICES = "SERVICES"
    SERVICES_ADDED = "SERVICES_ADDED"
    SERVICES_UPDATED = "SERVICES_UPDATED"
    SERVICES_REMOVED = "SERVICES_REMOVED"
    SERVICE_CONFLICTS = "SERVICE_CONFLICTS"

    def displayName(self) -> str:  # noqa: N802
        return self.tr("Pull pins from the registry")

    def shortHelpString(self) -> str:  # noqa: N802
        return self.tr(
            "Downloads every pin of a province, with its services (their steps and documents), "
            "from the national registry into a working copy "
            "(GeoPackage; created when missing), and keeps the registry's state as the base of "
            "the next publish. A later pull brings only what changed since: pins changed only "
            "in the registry are updated, pins changed on both sides are merged field by field "
            "and fields changed on both sides become conflicts (nothing local is overwritten), "
            "pins deleted in the registry and untouched here are removed. Pins that exist only "
            "in the working copy are kept, except that a pin added here and never published which "
            "is a pin of the registry (same name, a few metres away) becomes that pin instead of "
            "lying beside it (its values merged; fields that differ become conflicts). Save your "
            "edits first. Reading needs no account; the authentication configuration is used "
            "when given.")

    def initAlgorithm(self, config=None):  # noqa: N802
        default_url = common.default_registry_url()
        self.addParameter(QgsProcessingParameterString(
            self.REGISTRY_URL, self.tr("Registry URL"), defaultValue=default_url or None))
        self.addParameter(QgsProcessingParameterAuthConfig(
            self.AUTHCFG, self.tr("Authentication configuration"), optional=True))
        self.addParameter(QgsProcessingParameterString(
            self.PROVINCE, self.tr("Province (DOPA code)")))
        self.addParameter(QgsProcessingParameterNumber(
            self.TIMEOUT, self.tr("Timeout per request (seconds)"),
            _INTEGER, 60, False, 1, 3600))
        self.addParameter(QgsProcessingParameterFileDestination(
            self.OUTPUT, self.tr("Working copy (GeoPackage)"), self.tr("GeoPackage (*.gpkg)")))
        self.addOutput(QgsProcessingOutputVectorLayer(
            self.LAYER, self.tr("Service-point layer"), _POINTS))
        self.addOutput(QgsProcessingOutputNumber(self.PIN_COUNT, self.tr("Pins received")))
        self.addOutput(QgsProcessingOutputNumber(self.ADDED, self.tr("Pins added")))
        self.addOutput(QgsProcessingOutputNumber(self.UPDATED, self.tr("Pins updated")))
        self.addOutput(QgsProcessingOutputNumber(self.REMOVED, self.tr("Pins removed")))
        self.addOutput(QgsProcessingOutputNumber(self.CONFLICTS, self.tr("Pins with conflicts")))
        self.addOutput(QgsProcessingOutputString(
            self.ADOPTED, self.tr("Pins added here that were the registry's (JSON: pin_id, name)")))
        for name, label in ((self.SERVICES, self.tr("Services received")),
                            (self.SERVICES_ADDED, self.tr("Services added")),
                            (self.SERVICES_UPDATED, self.tr("Services updated")),
                            (self.SERVICES_REMOVED, self.tr("Services removed")),
                            (self.SERVICE_CONFLICTS, self.tr("Services with conflicts"))):
            self.addOutput(QgsProcessingOutputNumber(name, label))

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802
        url = self.parameterAsString(parameters, self.REGISTRY_URL, context)
        authcfg = self.parameterAsString(parameters, self.AUTHCFG, context)
        province = self.parameterAsString(parameters, self.PROVINCE, context)
        timeout = self.parameterAsInt(parameters, self.TIMEOUT, context)
        path = self.parameterAsFileOutput(parameters, self.OUTPUT, context)
        try:
            check_unsaved_edits(path, context.project())
            client = RegistryClient(url, authcfg, timeout_s=timeout, feedback=feedback)
            result = pull_province(client, path, province, feedback, plugin_metadata("version"))
        except (RegistryError, WorkingCopyError, PublishError) as e:
            raise QgsProcessingException(str(e))
        feedback.pushInfo(self.tr("{0} pins received: {1} added, {2} updated, {3} only in the "
                                  "working copy.").format(result.received, result.added,
                                                          result.updated, result.local_only))
        feedback.pushInfo(self.tr("{0} merged with local edits, {1} removed (deleted in the "
                                  "registry), {2} with conflicts to resolve.").format(
            result.merged, result.removed, result.conflicts))
        feedback.pushInfo(self.tr("{0} services received: {1} added, {2} updated, {3} merged with "
                                  "local edits, {4} removed, {5} with conflicts to resolve.").format(
            result.services_received, result.services_added, result.services_updated,
            result.services_merged, result.services_removed, result.service_conflicts))
        if result.adopted:
            feedback.pushInfo(self.tr("{} pin(s) added here were already in the registry: merged "
                                      "into the registry's pins, not added twice.").format(
                len(result.adopted)))
        details = QgsProcessingContext.LayerDetails(
            layer_display_name(result.path, result.province_code, qgis_language()), context.project(),
            self.LAYER)
        layer_uri = f"{result.path}|layername={schema.LAYER_NAME}"
        context.addLayerToLoadOnCompletion(layer_uri, details)
        return {self.OUTPUT: result.path, self.LAYER: layer_uri,
                self.PIN_COUNT: result.received, self.ADDED: result.added,
                self.UPDATED: result.updated + result.merged, self.REMOVED: result.removed,
                self.CONFLICTS: result.conflicts,
                self.ADOPTED: json.dumps(result.adopted, ensure_ascii=False),
                self.SERVICES: result.services_received,
                self.SERVICES_ADDED: result.services_added,
                self.SERVICES_UPDATED: result.services_updated + result.services_merged,
                self.SERVICES_REMOVED: result.services_removed,
                self.SERVICE_CONFLICTS: result.service_conflicts}
