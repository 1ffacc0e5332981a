"""citizen_pins:report — a report for one province or the whole country: a PDF (QGIS print layout:
map of pins and findings over a completeness choropleth, tables), a self-contained HTML page and
CSV tables, dated in the Buddhist era, with the boundary attribution wherever boundaries are drawn.

Pins are validated and counted for completeness here (the same engine as citizen_pins:validate
and citizen_pins:completeness), so the report is one step.  Every file is written to a staging
folder first and moved into OUTPUT_FOLDER only when all of them exist: never a half report.
"""
from __future__ import annotations

import datetime as dt
import os
import shutil
import tempfile

import numpy as np
from qgis.core import (QgsFeature, QgsFields, QgsGeometry, QgsPointXY, QgsProcessingException,
                       QgsProcessingOutputFile, QgsProcessingOutputNumber,
                       QgsProcessingOutputString, QgsProcessingParameterBoolean,
                       QgsProcessingParameterFeatureSource, QgsProcessingParameterFolderDestination, QgsProcessingParameterNumber,
                       QgsProcessingParameterString, QgsProject,
                       QgsRectangle)

from ..core import completeness as cm
from ..core import report_data as rd
from ..core.feedback import MIN_RESPONSES
from ..core.context import Settings
from ..core.dopa import codes
from ..core.findings import ERROR, WARNING
from ..core.qgis_compat import ALGORITHM_NO_THREADING as NO_THREADING
from ..core.qgis_compat import INT, STRING, make_field
from ..core.qgis_compat import NUMBER_DOUBLE
from ..core.qgis_compat import NUMBER_INTEGER as NUMBER_INT
from ..core.rules_services import pin_rules  # the report validates pins alone
from ..core.thai_dates import english_date, thai_date_long
from ..core.validate import Cancelled, severity_counts, validate
from . import common
from . import report_layout as rl
from . import report_zero_copy
from .base import CitizenPinsAlgorithm
from .completeness import CompletenessAlgorithm, unit_fields, unit_values
from .validate import ANY_GEOMETRY, FLAG_ADVANCED, add_boundary_parameters

FILES = ("report.pdf", "report.html", "summary.csv", "findings.csv", "findings_per_rule.csv",
         "completeness_missing.csv", "completeness_units.csv")


class ReportAlgorithm(CitizenPinsAlgorithm):
    ALGORITHM_ID = "report"
    GROUP_ID = "reports"

    INPUT = "INPUT"
    BOUNDARIES = "BOUNDARIES"
    CODE_FIELD = "CODE_FIELD"
    PROVINCE = "PROVINCE"
    TITLE = "TITLE"
    REPORT_DATE = "REPORT_DATE"
    MAX_ROWS = "MAX_ROWS"
    OUTPUT_FOLDER = "OUTPUT_FOLDER"
    PDF = "PDF"
    HTML = "HTML"
    CSV_FILES = "CSV_FILES"
    PAGES = "PAGES"
    # completeness parameters (names shared with citizen_pins:completeness)
    MODE = CompletenessAlgorithm.MODE
    TOLERANCE = CompletenessAlgorithm.TOLERANCE
    # the access page (issue 20)
    ACCESS = "ACCESS"
    ACCESS_MAX_DISTANCE = "ACCESS_MAX_DISTANCE"
    # the executive report on citizen feedback (issue 19)
    FEEDBACK_REGISTRY = "FEEDBACK_REGISTRY"
    FEEDBACK_FROM = "FEEDBACK_FROM"
    FEEDBACK_TO = "FEEDBACK_TO"
    EXECUTIVE_PDF = "EXECUTIVE_PDF"

    def flags(self):
        # print layouts are exported on the main thread, as QGIS's own layout algorithms do
        return super().flags() | NO_THREADING

    def displayName(self) -> str:  # noqa: N802
        return self.tr("Coordinator report (PDF, HTML, CSV)")

    def shortHelpString(self) -> str:  # noqa: N802
        return self.tr(
            "A report on one province (PROVINCE: DOPA code or name) or the whole country (empty): "
            "pins validated against the boundaries, findings per amphoe or province and per rule, "
            "and completeness of the campaign (what is expected: as in 'Campaign completeness'). "
            "Writes report.pdf (a print layout: map of pins and findings over a completeness "
            "choropleth, tables, Thai fonts, dates in the Buddhist era), report.html (one "
            "self-contained page) and CSV tables into OUTPUT_FOLDER. The boundary attribution is "
            "printed under every map.\n"
            "When the pins' services are known (INPUT is a working copy with services, or "
            "SERVICES names one), a Zero Copy section follows: the share of service points that "
            "demand no copies per amphoe or province (a choropleth), the documents most often "
            "still demanded as copies, and the points with no services recorded.") + "\n" + self.tr(
            "With FEEDBACK_REGISTRY (the registry's URL), executive.pdf too: what citizens said "
            "about the service points over whole months (FEEDBACK_FROM..FEEDBACK_TO; empty: the "
            "last 12): headline figures, a map by share satisfied, the trend by month and the "
            "complaints by category (charts), the best and worst points with enough responses, "
            "and Zero Copy in practice.")

    def initAlgorithm(self, config=None):  # noqa: N802
        self.addParameter(QgsProcessingParameterFeatureSource(
            self.INPUT, self.tr("Service points"), [ANY_GEOMETRY]))
        add_boundary_parameters(self)
        self.addParameter(QgsProcessingParameterString(
            self.PROVINCE, self.tr("Province (DOPA code or name; empty: the whole country)"),
            optional=True))
        CompletenessAlgorithm.add_completeness_parameters(self, with_provinces=False)
        self.addParameter(QgsProcessingParameterString(
            self.TITLE, self.tr("Campaign name (printed in the title)"), optional=True))
        date = QgsProcessingParameterString(
            self.REPORT_DATE, self.tr("Report date (YYYY-MM-DD; empty: today)"), optional=True)
        date.setFlags(date.flags() | FLAG_ADVANCED)
        self.addParameter(date)
        rows = QgsProcessingParameterNumber(
            self.MAX_ROWS, self.tr("Rows per table in the PDF (the CSV has all)"), NUMBER_INT,
            defaultValue=150, minValue=10)
        rows.setFlags(rows.flags() | FLAG_ADVANCED)
        self.addParameter(rows)
        self.addParameter(QgsProcessingParameterBoolean(
            self.ACCESS, self.tr("Add an access page: every tambon's distance to the nearest pin of "
                                 "the point type (access.csv)"), defaultValue=False))
        self.addParameter(QgsProcessingParameterNumber(
            self.ACCESS_MAX_DISTANCE, self.tr("Access page: underserved beyond (km)"),
            NUMBER_DOUBLE, defaultValue=10.0, minValue=0.0))
        report_zero_copy.add_parameter(self)  # SERVICES: the Zero Copy section's services
        self.addParameter(QgsProcessingParameterString(
            self.FEEDBACK_REGISTRY, self.tr("Executive report on citizen feedback: the registry's "
                                            "URL (empty: no executive report)"), optional=True))
        for name, label in ((self.FEEDBACK_FROM, self.tr("Executive report: first month "
                                                         "(YYYY-MM; empty: 12 months ago)")),
                            (self.FEEDBACK_TO, self.tr("Executive report: last month (YYYY-MM; "
                                                       "empty: last month)"))):
            param = QgsProcessingParameterString(name, label, optional=True)
            param.setFlags(param.flags() | FLAG_ADVANCED)
            self.addParameter(param)
        self.addParameter(QgsProcessingParameterFolderDestination(
            self.OUTPUT_FOLDER, self.tr("Report folder")))
        self.addOutput(QgsProcessingOutputFile(self.PDF, self.tr("PDF report")))
        self.addOutput(QgsProcessingOutputFile(self.HTML, self.tr("HTML report")))
        self.addOutput(QgsProcessingOutputString(self.CSV_FILES, self.tr("CSV tables")))
        self.addOutput(QgsProcessingOutputNumber(self.PAGES, self.tr("PDF pages")))
        self.addOutput(QgsProcessingOutputFile(self.EXECUTIVE_PDF,
                                               self.tr("Executive report on citizen feedback")))

    # -- run -------------------------------------------------------------------------------------
    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802
        d = codes()
        folder = self.parameterAsString(parameters, self.OUTPUT_FOLDER, context)
        date_text = self.parameterAsString(parameters, self.REPORT_DATE, context).strip()
        try:
            day = dt.date.fromisoformat(date_text) if date_text else dt.date.today()
        except ValueError:
            raise QgsProcessingException(self.tr(
                "REPORT_DATE: '{}' is not a date; write it as YYYY-MM-DD (e.g. 2025-06-05), or "
                "leave it empty for today.").format(date_text))
        province = self._province(parameters, context)
        title = self.parameterAsString(parameters, self.TITLE, context).strip()
        max_rows = self.parameterAsInt(parameters, self.MAX_ROWS, context)
        tol = self.parameterAsDouble(parameters, self.TOLERANCE, context)

        helper = common.validation_helper()
        all_pins = common.read_pins(helper, parameters.get(self.INPUT), context, feedback)
        index, field = common.read_boundaries(helper, parameters, context, feedback)
        self._check(feedback)
        feedback.setProgress(15)

        # the pins of the report: those the province is responsible for (declared, else located)
        declared = common.declared_codes(all_pins)
        placed = rd.pin_units(declared, [""] * len(all_pins), 2)
        lost = np.asarray([i for i, u in enumerate(placed) if not u], dtype=np.int64)
        located = common.located_codes(index, all_pins, lost) if len(lost) else [""] * len(all_pins)
        prov_of = rd.pin_units(declared, located, 2)
        if province:
            keep = np.asarray([i for i, u in enumerate(prov_of) if u == province], dtype=np.int64)
            if not len(keep):
                raise QgsProcessingException(self.tr(
                    "INPUT has no pin of province {} ({}): choose the layer with that province's "
                    "pins, or another PROVINCE.").format(province, d.name(province, "en")))
            pins = common.subset(all_pins, keep)
            declared_sub = {k: [v[i] for i in keep.tolist()] for k, v in declared.items()}
            located_sub = [located[i] for i in keep.tolist()]
        else:
            pins, declared_sub, located_sub = all_pins, declared, located
        feedback.pushInfo(self.tr("{} pins in the report").format(len(pins)))

        def progress(fraction, rule_id):
            feedback.setProgress(15 + 35 * fraction)
            return not feedback.isCanceled()

        try:
            findings = validate(pins, index, d, Settings(tolerance_m=tol), progress=progress)
        except Cancelled:
            raise QgsProcessingException(self.tr("Cancelled: nothing was written."))
        scope = [province] if province else None
        comp, _, _ = CompletenessAlgorithm.compute(self, parameters, context, feedback,
                                                   pins=all_pins, index=index, field=field,
                                                   provinces=scope)
        self._check(feedback)
        feedback.setProgress(55)

        # findings per amphoe (province report) or per province (national)
        digits = 4 if province else 2
        units = rd.pin_units(declared_sub, located_sub, digits)
        rule_ids = [r.rule_id for r in pin_rules()]
        all_units = ([a.code for a in d.children(province)] if province
                     else [p.code for p in d.provinces()])
        summary = rd.summarise(units, findings, rule_ids, d, all_units)
        tables = self._tables(province, summary, comp, findings, pins, max_rows)

        # map layers
        layer = self.parameterAsVectorLayer(parameters, self.BOUNDARIES, context)
        polygons = common.boundary_polygons(layer, field, scope, context, feedback)
        if not polygons:
            raise QgsProcessingException(self.tr(
                "BOUNDARIES has no tambon of province {}: choose a boundary layer that covers "
                "it.").format(province))
        feedback.pushInfo(self.tr("Drawing the map"))
        project = QgsProject()
        ufields = unit_fields()
        if province:
            fill_level, fill_geoms = "tambon", [(c, g) for c, _, g in polygons if c]
            line_geoms = common.dissolve(polygons, 4, feedback)
        else:
            fill_level, fill_geoms = "amphoe", common.dissolve(polygons, 4, feedback)
            line_geoms = common.dissolve(polygons, 2, feedback)
        self._check(feedback)
        fill = rl.memory_layer("MultiPolygon", "ความครบถ้วน / completeness", ufields,
                               CompletenessAlgorithm.polygon_features(ufields, comp, fill_level,
                                                                      fill_geoms))
        rl.style_choropleth(fill, width=0.05 if province is None else 0.1)
        line_level = "amphoe" if province else "province"
        outline = rl.memory_layer("MultiPolygon", "outline", ufields,
                                  CompletenessAlgorithm.polygon_features(ufields, comp, line_level,
                                                                         line_geoms))
        rl.style_outline(outline, 0.35 if province else 0.25, "name_th" if province else "",
                         6.5)
        pins_layer = self._pins_layer(pins, findings, "หมุด / pins" if province else
                                      "หมุดที่มีผลการตรวจ / pins with findings",
                                      with_clean=bool(province))
        rl.style_pins(pins_layer, 1.0 if province else 0.6)
        for lyr in (fill, outline, pins_layer):
            project.addMapLayer(lyr)
        extent = QgsRectangle(fill.extent())
        map_layers = [pins_layer, outline, fill]
        access = None
        if self.parameterAsBool(parameters, self.ACCESS, context):
            from ..core import schema
            from .analysis import access_report

            feedback.pushInfo(self.tr("Measuring every tambon's distance to the nearest pin"))
            ptype = schema.POINT_TYPE_KEYS[self.parameterAsEnum(
                parameters, CompletenessAlgorithm.POINT_TYPE, context)]
            access = access_report.build(
                self, all_pins, polygons, ptype,
                self.parameterAsDouble(parameters, self.ACCESS_MAX_DISTANCE, context), province,
                outline, extent, project)
        zc = None
        found = report_zero_copy.services_for(self, parameters, context)
        if found is not None:  # the pins' services are known: a Zero Copy section
            zc = report_zero_copy.build(found[0], found[1], pins, units, province, line_geoms,
                                        extent)
            for lyr in zc.layout.map_layers:
                project.addMapLayer(lyr)
            feedback.pushInfo(self.tr("Zero Copy section: services from {}").format(found[1]))
        feedback.setProgress(70)

        # texts
        where_th = f"จังหวัด{d.name(province, 'th')}" if province else "ทั้งประเทศ"
        where_en = f"{d.name(province, 'en')} province" if province else "whole country"
        title_th = f"รายงานการปักหมุดจุดให้บริการ {where_th}"
        title_en = f"Service-point pinning report: {where_en}"
        if title:
            title_th, title_en = f"{title}: {where_th}", f"{title}: {where_en}"
        expected_what, expected_en = rd.expected_caption(comp.mode)
        date_line = (f"ข้อมูล ณ วันที่ {thai_date_long(day)} · ความครบถ้วน: {expected_what} · "
                     f"ค่าคลาดเคลื่อน {tol:,.0f} ม.\n"
                     f"Data as of {english_date(day)} · completeness: {expected_en} · "
                     f"tolerance {tol:,.0f} m")
        sev = severity_counts(findings)
        with_errors = len({f.index for f in findings if f.severity == ERROR})
        t = comp.total()
        figures = [
            ("หมุดทั้งหมด / pins", f"{len(pins):,}"),
            ("หมุดมีข้อผิดพลาด / pins with errors", f"{with_errors:,}"),
            ("ข้อผิดพลาด / errors", f"{sev[ERROR]:,}"),
            ("คำเตือน / warnings", f"{sev[WARNING]:,}"),
            (f"ครบถ้วน / complete ({t.complete:,}/{t.expected:,})",
             f"{0.0 if t.pct_complete is None else t.pct_complete:.1f} %"),
        ]
        footer = f"{title_th} · {thai_date_long(day, 'arabic')} · citizen_pins"
        spec = rl.ReportSpec(title_th, title_en, date_line, figures, map_layers, extent, tables,
                             footer, legend_skip=[outline] + (access.layers if access else []),
                             max_rows=max_rows,
                             extra_pages=[access.add_page] if access else [],
                             sections=[zc.layout] if zc else [])
        files = FILES + (("access.csv",) if access else ()) + (report_zero_copy.FILES if zc else ())
        executive = self._feedback(parameters, context, feedback, pins, province, found)
        if executive is not None:
            files += ("executive.pdf",)

        # write everything to a staging folder, then move it in place
        os.makedirs(folder, exist_ok=True)
        staging = tempfile.mkdtemp(prefix=".report-", dir=folder)
        try:
            layout = rl.build_layout(project, spec)
            pages = layout.pageCollection().pageCount()
            feedback.pushInfo(self.tr("Exporting the PDF ({} pages)").format(pages))
            rl.export_pdf(layout, os.path.join(staging, "report.pdf"))
            feedback.setProgress(90)
            png = rl.map_png_base64(map_layers, extent, project)
            if zc:
                zc.html.map_png_base64 = rl.map_png_base64(zc.layout.map_layers, extent, project)
            page = rd.render_html(title_th, title_en, date_line.split("\n"),
                                  figures, png, rd.ATTRIBUTION + " · " + rd.ATTRIBUTION_TH,
                                  tables + ([access.worst] if access else []),
                                  sections=[zc.html] if zc else [])
            with open(os.path.join(staging, "report.html"), "w", encoding="utf-8") as fh:
                fh.write(page)
            for name, table in zip(("summary.csv", "findings_per_rule.csv",
                                    "completeness_missing.csv"), tables[:3]):
                rd.write_csv(table, os.path.join(staging, name))
            rd.write_csv(self._findings_table(findings, pins, units),
                         os.path.join(staging, "findings.csv"))
            rd.write_csv(self._units_table(comp), os.path.join(staging, "completeness_units.csv"))
            if access:
                rd.write_csv(access.every, os.path.join(staging, "access.csv"))
            for name, table in (zc.csv.items() if zc else ()):
                rd.write_csv(table, os.path.join(staging, name))
            if executive is not None:
                from .feedback import executive as ex

                feedback.pushInfo(self.tr("Writing the executive report on citizen feedback"))
                ex_layout, ex_project = ex.build(executive, line_geoms, day, staging, title)
                rl.export_pdf(ex_layout, os.path.join(staging, "executive.pdf"))
                del ex_layout, ex_project
            self._check(feedback)
            for name in files:
                os.replace(os.path.join(staging, name), os.path.join(folder, name))
        except OSError as e:
            raise QgsProcessingException(self.tr("OUTPUT_FOLDER: the report cannot be written: {}")
                                         .format(e))
        finally:
            shutil.rmtree(staging, ignore_errors=True)
        feedback.setProgress(100)
        return {self.OUTPUT_FOLDER: folder, self.PDF: os.path.join(folder, "report.pdf"),
                self.EXECUTIVE_PDF: os.path.join(folder, "executive.pdf") if executive else None,
                self.HTML: os.path.join(folder, "report.html"),
                self.CSV_FILES: ";".join(os.path.join(folder, n) for n in files if n.endswith(".csv")),
                self.PAGES: pages}

    # -- helpers ---------------------------------------------------------------------------------
    def _feedback(self, parameters, context, feedback, pins, province, found):
        """The feedback figures of the executive report (the registry's aggregates), or None
        without FEEDBACK_REGISTRY."""
        url = self.parameterAsString(parameters, self.FEEDBACK_REGISTRY, context).strip()
        if not url:
            return None
        from ..core import zero_copy as zcore
        from ..registry.client import RegistryClient
        from ..registry.errors import RegistryError
        from .feedback.feedback_summary import FeedbackSummaryAlgorithm, compute

        summary = FeedbackSummaryAlgorithm()
        summary.initAlgorithm({})
        first, last = summary.period({summary.PERIOD_FROM: parameters.get(self.FEEDBACK_FROM),
                                      summary.PERIOD_TO: parameters.get(self.FEEDBACK_TO)},
                                     context)
        declared = {}
        if found is not None:
            ids = [i for i in pins.column("pin_id") if i]
            declared = {p: s.status for p, s in zcore.point_statuses(ids, found[0]).items()
                        if s.status != zcore.NO_SERVICES}
        feedback.pushInfo(self.tr("Reading the citizen feedback of {} to {} from {}").format(
            first, last, url))
        try:
            client = RegistryClient(url, feedback=feedback)
        except RegistryError as e:
            raise QgsProcessingException(str(e))
        return compute(summary, client, pins, province, first, last, MIN_RESPONSES, declared,
                       feedback)

    def _check(self, feedback):
        if feedback.isCanceled():
            raise QgsProcessingException(self.tr("Cancelled: nothing was written."))

    def _province(self, parameters, context):
        text = self.parameterAsString(parameters, self.PROVINCE, context)
        chosen = common.parse_provinces(self, text)
        if chosen is None:
            return None
        if len(chosen) != 1:
            raise QgsProcessingException(self.tr(
                "PROVINCE: give one province (a DOPA code such as 21), or leave it empty for the "
                "whole country."))
        return chosen[0]

    @staticmethod
    def _pins_layer(pins, findings, name, with_clean=True):
        worst = {}
        for f in findings:
            if f.severity == ERROR:
                worst[f.index] = ERROR
            else:
                worst.setdefault(f.index, WARNING)
        fields = QgsFields()
        for fname, kind in (("pin_id", STRING), ("name_th", STRING), ("worst", STRING),
                           ("rank", INT)):
            fields.append(make_field(fname, kind))
        rank = {"ok": 0, WARNING: 1, ERROR: 2}
        ids, names = pins.column("pin_id"), pins.column("name_th")
        feats = []
        for i in range(len(pins)):
            x, y = float(pins.x[i]), float(pins.y[i])
            if x != x or y != y:
                continue
            w = worst.get(i, "ok")
            if w == "ok" and not with_clean:
                continue
            f = QgsFeature(fields)
            f.setAttributes([ids[i], names[i], w, rank[w]])
            f.setGeometry(QgsGeometry.fromPointXY(QgsPointXY(x, y)))
            feats.append(f)
        return rl.memory_layer("Point", name, fields, feats)

    @staticmethod
    def _tables(province, summary, comp, findings, pins, max_rows):
        d = codes()
        unit_th, unit_en = ("อำเภอ", "amphoe") if province else ("จังหวัด", "province")
        level = "amphoe" if province else "province"
        cunits = comp.units[level]
        rows = []
        for code, s in summary.items():
            c = cunits.get(code)
            rows.append([code, s.name_th, s.pins, s.pins_with_errors, s.pins_with_warnings,
                         s.errors, s.warnings, c.expected if c else None, c.complete if c else None,
                         c.missing if c else None, c.pct_complete if c else None])
        tot = rd.total(summary.values())
        ct = comp.total()
        rows.append(["", "รวม / total", tot.pins, tot.pins_with_errors, tot.pins_with_warnings,
                     tot.errors, tot.warnings, ct.expected, ct.complete, ct.missing,
                     ct.pct_complete])
        main = rd.Table(
            f"สรุปราย{unit_th}: หมุด ผลการตรวจ และความครบถ้วน",
            f"Summary per {unit_en}: pins, findings and completeness",
            ["รหัส code", f"{unit_th} {unit_en}", "หมุด pins", "หมุดมีข้อผิดพลาด pins with errors",
             "หมุดมีเฉพาะคำเตือน pins with warnings only", "ข้อผิดพลาด errors",
             "คำเตือน warnings", "คาดไว้ expected", "ครบ complete", "ยังไม่มีหมุด no pin",
             "% ครบ complete"], rows,
            "หมุดนับตามจังหวัด/อำเภอที่ระบุในรหัส (หมุดที่ไม่มีรหัสนับตามตำแหน่ง) · "
            "a pin counts under the unit it declares (one without a code where it lies)")
        per_rule = {}
        for f in findings:
            per_rule[f.rule_id] = per_rule.get(f.rule_id, 0) + 1
        rule_rows = [[r.rule_id, r.title_th, r.title_en,
                      "ข้อผิดพลาด error" if r.severity == ERROR else "คำเตือน warning",
                      per_rule.get(r.rule_id, 0)] for r in pin_rules()]
        rules = rd.Table("ผลการตรวจรายกฎ", "Findings per rule",
                         ["กฎ rule", "ความหมาย", "meaning", "ระดับ severity", "จำนวน count"],
                         rule_rows)
        todo = [r for r in comp.items if r.status != cm.COMPLETE]
        listed = not comp.mode.startswith("tambon")
        header = ["รหัส code", "ชื่อ name" if listed else "ตำบล tambon", "อำเภอ amphoe"]
        if not province:
            header.append("จังหวัด province")
        if listed:
            header.append("ประเภท type")
        header += ["สถานะ status", "หมุด pins", "หมุดอยู่ที่ lies in", "ห่าง km",
                   "หมุดประเภทนี้ในพื้นที่ pins of the type here"]
        item_rows = []
        for r in todo:
            e = r.item
            row = [e.code, e.name if listed else d.name(e.code, "th"),
                   d.name(e.code[:4], "th") if len(e.code) >= 4 else ""]
            if not province:
                row.append(d.name(e.code[:2], "th"))
            if listed:
                row.append(e.point_type)
            row += [cm.STATUS_TH[r.status], " ".join(r.pin_ids),
                    f"{r.located} {d.name(r.located, 'th')}" if r.located else "",
                    None if r.distance_m is None else round(r.distance_m / 1000.0, 1),
                    " ".join(r.pins_here)]
            item_rows.append(row)
        what = ("" if listed else "คาดไว้: {} · expected: {} · ".format(
            *rd.expected_caption(comp.mode)))
        items = rd.Table(
            "รายการที่ยังไม่ครบ (ยังไม่มีหมุด หรือตำแหน่งไม่ตรงกับรหัส)",
            "Expected items not complete (no pin yet, or the pin lies elsewhere)",
            header, item_rows,
            what + "นับหมุดตามรหัสที่ระบุ และยืนยันด้วยตำแหน่ง · a pin counts by its declared "
            "code, confirmed by its location")
        if not item_rows:
            items.note = "ครบทุกรายการ / every expected item is complete"
        return [main, rules, items]

    @staticmethod
    def _findings_table(findings, pins, units):
        names = pins.column("name_th")
        rows = [[units[f.index], f.pin_id, names[f.index], f.rule_id, f.severity, f.message_th,
                 f.message_en, f.expected, f.actual,
                 None if f.distance_m is None else round(f.distance_m, 1), f.fix, f.x, f.y]
                for f in findings]
        return rd.Table("ผลการตรวจ", "Findings",
                        ["unit", "pin_id", "name_th", "rule_id", "severity", "message_th",
                         "message_en", "expected", "actual", "distance_m", "fix", "x", "y"], rows)

    @staticmethod
    def _units_table(comp):
        rows = []
        for level in ("province", "amphoe", "tambon"):
            for s in comp.units[level].values():
                rows.append([level] + unit_values(s))
        return rd.Table("ความครบถ้วนรายหน่วย", "Completeness per unit",
                        ["level", "code", "name_th", "name_en", "province_code", "expected",
                         "complete", "disputed", "unchecked", "missing", "pinned", "pct_complete",
                         "pct_pinned", "in_layer"], rows)
