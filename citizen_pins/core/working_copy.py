"""The working copy: a GeoPackage on disk holding one province's service-point layer.

It survives crashes and network loss and QGIS edits it natively.  This module creates it in the
schema of :mod:`schema` and stores the layer's attribute form (labels, value map, constraints,
read-only registry fields) as the layer's default style inside the GeoPackage, so the form is right
wherever the file is opened.  Later issues add the base snapshot and the journal tables.
The services, steps and documents a pin owns live in tables of their own (core/service_tables.py,
forms and relations in core/service_forms.py); a working copy made before them is upgraded in
place by :func:`service_tables.upgrade_working_copy`.
"""
from __future__ import annotations

import datetime as _dt
import os
from dataclasses import dataclass
from typing import Dict, Optional

from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransformContext,
    QgsDefaultValue,
    QgsEditorWidgetSetup,
    QgsFeature,
    QgsFieldConstraints,
    QgsFields,
    QgsVectorFileWriter,
    QgsVectorLayer,
)

from . import schema
from .dopa import codes, normalize_code
from .qgis_compat import DATETIME, LONG, STRING, WKB_NO_GEOMETRY, WKB_POINT, make_field

META_TABLE = "citizen_pins_meta"
#: The DOPA code list as a table (code, level, parent_code, names): the form's cascading pickers
#: (province -> amphoe -> tambon) read it, so they work offline.
ADMIN_TABLE = "admin_units"
SCHEMA_VERSION = "2"  # 1: pins only; 2: with services, steps and documents


class WorkingCopyError(Exception):
    """A working copy cannot be created or opened; the message says what to do."""


@dataclass
class WorkingCopyInfo:
    path: str
    layer_uri: str
    province_code: str
    pin_count: int
    meta: Dict[str, str]


def qgis_fields() -> QgsFields:
    """The schema as QGIS fields."""
    kinds = {schema.TEXT: STRING, schema.CODE: STRING, schema.UUID: STRING,
             schema.INTEGER: LONG, schema.DATETIME: DATETIME}
    out = QgsFields()
    for f in schema.FIELDS:
        out.append(make_field(f.name, kinds[f.kind], f.length if f.kind != schema.INTEGER else 0))
    return out


def layer_uri(path: str) -> str:
    return f"{path}|layername={schema.LAYER_NAME}"


def layer_display_name(path: str, province_code: str = "", lang: str = "th") -> str:
    """The name a working copy's layer has in the Layers panel: its province, then its file
    ("ระยอง · pins_21"), so two working copies are never both "service_points"."""
    stem = os.path.splitext(os.path.basename(path))[0]
    province = codes().name(province_code, "th" if lang == "th" else "en") if province_code else ""
    return f"{province} · {stem}" if province else stem


def pins_fingerprint(path: str) -> str:
    """A digest of the service-point rows as saved in the file: it changes with every saved
    edit, pull or publish (the dock tells findings made from other pins as out of date)."""
    import hashlib
    import sqlite3

    from .sql import compose, ident, idents

    # a change detector, not a security measure (Python >= 3.9 takes usedforsecurity)
    digest = hashlib.sha1(usedforsecurity=False)
    try:
        conn = sqlite3.connect(path, timeout=10)
    except sqlite3.Error:
        return ""
    try:
        row = conn.execute("SELECT column_name FROM gpkg_geometry_columns WHERE table_name = ?",
                           (schema.LAYER_NAME,)).fetchone()
        # the pins' data, not the registry's version stamps (a publish does not change them)
        # the geometry column's name comes from the file: quoted as a name, whatever it holds
        cols = idents(schema.EDITABLE_FIELDS + ((row[0],) if row else ()))
        for values in conn.execute(compose("SELECT {cols} FROM {t} ORDER BY 1", cols=cols,
                                           t=ident(schema.LAYER_NAME))):
            digest.update(repr(values).encode("utf-8"))
    except sqlite3.Error:
        return ""
    finally:
        conn.close()
    return digest.hexdigest()


def _write_layer(path: str, layer_name: str, fields: QgsFields, wkb, overwrite_file: bool) -> None:
    options = QgsVectorFileWriter.SaveVectorOptions()
    options.driverName = "GPKG"
    options.layerName = layer_name
    options.fileEncoding = "UTF-8"
    options.actionOnExistingFile = (QgsVectorFileWriter.ActionOnExistingFile.CreateOrOverwriteFile if overwrite_file
                                    else QgsVectorFileWriter.ActionOnExistingFile.CreateOrOverwriteLayer)
    crs = QgsCoordinateReferenceSystem(schema.CRS_AUTHID)
    writer = QgsVectorFileWriter.create(path, fields, wkb, crs, QgsCoordinateTransformContext(),
                                        options)
    if writer.hasError() != QgsVectorFileWriter.WriterError.NoError:
        message = writer.errorMessage()
        del writer
        raise WorkingCopyError(f"Cannot write {path}: {message}")
    del writer  # flushes and closes the file


def admin_units_uri(path: str) -> str:
    return f"{path}|layername={ADMIN_TABLE}"


def write_admin_units(path: str) -> int:
    """Write (or rewrite) the admin-units table of a working copy from the DOPA code list."""
    fields = QgsFields()
    for name, length in (("code", 6), ("level", 8), ("parent_code", 4), ("name_th", 120),
                         ("name_en", 120)):
        fields.append(make_field(name, STRING, length))
    _write_layer(path, ADMIN_TABLE, fields, WKB_NO_GEOMETRY, overwrite_file=False)
    layer = QgsVectorLayer(admin_units_uri(path), ADMIN_TABLE, "ogr")
    feats = []
    for code in sorted(codes().units):
        unit = codes().units[code]
        f = QgsFeature(layer.fields())
        f.setAttributes([None, unit.code, unit.level, unit.parent_code, unit.name_th, unit.name_en])
        feats.append(f)
    ok, _ = layer.dataProvider().addFeatures(feats)
    if not ok:
        raise WorkingCopyError(f"Cannot write the DOPA code table of {path}.")
    return len(feats)


def _cascade(field: str, admin_layer: QgsVectorLayer, lang: str) -> Optional[QgsEditorWidgetSetup]:
    """A ValueRelation picker: names shown, codes stored, filtered by the parent field."""
    level = {"province_code": "province", "amphoe_code": "amphoe", "tambon_code": "tambon"}[field]
    parent = {"amphoe_code": "province_code", "tambon_code": "amphoe_code"}.get(field)
    expr = f"\"level\" = '{level}'"
    if parent:
        expr += f" AND \"parent_code\" = current_value('{parent}')"
    return QgsEditorWidgetSetup("ValueRelation", {
        "Layer": admin_layer.id(), "LayerName": admin_layer.name(),
        "LayerSource": admin_layer.source(), "LayerProviderName": "ogr",
        "Key": "code", "Value": "name_th" if lang == "th" else "name_en",
        "FilterExpression": expr, "AllowNull": True, "OrderByValue": True,
        "AllowMulti": False, "UseCompleter": True, "NofColumns": 1,
    })


def apply_form_config(layer: QgsVectorLayer, lang: str = "th",
                      admin_layer: Optional[QgsVectorLayer] = None) -> None:
    """Labels, widgets, defaults and constraints of the service-point form, from the schema.

    With ``admin_layer`` (the working copy's admin-units table, loaded in the project), the code
    fields become cascading pickers province -> amphoe -> tambon showing DOPA names.
    """
    form = layer.editFormConfig()
    # The GeoPackage's own feature id means nothing to a person (and its "Autogenerate"
    # placeholder reads like an error): hide it.
    fid = layer.fields().indexFromName("fid")
    if fid >= 0:
        layer.setEditorWidgetSetup(fid, QgsEditorWidgetSetup("Hidden", {}))
    for f in schema.FIELDS:
        idx = layer.fields().indexFromName(f.name)
        if idx < 0:
            continue
        layer.setFieldAlias(idx, f.label_th if lang == "th" else f.label_en)
        if f.name == "pin_id":
            layer.setDefaultValueDefinition(idx, QgsDefaultValue("uuid('WithoutBraces')"))
        if f.name == "point_type":
            options = {"map": [{(p.label_th if lang == "th" else p.label_en): p.key}
                               for p in schema.POINT_TYPES]}
            layer.setEditorWidgetSetup(idx, QgsEditorWidgetSetup("ValueMap", options))
        if f.required:
            layer.setFieldConstraint(idx, QgsFieldConstraints.Constraint.ConstraintNotNull,
                                     QgsFieldConstraints.ConstraintStrength.ConstraintStrengthHard)
            if f.kind != schema.UUID:  # a constraint that explains itself
                label = f.label_th if lang == "th" else f.label_en
                layer.setConstraintExpression(
                    idx, f"trim(coalesce(\"{f.name}\", '')) <> ''",
                    f"ต้องกรอก{label}" if lang == "th" else f"{label} is required")
        if f.kind == schema.CODE and admin_layer is not None and admin_layer.isValid():
            layer.setEditorWidgetSetup(idx, _cascade(f.name, admin_layer, lang))
        if f.kind == schema.CODE:
            layer.setConstraintExpression(
                idx, f"\"{f.name}\" IS NULL OR regexp_match(\"{f.name}\", '^[1-9][0-9]{{{f.digits - 1}}}$')",
                (f"รหัส {f.digits} หลักของกรมการปกครอง" if lang == "th"
                 else f"a {f.digits}-digit DOPA code"))
        if f.name == "pin_id" or f.registry_managed:
            form.setReadOnly(idx, True)
    layer.setEditFormConfig(form)


def _read_meta(path: str) -> Dict[str, str]:
    meta_layer = QgsVectorLayer(f"{path}|layername={META_TABLE}", "meta", "ogr")
    if not meta_layer.isValid():
        return {}
    return {str(f["key"]): str(f["value"]) for f in meta_layer.getFeatures()}


def open_working_copy(path: str) -> WorkingCopyInfo:
    """Open an existing working copy; raises WorkingCopyError saying what is wrong with it."""
    if not os.path.isfile(path):
        raise WorkingCopyError(f"No working copy at {path}.")
    layer = QgsVectorLayer(layer_uri(path), schema.LAYER_NAME, "ogr")
    if not layer.isValid():
        raise WorkingCopyError(
            f"{path} is not a citizen_pins working copy (no layer '{schema.LAYER_NAME}').")
    missing = [n for n in schema.FIELD_NAMES if layer.fields().indexFromName(n) < 0]
    if missing:
        raise WorkingCopyError(f"{path}: the service-point layer lacks fields {', '.join(missing)}.")
    meta = _read_meta(path)
    return WorkingCopyInfo(path, layer_uri(path), meta.get("province_code", ""),
                           layer.featureCount(), meta)


def create_working_copy(path: str, province_code: Optional[str] = None,
                        plugin_version: str = "") -> WorkingCopyInfo:
    """Create an empty working copy at ``path`` (a new .gpkg).

    Never overwrites pins: an existing file is refused with a message saying what to do.
    ``province_code`` (optional) is normalised and must be a current DOPA province.
    """
    path = os.path.abspath(path)
    if not path.lower().endswith(".gpkg"):
        raise WorkingCopyError(f"A working copy is a GeoPackage: give a path ending in .gpkg, not {path}.")
    if os.path.exists(path):
        try:
            info = open_working_copy(path)
            detail = f"a working copy with {info.pin_count} pin(s)"
        except WorkingCopyError:
            detail = "a file"
        raise WorkingCopyError(
            f"{path} already exists ({detail}). Choose another file name, or open the existing "
            "working copy; nothing was overwritten.")
    from .service_forms import store_forms
    from .service_tables import UpgradeError, create_service_tables, new_working_copy_meta

    province = ""
    if province_code not in (None, ""):
        n = normalize_code(province_code, digits=2)
        if n.code is None or not codes().is_current(n.code):
            raise WorkingCopyError(
                f"'{province_code}' is not a DOPA province code (2 digits, e.g. 21 for Rayong).")
        province = n.code
    parent = os.path.dirname(path)
    if parent and not os.path.isdir(parent):
        raise WorkingCopyError(f"The folder {parent} does not exist.")

    _write_layer(path, schema.LAYER_NAME, qgis_fields(), WKB_POINT, overwrite_file=True)
    meta_fields = QgsFields()
    meta_fields.append(make_field("key", STRING, 64))
    meta_fields.append(make_field("value", STRING))
    _write_layer(path, META_TABLE, meta_fields, WKB_NO_GEOMETRY, overwrite_file=False)

    meta = {
        "schema_version": SCHEMA_VERSION,
        "province_code": province,
        "created_at": _dt.datetime.now(_dt.timezone.utc).replace(microsecond=0).isoformat(),
        "plugin_version": plugin_version,
        "dopa_data_version": codes().data_version,
    }
    meta.update(new_working_copy_meta())
    meta_layer = QgsVectorLayer(f"{path}|layername={META_TABLE}", "meta", "ogr")
    feats = []
    for k, v in meta.items():
        feat = QgsFeature(meta_layer.fields())
        feat["key"], feat["value"] = k, v
        feats.append(feat)
    ok, _ = meta_layer.dataProvider().addFeatures(feats)
    if not ok:
        raise WorkingCopyError(f"Cannot write the metadata table of {path}.")
    del meta_layer

    write_admin_units(path)
    try:
        create_service_tables(path)
    except UpgradeError as e:
        raise WorkingCopyError(str(e)) from None
    store_forms(path, "th")  # the pins' form (with its services tab) and the child tables' forms
    return WorkingCopyInfo(path, layer_uri(path), province, 0, meta)
