"""citizen_pins:feedback_summary -- what citizens said about the service points of a province (or
the country) over a period, from the registry's aggregates (computed by its PostgreSQL: no
response is pulled into QGIS).

Outputs: OUTPUT (the pins of INPUT with their responses, share satisfied, mean per item,
yes/no shares, complaints per category, change against the previous period of the same length,
rank among those with enough responses, and the small-sample status); AMPHOES and PROVINCES (the
same per unit, polygons for choropleths); CONTRADICTIONS (Zero Copy in practice: points whose
declared status, from INPUT's working copy services, contradicts what citizens report); TERMS
(the most frequent Thai terms of the comments per point and amphoe -- only with an account of
the province); and with CSV_FOLDER the same as CSV files plus the trend by month.  Layers are
styled: graduated by share satisfied, small samples hatched.
"""
from __future__ import annotations

import datetime as dt
import os
import re
from dataclasses import dataclass, field
from typing import Dict, List, Optional, Tuple

from qgis.core import (QgsFeature, QgsFields, QgsGeometry, QgsPointXY, QgsProcessingException,
                       QgsProcessingLayerPostProcessorInterface, QgsProcessingOutputNumber,
                       QgsProcessingOutputString, QgsProcessingParameterAuthConfig,
                       QgsProcessingParameterFeatureSink, QgsProcessingParameterFeatureSource,
                       QgsProcessingParameterFolderDestination, QgsProcessingParameterNumber,
                       QgsProcessingParameterString, QgsVectorLayer)
from qgis.PyQt.QtCore import QT_TRANSLATE_NOOP

from ...core import feedback as fb
from ...core import feedback_analysis as fa
from ...core import report_data as rd
from ...core import zero_copy as zc
from ...core.dopa import codes
from ...core.qgis_compat import DOUBLE, INT, STRING, make_field
from ...core.qgis_compat import WKB_NO_GEOMETRY as NO_GEOMETRY
from ...core.qgis_compat import WKB_POINT as POINT_WKB
from ...core.qgis_compat import NUMBER_INTEGER as NUMBER_INT
from ...registry.client import RegistryClient
from ...registry.errors import RegistryError
from .. import common
from .. import report_zero_copy
from ..base import CitizenPinsAlgorithm
from ..completeness import MULTIPOLYGON, POLYGON, TABLE
from ..validate import ANY_GEOMETRY, FLAG_ADVANCED, POINT, add_boundary_parameters
from .style import style_feedback

_MONTH = re.compile(r"^(\d{4})-(0[1-9]|1[0-2])$")


def metric_fields(key_fields) -> QgsFields:
    out = QgsFields()
    for name, kind in key_fields:
        out.append(make_field(name, kind))
    for name, kind in (("responses", INT), ("enough", INT), ("status", STRING),
                       ("status_th", STRING), ("rank", INT), ("pct_satisfied", DOUBLE),
                       ("prev_responses", INT), ("prev_pct_satisfied", DOUBLE),
                       ("change_pct_satisfied", DOUBLE)):
        out.append(make_field(name, kind))
    for k in fb.QUESTION_KEYS:
        out.append(make_field(f"mean_{k}", DOUBLE))
    for name, kind in (("pct_asked_copy", DOUBLE), ("answered_copy", INT),
                       ("pct_asked_payment", DOUBLE), ("comments", INT), ("complaints", INT)):
        out.append(make_field(name, kind))
    for c in fb.CATEGORY_KEYS:
        out.append(make_field(f"c_{c}", INT))
    out.append(make_field("synthetic", INT))
    return out


def metric_values(row: fa.Row) -> list:
    g, p = row.group, row.previous
    vals = [row.responses, int(row.status == fa.ENOUGH), row.status,
            fa.STATUS_TEXT[row.status][0], row.rank, g["pct_satisfied"] if g else None,
            p["responses"] if p else 0, p["pct_satisfied"] if p else None, row.change]
    vals += [g["means"].get(k) if g else None for k in fb.QUESTION_KEYS]
    vals += [g["asked_copy"]["pct"] if g else None, g["asked_copy"]["answered"] if g else 0,
             g["asked_payment"]["pct"] if g else None, g["comments"] if g else 0,
             g["complaints_total"] if g else 0]
    vals += [g["complaints"].get(c, 0) if g else 0 for c in fb.CATEGORY_KEYS]
    vals.append(g["synthetic"] if g else 0)
    return vals


@dataclass
class Result:
    """Everything the algorithm (and the executive report) computed."""

    province: Optional[str]
    first: str
    last: str
    prev_first: str
    prev_last: str
    minimum: int
    pins: List[Tuple[str, str, str, str, float, float]]  # pin_id, name, province, amphoe, x, y
    pin_rows: List[fa.Row]
    amphoe_rows: List[fa.Row]
    province_rows: List[fa.Row]
    total: Optional[dict]
    previous_total: Optional[dict]
    months: List[dict]
    declared: Dict[str, str]
    contradictions: List[fa.Contradiction]
    terms: List[Tuple[str, str, str, int]] = field(default_factory=list)  # level, code, term, n
    segmentation: str = ""
    synthetic: int = 0


def month_text(value: str, name: str, alg) -> Tuple[int, int]:
    m = _MONTH.match(value or "")
    if not m:
        raise QgsProcessingException(alg.tr(QT_TRANSLATE_NOOP(
            "CitizenPinsAlgorithm", "{}: '{}' is not a month; write it as YYYY-MM (e.g. "
            "2025-03).")).format(name, value))
    return int(m.group(1)), int(m.group(2))


def default_period(today: Optional[dt.date] = None) -> Tuple[str, str]:
    """The last 12 whole months."""
    today = today or dt.date.today()
    last = (today.replace(day=1) - dt.timedelta(days=1))
    m = last.year * 12 + last.month - 1 - 11
    return f"{m // 12:04d}-{m % 12 + 1:02d}", f"{last:%Y-%m}"


def compute(alg, client: RegistryClient, pins, province: Optional[str], first: str, last: str,
            minimum: int, declared: Dict[str, str], feedback,
            comments: bool = False) -> Result:
    """The registry's aggregates for the pins (a PinTable) of ``province`` (None: the country)
    over ``first`` .. ``last`` and the period before, combined."""
    f, l = month_text(first, "PERIOD_FROM", alg), month_text(last, "PERIOD_TO", alg)
    if (l[0] * 12 + l[1]) < (f[0] * 12 + f[1]):
        raise QgsProcessingException(alg.tr(QT_TRANSLATE_NOOP(
            "CitizenPinsAlgorithm", "PERIOD_FROM is after PERIOD_TO.")))
    pf, pl = fa.previous_period(f, l)
    prev_first, prev_last = f"{pf[0]:04d}-{pf[1]:02d}", f"{pl[0]:04d}-{pl[1]:02d}"
    scope = {"province_code": province} if province else {}
    minimum_arg = {"min_responses": minimum}
    try:
        now = {by: client.feedback_summary(by, first, last, **scope, **minimum_arg)
               for by in ("pin", "amphoe", "province", "month", "country")}
        feedback.setProgress(40)
        before = {by: client.feedback_summary(by, prev_first, prev_last, **scope, **minimum_arg)
                  for by in ("pin", "amphoe", "province", "country")}
    except RegistryError as e:
        raise QgsProcessingException(str(e))
    feedback.setProgress(60)
    ids, names = pins.column("pin_id"), pins.column("name_th")
    declared_codes = common.declared_codes(pins)
    table = []
    for i in range(len(pins)):
        pid = ids[i]
        if not pid:
            continue
        prov = declared_codes["province_code"][i] or ""
        if province and prov != province:
            continue
        table.append((pid, names[i] or "", prov, declared_codes["amphoe_code"][i] or "",
                      float(pins.x[i]), float(pins.y[i])))
    pin_rows = fa.rows([t[0] for t in table], fa.by_key(now["pin"], "pin_id"),
                       fa.by_key(before["pin"], "pin_id"), minimum)
    d = codes()
    if province:
        amphoes = [a.code for a in d.children(province)]
        provinces = [province]
    else:
        provinces = [p.code for p in d.provinces()]
        amphoes = [a.code for p in provinces for a in d.children(p)]
    amphoe_rows = fa.rows(amphoes, fa.by_key(now["amphoe"], "amphoe_code"),
                          fa.by_key(before["amphoe"], "amphoe_code"), minimum)
    province_rows = fa.rows(provinces, fa.by_key(now["province"], "province_code"),
                            fa.by_key(before["province"], "province_code"), minimum)
    total = (now["country"]["groups"] or [None])[0]
    previous_total = (before["country"]["groups"] or [None])[0]
    mine = {t[0] for t in table}
    contradictions = fa.contradictions({p: s for p, s in declared.items() if p in mine},
                                       fa.by_key(now["pin"], "pin_id"), minimum)
    result = Result(province, first, last, prev_first, prev_last, minimum, table, pin_rows,
                    amphoe_rows, province_rows, total, previous_total,
                    now["month"]["groups"], declared, contradictions,
                    synthetic=(total or {}).get("synthetic", 0))
    if comments:
        read_terms(client, result, feedback)
    return result


def read_terms(client: RegistryClient, result: Result, feedback) -> None:
    """The most frequent terms of the comments (and complaint details) per point and amphoe."""
    name, tokenize = fa.segmenter()
    result.segmentation = name
    first_day = result.first + "-01"
    y, m = (int(x) for x in result.last.split("-"))
    last_day = (dt.date(y + m // 12, m % 12 + 1, 1) - dt.timedelta(days=1)).isoformat()
    per_pin: Dict[str, List[str]] = {}
    per_amphoe: Dict[str, List[str]] = {}
    mine = {t[0] for t in result.pins}
    try:
        for f in client.feedback_responses(result.province, None, first_day, last_day):
            p = f.get("properties") or {}
            if p.get("pin_id") not in mine:
                continue
            text = " ".join(t for t in (p.get("comment"), p.get("complaint_detail")) if t)
            if text:
                per_pin.setdefault(p["pin_id"], []).append(text)
                per_amphoe.setdefault(p.get("amphoe_code") or "", []).append(text)
            if feedback.isCanceled():
                break
    except RegistryError as e:
        raise QgsProcessingException(str(e))
    for level, groups in (("pin", per_pin), ("amphoe", per_amphoe)):
        for code in sorted(groups):
            for term, n in fa.top_terms(groups[code], 10, tokenize):
                result.terms.append((level, code, term, n))


def unit_table(rows: List[fa.Row], level: str) -> rd.Table:
    d = codes()
    header = ["code", "name_th", "name_en"] + [f.name() for f in metric_fields(())]
    return rd.Table(level, level, header, [[r.key, d.name(r.key, "th"), d.name(r.key, "en")]
                                           + metric_values(r) for r in rows])


class _Styler(QgsProcessingLayerPostProcessorInterface):
    def postProcessLayer(self, layer, context, feedback):  # noqa: N802
        if isinstance(layer, QgsVectorLayer):
            style_feedback(layer)
            layer.triggerRepaint()


class FeedbackSummaryAlgorithm(CitizenPinsAlgorithm):
    ALGORITHM_ID = "feedback_summary"
    GROUP_ID = "analysis"

    INPUT = "INPUT"
    REGISTRY_URL = "REGISTRY_URL"
    AUTHCFG = "AUTHCFG"
    PROVINCE = "PROVINCE"
    PERIOD_FROM = "PERIOD_FROM"
    PERIOD_TO = "PERIOD_TO"
    MIN_RESPONSES = "MIN_RESPONSES"
    OUTPUT = "OUTPUT"
    AMPHOES = "AMPHOES"
    PROVINCES = "PROVINCES"
    CONTRADICTIONS = "CONTRADICTIONS"
    TERMS = "TERMS"
    CSV_FOLDER = "CSV_FOLDER"
    RESPONSES = "RESPONSES"
    PCT_SATISFIED = "PCT_SATISFIED"
    SEGMENTATION = "SEGMENTATION"

    def displayName(self) -> str:  # noqa: N802
        return self.tr("Citizen feedback summary")

    def shortHelpString(self) -> str:  # noqa: N802
        return self.tr(
            "What citizens said about the service points of a province (PROVINCE; empty: the "
            "country) over whole months (PERIOD_FROM..PERIOD_TO, YYYY-MM; empty: the last 12 "
            "months), from the registry's aggregates: responses, share satisfied (4-5 on the "
            "satisfaction item), mean of every item, share asked for a copy or for extra "
            "payment, complaints per category, change against the previous period of the same "
            "length, and a rank among the points with at least MIN_RESPONSES responses (fewer: "
            "'not enough responses', never ranked, hatched on the map). The same per amphoe and "
            "province as polygons (BOUNDARIES). Zero Copy in practice: points whose declared "
            "status (INPUT's working copy services) contradicts what citizens report. With an "
            "account of the province (AUTHCFG), the most frequent terms of the comments (Thai "
            "word segmentation by PyThaiNLP when installed). CSV_FOLDER: the same as CSV files "
            "and the trend by month.")

    def initAlgorithm(self, config=None):  # noqa: N802
        default_url = common.default_registry_url()
        self.addParameter(QgsProcessingParameterFeatureSource(
            self.INPUT, self.tr("Service points (working copy)"), [ANY_GEOMETRY]))
        add_boundary_parameters(self)
        self.addParameter(QgsProcessingParameterString(
            self.REGISTRY_URL, self.tr("Registry URL"), defaultValue=default_url or None))
        self.addParameter(QgsProcessingParameterAuthConfig(
            self.AUTHCFG, self.tr("Authentication configuration (for the comments' terms)"),
            optional=True))
        self.addParameter(QgsProcessingParameterString(
            self.PROVINCE, self.tr("Province (DOPA code or name; empty: the whole country)"),
            optional=True))
        self.addParameter(QgsProcessingParameterString(
            self.PERIOD_FROM, self.tr("First month (YYYY-MM; empty: 12 months ago)"),
            optional=True))
        self.addParameter(QgsProcessingParameterString(
            self.PERIOD_TO, self.tr("Last month (YYYY-MM; empty: last month)"), optional=True))
        n = QgsProcessingParameterNumber(
            self.MIN_RESPONSES, self.tr("Fewest responses to be ranked"), NUMBER_INT,
            defaultValue=fb.MIN_RESPONSES, minValue=1)
        n.setFlags(n.flags() | FLAG_ADVANCED)
        self.addParameter(n)
        report_zero_copy.add_parameter(self)
        self.addParameter(QgsProcessingParameterFeatureSink(
            self.OUTPUT, self.tr("Feedback per service point"), POINT))
        self.addParameter(QgsProcessingParameterFeatureSink(
            self.AMPHOES, self.tr("Feedback per amphoe"), POLYGON, optional=True))
        self.addParameter(QgsProcessingParameterFeatureSink(
            self.PROVINCES, self.tr("Feedback per province"), POLYGON, optional=True))
        self.addParameter(QgsProcessingParameterFeatureSink(
            self.CONTRADICTIONS, self.tr("Zero Copy in practice: contradictions"), TABLE,
            optional=True))
        self.addParameter(QgsProcessingParameterFeatureSink(
            self.TERMS, self.tr("Most frequent terms of the comments"), TABLE, optional=True,
            createByDefault=False))
        self.addParameter(QgsProcessingParameterFolderDestination(
            self.CSV_FOLDER, self.tr("CSV folder"), optional=True, createByDefault=False))
        self.addOutput(QgsProcessingOutputNumber(self.RESPONSES, self.tr("Responses")))
        self.addOutput(QgsProcessingOutputNumber(self.PCT_SATISFIED, self.tr("% satisfied")))
        self.addOutput(QgsProcessingOutputString(self.SEGMENTATION,
                                                 self.tr("Thai word segmentation used")))

    def province(self, parameters, context) -> Optional[str]:
        chosen = common.parse_provinces(self, self.parameterAsString(parameters, self.PROVINCE,
                                                                     context))
        if chosen is not None and len(chosen) != 1:
            raise QgsProcessingException(self.tr(
                "PROVINCE: give one province (a DOPA code such as 21), or leave it empty for the "
                "whole country."))
        return chosen[0] if chosen else None

    def period(self, parameters, context) -> Tuple[str, str]:
        first, last = default_period()
        a = self.parameterAsString(parameters, self.PERIOD_FROM, context).strip()
        b = self.parameterAsString(parameters, self.PERIOD_TO, context).strip()
        if b and not a:
            y, m = month_text(b, "PERIOD_TO", self)
            k = y * 12 + m - 1 - 11
            a = f"{k // 12:04d}-{k % 12 + 1:02d}"
        return a or first, b or last

    def summarise(self, parameters, context, feedback, comments: Optional[bool] = None) -> Result:
        helper = common.validation_helper()
        pins = common.read_pins(helper, parameters.get(self.INPUT), context, feedback)
        province = self.province(parameters, context)
        first, last = self.period(parameters, context)
        url = self.parameterAsString(parameters, self.REGISTRY_URL, context)
        authcfg = self.parameterAsString(parameters, self.AUTHCFG, context)
        minimum = self.parameterAsInt(parameters, self.MIN_RESPONSES, context)
        found = report_zero_copy.services_for(self, parameters, context)
        declared = {}
        if found is not None:
            ids = [i for i in pins.column("pin_id") if i]
            declared = {p: s.status for p, s in zc.point_statuses(ids, found[0]).items()
                        if s.status != zc.NO_SERVICES}
        else:
            feedback.pushInfo(self.tr("No services known for these pins: Zero Copy in practice "
                                      "is not compared (give a working copy with services)."))
        try:
            client = RegistryClient(url, authcfg, feedback=feedback)
        except RegistryError as e:
            raise QgsProcessingException(str(e))
        want_terms = bool(authcfg) if comments is None else comments
        result = compute(self, client, pins, province, first, last, minimum, declared, feedback,
                         want_terms)
        if not authcfg and comments is None:
            feedback.pushInfo(self.tr("No account given (AUTHCFG): the comments' terms are not "
                                      "read (comments are readable only by accounts of the "
                                      "province)."))
        return result

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802
        result = self.summarise(parameters, context, feedback)
        if result.synthetic:
            feedback.pushWarning(self.tr("{} of these responses are SYNTHETIC (generated for "
                                         "tests and demonstrations), not citizens'.").format(
                result.synthetic))
        out = {}
        d = codes()
        pfields = metric_fields((("pin_id", STRING), ("name_th", STRING), ("province_code", STRING),
                                 ("amphoe_code", STRING), ("declared_zero_copy", STRING)))
        sink, out[self.OUTPUT] = self.parameterAsSink(parameters, self.OUTPUT, context, pfields,
                                                      POINT_WKB, common_crs())
        feats = []
        for t, row in zip(result.pins, result.pin_rows):
            f = QgsFeature(pfields)
            f.setAttributes([t[0], t[1], t[2], t[3], result.declared.get(t[0])]
                            + metric_values(row))
            if t[4] == t[4] and t[5] == t[5]:
                f.setGeometry(QgsGeometry.fromPointXY(QgsPointXY(t[4], t[5])))
            feats.append(f)
        common.write_all(self, sink, feats, "OUTPUT")
        ufields = metric_fields((("code", STRING), ("name_th", STRING), ("name_en", STRING),
                                 ("province_code", STRING)))
        if parameters.get(self.AMPHOES) or parameters.get(self.PROVINCES):
            layer = self.parameterAsVectorLayer(parameters, "BOUNDARIES", context)
            _, field_name = common.read_boundaries(common.validation_helper(), parameters, context,
                                                   feedback)
            polys = common.boundary_polygons(layer, field_name, [result.province]
                                             if result.province else None, context, feedback)
            for key, digits, rows in ((self.AMPHOES, 4, result.amphoe_rows),
                                      (self.PROVINCES, 2, result.province_rows)):
                if not parameters.get(key):
                    continue
                geoms = dict(common.dissolve(polys, digits, feedback))
                usink, out[key] = self.parameterAsSink(parameters, key, context, ufields,
                                                       MULTIPOLYGON, common_crs())
                ufeats = []
                for r in rows:
                    f = QgsFeature(ufields)
                    f.setAttributes([r.key, d.name(r.key, "th"), d.name(r.key, "en"), r.key[:2]]
                                    + metric_values(r))
                    if r.key in geoms:
                        f.setGeometry(geoms[r.key])
                    ufeats.append(f)
                common.write_all(self, usink, ufeats, key)
        cfields = QgsFields()
        for name, kind in (("pin_id", STRING), ("name_th", STRING), ("declared", STRING),
                           ("asked", INT), ("answered", INT), ("pct_asked", DOUBLE),
                           ("kind", STRING), ("message_th", STRING), ("message_en", STRING)):
            cfields.append(make_field(name, kind))
        names = {t[0]: t[1] for t in result.pins}
        if parameters.get(self.CONTRADICTIONS):
            csink, out[self.CONTRADICTIONS] = self.parameterAsSink(
                parameters, self.CONTRADICTIONS, context, cfields, NO_GEOMETRY)
            cfeats = []
            for c in result.contradictions:
                f = QgsFeature(cfields)
                f.setAttributes([c.pin_id, names.get(c.pin_id, ""), c.declared, c.asked,
                                 c.answered, c.pct_asked, c.kind, c.message_th, c.message_en])
                cfeats.append(f)
            common.write_all(self, csink, cfeats, "CONTRADICTIONS")
        tfields = QgsFields()
        for name, kind in (("level", STRING), ("code", STRING), ("term", STRING), ("count", INT),
                           ("segmentation", STRING)):
            tfields.append(make_field(name, kind))
        if parameters.get(self.TERMS):
            tsink, out[self.TERMS] = self.parameterAsSink(parameters, self.TERMS, context,
                                                          tfields, NO_GEOMETRY)
            tfeats = []
            for level, code, term, n in result.terms:
                f = QgsFeature(tfields)
                f.setAttributes([level, code, term, n, result.segmentation])
                tfeats.append(f)
            common.write_all(self, tsink, tfeats, "TERMS")
        folder = self.parameterAsString(parameters, self.CSV_FOLDER, context) \
            if parameters.get(self.CSV_FOLDER) else ""
        if folder:
            write_csvs(result, folder)
            out[self.CSV_FOLDER] = folder
        for key in (self.OUTPUT, self.AMPHOES, self.PROVINCES):
            if out.get(key) and context.willLoadLayerOnCompletion(out[key]):
                context.layerToLoadOnCompletionDetails(out[key]).setPostProcessor(_STYLER)
        total = result.total or {}
        out[self.RESPONSES] = total.get("responses", 0)
        out[self.PCT_SATISFIED] = total.get("pct_satisfied")
        out[self.SEGMENTATION] = result.segmentation or ""
        return out


_STYLER = _Styler()


def common_crs():
    from qgis.core import QgsCoordinateReferenceSystem

    return QgsCoordinateReferenceSystem("EPSG:4326")


def write_csvs(result: Result, folder: str) -> List[str]:
    """points.csv, amphoes.csv, provinces.csv, months.csv, contradictions.csv, terms.csv."""
    os.makedirs(folder, exist_ok=True)
    header = [f.name() for f in metric_fields(())]
    points = rd.Table("points", "points", ["pin_id", "name_th", "province_code", "amphoe_code",
                                           "declared_zero_copy"] + header,
                      [[t[0], t[1], t[2], t[3], result.declared.get(t[0])] + metric_values(r)
                       for t, r in zip(result.pins, result.pin_rows)])
    months = rd.Table("months", "months", ["month", "responses", "pct_satisfied",
                                           "mean_satisfaction", "pct_asked_copy", "complaints",
                                           "synthetic"],
                      [[g["month"], g["responses"], g["pct_satisfied"],
                        g["means"]["satisfaction"], g["asked_copy"]["pct"], g["complaints_total"],
                        g["synthetic"]] for g in result.months])
    contradictions = rd.Table("c", "c", ["pin_id", "declared", "asked", "answered", "pct_asked",
                                         "kind", "message_th", "message_en"],
                              [[c.pin_id, c.declared, c.asked, c.answered, c.pct_asked, c.kind,
                                c.message_th, c.message_en] for c in result.contradictions])
    terms = rd.Table("t", "t", ["level", "code", "term", "count", "segmentation"],
                     [[a, b, c, n, result.segmentation] for a, b, c, n in result.terms])
    written = []
    for name, table in (("points.csv", points), ("amphoes.csv", unit_table(result.amphoe_rows,
                                                                            "amphoe")),
                        ("provinces.csv", unit_table(result.province_rows, "province")),
                        ("months.csv", months), ("contradictions.csv", contradictions),
                        ("terms.csv", terms)):
        path = os.path.join(folder, name)
        rd.write_csv(table, path)
        written.append(path)
    return written

