"""Apply a finding's fix to a service, step or document (``set_record``) through its layer's edit
buffer: one undoable command, as core/fixes.py does for pins."""
from __future__ import annotations

from typing import Optional

from qgis.core import QgsProject, QgsVectorLayer

from . import schema
from .service_tables import project_layer, table_uri


def describe_record_fix(data: dict, lang: str = "th") -> str:
    """What a ``set_record`` fix will do, in a few words."""
    try:
        table = schema.child_table(data["table"])
    except KeyError:
        return ""
    parts = []
    for name, value in (data.get("values") or {}).items():
        try:
            f = table.field(name)
        except KeyError:
            continue
        shown = schema.choice_label(f, value, lang) or value
        parts.append(f"{f.label_th if lang == 'th' else f.label_en} = {shown}")
    what = table.label(lang)
    return (f"แก้{what}: " if lang == "th" else f"Set in {what.lower()}: ") + ", ".join(parts)


def apply_record_fix(pins: QgsVectorLayer, data: dict, command_text: Optional[str] = None,
                     project: Optional[QgsProject] = None) -> None:
    """Set the fields of the record ``data["id"]`` of table ``data["table"]`` of the working copy
    that ``pins`` reads.  Raises core.fixes.FixError and changes nothing when it cannot."""
    from .fixes import FixError

    try:
        table = schema.child_table(data.get("table") or "")
    except KeyError:
        raise FixError(f"unknown table {data.get('table')!r}") from None
    values = dict(data.get("values") or {})
    bad = [n for n in values if n not in table.editable_fields or n in (table.key,
                                                                         table.parent_key)]
    if bad or not values:
        raise FixError(f"{', '.join(bad) or 'nothing'} cannot be set by a fix")
    path = pins.source().split("|", 1)[0]
    layer = project_layer(table_uri(path, table.name), project)
    if layer is None:
        raise FixError(f"the {table.label_en.lower()} of this working copy are not open in the "
                       "project: open the working copy from the Citizen Pins panel")
    record_id = str(data.get("id") or "").replace("'", "''")
    feats = list(layer.getFeatures(f"\"{table.key}\" = '{record_id}'"))
    if len(feats) != 1:
        raise FixError(f"{table.label_en.lower()[:-1]} {data.get('id')} is "
                       + ("no longer there" if not feats else "there more than once"))
    if not layer.isEditable() and not layer.startEditing():
        raise FixError(f"the layer {layer.name()} cannot be edited")
    layer.beginEditCommand(command_text or "citizen_pins: set_record")
    ok = True
    for name, value in values.items():
        ok = layer.changeAttributeValue(feats[0].id(), layer.fields().indexFromName(name),
                                        value) and ok
    if not ok:
        layer.destroyEditCommand()
        raise FixError(f"the fix could not be applied to {table.name} {data.get('id')}")
    layer.endEditCommand()
    layer.triggerRepaint()
    pins.triggerRepaint()  # the Zero Copy status follows
