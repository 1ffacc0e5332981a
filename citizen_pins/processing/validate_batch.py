"""citizen_pins:validate_batch — many service-point layers (or one national layer) validated in one
run, with one findings layer and a per-province summary table.

All pins go through the validation engine together, against one boundary index built once: a pin
id used in two provinces' layers is a duplicate, as it is in the registry.  Each pin is counted
under the province it declares (its working copy's province); only a pin without a usable code is
placed by its location (see core/report_data.py).
"""
from __future__ import annotations

import json

import numpy as np
from qgis.core import (QgsCoordinateReferenceSystem, QgsFeature, QgsFields, QgsGeometry,
                       QgsPointXY, QgsProcessingException, QgsProcessingOutputNumber,
                       QgsProcessingOutputString, QgsProcessingParameterFeatureSink, QgsProcessingParameterMultipleLayers)

from ..core import ogr_io
from ..core import report_data as rd
from ..core.context import Settings
from ..core.dopa import codes
from ..core.qgis_compat import DOUBLE, INT, STRING, WKB_NO_GEOMETRY, make_field
from ..core.qgis_compat import SOURCE_VECTOR as TABLE
from ..core.rules_services import pin_rules  # the batch checks pins, not services
from ..core.validate import Cancelled, counts_per_rule, severity_counts, validate
from . import common
from .base import CitizenPinsAlgorithm
from .validate import (add_boundary_parameters, add_tolerance_parameters, ANY_GEOMETRY, POINT,
                       finding_values, findings_fields, log_engine)

from ..core.qgis_compat import WKB_POINT  # noqa: E402


def summary_fields() -> QgsFields:
    out = QgsFields()
    for name, kind, length in (
            ("province_code", STRING, 2), ("province_th", STRING, 64), ("province_en", STRING, 64),
            ("layers", STRING, 0), ("pins", INT, 0), ("pins_with_errors", INT, 0),
            ("pins_with_warnings", INT, 0), ("clean_pins", INT, 0),
            ("pct_without_errors", DOUBLE, 0), ("errors", INT, 0), ("warnings", INT, 0)):
        out.append(make_field(name, kind, length))
    for r in pin_rules():
        out.append(make_field(rd.rule_field(r.rule_id), INT))
    return out


def batch_findings_fields() -> QgsFields:
    out = findings_fields()
    out.append(make_field("layer", STRING, 0))
    out.append(make_field("province_code", STRING, 2))
    return out


class ValidateBatchAlgorithm(CitizenPinsAlgorithm):
    ALGORITHM_ID = "validate_batch"
    GROUP_ID = "reports"

    INPUTS = "INPUTS"
    BOUNDARIES = "BOUNDARIES"
    CODE_FIELD = "CODE_FIELD"
    TOLERANCE = "TOLERANCE"
    DUPLICATE_DISTANCE = "DUPLICATE_DISTANCE"
    OUTPUT = "OUTPUT"
    SUMMARY = "SUMMARY"
    COUNTS = "COUNTS"
    ERRORS = "ERRORS"
    WARNINGS = "WARNINGS"
    PINS = "PINS"
    LAYERS = "LAYERS"
    PROVINCES = "PROVINCES"
    ENGINE = "ENGINE"

    def displayName(self) -> str:  # noqa: N802
        return self.tr("Validate many layers (national batch)")

    def shortHelpString(self) -> str:  # noqa: N802
        return self.tr(
            "Validates several service-point layers (one per province, or one national layer) in "
            "one run, with every rule of 'Validate service points' and one boundary index. Writes "
            "one findings layer (with the layer and province of each finding) and a summary table "
            "with one row per province: pins, pins with errors, pins with warnings only, errors, "
            "warnings and the count of each rule. A pin is counted under the province it declares; "
            "a pin without a usable code under the province it lies in.")

    def initAlgorithm(self, config=None):  # noqa: N802
        self.addParameter(QgsProcessingParameterMultipleLayers(
            self.INPUTS, self.tr("Service-point layers"), ANY_GEOMETRY))
        add_boundary_parameters(self)
        add_tolerance_parameters(self)
        self.addParameter(QgsProcessingParameterFeatureSink(
            self.OUTPUT, self.tr("Findings"), POINT))
        self.addParameter(QgsProcessingParameterFeatureSink(
            self.SUMMARY, self.tr("Summary per province"), TABLE))
        self.addOutput(QgsProcessingOutputString(self.COUNTS, self.tr("Findings per rule (JSON)")))
        self.addOutput(QgsProcessingOutputNumber(self.ERRORS, self.tr("Errors")))
        self.addOutput(QgsProcessingOutputNumber(self.WARNINGS, self.tr("Warnings")))
        self.addOutput(QgsProcessingOutputNumber(self.PINS, self.tr("Pins checked")))
        self.addOutput(QgsProcessingOutputNumber(self.LAYERS, self.tr("Layers read")))
        self.addOutput(QgsProcessingOutputNumber(self.PROVINCES, self.tr("Provinces")))
        self.addOutput(QgsProcessingOutputString(self.ENGINE, self.tr("Geometry engine used")))

    @staticmethod
    def _layer_label(layer) -> str:
        """The layer's own name inside its file (``pins.gpkg|layername=rayong`` -> rayong)."""
        from qgis.core import QgsProviderRegistry

        parts = QgsProviderRegistry.instance().decodeUri(layer.providerType(), layer.source())
        return parts.get("layerName") or layer.name()

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802
        layers = self.parameterAsLayerList(parameters, self.INPUTS, context)
        if not layers:
            raise QgsProcessingException(self.tr(
                "INPUTS: no layer given. Choose the service-point layers to validate (one per "
                "province, or one national layer)."))
        tolerance = self.parameterAsDouble(parameters, self.TOLERANCE, context)
        dup = self.parameterAsDouble(parameters, self.DUPLICATE_DISTANCE, context)
        helper = common.validation_helper()
        tables, names = [], []
        with ogr_io.shared_datasets():  # one open per file for all its layers
            for k, layer in enumerate(layers):
                if feedback.isCanceled():
                    raise QgsProcessingException(self.tr("Cancelled: nothing was written."))
                feedback.pushInfo(self.tr("Reading layer {} of {}: {}").format(
                    k + 1, len(layers), layer.name()))
                names.append(self._layer_label(layer))
                tables.append(common.read_pins(helper, layer, context, feedback,
                                               self.tr("INPUTS layer '{}'").format(layer.name())))
                feedback.setProgress(20.0 * (k + 1) / len(layers))
        pins, which = common.concat(tables)
        del tables
        index, field = common.read_boundaries(helper, parameters, context, feedback)
        if feedback.isCanceled():
            raise QgsProcessingException(self.tr("Cancelled: nothing was written."))
        feedback.pushInfo(self.tr("{} pins from {} layer(s), {} tambon polygons, engine {}").format(
            len(pins), len(layers), len(index), index.engine_name))
        log_engine(self, feedback, index.engine_name)
        feedback.setProgress(30)

        def progress(fraction, rule_id):
            feedback.setProgress(30 + 60 * fraction)
            return not feedback.isCanceled()

        try:
            findings = validate(pins, index, codes(), Settings(tolerance, dup), progress=progress)
        except Cancelled:
            raise QgsProcessingException(self.tr("Cancelled: nothing was written."))

        declared = common.declared_codes(pins)
        # only pins with no usable declared code are placed by their location
        placed = rd.pin_units(declared, [""] * len(pins), 2)
        lost = np.asarray([i for i, u in enumerate(placed) if not u], dtype=np.int64)
        located = common.located_codes(index, pins, lost) if len(lost) else [""] * len(pins)
        units = rd.pin_units(declared, located, 2)
        rule_ids = [r.rule_id for r in pin_rules()]
        summary = rd.summarise(units, findings, rule_ids)
        layers_of = {}
        for u, w in zip(units, which.tolist()):
            layers_of.setdefault(u, set()).add(names[w])
        feedback.setProgress(92)

        # everything is known: only now are the outputs created
        ffields = batch_findings_fields()
        sink, dest = self.parameterAsSink(parameters, self.OUTPUT, context, ffields,
                                          WKB_POINT, QgsCoordinateReferenceSystem("EPSG:4326"))
        if sink is None:
            raise QgsProcessingException(self.tr("OUTPUT: the findings layer cannot be created."))
        sfields = summary_fields()
        ssink, sdest = self.parameterAsSink(parameters, self.SUMMARY, context, sfields,
                                            WKB_NO_GEOMETRY, QgsCoordinateReferenceSystem())
        if ssink is None:
            raise QgsProcessingException(self.tr("SUMMARY: the summary table cannot be created."))

        def finding_features():
            for f in findings:
                feat = QgsFeature(ffields)
                feat.setAttributes(finding_values(f) + [names[int(which[f.index])],
                                                        units[f.index]])
                if f.x is not None and f.y is not None:
                    feat.setGeometry(QgsGeometry.fromPointXY(QgsPointXY(f.x, f.y)))
                yield feat

        common.write_all(self, sink, finding_features(), "OUTPUT")

        def summary_features():
            for code, s in summary.items():
                feat = QgsFeature(sfields)
                feat.setAttributes([code, s.name_th, s.name_en,
                                    ", ".join(sorted(layers_of.get(code, ()))), s.pins,
                                    s.pins_with_errors, s.pins_with_warnings, s.clean_pins,
                                    s.pct_without_errors, s.errors, s.warnings]
                                   + [s.per_rule.get(r, 0) for r in rule_ids])
                yield feat

        common.write_all(self, ssink, summary_features(), "SUMMARY")
        feedback.setProgress(100)
        per_rule = counts_per_rule(findings)
        sev = severity_counts(findings)
        feedback.pushInfo(self.tr("{} provinces, {} errors, {} warnings").format(
            len([c for c in summary if c]), sev["error"], sev["warning"]))
        return {self.OUTPUT: dest, self.SUMMARY: sdest, self.COUNTS: json.dumps(per_rule),
                self.ERRORS: sev["error"], self.WARNINGS: sev["warning"], self.PINS: len(pins),
                self.LAYERS: len(layers), self.PROVINCES: len([c for c in summary if c]),
                self.ENGINE: index.engine_name}
