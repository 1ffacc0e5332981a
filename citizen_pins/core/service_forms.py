"""The forms and relations of services, steps and documents in QGIS, all from the schema.

In a project, the working copy's three child tables are joined to the pins by QGIS relations
(pin -> services -> steps / documents, composition: deleting a pin deletes its services, and a
service its steps and documents).  The pin's form gets a tab with its services in a relation
editor; a service's form has tabs for its steps and its documents.  Every field has its Thai or
English label, value maps for closed lists, defaults (new UUIDs for keys, the schema's defaults
for the rest), and constraints (hard: required values and minimums; soft, a warning: a manual
address that is not a URL, copies with status 'no copy', an exemption without its reason, a fee
kind without amount).

The Zero Copy fields: ``copies_demanded`` on each service, a virtual field that follows unsaved
edits (an expression from core/zero_copy.py); ``zero_copy_status`` and ``zero_copy_copies`` on each
pin, joined from the working copy's status view (SQLite computes every pin's in one query: a
per-pin expression took about 10 ms a pin, too slow for a province's map), refreshed whenever the
working copy's edits are saved.  Both follow the same rules as the Python status.

QGIS core only (no widgets): the plugin's GUI, the tests and the stored default styles use it.
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import Dict, List, Optional

from qgis.core import (
    QgsAttributeEditorContainer,
    QgsAttributeEditorField,
    QgsAttributeEditorRelation,
    QgsDefaultValue,
    QgsEditorWidgetSetup,
    QgsField,
    QgsFieldConstraints,
    QgsProject,
    QgsRelation,
    QgsRelationContext,
    QgsVectorLayer,
    QgsVectorLayerJoinInfo,
)

from . import schema
from . import zero_copy as zc
from .qgis_compat import (FORM_DRAG_AND_DROP, LONG, RELATION_COMPOSITION, container_as_tab,
                          save_style_to_database)
from .service_tables import (has_service_tables, project_layer, sqlite, table_uri,
                             working_copy_token)
from .working_copy import (ADMIN_TABLE, WorkingCopyError, _read_meta, admin_units_uri,
                           apply_form_config, layer_uri)

#: Virtual fields (computed, never stored in the GeoPackage).
SERVICE_COPIES_FIELD = "copies_demanded"
STATUS_FIELD = "zero_copy_status"
POINT_COPIES_FIELD = "zero_copy_copies"
VIRTUAL_LABELS = {
    SERVICE_COPIES_FIELD: ("สำเนาที่เรียก (ฉบับ)", "Copies demanded"),
    STATUS_FIELD: ("สถานะ Zero Copy", "Zero Copy status"),
    POINT_COPIES_FIELD: ("สำเนาที่ยังเรียก (ฉบับ)", "Copies still demanded"),
}
#: QGIS's value-map key for "no value".
_VALUE_MAP_NULL = "{2839923C-8B7D-419E-B84B-CA2FE9B80EC7}"
_RELATION_BUTTONS = "AddChildFeature|DuplicateChildFeature|DeleteChildFeature|SaveChildEdits"
_BIG = 2147483647

#: Soft constraints (warnings in the form; validation has the same as rules), Thai and English.
_SOFT = {
    ("services", "manual_url"): (
        "\"manual_url\" IS NULL OR trim(\"manual_url\") = '' OR "
        "regexp_match(trim(\"manual_url\"), '^https?://[^\\\\s/?#]+\\\\.[^\\\\s/?#]+([/?#]\\\\S*)?$')",
        "ต้องเป็นที่อยู่เว็บเต็ม เช่น https://www.info.go.th/...",
        "must be a full web address, e.g. https://www.info.go.th/..."),
    ("services", "fee_amount"): (
        "NOT (\"fee_kind\" IN ('fixed', 'range', 'starting_at') AND \"fee_amount\" IS NULL)",
        "กรอกจำนวนเงินของค่าธรรมเนียม", "give the fee's amount"),
    ("services", "fee_amount_max"): (
        "NOT (\"fee_kind\" = 'range' AND \"fee_amount_max\" IS NULL)",
        "ค่าธรรมเนียมแบบเป็นช่วงต้องมีค่าสูงสุด", "a fee range needs its upper amount"),
    ("service_documents", "copies"): (
        "NOT (coalesce(\"copy_status\", '') = 'no_copy' AND coalesce(\"copies\", 0) > 0)",
        "มีจำนวนสำเนาแต่สถานะ 'ไม่เรียกสำเนา': แก้อย่างใดอย่างหนึ่ง",
        "copies are demanded but the status says 'no copy': correct one of them"),
    ("service_documents", "exempt_reason"): (
        "NOT (\"copy_status\" = 'exempt' AND trim(coalesce(\"exempt_reason\", '')) = '')",
        "ระบุเหตุผลทางกฎหมายที่ยกเว้น", "give the legal reason for the exemption"),
}


def relation_id(table: str, token: str) -> str:
    return f"citizen_pins_{table}_{token}"


def _label(f: schema.Field, lang: str) -> str:
    return f.label_th if lang == "th" else f.label_en


def _literal(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    return "'" + str(value).replace("'", "''") + "'"


def _widget(f: schema.Field, lang: str) -> Optional[QgsEditorWidgetSetup]:
    if f.choices:
        entries = [{c.label(lang): c.key} for c in f.choices]
        if not f.required:
            entries.insert(0, {"(ไม่ระบุ)" if lang == "th" else "(not given)": _VALUE_MAP_NULL})
        return QgsEditorWidgetSetup("ValueMap", {"map": entries})
    if f.kind == schema.BOOLEAN:
        return QgsEditorWidgetSetup("CheckBox", {"CheckedState": "", "UncheckedState": ""})
    if f.kind in (schema.INTEGER, schema.REAL):
        return QgsEditorWidgetSetup("Range", {
            "AllowNull": True, "Min": f.minimum if f.minimum is not None else -_BIG,
            "Max": _BIG, "Step": 1, "Style": "SpinBox",
            "Precision": 0 if f.kind == schema.INTEGER else 2})
    if f.multiline:
        return QgsEditorWidgetSetup("TextEdit", {"IsMultiline": True, "UseHtml": False})
    return None


def _required_expression(f: schema.Field) -> str:
    if f.kind in (schema.TEXT, schema.CODE, schema.UUID):
        return f"trim(coalesce(\"{f.name}\", '')) <> ''"
    return f"\"{f.name}\" IS NOT NULL"


def configure_fields(layer: QgsVectorLayer, table: schema.ChildTable, lang: str) -> None:
    """Labels, widgets, defaults and constraints of a child table's fields, from the schema."""
    form = layer.editFormConfig()
    fields = layer.fields()
    fid = fields.indexFromName("fid")
    if fid >= 0:
        layer.setEditorWidgetSetup(fid, QgsEditorWidgetSetup("Hidden", {}))
    for f in table.fields:
        idx = fields.indexFromName(f.name)
        if idx < 0:
            continue
        label = _label(f, lang)
        layer.setFieldAlias(idx, label)
        if f.name in (table.key, table.parent_key):
            layer.setEditorWidgetSetup(idx, QgsEditorWidgetSetup("Hidden", {}))
        else:
            setup = _widget(f, lang)
            if setup is not None:
                layer.setEditorWidgetSetup(idx, setup)
        if f.name == table.key:
            layer.setDefaultValueDefinition(idx, QgsDefaultValue("uuid('WithoutBraces')"))
        elif f.default is not None:
            layer.setDefaultValueDefinition(idx, QgsDefaultValue(_literal(f.default)))
        exprs = []
        if f.required:
            layer.setFieldConstraint(idx, QgsFieldConstraints.Constraint.ConstraintNotNull,
                                     QgsFieldConstraints.ConstraintStrength.ConstraintStrengthHard)
            exprs.append((_required_expression(f),
                          f"ต้องกรอก{label}" if lang == "th" else f"{label} is required"))
        if f.minimum is not None:
            exprs.append((f"\"{f.name}\" IS NULL OR \"{f.name}\" >= {f.minimum:g}",
                          f"{label} ต้องไม่น้อยกว่า {f.minimum:g}" if lang == "th"
                          else f"{label} must be at least {f.minimum:g}"))
        if exprs:
            layer.setConstraintExpression(idx, " AND ".join(f"({e})" for e, _ in exprs),
                                          "; ".join(d for _, d in exprs))
            layer.setFieldConstraint(idx, QgsFieldConstraints.Constraint.ConstraintExpression,
                                     QgsFieldConstraints.ConstraintStrength.ConstraintStrengthHard)
        soft = _SOFT.get((table.name, f.name))
        if soft is not None and not exprs:
            layer.setConstraintExpression(idx, soft[0], soft[1] if lang == "th" else soft[2])
            layer.setFieldConstraint(idx, QgsFieldConstraints.Constraint.ConstraintExpression,
                                     QgsFieldConstraints.ConstraintStrength.ConstraintStrengthSoft)
        if f.registry_managed:
            form.setReadOnly(idx, True)
    layer.setEditFormConfig(form)
    _table_columns(layer, table)


#: Width (pixels) of the attribute table's text columns that hold names (Thai wraps badly).
_WIDE = {"name_th": 300, "title_th": 300, "name_en": 220, "issuing_agency": 200,
         "copy_status": 230, "agency": 220, "detail": 240, "note": 200, "exempt_reason": 220,
         "originals": 110, "copies": 140, "duration": 90, "step_order": 70}


#: What a person reads first in a table of steps or documents.
_FIRST_COLUMNS = {
    schema.SERVICE_STEPS: ("step_order", "title_th", "duration", "duration_unit",
                           "responsible_unit"),
    schema.SERVICE_DOCUMENTS: ("name_th", "originals", "copies", "copy_status"),
}


def _table_columns(layer: QgsVectorLayer, table: schema.ChildTable) -> None:
    """The attribute table (also the relation editor's table view) without the feature id and the
    UUID keys, which mean nothing to a person; names wide enough to read."""
    config = layer.attributeTableConfig()
    config.update(layer.fields())
    first = _FIRST_COLUMNS.get(table.name, ())
    columns = sorted(config.columns(), key=lambda c: (
        first.index(c.name) if c.name in first else len(first)))
    hidden = {"fid", table.key, table.parent_key}
    for c in columns:
        if c.name in hidden:
            c.hidden = True
        if c.name in _WIDE:
            c.width = _WIDE[c.name]
    config.setColumns(columns)
    layer.setAttributeTableConfig(config)


_DISPLAY = {
    schema.SERVICES: "coalesce(\"name_th\", '')",
    schema.SERVICE_STEPS: "coalesce(to_string(\"step_order\") || '. ', '') || coalesce(\"title_th\", '')",
    schema.SERVICE_DOCUMENTS: "coalesce(\"name_th\", '') || ' · ' || coalesce(represent_value(\"copy_status\"), '')",
}


def _relation_element(relation: QgsRelation, parent, label: str) -> QgsAttributeEditorRelation:
    el = QgsAttributeEditorRelation(relation, parent)
    el.setLabel(label)
    el.setShowLabel(False)
    el.setRelationEditorConfiguration({"buttons": _RELATION_BUTTONS, "show_first_feature": True})
    return el


def _tab(form, name: str) -> QgsAttributeEditorContainer:
    tab = QgsAttributeEditorContainer(name, form.invisibleRootContainer())
    container_as_tab(tab)
    return tab


def _field_element(layer: QgsVectorLayer, name: str, parent) -> Optional[QgsAttributeEditorField]:
    idx = layer.fields().indexFromName(name)
    return QgsAttributeEditorField(name, idx, parent) if idx >= 0 else None


def layout_child_form(layer: QgsVectorLayer, table: schema.ChildTable, lang: str,
                      relations: Dict[str, QgsRelation]) -> None:
    """The drag-and-drop form of a child table: its fields (keys left out: they are filled in),
    and for a service a tab for its steps and one for its documents."""
    form = layer.editFormConfig()
    form.clearTabs()
    shown = [f.name for f in table.fields
             if f.name not in (table.key, table.parent_key) and not f.registry_managed]
    if table.name == schema.SERVICES:
        shown.append(SERVICE_COPIES_FIELD)
    kids = schema.children_of(table.name)
    holder = _tab(form, "งานบริการ" if lang == "th" else "Service") if kids else None
    for name in shown:
        el = _field_element(layer, name, holder or form.invisibleRootContainer())
        if el is None:
            continue
        if holder is not None:
            holder.addChildElement(el)
        else:
            form.addTab(el)
    if holder is not None:
        form.addTab(holder)
        for kid in kids:
            rel = relations.get(kid.name)
            if rel is None:
                continue
            tab = _tab(form, kid.label(lang))
            tab.addChildElement(_relation_element(rel, tab, kid.label(lang)))
            form.addTab(tab)
    form.setLayout(FORM_DRAG_AND_DROP)
    layer.setEditFormConfig(form)
    layer.setDisplayExpression(_DISPLAY[table.name])


def layout_pin_form(pins: QgsVectorLayer, lang: str, services: Optional[QgsRelation]) -> None:
    """The pin's form in two tabs: the service point's own fields (as the plugin's form shows
    them, with the Zero Copy status when it is computed), and its services."""
    form = pins.editFormConfig()
    form.clearTabs()
    point = _tab(form, "จุดให้บริการ" if lang == "th" else "Service point")
    for f in pins.fields():
        if f.name() == "fid":
            continue
        el = _field_element(pins, f.name(), point)
        if el is not None:
            point.addChildElement(el)
    form.addTab(point)
    if services is not None:
        t = schema.SERVICES_TABLE
        tab = _tab(form, t.label(lang))
        tab.addChildElement(_relation_element(services, tab, t.label(lang)))
        form.addTab(tab)
    form.setLayout(FORM_DRAG_AND_DROP)
    pins.setEditFormConfig(form)


def _virtual(layer: QgsVectorLayer, name: str, kind, expression: str, lang: str) -> None:
    idx = layer.fields().indexFromName(name)
    if idx >= 0:
        layer.updateExpressionField(idx, expression)
    else:
        layer.addExpressionField(expression, QgsField(name, kind))
        idx = layer.fields().indexFromName(name)
    th, en = VIRTUAL_LABELS[name]
    layer.setFieldAlias(idx, th if lang == "th" else en)
    form = layer.editFormConfig()
    form.setReadOnly(idx, True)
    layer.setEditFormConfig(form)


def add_virtual_fields(services: QgsVectorLayer, relations: Dict[str, QgsRelation],
                       lang: str) -> None:
    """The copies each service demands, live (its documents' unsaved edits included)."""
    _virtual(services, SERVICE_COPIES_FIELD, LONG,
             zc.service_copies_expression(relations[schema.SERVICE_DOCUMENTS].id()), lang)


def join_status(pins: QgsVectorLayer, view: QgsVectorLayer, lang: str) -> None:
    """The pins get ``zero_copy_status`` and ``zero_copy_copies`` from the working copy's status
    view (SQLite computes every pin's at once; cached in memory, refreshed by
    :func:`refresh_status` when the working copy's edits are saved)."""
    if any(j.joinLayerId() == view.id() for j in pins.vectorJoins()):
        pins.removeJoin(view.id())
    info = QgsVectorLayerJoinInfo()
    info.setJoinLayer(view)
    info.setJoinFieldName("pin_id")
    info.setTargetFieldName("pin_id")
    info.setPrefix("")
    info.setJoinFieldNamesSubset([STATUS_FIELD, POINT_COPIES_FIELD])
    info.setUsingMemoryCache(True)
    info.setEditable(False)
    pins.addJoin(info)
    for name in (STATUS_FIELD, POINT_COPIES_FIELD):
        idx = pins.fields().indexFromName(name)
        th, en = VIRTUAL_LABELS[name]
        pins.setFieldAlias(idx, th if lang == "th" else en)
    pins.setEditorWidgetSetup(pins.fields().indexFromName(STATUS_FIELD), QgsEditorWidgetSetup(
        "ValueMap", {"map": [{c.label(lang): c.key} for c in zc.STATUSES]}))
    pins.setCustomProperty(_LANG_PROPERTY, lang)


_LANG_PROPERTY = "citizen_pins/lang"


def refresh_status(pins: QgsVectorLayer, project: Optional[QgsProject] = None) -> None:
    """Read the status view again (after edits of the working copy were saved)."""
    project = project or QgsProject.instance()
    for j in pins.vectorJoins():
        view = project.mapLayer(j.joinLayerId())
        if view is not None and view.source().endswith(f"layername={zc.STATUS_VIEW}"):
            view.reload()
            join_status(pins, view, pins.customProperty(_LANG_PROPERTY) or "th")
            pins.triggerRepaint()


#: pins layer id -> ids of the layers whose saved edits refresh its status
_WATCHED: Dict[str, set] = {}


def _watch(project: QgsProject, pins: QgsVectorLayer, layers) -> None:
    watched = _WATCHED.setdefault(pins.id(), set())
    pins_id = pins.id()

    def saved(*_):
        target = project.mapLayer(pins_id)
        if target is not None:
            refresh_status(target, project)

    for layer in layers:
        if layer.id() not in watched:
            layer.afterCommitChanges.connect(saved)
            watched.add(layer.id())


def make_relations(project: QgsProject, pins: QgsVectorLayer,
                   layers: Dict[str, QgsVectorLayer], token: str, lang: str
                   ) -> Dict[str, QgsRelation]:
    """pin -> services -> steps / documents in ``project`` (replacing relations of the same id)."""
    parents = {schema.LAYER_NAME: pins, **layers}
    out = {}
    for t in schema.CHILD_TABLES:
        rel = QgsRelation(QgsRelationContext(project))  # the layers are looked up in ``project``
        rel.setId(relation_id(t.name, token))
        parent = schema.child_table(t.parent).label(lang) if t.parent in layers else (
            "จุดให้บริการ" if lang == "th" else "Service point")
        rel.setName(f"{parent} → {t.label(lang)}")
        rel.setReferencedLayer(parents[t.parent].id())
        rel.setReferencingLayer(layers[t.name].id())
        rel.addFieldPair(t.parent_key, t.parent_key)
        rel.setStrength(RELATION_COMPOSITION)
        if not rel.isValid():
            raise ValueError(f"the relation {t.parent} -> {t.name} is not valid: "
                             f"{rel.validationError() if hasattr(rel, 'validationError') else ''}")
        manager = project.relationManager()
        if manager.relation(rel.id()).isValid():
            manager.removeRelation(rel.id())
        manager.addRelation(rel)
        out[t.name] = rel
    return out


@dataclass
class ServiceLayers:
    pins: QgsVectorLayer
    layers: Dict[str, QgsVectorLayer]
    relations: Dict[str, QgsRelation] = field(default_factory=dict)

    @property
    def services(self) -> QgsVectorLayer:
        return self.layers[schema.SERVICES]

    @property
    def steps(self) -> QgsVectorLayer:
        return self.layers[schema.SERVICE_STEPS]

    @property
    def documents(self) -> QgsVectorLayer:
        return self.layers[schema.SERVICE_DOCUMENTS]


def configure(project: QgsProject, pins: QgsVectorLayer, layers: Dict[str, QgsVectorLayer],
              token: str, lang: str, status: Optional[QgsVectorLayer] = None) -> ServiceLayers:
    """Relations and forms of layers that are already in ``project``; with ``status`` (the
    working copy's status view, in the project) the Zero Copy fields: the pins' joined from it,
    the services' live copies."""
    relations = make_relations(project, pins, layers, token, lang)
    for t in schema.CHILD_TABLES:
        configure_fields(layers[t.name], t, lang)
    if status is not None:
        add_virtual_fields(layers[schema.SERVICES], relations, lang)
        join_status(pins, status, lang)
        _watch(project, pins, [pins] + list(layers.values()))
    for t in schema.CHILD_TABLES:
        layout_child_form(layers[t.name], t, lang, relations)
    layout_pin_form(pins, lang, relations[schema.SERVICES])
    return ServiceLayers(pins, layers, relations)


def layer_name(table: schema.ChildTable, lang: str) -> str:
    return table.label(lang)


def _token(path: str) -> str:
    return working_copy_token(_read_meta(path), path)


def store_forms(path: str, lang: str = "th") -> None:
    """Store the forms of the pins and of the three child tables as their default styles in the
    GeoPackage (the pin's with its services tab), so they are right wherever the file is opened.
    The virtual fields are not stored: the plugin adds them when it opens the working copy."""
    project = QgsProject()
    pins = QgsVectorLayer(layer_uri(path), schema.LAYER_NAME, "ogr")
    admin = QgsVectorLayer(admin_units_uri(path), ADMIN_TABLE, "ogr")
    layers = {t.name: QgsVectorLayer(table_uri(path, t.name), t.name, "ogr")
              for t in schema.CHILD_TABLES}
    bad = [n for n, lyr in [(schema.LAYER_NAME, pins)] + list(layers.items()) if not lyr.isValid()]
    if bad:
        raise WorkingCopyError(f"{path}: cannot open {', '.join(bad)} to store the forms.")
    project.addMapLayers([pins] + list(layers.values()) + ([admin] if admin.isValid() else []))
    apply_form_config(pins, lang, admin if admin.isValid() else None)
    configure(project, pins, layers, _token(path), lang)
    for name, layer in [(schema.LAYER_NAME, pins)] + list(layers.items()):
        _save_default_style(path, name, layer)
    project.clear()


def _save_default_style(path: str, name: str, layer: QgsVectorLayer) -> None:
    """Store ``layer``'s style as the default style of table ``name`` (style name ``name``),
    replacing the one stored before.

    QGIS 3.22 hangs when it overwrites a style of the same name in a GeoPackage, so the new style
    is saved under a temporary name and takes the old one's place in one SQLite transaction."""
    temp = f"{name}__new"
    with sqlite(path) as db:
        if db.execute("SELECT 1 FROM sqlite_master WHERE name = 'layer_styles'").fetchone():
            db.execute("DELETE FROM layer_styles WHERE f_table_name = ? AND styleName = ?",
                       (name, temp))
    err = save_style_to_database(layer, temp, "citizen_pins form and style", True)
    if err:
        raise WorkingCopyError(f"Cannot store the form of {name} in {path}: {err}")
    with sqlite(path) as db:
        db.execute("DELETE FROM layer_styles WHERE f_table_name = ? AND styleName = ?",
                   (name, name))
        db.execute("UPDATE layer_styles SET styleName = ?, useAsDefault = 1 WHERE "
                   "f_table_name = ? AND styleName = ?", (name, name, temp))


def add_to_project(path: str, pins: QgsVectorLayer, lang: str,
                   project: Optional[QgsProject] = None, group: bool = True) -> ServiceLayers:
    """Add (once) the working copy's services, steps and documents to ``project`` next to its pins
    layer, with relations, forms and the Zero Copy virtual fields; returns them."""
    project = project or QgsProject.instance()
    layers: Dict[str, QgsVectorLayer] = {}
    new: List[QgsVectorLayer] = []
    for t in schema.CHILD_TABLES:
        uri = table_uri(path, t.name)
        layer = project_layer(uri, project)
        if layer is None:
            layer = QgsVectorLayer(uri, layer_name(t, lang), "ogr")
            if not layer.isValid():
                raise ValueError(f"{path} has no valid table {t.name}")
            new.append(layer)
        else:
            layer.setName(layer_name(t, lang))
        layers[t.name] = layer
    status_uri = table_uri(path, zc.STATUS_VIEW)
    status = project_layer(status_uri, project)
    if status is None:
        status = QgsVectorLayer(status_uri, zc.STATUS_VIEW, "ogr")
        if not status.isValid():
            raise ValueError(f"{path} has no valid view {zc.STATUS_VIEW}")
        project.addMapLayer(status, False)  # in the project (for the join), not in the legend
    if new:
        project.addMapLayers(new, False)
        if group:
            root = project.layerTreeRoot()
            title = "งานบริการ ขั้นตอน เอกสาร" if lang == "th" else "Services, steps, documents"
            node = root.findGroup(title) or root.addGroup(title)
            for layer in new:
                node.addLayer(layer)
            node.setExpanded(False)
    return configure(project, pins, layers, _token(path), lang, status)


def is_working_copy_layer(layer: QgsVectorLayer) -> Optional[str]:
    """The working copy's path when ``layer`` is a working copy's pins layer with services."""
    if not isinstance(layer, QgsVectorLayer) or layer.providerType() != "ogr":
        return None
    path = layer.source().split("|", 1)[0]
    if not path.lower().endswith(".gpkg") or not os.path.isfile(path):
        return None
    return path if has_service_tables(path) else None
