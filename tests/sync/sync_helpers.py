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
