"""citizen_pins:publish -- the working copy's changes to the national registry, exactly once.

The change set (added, changed, deleted since the base) is reported first; the pins to send are
validated with ``citizen_pins:validate`` (run as a child algorithm with this algorithm's context
and feedback) and any ``error`` finding about them stops the publish before anything is sent.
``DRY_RUN`` only reports.  The engine is :mod:`citizen_pins.registry.sync`.
"""
from __future__ import annotations

import json

from qgis.core import (
    QgsApplication,
    QgsProcessingException,
    QgsProcessingFeedback,
    QgsProcessingOutputNumber,
    QgsProcessingOutputString,
    QgsProcessingParameterAuthConfig,
    QgsProcessingParameterBoolean,
    QgsProcessingParameterFile,
    QgsProcessingParameterNumber,
    QgsProcessingParameterString,
    QgsProcessingParameterVectorLayer,
    QgsProcessingUtils,
)

from qgis.PyQt.QtCore import Qt

from ..core.qgis_compat import FILE_BEHAVIOR_FILE as _FILE
from ..core.qgis_compat import NUMBER_DOUBLE as _DOUBLE
from ..core.qgis_compat import NUMBER_INTEGER as _INTEGER
from ..core.qgis_compat import PARAMETER_ADVANCED as _ADVANCED
from ..core.qgis_compat import SOURCE_POLYGON as _POLYGONS
from ..core.qgis_compat import is_null
from ..registry.client import RegistryClient
from ..registry.errors import RegistryError
from ..registry.sync import Blocking, PublishError, check_unsaved_edits, publish
from .base import CitizenPinsAlgorithm


def _layer_path(source: str) -> str:
    return (source or "").split("|", 1)[0]


class PublishAlgorithm(CitizenPinsAlgorithm):
    ALGORITHM_ID = "publish"
    GROUP_ID = "registry"

    WORKING_COPY = "WORKING_COPY"
    REGISTRY_URL = "REGISTRY_URL"
    AUTHCFG = "AUTHCFG"
    BOUNDARIES = "BOUNDARIES"
    TOLERANCE = "TOLERANCE"
    DRY_RUN = "DRY_RUN"
    TIMEOUT = "TIMEOUT"
    IN_FLIGHT = "IN_FLIGHT"

    ADDED = "ADDED"
    CHANGED = "CHANGED"
    DELETED = "DELETED"
    CONFLICTS = "CONFLICTS"
    FAILED = "FAILED"
    PENDING = "PENDING"
    BLOCKING = "BLOCKING"
    CHANGES = "CHANGES"
    SUMMARY = "SUMMARY"
    REFUSED = "REFUSED"
    SERVICES_ADDED = "SERVICES_ADDED"
    SERVICES_CHANGED = "SERVICES_CHANGED"
    SERVICES_DELETED = "SERVICES_DELETED"
    #: Share of the progress bar the validation takes (then the changes are sent).
    VALIDATION_SHARE = 40.0

    def displayName(self) -> str:  # noqa: N802
        return self.tr("Publish pins to the registry")

    def shortHelpString(self) -> str:  # noqa: N802
        return self.tr(
            "Sends the working copy's changes since the last pull (added, changed and deleted "
            "pins, and their services with their steps and documents) to the national registry. "
            "The change set is listed first; the pins and services to send are validated against "
            "the tambon boundaries and the services' rules, and any error stops the publish "
            "before anything is sent. A pin deleted here is deleted in the registry with its "
            "services, unless someone changed one of them meanwhile (then it is a conflict). Every change is written to the working copy's journal before it "
            "is sent, so a publish cut off by the network, a timeout or a crash is finished by "
            "the next publish without sending anything twice. Pins someone else changed in the "
            "registry meanwhile are merged field by field; fields changed on both sides become "
            "conflicts (table citizen_pins_conflicts) to resolve before they are published. "
            "Save your edits first. DRY_RUN only lists the changes.")

    def initAlgorithm(self, config=None):  # noqa: N802
        defaults = {}
        try:
            from ..toolbelt.settings import PluginSettings

            s = PluginSettings.load()
            defaults = {"url": s.registry_url, "auth": s.auth_config_id,
                        "boundaries": s.boundary_source, "wc": s.working_copy,
                        "tolerance": s.tolerance_m}
        except Exception:  # noqa: BLE001 - settings only give defaults
            defaults = {}
        self.addParameter(QgsProcessingParameterFile(
            self.WORKING_COPY, self.tr("Working copy (GeoPackage)"), _FILE, "gpkg",
            defaults.get("wc") or None))
        self.addParameter(QgsProcessingParameterString(
            self.REGISTRY_URL, self.tr("Registry URL"), defaultValue=defaults.get("url") or None))
        self.addParameter(QgsProcessingParameterAuthConfig(
            self.AUTHCFG, self.tr("Authentication configuration"),
            defaultValue=defaults.get("auth") or None))
        self.addParameter(QgsProcessingParameterVectorLayer(
            self.BOUNDARIES, self.tr("Tambon boundaries (for validation)"), [_POLYGONS],
            defaultValue=defaults.get("boundaries") or None))
        tol = QgsProcessingParameterNumber(
            self.TOLERANCE, self.tr("Validation tolerance (metres, 0: the validator's default)"),
            _DOUBLE, float(defaults.get("tolerance") or 0.0), False, 0.0)
        tol.setFlags(tol.flags() | _ADVANCED)
        self.addParameter(tol)
        self.addParameter(QgsProcessingParameterBoolean(
            self.DRY_RUN, self.tr("Only list the changes (send nothing)"), False))
        timeout = QgsProcessingParameterNumber(
            self.TIMEOUT, self.tr("Timeout per request (seconds)"), _INTEGER, 120, False, 1, 3600)
        timeout.setFlags(timeout.flags() | _ADVANCED)
        self.addParameter(timeout)
        flight = QgsProcessingParameterNumber(
            self.IN_FLIGHT, self.tr("Requests in flight at once"), _INTEGER, 2, False, 1, 8)
        flight.setFlags(flight.flags() | _ADVANCED)
        self.addParameter(flight)
        # each label a literal self.tr() (so that the translation tools find it)
        for name, label in ((self.ADDED, self.tr("Pins added")),
                            (self.CHANGED, self.tr("Pins changed")),
                            (self.DELETED, self.tr("Pins deleted")),
                            (self.CONFLICTS, self.tr("Open conflicts")),
                            (self.FAILED, self.tr("Changes refused by the registry")),
                            (self.PENDING, self.tr("Changes waiting for an answer")),
                            (self.BLOCKING, self.tr("Blocking findings")),
                            (self.SERVICES_ADDED, self.tr("Services added")),
                            (self.SERVICES_CHANGED, self.tr("Services changed")),
                            (self.SERVICES_DELETED, self.tr("Services deleted"))):
            self.addOutput(QgsProcessingOutputNumber(name, label))
        self.addOutput(QgsProcessingOutputString(self.CHANGES, self.tr("Change set (JSON)")))
        self.addOutput(QgsProcessingOutputString(self.SUMMARY, self.tr("Summary")))
        self.addOutput(QgsProcessingOutputString(
            self.REFUSED, self.tr("Changes refused by the registry (JSON: pin, name, reason)")))

    # -- validation ----------------------------------------------------------------------------
    def _validator(self, path, parameters, context, feedback, steps=None):
        boundaries = self.parameterAsVectorLayer(parameters, self.BOUNDARIES, context)
        if boundaries is None or not boundaries.isValid():
            raise QgsProcessingException(self.tr(
                "BOUNDARIES: choose the tambon boundary layer; nothing is published without "
                "validation. / เลือกชั้นข้อมูลขอบเขตตำบล (ต้องตรวจสอบข้อมูลก่อนเผยแพร่)"))
        tolerance = self.parameterAsDouble(parameters, self.TOLERANCE, context)

        def validator(pin_ids, records=None):
            """The blocking findings about the pins sent and about the services sent (with
            their steps and documents: ``records``, ``<table>/<id>`` -> service)."""
            alg = QgsApplication.processingRegistry().createAlgorithmById("citizen_pins:validate")
            if alg is None:
                raise QgsProcessingException(self.tr(
                    "The validation algorithm citizen_pins:validate is not available; nothing "
                    "was sent."))
            records = records or {}
            params = {"INPUT": f"{path}|layername=service_points", "BOUNDARIES": boundaries,
                      "OUTPUT": "TEMPORARY_OUTPUT", "CHECK_SERVICES": True}
            if tolerance > 0:
                params["TOLERANCE"] = tolerance
            feedback.pushInfo(self.tr("Validating the pins to publish..."))
            results, ok = alg.run(params, context, steps if steps is not None else feedback)
            if steps is not None:
                steps.setCurrentStep(1)  # then the changes are sent
            if not ok:
                raise QgsProcessingException(self.tr(
                    "Validation could not run; nothing was sent."))
            layer = QgsProcessingUtils.mapLayerFromString(results["OUTPUT"], context)
            wanted = set(pin_ids)
            out = []
            for f in layer.getFeatures():
                if f["severity"] != "error":
                    continue
                record = "" if is_null(f["record"]) else str(f["record"] or "")
                # a pin's own finding blocks it; a service's (or its step's, its document's)
                # blocks the service
                if (record and record in records) or (not record and f["pin_id"] in wanted):
                    out.append(Blocking("" if is_null(f["pin_id"]) else str(f["pin_id"]),
                                        str(f["rule_id"]), str(f["message_th"]),
                                        str(f["message_en"]), record))
            return out

        return validator

    # -- run -----------------------------------------------------------------------------------
    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802
        path = _layer_path(self.parameterAsFile(parameters, self.WORKING_COPY, context))
        url = self.parameterAsString(parameters, self.REGISTRY_URL, context)
        authcfg = self.parameterAsString(parameters, self.AUTHCFG, context)
        dry_run = self.parameterAsBool(parameters, self.DRY_RUN, context)
        timeout = self.parameterAsInt(parameters, self.TIMEOUT, context)
        in_flight = self.parameterAsInt(parameters, self.IN_FLIGHT, context)
        # the progress: validation first (its share), then the answers to what is sent -- the bar
        # never stands at 100 % while requests wait for the registry
        steps = _Steps(feedback, self.VALIDATION_SHARE)
        try:
            check_unsaved_edits(path, context.project())
            client = RegistryClient(url, authcfg, timeout_s=timeout, feedback=feedback)
            validator = self._validator(path, parameters, context, feedback, steps)
            result = publish(path, client, steps, dry_run=dry_run, validator=validator,
                             in_flight=in_flight, log=feedback.pushInfo)
        except (PublishError, RegistryError) as e:
            raise QgsProcessingException(str(e))
        pv = result.preview
        c = pv.counts()
        feedback.pushInfo(self.tr("Changes: {0} added, {1} changed, {2} deleted; {3} pin(s) "
                                  "wait for conflicts to be resolved.").format(
            c["added"], c["changed"], c["deleted"], c["conflicts"]))
        feedback.pushInfo(self.tr("Services: {0} added, {1} changed, {2} deleted; {3} wait for "
                                  "conflicts to be resolved.").format(
            c["services_added"], c["services_changed"], c["services_deleted"],
            c["service_conflicts"]))
        for line in pv.lines(200):
            feedback.pushInfo(line)
        if result.findings:
            for b in result.findings[:200]:
                feedback.reportError(b.text(), False)
            raise QgsProcessingException(result.summary())
        for pin_id, op, message in result.failed[:200]:
            feedback.reportError(f"{op} {pin_id}: {message}", False)
        feedback.pushInfo(result.summary())
        changes = [{"kind": ch.kind, "pin_id": ch.pin_id, "fields": ch.fields}
                   for ch in pv.change_set.changes]
        changes += [{"kind": ch.kind, "service_id": ch.pin_id, "fields": ch.fields,
                     "pin_id": (pv.service_local.get(ch.pin_id) or pv.service_base.get(ch.pin_id)
                                or {}).get("pin_id")}
                    for ch in pv.service_changes.changes]
        from ..registry.sync import open_conflicts

        conflicts = len(open_conflicts(path))
        return {self.ADDED: result.created if not dry_run else c["added"],
                self.CHANGED: result.replaced if not dry_run else c["changed"],
                self.DELETED: result.deleted if not dry_run else c["deleted"],
                self.CONFLICTS: conflicts, self.FAILED: len(result.failed),
                self.PENDING: result.pending, self.BLOCKING: 0,
                self.SERVICES_ADDED: result.services_created if not dry_run
                else c["services_added"],
                self.SERVICES_CHANGED: result.services_replaced if not dry_run
                else c["services_changed"],
                self.SERVICES_DELETED: result.services_deleted if not dry_run
                else c["services_deleted"],
                self.CHANGES: json.dumps(changes, ensure_ascii=False),
                self.SUMMARY: result.summary(),
                self.REFUSED: json.dumps(result.refused, ensure_ascii=False)}


class _Steps(QgsProcessingFeedback):
    """Two steps of one feedback: validation (0 to ``share`` %), then sending (the rest).  Cancel
    and messages are the parent's."""

    def __init__(self, parent, share: float):
        super().__init__()
        self.parent_feedback = parent
        self.share = share
        self.step = 0
        parent.canceled.connect(self.cancel, Qt.ConnectionType.DirectConnection)

    def setCurrentStep(self, step: int) -> None:  # noqa: N802 (QGIS's spelling)
        self.step = step
        self.setProgress(0.0)

    def setProgress(self, progress: float) -> None:  # noqa: N802
        if self.step == 0:
            value = progress * self.share / 100.0
        else:
            value = self.share + progress * (100.0 - self.share) / 100.0
        self.parent_feedback.setProgress(value)

    def isCanceled(self) -> bool:  # noqa: N802
        return self.parent_feedback.isCanceled()

    def pushInfo(self, info):  # noqa: N802
        self.parent_feedback.pushInfo(info)

    def pushWarning(self, warning):  # noqa: N802
        self.parent_feedback.pushWarning(warning)

    def reportError(self, error, fatalError=False):  # noqa: N802, N803
        self.parent_feedback.reportError(error, fatalError)

    def pushDebugInfo(self, info):  # noqa: N802
        self.parent_feedback.pushDebugInfo(info)

    def pushCommandInfo(self, info):  # noqa: N802
        self.parent_feedback.pushCommandInfo(info)

    def pushConsoleInfo(self, info):  # noqa: N802
        self.parent_feedback.pushConsoleInfo(info)

