"""Pull and publish against the real registry (started once per session): the base, the journal,
conflicts kept and resolved field by field, resume after lost answers, cancel, validation and
unsaved edits stopping a publish."""
import json

import pytest
from qgis.core import QgsFeedback, QgsProject

from registry_helpers import auth, new_feature
from sync_helpers import (
    add_pin, delete_pin, edit_pin, layer, local_states, registry_states)

from citizen_pins.core import diff as d
from citizen_pins.registry.client import RegistryClient
from citizen_pins.registry.pull import pull_province
from citizen_pins.registry.sync import (
    Blocking, PublishError, check_unsaved_edits, open_conflicts, preview, publish,
    resolve_conflict)
from citizen_pins.registry.sync_store import SyncStore

pytestmark = pytest.mark.registry

OTHER = auth("both")  # a second editor of Rayong (provinces 21 and 50)
GEOJSON = {"Content-Type": "application/geo+json"}



def other_edit(http, registry, pin_id, **changes):
    """The second editor changes a pin in the registry (If-Match with the current version)."""
    r = http.get(registry.items_url(pin_id), params={"f": "json"}, timeout=30)
    f = r.json()
    props = {k: v for k, v in f["properties"].items() if k in d.DATA_FIELDS}
    geom = f["geometry"]
    if "point" in changes:
        geom = {"type": "Point", "coordinates": list(changes.pop("point"))}
    props.update(changes)
    body = {"type": "Feature", "id": pin_id, "geometry": geom, "properties": props}
    r = http.put(registry.items_url(pin_id), data=json.dumps(body), auth=OTHER,
                 headers={"If-Match": r.headers["ETag"], **GEOJSON}, timeout=30)
    assert r.status_code == 200, r.text


def other_delete(http, registry, pin_id):
    r = http.get(registry.items_url(pin_id), params={"f": "json"}, timeout=30)
    r = http.delete(registry.items_url(pin_id), auth=OTHER, headers={"If-Match": r.headers["ETag"]},
                    timeout=30)
    assert r.status_code == 204, r.text


def seed(http, registry, points, n, **props):
    ids = []
    for i in range(n):
        f = new_feature(points[i % len(points)], "21", name_en=f"seed {i}", **props)
        r = http.post(registry.items_url(), data=json.dumps(f), auth=OTHER, headers=GEOJSON,
                      timeout=30)
        assert r.status_code == 201, r.text
        ids.append(f["id"])
    return ids


def assert_registry_has_layer(registry, path, ids):
    reg = registry_states(registry)
    local = local_states(path)
    for pin in ids:
        if pin in local:
            assert pin in reg, pin
            assert d.same_state(reg[pin][0], local[pin]), (pin, d.changed_fields(reg[pin][0], local[pin]))
        else:
            assert pin not in reg, pin


def test_pull_then_later_pull_brings_remote_changes(registry, http, client, points, tmp_path):
    ids = seed(http, registry, points, 6)
    path = str(tmp_path / "wc.gpkg")
    first = pull_province(client, path, "21")
    assert not first.incremental and first.added >= 6
    with SyncStore(path) as st:
        base = st.read_base()
        assert {p for p in ids} <= set(base) and base[ids[0]].version == 1
    assert len(preview(path).change_set) == 0  # freshly pulled: nothing to publish

    a, b, c, e, f, g = ids
    other_edit(http, registry, a, name_en="remote only")           # remote only
    edit_pin(path, b, phone="02 111")                              # local only
    other_edit(http, registry, c, agency="remote agency")          # both, different fields
    edit_pin(path, c, phone="local phone")
    other_edit(http, registry, e, name_en="remote name")           # both, same field
    edit_pin(path, e, name_en="local name")
    other_delete(http, registry, f)                                # remote delete, untouched
    other_delete(http, registry, g)                                # remote delete, edited here
    edit_pin(path, g, address="kept")

    second = pull_province(client, path, "21")
    assert second.incremental
    local = local_states(path)
    assert local[a]["name_en"] == "remote only"
    assert local[b]["phone"] == "02 111"
    assert local[c]["agency"] == "remote agency" and local[c]["phone"] == "local phone"
    assert local[e]["name_en"] == "local name"                      # local kept
    assert f not in local                                          # removed
    assert local[g]["address"] == "kept"                           # kept, as a conflict
    conflicts = {(x.pin_id, x.field): x for x in open_conflicts(path)}
    assert set(conflicts) == {(e, "name_en"), (g, d.EXISTENCE)}
    assert conflicts[(e, "name_en")].remote_value == "remote name"
    assert conflicts[(e, "name_en")].base_value == "seed 3"
    assert conflicts[(e, "name_en")].local_value == "local name"
    pv = preview(path)
    assert sorted(c_.pin_id for c_ in pv.change_set.changed) == sorted([b, c])
    assert sorted(pv.conflicted_pins) == sorted([e, g])

    # publish: b and c go; e and g wait for their conflicts
    res = publish(path, client)
    assert res.complete and res.replaced == 2 and not res.conflicts
    reg = registry_states(registry)
    assert reg[c][0]["agency"] == "remote agency" and reg[c][0]["phone"] == "local phone"
    assert reg[e][0]["name_en"] == "remote name"

    # resolve field by field; then the next publish sends them
    assert resolve_conflict(path, e, "name_en", "local") == 0
    assert resolve_conflict(path, g, d.EXISTENCE, "local") == 0   # re-published under a new id
    with pytest.raises(PublishError):
        resolve_conflict(path, e, "name_en", "remote")             # nothing open any more
    res = publish(path, client)
    assert res.complete and res.replaced == 1 and res.created == 1
    assert registry_states(registry)[e][0]["name_en"] == "local name"
    kept = [p for p, s in local_states(path).items() if s["address"] == "kept"]
    assert len(kept) == 1 and kept[0] != g and kept[0] in registry_states(registry)
    assert len(preview(path).change_set) == 0 and not open_conflicts(path)


def test_publish_preview_dry_run_then_exactly_the_change_set(registry, http, client, points,
                                                              tmp_path):
    ids = seed(http, registry, points, 3)
    path = str(tmp_path / "wc.gpkg")
    pull_province(client, path, "21")
    new1 = add_pin(path, points[0], name_en="new 1", amphoe_code="2101", tambon_code="210101")
    new2 = add_pin(path, points[1], name_en="new 2")
    edit_pin(path, ids[0], name_en="edited", point=(points[2][0], points[2][1]))
    delete_pin(path, ids[1])

    pv = preview(path)
    assert pv.counts() == {"added": 2, "changed": 1, "deleted": 1, "conflicts": 0, "pending": 0,
                           "services_added": 0, "services_changed": 0, "services_deleted": 0,
                           "service_conflicts": 0}
    assert [c.fields for c in pv.change_set.changed] == [["name_en", "geometry"]]
    before = registry_states(registry)
    dry = publish(path, client, dry_run=True)
    assert dry.dry_run and not dry.sent and registry_states(registry) == before

    res = publish(path, client)
    assert res.complete and (res.created, res.replaced, res.deleted) == (2, 1, 1)
    assert_registry_has_layer(registry, path, ids + [new1, new2])
    with SyncStore(path) as st:
        assert {op.state for op in st.journal()} == {"done"}
        assert len(st.journal()) == 4
        assert st.read_base()[ids[0]].version == 2
    lyr = layer(path)
    feat = next(lyr.getFeatures(f"\"pin_id\" = '{new1}'"))
    assert feat["version"] == 1 and feat["updated_at"].isValid()
    again = publish(path, client)
    assert again.complete and again.sent == 0


def test_single_requests_in_flight_when_no_bulk(registry, http, client, points, tmp_path):
    path = str(tmp_path / "wc.gpkg")
    pull_province(client, path, "21")
    made = [add_pin(path, points[i % 8], name_en=f"single {i}") for i in range(12)]
    res = publish(path, client, use_bulk=False, in_flight=4)
    assert res.complete and res.created == 12
    assert_registry_has_layer(registry, path, made)


def test_412_merges_one_sided_fields_and_keeps_both_sided_as_conflicts(registry, http, client,
                                                                       points, tmp_path):
    ids = seed(http, registry, points, 3)
    path = str(tmp_path / "wc.gpkg")
    pull_province(client, path, "21")
    a, b, c = ids
    # no pull in between: the publish meets the registry's changes as 412s
    other_edit(http, registry, a, agency="remote")      # one-sided each: merged, sent again
    edit_pin(path, a, phone="local")
    other_edit(http, registry, b, name_en="remote b", point=points[5])   # both on name_en
    edit_pin(path, b, name_en="local b", phone="local phone b")
    other_edit(http, registry, c, phone="remote c")      # local delete vs remote edit
    delete_pin(path, c)

    res = publish(path, client)
    assert res.merged == 1 and sorted(res.conflicts) == sorted([b, c])
    reg = registry_states(registry)
    assert reg[a][0]["agency"] == "remote" and reg[a][0]["phone"] == "local"
    assert reg[b][0]["name_en"] == "remote b" and reg[b][0]["phone"] is None  # b not sent yet
    loc = local_states(path)
    assert loc[b]["name_en"] == "local b"                         # never overwritten
    assert d.same_value("geometry", loc[b]["geometry"], points[5])   # remote-only move merged
    assert {(x.pin_id, x.field) for x in open_conflicts(path)} == {(b, "name_en"),
                                                                   (c, d.EXISTENCE)}
    assert resolve_conflict(path, b, "name_en", "remote") == 0
    assert resolve_conflict(path, c, d.EXISTENCE, "remote") == 0   # the pin comes back
    res = publish(path, client)
    assert res.complete and res.replaced == 1
    reg = registry_states(registry)
    assert reg[b][0]["name_en"] == "remote b" and reg[b][0]["phone"] == "local phone b"
    assert local_states(path)[c]["phone"] == "remote c"
    assert len(preview(path).change_set) == 0


def test_resume_reconciles_what_reached_the_registry(registry, http, client, points, tmp_path):
    """A publish killed after sending: the journal has pending operations, some of which reached
    the registry (their answers lost).  The next publish sends them again and reads the answers:
    nothing twice, nothing lost, no false conflict."""
    ids = seed(http, registry, points, 3)
    path = str(tmp_path / "wc.gpkg")
    pull_province(client, path, "21")
    new_reached = add_pin(path, points[0], name_en="reached")
    new_lost = add_pin(path, points[1], name_en="never arrived")
    edit_pin(path, ids[0], name_en="put reached")
    delete_pin(path, ids[1])
    edit_pin(path, ids[2], name_en="put lost")

    # journal written as the engine does, then "the process dies" after some sends
    from citizen_pins.registry.sync import Publisher

    pub = Publisher(path, client)
    with SyncStore(path) as st:
        pub.store = st
        pub._journal(preview(path).change_set, "crashed-run")
        ops = {op.pin_id: op for op in st.pending()}
    assert len(ops) == 5
    http.post(registry.items_url(), data=json.dumps(ops[new_reached].payload), auth=auth("rayong"),
              headers=GEOJSON, timeout=30).raise_for_status()
    http.put(registry.items_url(ids[0]), data=json.dumps(ops[ids[0]].payload), auth=auth("rayong"),
             headers={"If-Match": ops[ids[0]].if_match, **GEOJSON}, timeout=30).raise_for_status()
    http.delete(registry.items_url(ids[1]), auth=auth("rayong"),
                headers={"If-Match": ops[ids[1]].if_match}, timeout=30).raise_for_status()
    versions = {p: v for p, (_s, v) in registry_states(registry).items()}

    with pytest.raises(Exception):
        pull_province(client, path, "21")  # refused until the publish is finished
    res = publish(path, client)
    assert res.resumed == 5 and res.complete and not res.conflicts
    assert res.reconciled == 3  # POST 200 (same content), PUT 412 == intended, DELETE 404
    assert res.created == 1 and res.replaced == 1
    reg = registry_states(registry)
    assert reg[new_reached][1] == versions[new_reached] == 1  # no second record, no new version
    assert reg[ids[0]][1] == versions[ids[0]]
    assert_registry_has_layer(registry, path, ids + [new_reached, new_lost])
    audit = registry.query("SELECT count(*) AS n FROM audit WHERE after->>'pin_id' = %s",
                           (new_reached,))
    assert audit[0]["n"] == 1


class CancelAfter(QgsFeedback):
    def __init__(self, answers):
        super().__init__()
        self.answers = answers

    def setProgress(self, progress):  # noqa: N802
        super().setProgress(progress)
        if progress > 0:
            self.answers -= 1
            if self.answers <= 0:
                self.cancel()


def test_cancel_leaves_the_journal_consistent(registry, http, client, points, tmp_path):
    path = str(tmp_path / "wc.gpkg")
    pull_province(client, path, "21")
    made = [add_pin(path, points[i % 8], name_en=f"cancel {i}") for i in range(30)]
    fb = CancelAfter(3)
    canceled = RegistryClient(client.base_url, client.authcfg, timeout_s=30, feedback=fb)
    res = publish(path, canceled, fb, use_bulk=False, in_flight=1)
    assert res.canceled and not res.complete
    with SyncStore(path) as st:
        states = [op.state for op in st.journal()]
        done = {op.pin_id for op in st.journal() if op.state == "done"}
        base = st.read_base()
    assert set(states) <= {"done", "pending"} and 3 <= states.count("done") < 30
    assert all(p in base for p in done)
    reg = registry_states(registry)
    assert all(p in reg for p in done)
    res = publish(path, client)
    assert res.complete and res.resumed == 30 - len(done)
    assert_registry_has_layer(registry, path, made)


def test_blocking_findings_and_unsaved_edits_stop_the_publish(registry, client, points, tmp_path):
    path = str(tmp_path / "wc.gpkg")
    pull_province(client, path, "21")
    pin = add_pin(path, points[3], name_en="blocked")
    seen = []

    def validator(pin_ids, records=None):
        seen.extend(pin_ids)
        return [Blocking(pin, "outside_tambon", "อยู่นอกตำบล", "outside its tambon")]

    res = publish(path, client, validator=validator)
    assert seen == [pin] and res.findings and not res.sent and not res.complete
    assert "nothing was sent" in res.summary()
    assert pin not in registry_states(registry)
    with SyncStore(path) as st:
        assert st.journal() == []

    project = QgsProject()
    lyr = layer(path)
    project.addMapLayer(lyr)
    lyr.startEditing()
    lyr.changeAttributeValue(next(lyr.getFeatures()).id(), lyr.fields().indexFromName("phone"), "9")
    with pytest.raises(PublishError) as e:
        check_unsaved_edits(path, project)
    assert "not saved" in str(e.value) and "บันทึก" in str(e.value)
    lyr.rollBack()
    check_unsaved_edits(path, project)


def test_refused_changes_are_reported_and_kept(registry, client, points, tmp_path):
    path = str(tmp_path / "wc.gpkg")
    pull_province(client, path, "21")
    bad = add_pin(path, points[0], name_en="bad", point_type="castle")
    good = add_pin(path, points[1], name_en="good")
    res = publish(path, client)
    assert res.created == 1 and [f[0] for f in res.failed] == [bad]
    assert "point_type" in res.failed[0][2]
    assert [c.pin_id for c in preview(path).change_set.added] == [bad]  # still to publish
    assert good in registry_states(registry)
    edit_pin(path, bad, point_type="school")
    assert publish(path, client).created == 1


def test_publish_algorithm_lists_validates_and_sends(registry, authcfgs, points, tmp_path,
                                                     simplified_gpkg):
    from qgis.core import QgsApplication, QgsProcessingContext, QgsProcessingFeedback

    from citizen_pins.processing.provider import CitizenPinsProvider

    client = RegistryClient(registry.url, authcfgs["rayong"], timeout_s=30)
    path = str(tmp_path / "wc.gpkg")
    pull_province(client, path, "21")
    good = add_pin(path, points[6], name_en="via algorithm", amphoe_code="2101",
                   tambon_code=points_tambon(points, 6))
    reg = QgsApplication.processingRegistry()
    provider = CitizenPinsProvider()
    assert reg.addProvider(provider)
    try:
        alg = reg.algorithmById("citizen_pins:publish")
        assert alg is not None and alg.groupId() == "registry"
        params = {"WORKING_COPY": path, "REGISTRY_URL": registry.url,
                  "AUTHCFG": authcfgs["rayong"],
                  "BOUNDARIES": f"{simplified_gpkg}|layername=adm3_tambon", "TOLERANCE": 1000,
                  "DRY_RUN": True}
        context, feedback = QgsProcessingContext(), QgsProcessingFeedback()
        out, ok = alg.run(params, context, feedback)
        assert ok, feedback.textLog()
        assert out["ADDED"] == 1 and json.loads(out["CHANGES"])[0]["pin_id"] == good
        assert good not in registry_states(registry)
        out, ok = alg.run(dict(params, DRY_RUN=False), context, feedback)
        assert ok, feedback.textLog()
        assert out["ADDED"] == 1 and out["PENDING"] == 0 and good in registry_states(registry)

        # a pin declared in the wrong tambon: validation's error stops the publish
        bad = add_pin(path, points[0], name_en="wrong tambon", amphoe_code="2101",
                      tambon_code=points_tambon(points, 6))
        feedback = QgsProcessingFeedback()
        out, ok = alg.run(dict(params, DRY_RUN=False), context, feedback)
        assert not ok and "nothing was sent" in feedback.textLog()
        assert bad in feedback.textLog() and bad not in registry_states(registry)
    finally:
        reg.removeProvider(provider)


def points_tambon(points, i):
    return ("210101", "210102", "210103", "210104", "210105", "210106", "210107", "210108")[i]
