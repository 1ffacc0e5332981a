"""citizen_pins:apply_fixes — apply the fixes of a findings layer to a copy of the pins.

The same code the findings panel uses (core/fixes.apply_fixes): a coordinator applies the sure
fixes to a whole province in one run, and a test can check what fixes do.  The input pins are
never changed: OUTPUT is a fixed copy.
"""
from __future__ import annotations

import json

from qgis.core import (
    QgsFeature,
    QgsFeatureRequest,
    QgsFeatureSink,
    QgsMemoryProviderUtils,
    QgsProcessingException,
    QgsProcessingOutputNumber,
    QgsProcessingOutputString,
    QgsProcessingParameterEnum,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterString,
)

from ..core.findings import HIGH, MEDIUM
from ..core.fixes import FixItem, apply_fixes, describe, skip_reason
from ..core.qgis_compat import is_null
from ..core.rules import RULES
from .base import CitizenPinsAlgorithm
from .validate import ANY_GEOMETRY, POINT


def read_fix_items(findings_source, feedback=None):
    """The fixes of a findings layer (the validate algorithm's output) as FixItems."""
    out = []
    names = findings_source.fields().names()
    for name in ("feature_id", "rule_id", "fix"):
        if name not in names:
            raise QgsProcessingException(
                f"FINDINGS lacks the field '{name}': choose the output of citizen_pins:validate.")
    request = QgsFeatureRequest().setSubsetOfAttributes(
        [n for n in ("feature_id", "rule_id", "fix", "pin_id") if n in names],
        findings_source.fields())
    for f in findings_source.getFeatures(request):
        fix = f["fix"]
        if is_null(fix) or not str(fix).strip():
            continue
        pin_id = f["pin_id"] if "pin_id" in names and not is_null(f["pin_id"]) else None
        out.append(FixItem(int(f["feature_id"]), str(f["rule_id"]), str(fix),
                           str(pin_id) if pin_id else None))
    return out


class ApplyFixesAlgorithm(CitizenPinsAlgorithm):
    ALGORITHM_ID = "apply_fixes"
    GROUP_ID = "validation"

    INPUT = "INPUT"
    FINDINGS = "FINDINGS"
    RULES = "RULES"
    CONFIDENCE = "CONFIDENCE"
    OUTPUT = "OUTPUT"
    APPLIED = "APPLIED"
    SKIPPED = "SKIPPED"
    COUNTS = "COUNTS"

    CONFIDENCES = (HIGH, MEDIUM)

    def displayName(self) -> str:  # noqa: N802
        return self.tr("Apply fixes")

    def shortHelpString(self) -> str:  # noqa: N802
        return self.tr(
            "Applies the fixes of a findings layer (the output of 'Validate service points') to a "
            "copy of the pins, with the same code as the findings panel. INPUT is never changed; "
            "OUTPUT is the fixed copy. RULES (optional, rule ids separated by commas) limits the "
            "fixes to some rules. CONFIDENCE: 'high' applies only the fixes whose evidence agrees "
            "from two sides (safe in batch); 'medium' also those resting on one source, which a "
            "person should look at first. A pin given two fixes that disagree gets neither; a "
            "finding whose pin_id is not the pin's (the pins changed since validation) is skipped. "
            "Validate the output again.")

    def initAlgorithm(self, config=None):  # noqa: N802
        self.addParameter(QgsProcessingParameterFeatureSource(
            self.INPUT, self.tr("Service points (validated)"), [ANY_GEOMETRY]))
        self.addParameter(QgsProcessingParameterFeatureSource(
            self.FINDINGS, self.tr("Findings of these service points"), [ANY_GEOMETRY]))
        self.addParameter(QgsProcessingParameterString(
            self.RULES, self.tr("Only the fixes of these rules (ids separated by commas)"),
            optional=True))
        self.addParameter(QgsProcessingParameterEnum(
            self.CONFIDENCE, self.tr("Fixes to apply"),
            [self.tr("Only high confidence"), self.tr("High and medium confidence")],
            defaultValue=0))
        self.addParameter(QgsProcessingParameterFeatureSink(
            self.OUTPUT, self.tr("Fixed service points"), POINT))
        self.addOutput(QgsProcessingOutputNumber(self.APPLIED, self.tr("Fixes applied")))
        self.addOutput(QgsProcessingOutputNumber(self.SKIPPED, self.tr("Fixes not applied")))
        self.addOutput(QgsProcessingOutputString(self.COUNTS,
                                                 self.tr("Fixes applied per rule (JSON)")))

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802
        source = self.parameterAsSource(parameters, self.INPUT, context)
        findings = self.parameterAsSource(parameters, self.FINDINGS, context)
        if source is None:
            raise QgsProcessingException(self.tr("INPUT: the service-point layer cannot be opened."))
        if findings is None:
            raise QgsProcessingException(self.tr("FINDINGS: the findings layer cannot be opened."))
        rules_text = self.parameterAsString(parameters, self.RULES, context) or ""
        rules = [r.strip() for r in rules_text.replace(";", ",").split(",") if r.strip()]
        known = {r.rule_id for r in RULES}
        unknown = [r for r in rules if r not in known]
        if unknown:
            raise QgsProcessingException(self.tr(
                "RULES: {} is not a rule id. Rule ids are e.g. codes.abolished, "
                "location.not_in_tambon (see the findings' rule_id).").format(", ".join(unknown)))
        confidence = self.CONFIDENCES[self.parameterAsEnum(parameters, self.CONFIDENCE, context)]
        items = read_fix_items(findings)

        # the pins copied into an editable memory layer; the fixes go through its edit buffer
        crs = source.sourceCrs()
        work = QgsMemoryProviderUtils.createMemoryLayer("pins", source.fields(), source.wkbType(),
                                                        crs)
        fid_of = {}
        feats = []
        order = []
        for f in source.getFeatures():
            if feedback.isCanceled():
                raise QgsProcessingException(self.tr("Cancelled: nothing was written."))
            g = QgsFeature(work.fields())
            g.setAttributes(f.attributes())
            g.setGeometry(f.geometry())
            feats.append(g)
            order.append(f.id())
        ok, added = work.dataProvider().addFeatures(feats)
        if not ok:
            raise QgsProcessingException(self.tr("The pins could not be copied."))
        for src_fid, g in zip(order, added):
            fid_of[src_fid] = g.id()
        mapped = [FixItem(fid_of[it.feature_id], it.rule_id, it.fix, it.pin_id)
                  for it in items if it.feature_id in fid_of]
        missing = len(items) - len(mapped)
        report = apply_fixes(work, mapped, rules or None, confidence)
        if not work.commitChanges():
            raise QgsProcessingException(self.tr("The fixes could not be written: {}").format(
                "; ".join(work.commitErrors())))
        for item in report.applied:
            feedback.pushInfo(f"{item.rule_id} #{item.feature_id}: {describe(item.fix, 'en')}")
        reasons = {}
        for item, why in report.skipped:
            reasons[why] = reasons.get(why, 0) + 1
        for why, n in sorted(reasons.items()):
            feedback.pushInfo(self.tr("{} fix(es) not applied: {}").format(n, skip_reason(why, "en")))
        if missing:
            feedback.pushWarning(self.tr("{} finding(s) name a feature that is not in INPUT: "
                                         "the findings belong to another layer.").format(missing))

        sink, dest = self.parameterAsSink(parameters, self.OUTPUT, context, source.fields(),
                                          source.wkbType(), crs)
        if sink is None:
            raise QgsProcessingException(self.tr("OUTPUT: the fixed layer cannot be created."))
        for f in work.getFeatures():
            if not sink.addFeature(f, QgsFeatureSink.Flag.FastInsert):
                raise QgsProcessingException(self.tr("OUTPUT: writing failed."))
        return {self.OUTPUT: dest, self.APPLIED: len(report.applied),
                self.SKIPPED: len(report.skipped) + missing,
                self.COUNTS: json.dumps(report.counts(), sort_keys=True)}
