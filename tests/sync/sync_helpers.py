"""Helpers of the sync tests: edit a working copy as a person does in QGIS (through a layer's edit
buffer, committed), and read the registry's truth straight from its database."""
import uuid

from qgis.core import QgsFeature, QgsGeometry, QgsPointXY, QgsVectorLayer

from citizen_pins.core import diff as d
from citizen_pins.core import schema
from citizen_pins.core.working_copy import layer_uri


def layer(path):
    lyr = QgsVectorLayer(layer_uri(str(path)), "sp", "ogr")
    assert lyr.isValid()
    return lyr


def add_pin(path, point, province="21", **props):
    lyr = layer(path)
    pin_id = props.pop("pin_id", None) or str(uuid.uuid4())
    f = QgsFeature(lyr.fields())
    # a name of its own: a second "จุดบริการใหม่" at the same point is the same service point
    # (the pull merges it, the registry refuses it)
    values = {"pin_id": pin_id, "name_th": f"จุดบริการใหม่ {pin_id[:8]}", "point_type": "other",
              "province_code": province}
    values.update(props)
    for k, v in values.items():
        f[k] = v
    f.setGeometry(QgsGeometry.fromPointXY(QgsPointXY(point[0], point[1])))
    assert lyr.startEditing()
    assert lyr.addFeature(f)
    assert lyr.commitChanges(), lyr.commitErrors()
    return pin_id


def _fid(lyr, pin_id):
    fids = [f.id() for f in lyr.getFeatures(f"\"pin_id\" = '{pin_id}'")]
    assert len(fids) == 1, (pin_id, fids)
    return fids[0]


def edit_pin(path, pin_id, point=None, **props):
    lyr = layer(path)
    fid = _fid(lyr, pin_id)
    assert lyr.startEditing()
    for k, v in props.items():
        assert lyr.changeAttributeValue(fid, lyr.fields().indexFromName(k), v)
    if point is not None:
        assert lyr.changeGeometry(fid, QgsGeometry.fromPointXY(QgsPointXY(*point)))
    assert lyr.commitChanges(), lyr.commitErrors()


def delete_pin(path, pin_id):
    lyr = layer(path)
    fid = _fid(lyr, pin_id)
    assert lyr.startEditing()
    assert lyr.deleteFeature(fid)
    assert lyr.commitChanges(), lyr.commitErrors()


def local_states(path):
    out = {}
    for f in layer(path).getFeatures():
        g = f.geometry()
        p = g.asPoint() if not g.isNull() else None
        values = {n: (None if f[n] is None or str(f[n]) == "NULL" else f[n]) for n in d.DATA_FIELDS}
        out[f["pin_id"]] = d.make_state(values, (p.x(), p.y()) if p else None)
    return out


def registry_states(reg, province="21"):
    """pin_id -> (state, version), straight from the registry's database."""
    cols = ", ".join(d.DATA_FIELDS)
    rows = reg.query(f"SELECT pin_id, version, {cols}, ST_X(geom) AS x, ST_Y(geom) AS y "
                     "FROM service_points WHERE province_code = %s", (province,))
    return {r["pin_id"]: (d.make_state(r, (r["x"], r["y"])), r["version"]) for r in rows}


def remote_feature(pin_id, state_):
    return d.feature_from_state(pin_id, state_)


__all__ = ["schema"]


# -- services, steps and documents, edited as a person does (through their layers) ----------------

def child_layer(path, table):
    from citizen_pins.core.service_tables import table_uri

    lyr = QgsVectorLayer(table_uri(str(path), table), table, "ogr")
    assert lyr.isValid(), table
    return lyr


def _add(path, table, rows):
    t = schema.child_table(table)
    lyr = child_layer(path, table)
    ids = []
    assert lyr.startEditing()
    for values in rows:
        values = dict(values)
        values.setdefault(t.key, str(uuid.uuid4()))
        f = QgsFeature(lyr.fields())
        for k, v in values.items():
            f[k] = v
        assert lyr.addFeature(f)
        ids.append(values[t.key])
    assert lyr.commitChanges(), lyr.commitErrors()
    return ids


def add_service(path, pin_id, name=None, steps=2, documents=2, **values):
    """A service with ``steps`` steps and ``documents`` documents; returns (service_id, step ids,
    document ids)."""
    sid = values.pop("service_id", None) or str(uuid.uuid4())
    row = {"service_id": sid, "pin_id": pin_id, "name_th": name or f"งานบริการ {sid[:8]}",
           "channel": "counter", "fee_kind": "none", "active": True}
    row.update(values)
    _add(path, schema.SERVICES, [row])
    step_ids = _add(path, schema.SERVICE_STEPS, [
        {"service_id": sid, "step_order": i + 1, "title_th": f"ขั้นตอนที่ {i + 1}",
         "duration": 10, "duration_unit": "minute"} for i in range(steps)]) if steps else []
    doc_ids = _add(path, schema.SERVICE_DOCUMENTS, [
        {"service_id": sid, "name_th": f"เอกสาร {i + 1}", "originals": 1, "copies": 0,
         "copy_status": "no_copy"} for i in range(documents)]) if documents else []
    return sid, step_ids, doc_ids


def add_records(path, table, rows):
    return _add(path, table, rows)


def edit_record(path, table, record_id, **values):
    t = schema.child_table(table)
    lyr = child_layer(path, table)
    fids = [f.id() for f in lyr.getFeatures(f"\"{t.key}\" = '{record_id}'")]
    assert len(fids) == 1, (table, record_id, fids)
    assert lyr.startEditing()
    for k, v in values.items():
        assert lyr.changeAttributeValue(fids[0], lyr.fields().indexFromName(k), v)
    assert lyr.commitChanges(), lyr.commitErrors()


def delete_records(path, table, field, value):
    lyr = child_layer(path, table)
    fids = [f.id() for f in lyr.getFeatures(f"\"{field}\" = '{value}'")]
    assert lyr.startEditing()
    for fid in fids:
        assert lyr.deleteFeature(fid)
    assert lyr.commitChanges(), lyr.commitErrors()
    return len(fids)


def delete_service(path, service_id):
    """A service with its steps and documents (what the form's composition does)."""
    delete_records(path, schema.SERVICE_STEPS, "service_id", service_id)
    delete_records(path, schema.SERVICE_DOCUMENTS, "service_id", service_id)
    assert delete_records(path, schema.SERVICES, "service_id", service_id) == 1


def delete_pin_with_services(path, pin_id):
    for f in child_layer(path, schema.SERVICES).getFeatures(f"\"pin_id\" = '{pin_id}'"):
        delete_service(path, f["service_id"])
    delete_pin(path, pin_id)


def local_services(path):
    from citizen_pins.registry.sync_store import SyncStore

    with SyncStore(str(path)) as st:
        out, problems = st.read_services()
    assert not problems, problems
    return {k: v.state for k, v in out.items()}


def registry_services(reg, province="21"):
    """service_id -> (state, version), straight from the registry's database."""
    rows = reg.query("SELECT * FROM services_published WHERE province_code = %s", (province,))
    return {r["service_id"]: (d.service_state(r, r["steps"], r["documents"]), r["version"])
            for r in rows}
