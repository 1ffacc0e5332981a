"""The services import as a whole: read the working copy (its points and its records), plan
(core/importer/services.py), then write the new records and the report in one transaction."""
from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Dict, List, Optional

from qgis.core import QgsFeatureRequest, QgsFields, QgsProject, QgsVectorLayer

from .. import schema
from ..qgis_compat import LONG, REQUEST_NO_GEOMETRY, STRING, is_null, make_field
from ..sql import compose, ident, idents, marks
from ..service_tables import UpgradeError, project_layer, read_services, sqlite, upgrade_working_copy
from ..working_copy import WorkingCopyError, layer_uri
from .run import ImportFailed, _create_table, default_report_csv
from .services import (REPORT_FIELDS, REPORT_TABLE, ImportOptions, Plan, PointIndex, plan_services,
                       report_values, write_report_csv)


def read_points(path: str, project: Optional[QgsProject] = None) -> PointIndex:
    """The working copy's service points (pin_id, Thai name, codes), unsaved edits included."""
    uri = layer_uri(path)
    layer = project_layer(uri, project) or QgsVectorLayer(uri, "pins", "ogr")
    if not layer.isValid():
        raise WorkingCopyError(f"{path} has no service-point layer.")
    names = ["pin_id", "name_th", "province_code", "amphoe_code", "tambon_code"]
    request = QgsFeatureRequest().setSubsetOfAttributes(names, layer.fields())
    request.setFlags(REQUEST_NO_GEOMETRY)

    def text(v):
        return None if is_null(v) else str(v)

    return PointIndex((text(f["pin_id"]) or "", text(f["name_th"]), text(f["province_code"]),
                       text(f["amphoe_code"]), text(f["tambon_code"]))
                      for f in layer.getFeatures(request) if not is_null(f["pin_id"]))


def unsaved_layers(path: str, project: Optional[QgsProject]) -> List[str]:
    """Names of the project's layers of this working copy that have edits not saved."""
    if project is None:
        return []
    target = os.path.normcase(os.path.abspath(path))
    out = []
    for layer in project.mapLayers().values():
        src = (getattr(layer, "source", lambda: "")() or "").split("|", 1)[0]
        if src and os.path.normcase(os.path.abspath(src)) == target \
                and getattr(layer, "isModified", lambda: False)():
            out.append(layer.name())
    return out


def _report_fields() -> QgsFields:
    out = QgsFields()
    for name in REPORT_FIELDS:
        out.append(make_field(name, LONG if name == "row" else STRING))
    return out


def _sql_value(v):
    return int(v) if isinstance(v, bool) else v


def write_plan(plan: Plan, path: str) -> Dict[str, int]:
    """The plan's new services, steps and documents and its report rows, in one transaction."""
    report = QgsVectorLayer(f"{path}|layername={REPORT_TABLE}", REPORT_TABLE, "ogr")
    if not report.isValid():
        _create_table(path, REPORT_TABLE, _report_fields())
    del report
    try:
        with sqlite(path) as db:
            for t in schema.CHILD_TABLES:
                rows = plan.new[t.name]
                names = [n for n in t.field_names if not t.field(n).registry_managed]
                sql = compose("INSERT INTO {t} ({cols}) VALUES ({m})", t=ident(t.name),
                              cols=idents(names), m=marks(len(names)))
                db.executemany(sql, ([_sql_value(r.get(n)) for n in names] for r in rows))
            db.executemany(compose("INSERT INTO {t} ({cols}) VALUES ({m})", t=ident(REPORT_TABLE),
                                   cols=idents(REPORT_FIELDS), m=marks(len(REPORT_FIELDS))),
                           (report_values(plan, o) for o in plan.outcomes))
            if db.execute("SELECT 1 FROM sqlite_master WHERE name = 'gpkg_ogr_contents'").fetchone():
                for table in [t.name for t in schema.CHILD_TABLES] + [REPORT_TABLE]:
                    db.execute("UPDATE gpkg_ogr_contents SET feature_count = NULL "
                               "WHERE table_name = ?", (table,))
    except Exception as e:  # sqlite3.Error and the like: the transaction was rolled back
        raise ImportFailed(f"The services could not be written to {path}: {e}. The working copy "
                           "was not changed. / เขียนข้อมูลงานบริการไม่ได้ สำเนาทำงานไม่เปลี่ยนแปลง") from None
    return plan.added()


@dataclass
class ServicesImportResult:
    plan: Plan
    working_copy: str
    upgraded: bool
    added: Dict[str, int]
    report_csv: str
    report_uri: str


def import_services(source: str, working_copy: str, options: Optional[ImportOptions] = None,
                    report_csv: Optional[str] = None, project: Optional[QgsProject] = None,
                    feedback=None) -> ServicesImportResult:
    """Import ``source`` into the working copy at ``working_copy`` (upgraded in place first when
    it predates services).  Raises SourceError, MappingError, WorkingCopyError or ImportFailed
    with a message that says what to fix; nothing is written then."""
    working_copy = os.path.abspath(working_copy)
    dirty = unsaved_layers(working_copy, project)
    if dirty:
        raise ImportFailed(
            f"The layer(s) {', '.join(repr(n) for n in dirty)} of {working_copy} have edits that "
            "are not saved: save them (Layer > Save Layer Edits) or roll them back, then import. "
            "/ มีการแก้ไขที่ยังไม่ได้บันทึก กรุณาบันทึกหรือยกเลิกก่อนนำเข้า")
    try:
        upgraded = upgrade_working_copy(working_copy).changed
    except UpgradeError as e:
        raise WorkingCopyError(str(e)) from None
    points = read_points(working_copy, project)
    existing = read_services(working_copy, project)
    plan = plan_services(source, points, existing, options, feedback)
    added = write_plan(plan, working_copy)
    csv_path = write_report_csv(plan, report_csv or default_report_csv(working_copy, plan,
                                                                       "services_import"))
    uri = (f"{working_copy}|layername={REPORT_TABLE}|subset=\"import_id\" = '{plan.import_id}'")
    return ServicesImportResult(plan, working_copy, upgraded, added, csv_path, uri)
