"""Issue 18 (sync part): services -- with their steps and documents -- travel through the same
pull and publish as pins, against the real registry: diff against the base, journal, exactly once,
resume, field-level conflicts (inside a service: a document's field, a step deleted on one side
and changed on the other) kept and resolved, and a pin's deletion taking its services with it in
the registry -- never a service someone else changed meanwhile."""
import json
import uuid

import pytest

from registry_helpers import auth, new_feature
from sync_helpers import (
    add_pin, add_records, add_service, delete_pin_with_services, delete_records, delete_service,
    edit_pin, edit_record, local_services, local_states, registry_services, registry_states)

from citizen_pins.core import diff as d
from citizen_pins.core import schema
from citizen_pins.registry.client import RegistryClient
from citizen_pins.registry.pull import pull_province
from citizen_pins.registry.sync import (
    Publisher, open_conflicts, preview, publish, resolve_conflict)
from citizen_pins.registry.sync_store import SyncStore

pytestmark = pytest.mark.registry

OTHER = auth("both")  # a second editor of Rayong
GEOJSON = {"Content-Type": "application/geo+json"}
SERVICES = "services"



def url(registry, sid=""):
    return f"{registry.url}/collections/services/items" + (f"/{sid}" if sid else "")


def other_pin(http, registry, point):
    f = new_feature(point, "21")
    r = http.post(registry.items_url(), data=json.dumps(f), auth=OTHER, headers=GEOJSON,
                  timeout=30)
    assert r.status_code == 201, r.text
    return f["id"]


def other_service(http, registry, pin_id, docs=2):
    sid = str(uuid.uuid4())
    body = {"type": "Feature", "id": sid, "geometry": None, "properties": {
        "pin_id": pin_id, "name_th": f"บริการของผู้อื่น {sid[:8]}", "fee_kind": "none",
        "steps": [{"step_id": str(uuid.uuid4()), "step_order": 1, "title_th": "ยื่นคำขอ"}],
        "documents": [{"document_id": str(uuid.uuid4()), "name_th": f"เอกสาร {i}",
                       "copies": 0, "copy_status": "no_copy", "originals": 1}
                      for i in range(docs)]}}
    r = http.post(url(registry), data=json.dumps(body), auth=OTHER, headers=GEOJSON, timeout=30)
    assert r.status_code == 201, r.text
    return sid


def other_edit(http, registry, sid, change):
    """The second editor changes a service in the registry (``change(properties)``)."""
    r = http.get(url(registry, sid), params={"f": "json"}, timeout=30)
    f = r.json()
    props = {k: v for k, v in f["properties"].items() if k not in ("version", "updated_at",
                                                                   "province_code")}
    change(props)
    body = {"type": "Feature", "id": sid, "geometry": None, "properties": props}
    r = http.put(url(registry, sid), data=json.dumps(body), auth=OTHER,
                 headers={"If-Match": r.headers["ETag"], **GEOJSON}, timeout=30)
    assert r.status_code == 200, r.text


def other_delete(http, registry, sid):
    r = http.get(url(registry, sid), params={"f": "json"}, timeout=30)
    r = http.delete(url(registry, sid), auth=OTHER, headers={"If-Match": r.headers["ETag"]},
                    timeout=30)
    assert r.status_code == 204, r.text


def by_id(props, document_id):
    return next(x for x in props["documents"] if x["document_id"] == document_id)


def assert_registry_has_services(registry, path, sids):
    reg = registry_services(registry)
    local = local_services(path)
    for sid in sids:
        if sid in local:
            assert sid in reg, sid
            assert d.same_service(reg[sid][0], local[sid]), (
                sid, d.service_changed_fields(reg[sid][0], local[sid]))
        else:
            assert sid not in reg, sid


def test_services_of_new_and_existing_pins_publish_and_pull(registry, http, client, points,
                                                            tmp_path):
    old = other_pin(http, registry, points[0])
    path = str(tmp_path / "wc.gpkg")
    pull_province(client, path, "21")
    new = add_pin(path, points[1], name_en="new with services")
    s_new, steps, docs = add_service(path, new, "การแจ้งเกิด", steps=3, documents=2)
    s_old, _, _ = add_service(path, old, "การย้ายที่อยู่", steps=1, documents=3,
                              fee_kind="fixed", fee_amount=20)
    pv = preview(path)
    c = pv.counts()
    assert (c["added"], c["services_added"]) == (1, 2)
    assert {ch.label for ch in pv.service_changes.added} == {"การแจ้งเกิด", "การย้ายที่อยู่"}
    res = publish(path, client)
    assert res.complete and res.created == 1 and res.services_created == 2, res.summary()
    assert_registry_has_services(registry, path, [s_new, s_old])
    reg = registry_services(registry)
    assert set(reg[s_new][0]["steps"]) == set(steps) and reg[s_new][1] == 1
    with SyncStore(path) as st:
        ops = st.journal()
        assert [(o.collection, o.op, o.state) for o in ops].count(
            ("services", "create", "done")) == 2
        assert st.service_base(s_new).version == 1
        assert st.local_service(s_new).version == 1
    assert len(preview(path).service_changes) == 0
    again = publish(path, client)
    assert again.complete and again.sent == 0
    # a second office pulls the province: the pins, and the services with their records
    other = str(tmp_path / "other.gpkg")
    pulled = pull_province(client, other, "21")
    assert pulled.services_received >= 2 and pulled.services_added >= 2
    assert local_services(other)[s_new] == local_services(path)[s_new]
    assert len(preview(other).service_changes) == 0


def test_edits_inside_a_service_travel_as_one_version(registry, http, client, points, tmp_path):
    pin = other_pin(http, registry, points[2])
    keep = other_service(http, registry, pin, docs=3)
    gone = other_service(http, registry, pin)
    path = str(tmp_path / "wc.gpkg")
    pull_province(client, path, "21")
    state = local_services(path)[keep]
    first, second, third = list(state["documents"])
    edit_record(path, schema.SERVICE_DOCUMENTS, first, copies=2, copy_status="copy_demanded")
    delete_records(path, schema.SERVICE_DOCUMENTS, "document_id", second)
    [new_step] = add_records(path, schema.SERVICE_STEPS, [
        {"service_id": keep, "step_order": 2, "title_th": "ตรวจสอบ", "duration": 1,
         "duration_unit": "day"}])
    edit_record(path, schema.SERVICES, keep, name_en="Changed", active=False)
    delete_service(path, gone)
    pv = preview(path)
    [changed] = pv.service_changes.changed
    assert changed.pin_id == keep
    assert set(changed.fields) == {"name_en", "active", f"documents/{first}/copies",
                                   f"documents/{first}/copy_status", f"documents/{second}",
                                   f"steps/{new_step}"}
    assert [c_.pin_id for c_ in pv.service_changes.deleted] == [gone]
    res = publish(path, client)
    assert res.complete and (res.services_replaced, res.services_deleted) == (1, 1)
    reg = registry_services(registry)
    assert reg[keep][1] == 2 and gone not in reg
    assert reg[keep][0]["documents"][first]["copies"] == 2
    assert second not in reg[keep][0]["documents"] and third in reg[keep][0]["documents"]
    assert reg[keep][0]["active"] is False and new_step in reg[keep][0]["steps"]
    assert_registry_has_services(registry, path, [keep, gone])


def test_pull_merges_record_by_record_and_keeps_conflicts(registry, http, client, points,
                                                          tmp_path):
    pin = other_pin(http, registry, points[3])
    a = other_service(http, registry, pin, docs=3)
    b = other_service(http, registry, pin)
    c = other_service(http, registry, pin)
    path = str(tmp_path / "wc.gpkg")
    pull_province(client, path, "21")
    docs = list(local_services(path)[a]["documents"])
    # a: one-sided changes merge; the same field on both sides is a conflict; a document
    # deleted there and changed here is a conflict about that document
    def remote_a(p):
        p.update(name_en="remote name", agency="remote agency")
        by_id(p, docs[0]).update(copies=1, copy_status="copy_demanded")
        p["documents"] = [x for x in p["documents"] if x["document_id"] != docs[2]]

    other_edit(http, registry, a, remote_a)
    edit_record(path, schema.SERVICES, a, name_en="local name", legal_basis="local law")
    edit_record(path, schema.SERVICE_DOCUMENTS, docs[1], note="local note")
    edit_record(path, schema.SERVICE_DOCUMENTS, docs[2], copies=3, copy_status="copy_demanded")
    # b: deleted there, untouched here -> removed; c: deleted there, edited here -> conflict
    other_delete(http, registry, b)
    other_delete(http, registry, c)
    edit_record(path, schema.SERVICES, c, name_en="kept here")
    res = pull_province(client, path, "21")
    assert res.service_conflicts == 2 and res.services_removed == 1
    local = local_services(path)
    assert b not in local and c in local
    la = local[a]
    assert la["agency"] == "remote agency" and la["legal_basis"] == "local law"
    assert la["name_en"] == "local name"                         # local kept, as a conflict
    assert la["documents"][docs[0]]["copies"] == 1               # remote only: merged
    assert la["documents"][docs[1]]["note"] == "local note"      # local only: kept
    assert la["documents"][docs[2]]["copies"] == 3               # kept, as a conflict
    conflicts = {(x.collection, x.pin_id, x.field): x for x in open_conflicts(path)}
    assert set(conflicts) == {(SERVICES, a, "name_en"),
                              (SERVICES, a, f"documents/{docs[2]}/_deleted"),
                              (SERVICES, c, d.EXISTENCE)}
    name = conflicts[(SERVICES, a, "name_en")]
    assert (name.base_value, name.local_value, name.remote_value) == (
        None, "local name", "remote name")
    gone = conflicts[(SERVICES, a, f"documents/{docs[2]}/_deleted")]
    assert (gone.local_value, gone.remote_value) == ("exists", "deleted")
    assert sorted(preview(path).conflicted_services) == sorted([a, c])
    assert len(preview(path).service_changes) == 0               # they wait for a person
    # resolved field by field; then the next publish sends them
    assert resolve_conflict(path, a, "name_en", "remote", SERVICES) == 1
    assert resolve_conflict(path, a, f"documents/{docs[2]}/_deleted", "local", SERVICES) == 0
    assert resolve_conflict(path, c, d.EXISTENCE, "local", SERVICES) == 0  # a new id
    res = publish(path, client)
    assert res.complete and res.services_replaced == 1 and res.services_created == 1
    reg = registry_services(registry)
    assert reg[a][0]["name_en"] == "remote name" and reg[a][0]["legal_basis"] == "local law"
    assert reg[a][0]["documents"][docs[2]]["copies"] == 3
    assert reg[a][0]["documents"][docs[1]]["note"] == "local note"
    kept = [s for s, st in local_services(path).items() if st["name_en"] == "kept here"]
    assert len(kept) == 1 and kept[0] != c and kept[0] in reg
    assert not open_conflicts(path) and len(preview(path).service_changes) == 0


def test_412_on_a_service_merges_or_keeps_conflicts(registry, http, client, points, tmp_path):
    pin = other_pin(http, registry, points[4])
    a = other_service(http, registry, pin)
    b = other_service(http, registry, pin)
    path = str(tmp_path / "wc.gpkg")
    pull_province(client, path, "21")
    docs_b = list(local_services(path)[b]["documents"])
    # no pull in between: the publish meets the registry's changes as 412s
    other_edit(http, registry, a, lambda p: p.update(agency="remote"))
    edit_record(path, schema.SERVICES, a, name_en="local")
    other_edit(http, registry, b, lambda p: by_id(p, docs_b[0]).update(copies=5))
    edit_record(path, schema.SERVICE_DOCUMENTS, docs_b[0], copies=4)
    res = publish(path, client)
    assert res.merged == 1 and res.conflicts == [b]
    reg = registry_services(registry)
    assert reg[a][0]["agency"] == "remote" and reg[a][0]["name_en"] == "local"
    assert reg[b][0]["documents"][docs_b[0]]["copies"] == 5      # not overwritten
    [conflict] = open_conflicts(path, b, SERVICES)
    assert conflict.field == f"documents/{docs_b[0]}/copies"
    assert (conflict.base_value, conflict.local_value, conflict.remote_value) == (0, 4, 5)
    assert resolve_conflict(path, b, conflict.field, "local", SERVICES) == 0
    assert publish(path, client).complete
    assert registry_services(registry)[b][0]["documents"][docs_b[0]]["copies"] == 4


def test_deleting_a_pin_deletes_its_services_but_never_one_changed_meanwhile(
        registry, http, client, points, tmp_path):
    p1 = other_pin(http, registry, points[5])
    p2 = other_pin(http, registry, points[6])
    s1 = other_service(http, registry, p1)
    s2 = other_service(http, registry, p2)
    path = str(tmp_path / "wc.gpkg")
    pull_province(client, path, "21")
    delete_pin_with_services(path, p1)
    delete_pin_with_services(path, p2)
    pv = preview(path)
    assert pv.counts()["deleted"] == 2 and pv.counts()["services_deleted"] == 2
    assert pv.with_pin == {p1: [s1], p2: [s2]} and not pv.service_changes.deleted
    # meanwhile someone adds a document to p2's service
    other_edit(http, registry, s2, lambda p: p["documents"].append(
        {"document_id": str(uuid.uuid4()), "name_th": "เอกสารใหม่", "copy_status": "no_copy"}))
    res = publish(path, client)
    assert res.deleted == 1 and res.services_deleted == 1 and res.conflicts == [p2]
    with SyncStore(path) as st:
        deletes = [o for o in st.journal() if o.op == "delete"]
        assert {(o.collection, o.pin_id) for o in deletes} == {("service_points", p1),
                                                               ("service_points", p2)}
    reg_pins, reg_services = registry_states(registry), registry_services(registry)
    assert p1 not in reg_pins and s1 not in reg_services          # one request, both gone
    assert p2 in reg_pins and s2 in reg_services                  # nothing deleted unseen
    [conflict] = open_conflicts(path, p2)
    assert (conflict.field, conflict.local_value, conflict.remote_value) == (
        d.EXISTENCE, "deleted", "exists")
    # the person takes the registry's side: the pin comes back with the changed service
    assert resolve_conflict(path, p2, d.EXISTENCE, "remote") == 0
    assert p2 in local_states(path)
    names = {x["name_th"] for x in local_services(path)[s2]["documents"].values()}
    assert "เอกสารใหม่" in names
    assert len(preview(path).change_set) == 0 and len(preview(path).service_changes) == 0
    # ... or deletes it all the same, now that it has seen it
    delete_pin_with_services(path, p2)
    res = publish(path, client)
    assert res.complete and res.deleted == 1 and res.services_deleted == 1
    assert p2 not in registry_states(registry) and s2 not in registry_services(registry)


def test_a_pin_deleted_there_with_a_service_edited_here_is_kept(registry, http, client, points,
                                                                 tmp_path):
    pin = other_pin(http, registry, points[7])
    sid = other_service(http, registry, pin)
    path = str(tmp_path / "wc.gpkg")
    pull_province(client, path, "21")
    name = local_states(path)[pin]["name_th"]
    edit_record(path, schema.SERVICES, sid, name_en="edited here")
    r = http.get(registry.items_url(pin), params={"f": "json"}, timeout=30)
    assert http.delete(registry.items_url(pin), auth=OTHER, timeout=30,
                       headers={"If-Match": r.headers["ETag"]}).status_code == 204
    res = pull_province(client, path, "21")
    assert res.conflicts == 1 and res.conflict_pins == [pin]
    assert pin in local_states(path) and sid in local_services(path)  # nothing lost
    [conflict] = open_conflicts(path)
    assert (conflict.pin_id, conflict.field, conflict.remote_value) == (
        pin, d.EXISTENCE, "deleted")
    # kept: published again under new ids (a deleted id is never used again), services too
    assert resolve_conflict(path, pin, d.EXISTENCE, "local") == 0
    [new_pin] = [p for p, s in local_states(path).items() if s["name_th"] == name]
    assert new_pin != pin
    res = publish(path, client)
    assert res.complete and res.created == 1 and res.services_created == 1, res.summary()
    kept = [s for s, st in local_services(path).items() if st["name_en"] == "edited here"]
    assert len(kept) == 1 and kept[0] != sid
    reg = registry_services(registry)
    assert kept[0] in reg and reg[kept[0]][0]["pin_id"] == new_pin
    assert new_pin in registry_states(registry)


def test_a_service_waits_for_its_pin_and_resumes_exactly_once(registry, http, client, points,
                                                              tmp_path):
    path = str(tmp_path / "wc.gpkg")
    pull_province(client, path, "21")
    pin = add_pin(path, points[0], name_en="pin of a resumed service")
    sid, _, _ = add_service(path, pin, "งานที่ส่งต่อ")
    pub = Publisher(path, client)
    with SyncStore(path) as st:
        pub.store = st
        pv = preview(path)
        pub._journal(pv.change_set, "crashed-run", pv.service_changes)
        pending = st.pending()
        assert [(o.collection, o.op) for o in pending] == [("service_points", "create"),
                                                           ("services", "create")]
        # "the process dies" after the service was sent, its answer lost, and the pin's too
        pin_op, svc_op = pending
    r = http.post(registry.items_url(), data=json.dumps(pin_op.payload), auth=auth("rayong"),
                  headers=GEOJSON, timeout=30)
    assert r.status_code == 201
    r = http.post(url(registry), data=json.dumps(svc_op.payload), auth=auth("rayong"),
                  headers=GEOJSON, timeout=30)
    assert r.status_code == 201
    res = publish(path, client)
    assert res.complete and res.resumed == 2 and res.reconciled == 2
    assert res.created == 0 and res.services_created == 0
    assert registry.query("SELECT count(*) AS n FROM services WHERE service_id = %s",
                          (sid,))[0]["n"] == 1
    assert_registry_has_services(registry, path, [sid])
    # a service whose pin the registry refuses is refused with it, listed by name
    bad = add_pin(path, points[1], name_en="bad", point_type="castle")
    orphan, _, _ = add_service(path, bad, "งานของหมุดที่ถูกปฏิเสธ")
    res = publish(path, client)
    assert {f[0] for f in res.failed} == {bad, orphan}
    refused = {r_["collection"]: r_ for r_ in res.refused}
    assert refused["services"]["name"] == "งานของหมุดที่ถูกปฏิเสธ"
    assert refused["services"]["code"] == "pin_not_published"
    assert orphan not in registry_services(registry)
    edit_pin(path, bad, point_type="school")
    res = publish(path, client)
    assert res.complete and res.created == 1 and res.services_created == 1


def test_publish_is_blocked_by_service_errors(registry, authcfgs, points, tmp_path,
                                              simplified_gpkg):
    """CHECK_SERVICES is on in citizen_pins:publish: an error in a service sent blocks the
    publish (nothing is sent); an error in a service not sent does not."""
    from qgis.core import QgsApplication, QgsProcessingContext, QgsProcessingFeedback

    from citizen_pins.processing.provider import CitizenPinsProvider

    client = RegistryClient(registry.url, authcfgs["rayong"], timeout_s=30)
    # a service of the registry with that error already (the registry takes it: it is a rule
    # of validation, not of the schema)
    http = __import__("requests").Session()
    theirs = other_pin(http, registry, points[3])
    their_service = other_service(http, registry, theirs, docs=1)
    other_edit(http, registry, their_service, lambda p: p["documents"][0].update(copies=2))
    path = str(tmp_path / "wc.gpkg")
    pull_province(client, path, "21")
    pin = add_pin(path, points[2], name_en="service errors", amphoe_code="2101",
                  tambon_code="210103")
    sid, _, docs = add_service(path, pin, "การขออนุญาต", documents=1)
    edit_record(path, schema.SERVICE_DOCUMENTS, docs[0], copies=2)  # copies with no_copy: error
    reg = QgsApplication.processingRegistry()
    provider = CitizenPinsProvider()
    assert reg.addProvider(provider)
    try:
        alg = reg.algorithmById("citizen_pins:publish")
        params = {"WORKING_COPY": path, "REGISTRY_URL": registry.url,
                  "AUTHCFG": authcfgs["rayong"],
                  "BOUNDARIES": f"{simplified_gpkg}|layername=adm3_tambon", "TOLERANCE": 1000}
        context, feedback = QgsProcessingContext(), QgsProcessingFeedback()
        out, ok = alg.run(params, context, feedback)
        log = feedback.textLog()
        assert not ok and "[documents.copy_contradiction]" in log
        assert f"+ {sid} การขออนุญาต" in log and "nothing was sent" in log
        # only the service sent blocks: the registry's own service with the same error is
        # validated too, and does not
        assert log.count("[documents.copy_contradiction]") == 1
        assert pin not in registry_states(registry) and sid not in registry_services(registry)
        edit_record(path, schema.SERVICE_DOCUMENTS, docs[0], copy_status="copy_demanded")
        feedback = QgsProcessingFeedback()
        out, ok = alg.run(dict(params, DRY_RUN=True), context, feedback)
        assert ok, feedback.textLog()
        assert out["SERVICES_ADDED"] == 1
        assert any(c.get("service_id") == sid for c in json.loads(out["CHANGES"]))
        feedback = QgsProcessingFeedback()
        out, ok = alg.run(params, context, feedback)
        assert ok, feedback.textLog()
        assert out["ADDED"] == 1 and out["SERVICES_ADDED"] == 1 and out["PENDING"] == 0
        assert sid in registry_services(registry)
        # the same error in a service that is not sent does not block a change of its pin
        assert local_services(path)[their_service]  # (pulled, with its contradiction)
        edit_pin(path, theirs, phone="038 111 222")
        feedback = QgsProcessingFeedback()
        out, ok = alg.run(params, context, feedback)
        assert ok, feedback.textLog()
        assert out["CHANGED"] == 1 and out["SERVICES_CHANGED"] == 0
    finally:
        reg.removeProvider(provider)


def test_dialogs_name_service_changes_and_resolve_service_conflicts(
        registry, http, authcfgs, points, tmp_path, simplified_gpkg):
    """The publish dialog lists each service change by the service's and its pin's names (a
    document by its name, a field as the form names it); the conflicts dialog shows a service's
    conflict the same way and resolves it."""
    from qgis.core import QgsApplication
    from qgis.PyQt.QtCore import Qt

    from registry_helpers import wait_until

    from citizen_pins.gui.conflicts_dialog import ConflictsDialog
    from citizen_pins.gui.publish_dialog import PublishDialog
    from citizen_pins.processing.provider import CitizenPinsProvider

    client = RegistryClient(registry.url, authcfgs["rayong"], timeout_s=30)
    pin = other_pin(http, registry, points[5])
    sid = other_service(http, registry, pin, docs=2)
    path = str(tmp_path / "wc.gpkg")
    pull_province(client, path, "21")
    pin_name = local_states(path)[pin]["name_th"]
    state = local_services(path)[sid]
    doc = next(k for k, v in state["documents"].items() if v["name_th"] == "เอกสาร 0")
    edit_record(path, schema.SERVICE_DOCUMENTS, doc, copies=1, copy_status="copy_demanded")
    edit_record(path, schema.SERVICES, sid, fee_kind="fixed", fee_amount=50)
    other_sid, _, _ = add_service(path, pin, "การจดทะเบียนพาณิชย์", steps=2, documents=3)
    reg = QgsApplication.processingRegistry()
    provider = CitizenPinsProvider()
    assert reg.addProvider(provider)
    try:
        params = {"WORKING_COPY": path, "REGISTRY_URL": registry.url,
                  "AUTHCFG": authcfgs["rayong"], "TOLERANCE": 1000,
                  "BOUNDARIES": f"{simplified_gpkg}|layername=adm3_tambon"}
        dialog = PublishDialog(params, "en")
        assert "services: 1 added · 1 changed · 0 deleted" in dialog.countsLabel.text()
        tree = dialog.changesTree
        items = {tree.topLevelItem(i).text(0): tree.topLevelItem(i)
                 for i in range(tree.topLevelItemCount())}
        changed = items[f"Service changed: {state['name_th']} — at {pin_name}"]
        assert changed.data(0, Qt.ItemDataRole.UserRole) == pin  # zoom: to its pin
        assert sorted(changed.child(k).text(0) for k in range(changed.childCount())) == sorted([
            "Fee: No fee → Fixed amount", "Fee (baht): — → 50",
            "Document 'เอกสาร 0': Copies demanded: 0 → 1",
            "Document 'เอกสาร 0': Copy status: No copy (the office copies or looks it up itself)"
            " → Copy demanded from the citizen"])
        added = items[f"Service added: การจดทะเบียนพาณิชย์ — at {pin_name}"]
        assert added.child(0).text(0) == "2 step(s), 3 document(s)"
        wait_until(lambda: dialog.state != "checking")
        assert dialog.state == "ready", dialog.checkLabel.text()
        # meanwhile someone changes the same document's copies in the registry
        other_edit(http, registry, sid, lambda p: by_id(p, doc).update(copies=2))
        dialog.publish()
        wait_until(lambda: dialog.state == "done")
        assert dialog.last_results.get("SERVICES_ADDED") == 1, dialog.resultLabel.text()
        assert other_sid in registry_services(registry)
        wait_until(lambda: dialog.state not in ("checking", "publishing"))
        dialog.reject()

        conflicts = ConflictsDialog(path, "en")
        [row] = [i for i, c in enumerate(conflicts.rows) if c.pin_id == sid]
        t = conflicts.conflictsTable
        assert t.item(row, 0).text() == f"Service: {state['name_th']} — at {pin_name}"
        assert t.item(row, 1).text() == "Document 'เอกสาร 0': Copies demanded"
        assert (t.item(row, 2).text(), t.item(row, 3).text(), t.item(row, 4).text()) == (
            "0", "2", "1")
        conflicts.choose(row, "remote")
        assert conflicts.apply() == 1 and not conflicts.rows
        assert local_services(path)[sid]["documents"][doc]["copies"] == 2
        res = publish(path, client)
        assert res.complete and res.services_replaced == 1  # the fee, merged, goes now
        remote = registry_services(registry)[sid][0]
        assert remote["fee_amount"] == 50 and remote["documents"][doc]["copies"] == 2
    finally:
        reg.removeProvider(provider)


def test_a_journal_and_conflicts_from_before_services_are_kept_and_finished(
        registry, http, client, points, tmp_path):
    """A working copy whose journal and conflicts tables were made before services were synced
    (no ``collection`` column), with a publish cut off and a conflict open: opened by this
    version, the tables get the column in place, the pending operation is a pin's and is
    finished, the conflict stays a pin's."""
    import sqlite3

    from citizen_pins.core.working_copy import create_working_copy

    path = str(tmp_path / "old.gpkg")
    create_working_copy(path, "21")
    with sqlite3.connect(path) as db:  # the tables as the engine before issue 18 made them
        db.execute("""CREATE TABLE citizen_pins_journal (
            id INTEGER PRIMARY KEY AUTOINCREMENT, publish_id TEXT NOT NULL,
            op TEXT NOT NULL CHECK (op IN ('create', 'replace', 'delete')),
            pin_id TEXT NOT NULL, if_match TEXT, payload TEXT, fields TEXT,
            state TEXT NOT NULL CHECK (state IN ('pending', 'done', 'conflict', 'failed')),
            attempts INTEGER NOT NULL DEFAULT 0, status INTEGER, result_version INTEGER,
            message TEXT, created_at TEXT NOT NULL, updated_at TEXT NOT NULL)""")
        db.execute("""CREATE TABLE citizen_pins_conflicts (
            id INTEGER PRIMARY KEY AUTOINCREMENT, pin_id TEXT NOT NULL, field TEXT NOT NULL,
            base_value TEXT, local_value TEXT, remote_value TEXT, remote_version INTEGER,
            detected_by TEXT, detected_at TEXT NOT NULL, resolution TEXT, resolved_at TEXT)""")
    pin = add_pin(path, points[4], name_en="journaled before services")
    with SyncStore(path) as st:
        local, _ = st.read_layer()
        feature = d.feature_from_state(pin, local[pin].state)
    with sqlite3.connect(path) as db:
        db.execute("INSERT INTO citizen_pins_journal (publish_id, op, pin_id, payload, fields, "
                   "state, created_at, updated_at) VALUES ('old', 'create', ?, ?, '[]', "
                   "'pending', 'x', 'x')", (pin, json.dumps(feature)))
        db.execute("INSERT INTO citizen_pins_conflicts (pin_id, field, local_value, "
                   "remote_value, detected_at) VALUES ('11111111-1111-4111-8111-111111111111', "
                   "'phone', '1', '2', 'x')")
    with SyncStore(path) as st:
        [op] = st.pending()
        assert (op.collection, op.pin_id, op.op) == ("service_points", pin, "create")
        [conflict] = st.conflicts()
        assert conflict.collection == "service_points"
    res = publish(path, client)
    assert res.resumed == 1 and res.created == 1 and not res.pending
    assert pin in registry_states(registry)
