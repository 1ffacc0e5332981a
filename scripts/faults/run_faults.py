#!/usr/bin/env python3
"""Fault-injection harness of the sync engine: randomized publishes through a faulty network.

Pins and their services (each with its steps and documents) are in the mix: both editors add,
edit (a service's fields, a document's, documents added and removed) and delete services, and
delete pins that have services; the expected state of every service is the three-way merge of
its last common state, record by record (core/diff.merge_service), and the pin-level questions
(a pin deleted on one side while its services changed on the other) are expected as conflicts.

Starts its own registry (``python -m registry serve``, throwaway data folder, 127.0.0.1) behind
:class:`proxy.FaultProxy`, two editor accounts of Rayong (21): ``office`` (the plugin, through the
proxy, with a QGIS auth config) and ``editor2`` (a concurrent second editor, straight to the
registry).  Each run:

1. editor2 edits / deletes some pins (some of them the office edits too: conflicts);
2. the office adds, edits (attributes, moves) and deletes pins in its working copy (through a QGIS
   layer's edit buffer, as a person does); sometimes pulls first (through the faults);
3. the office publishes through the proxy (drops, stalls past the timeout, cut answers, 502/503)
   while editor2 keeps editing other pins; sometimes the registry's gunicorn is SIGKILLed and
   restarted, sometimes the publishing process itself is SIGKILLed (a child process); publishes
   are repeated until one completes (bounded);
4. the registry is compared with the state intended by both editors (three-way merge of the
   last common state, the office's and editor2's edits): pins lost (missing or with other
   content), pins duplicated (extra records), conflicts expected vs surfaced;
5. conflicts are resolved at random (local / remote), published (faults on), and the registry
   must then equal the working copy exactly; a pull (no faults) must then leave both equal.

Ends with exactly one line:
``faults: runs=N lost=X duplicated=Y conflicts_expected=A conflicts_surfaced=B services=S``
(lost and duplicated count pins and services; S: services the runs checked in the registry).
"""
from __future__ import annotations

import argparse
import json
import os
import random
import select
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(Path(__file__).resolve().parent))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import requests  # noqa: E402

from proxy import FaultProxy  # noqa: E402
from registry import launcher  # noqa: E402
from registry.cluster import free_port  # noqa: E402

SHARED = Path(os.environ.get("CITIZEN_PINS_SHARED", REPO.parent / "shared")).resolve()
BOUNDARIES = SHARED / "data" / "boundaries" / "thailand_admin_simplified.gpkg"
PROVINCE = "21"
PASSWORD = "faults password 1"
FIELDS_TO_EDIT = ("name_en", "agency", "address", "phone", "opening_hours")
VALUES = ("A", "B", "C", "D")
SERVICE_FIELDS_TO_EDIT = ("name_en", "agency", "legal_basis")
DOCUMENT_FIELDS_TO_EDIT = ("note", "issuing_agency")
PINS_C, SERVICES_C = "service_points", "services"


def log(msg: str) -> None:
    print(msg, file=sys.stderr, flush=True)


# -- the registry (own process, killed and restarted) -------------------------------------------

class Registry:
    def __init__(self, data: Path, port: int, public_url: str):
        self.data = data
        self.port = port
        self.public_url = public_url
        self.proc = None
        self.url = f"http://127.0.0.1:{port}"
        self.restarts = 0

    def start(self) -> None:
        env = dict(os.environ, REGISTRY_WORKERS="2", REGISTRY_THREADS="4")
        self.log = open(self.data / "serve.log", "a")
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "registry", "--data", str(self.data), "serve", "--port",
             str(self.port), "--boundaries", str(BOUNDARIES), "--public-url", self.public_url],
            cwd=str(REPO), stdout=subprocess.PIPE, stderr=self.log, text=True, env=env)
        deadline = time.monotonic() + 180
        while time.monotonic() < deadline and self.proc.poll() is None:
            if select.select([self.proc.stdout], [], [], 1.0)[0]:
                if self.proc.stdout.readline().startswith("registry ready at"):
                    return
        raise SystemExit("the registry did not start; see " + str(self.data / "serve.log"))

    def alive(self) -> bool:
        return self.proc is not None and self.proc.poll() is None

    def kill_gunicorn(self) -> None:
        """SIGKILL the registry's gunicorn (its workers die with it, mid-transaction)."""
        try:
            pid = int((self.data / "gunicorn.pid").read_text().strip())
            os.kill(pid, signal.SIGKILL)
        except (OSError, ValueError):
            pass

    def restart_after_kill(self) -> None:
        """After a SIGKILL of gunicorn, serve stops PostgreSQL and exits: wait, start again."""
        try:
            self.proc.wait(timeout=60)
        except subprocess.TimeoutExpired:
            pass
        self.ensure_up()

    def ensure_up(self) -> None:
        if self.alive():
            return
        try:
            self.proc.wait(timeout=60)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        self.restarts += 1
        self.start()

    def stop(self) -> None:
        if self.alive():
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=90)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()

    def db(self):
        return launcher.superuser_connection(self.data)

    def query(self, sql, args=()):
        return launcher.query(self.data, sql, args)

    def add_user(self, name: str, provinces: str) -> None:
        out = subprocess.run([sys.executable, "-m", "registry", "--data", str(self.data),
                              "add-user", name, "--provinces", provinces],
                             input=PASSWORD + "\n", capture_output=True, text=True,
                             cwd=str(REPO), timeout=120)
        if out.returncode:
            raise SystemExit(out.stderr)


# -- the harness --------------------------------------------------------------------------------

class Harness:
    def __init__(self, args):
        self.args = args
        self.rng = random.Random(args.seed)
        self.tmp = Path(tempfile.mkdtemp(prefix="cp-faults-"))
        os.chmod(self.tmp, 0o755)
        self.lost = self.duplicated = self.expected_conflicts = self.surfaced_conflicts = 0
        self.services_checked = 0
        self.service_conflicts = 0      # of the expected conflicts: about a service
        self.pin_deletions_with_services = 0  # pins the office deleted that had services
        self.kills = self.client_kills = 0
        self.http = requests.Session()
        self.editor2 = ("editor2", PASSWORD)

    # setup ----------------------------------------------------------------------------------
    def setup(self) -> None:
        from qgis.core import QgsApplication, QgsAuthMethodConfig

        from citizen_pins.core.qgis_compat import standalone_app

        self.profile = self.tmp / "profile"
        self.app = standalone_app(str(self.profile))  # its own authentication database
        self.master = uuid.uuid4().hex
        am = QgsApplication.authManager()
        if not am.setMasterPassword(self.master, True):
            raise SystemExit("cannot set the QGIS auth master password")
        cfg = QgsAuthMethodConfig()
        cfg.setName("faults office")
        cfg.setMethod("Basic")
        cfg.setConfig("username", "office")
        cfg.setConfig("password", PASSWORD)
        am.storeAuthenticationConfig(cfg)
        self.authcfg = cfg.id()

        upstream = free_port()
        self.proxy = FaultProxy(upstream, rate=0.0, stall_s=self.args.timeout + 1.0,
                                seed=self.args.seed).start()
        data = self.tmp / "registry"
        data.mkdir()
        os.chmod(data, 0o755)
        self.reg = Registry(data, upstream, self.proxy.url)
        self.reg.start()
        self.reg.add_user("office", PROVINCE)
        self.reg.add_user("editor2", PROVINCE)
        rows = self.reg.query(
            "SELECT ST_X(g) AS x, ST_Y(g) AS y FROM (SELECT (ST_Dump(ST_GeneratePoints("
            "ST_Buffer(geom, -0.03), 300, 11))).geom AS g FROM provinces WHERE code = %s) s",
            (PROVINCE,))
        self.points = [(r["x"], r["y"]) for r in rows]
        seeded = [self.e2_create(f"seed {i}") for i in range(self.args.seed_pins)]
        for pin in seeded[: max(1, len(seeded) // 2)]:
            self.e2_service_create(pin)
        from citizen_pins.registry.client import RegistryClient
        from citizen_pins.registry.pull import pull_province

        self.client = RegistryClient(self.proxy.url, self.authcfg, timeout_s=self.args.timeout,
                                     retries=2, backoff_s=0.05)
        self.path = str(self.tmp / "rayong.gpkg")
        pull_province(self.client, self.path, PROVINCE)
        self.S = self.registry_truth()
        self.SV = self.registry_services()

    def close(self) -> None:
        """Stops what setup() started (it may have stopped half-way: its error must show)."""
        try:
            if getattr(self, "proxy", None) is not None:
                self.proxy.stop()
        finally:
            if getattr(self, "reg", None) is not None:
                self.reg.stop()
            if not self.args.keep:
                shutil.rmtree(self.tmp, ignore_errors=True)

    # editor2 -------------------------------------------------------------------------------
    def feature(self, pin_id, state):
        from citizen_pins.core import diff as d

        return d.feature_from_state(pin_id, state)

    def e2_create(self, name):
        from citizen_pins.core import diff as d

        pin = str(uuid.uuid4())
        st = d.make_state({"name_th": "จุดบริการ " + name, "point_type": "other",
                           "province_code": PROVINCE, "name_en": name},
                          self.rng.choice(self.points))
        r = self.http.post(f"{self.reg.url}/collections/service_points/items",
                           data=json.dumps(self.feature(pin, st)), auth=self.editor2, timeout=60,
                           headers={"Content-Type": "application/geo+json"})
        assert r.status_code == 201, r.text
        return pin

    def _e2_write(self, url, rng, allow_delete, change, state_of):
        """editor2 reads an item, then deletes it (sometimes) or PUTs ``change(item)`` with its
        ETag, trying again when someone was faster; returns the new state (None: deleted,
        "gone": it was not there)."""
        for _ in range(5):
            r = self.http.get(url, params={"f": "json"}, timeout=60)
            if r.status_code != 200:
                return "gone"
            etag = r.headers["ETag"]
            if allow_delete and rng.random() < 0.2:
                r = self.http.delete(url, auth=self.editor2, headers={"If-Match": etag},
                                     timeout=60)
                if r.status_code == 204:
                    return None
                continue
            r = self.http.put(url, data=json.dumps(change(r.json())), auth=self.editor2,
                              headers={"If-Match": etag, "Content-Type": "application/geo+json"},
                              timeout=60)
            if r.status_code == 200:
                return state_of(r.json())
        raise AssertionError(f"editor2 could not edit {url}")

    def e2_edit(self, pin_id, rng, allow_delete=True):
        """One edit (or delete) by editor2; returns the new state (None: deleted)."""
        from citizen_pins.core import diff as d

        def change(feature):
            st = d.state_from_feature(feature)
            for f in rng.sample(FIELDS_TO_EDIT + ("geometry",), rng.randint(1, 2)):
                st[f] = rng.choice(self.points) if f == "geometry" else rng.choice(VALUES)
            return self.feature(pin_id, st)

        return self._e2_write(f"{self.reg.url}/collections/service_points/items/{pin_id}", rng,
                              allow_delete, change, d.state_from_feature)

    def e2_service_create(self, pin_id, rng=None):
        rng = rng or self.rng
        sid = str(uuid.uuid4())
        body = {"type": "Feature", "id": sid, "geometry": None, "properties": {
            "pin_id": pin_id, "name_th": f"งานบริการ {sid[:6]}", "name_en": f"svc {sid[:6]}",
            "fee_kind": "none", "active": True,
            "steps": [{"step_id": str(uuid.uuid4()), "step_order": 1, "title_th": "ยื่นคำขอ"}],
            "documents": [{"document_id": str(uuid.uuid4()), "name_th": f"เอกสาร {i}",
                           "originals": 1, "copies": 0, "copy_status": "no_copy"}
                          for i in range(rng.randint(1, 3))]}}
        r = self.http.post(f"{self.reg.url}/collections/services/items", data=json.dumps(body),
                           auth=self.editor2, timeout=60,
                           headers={"Content-Type": "application/geo+json"})
        assert r.status_code == 201, r.text
        return sid

    def e2_service_edit(self, sid, rng, allow_delete=True):
        """One edit (or delete) of a service by editor2: a service's field, a document's, a
        document added or removed; returns its new state (None: deleted, "gone": not there)."""
        from citizen_pins.core import diff as d

        def change(feature):
            props = {k: v for k, v in feature["properties"].items()
                     if k not in ("version", "updated_at", "province_code")}
            docs = props["documents"]
            what = rng.choice(("service", "document", "add", "remove"))
            if what == "service" or not docs:
                props[rng.choice(SERVICE_FIELDS_TO_EDIT)] = rng.choice(VALUES)
            elif what == "document":
                rng.choice(docs)[rng.choice(DOCUMENT_FIELDS_TO_EDIT)] = rng.choice(VALUES)
            elif what == "add":
                docs.append({"document_id": str(uuid.uuid4()), "name_th": "เอกสารเพิ่ม",
                             "copies": 0, "copy_status": "no_copy"})
            else:
                docs.remove(rng.choice(docs))
            return {"type": "Feature", "id": sid, "geometry": None, "properties": props}

        return self._e2_write(f"{self.reg.url}/collections/services/items/{sid}", rng,
                              allow_delete, change, d.service_state_from_feature)

    # the office's working copy --------------------------------------------------------------
    def local_edit(self, run: int, hot=()):
        from qgis.core import QgsFeature, QgsGeometry, QgsPointXY, QgsVectorLayer

        from citizen_pins.core.working_copy import layer_uri

        rng = self.rng
        lyr = QgsVectorLayer(layer_uri(self.path), "sp", "ogr")
        feats = {f["pin_id"]: f for f in lyr.getFeatures()}
        ids = sorted(feats)
        assert lyr.startEditing()
        new, deleted = [], []
        for k in range(rng.randint(0, 3)):
            f = QgsFeature(lyr.fields())
            f["pin_id"] = str(uuid.uuid4())
            new.append(f["pin_id"])
            f["name_th"] = f"จุดใหม่ {run}-{k}"
            f["name_en"] = f"add {run}-{k}"
            f["point_type"] = rng.choice(("school", "other", "post_office"))
            f["province_code"] = PROVINCE
            f.setGeometry(QgsGeometry.fromPointXY(QgsPointXY(*rng.choice(self.points))))
            assert lyr.addFeature(f)
        touched = set()
        chosen = rng.sample(ids, min(len(ids), rng.randint(0, 4)))
        # often the office edits a pin editor2 just changed too (a concurrent edit: merge/conflict)
        chosen += [p for p in hot if p in feats and p not in chosen and rng.random() < 0.6]
        for pin in chosen:
            fid = feats[pin].id()
            touched.add(pin)
            for name in rng.sample(FIELDS_TO_EDIT + ("geometry",), rng.randint(1, 2)):
                if name == "geometry":
                    lyr.changeGeometry(fid, QgsGeometry.fromPointXY(
                        QgsPointXY(*rng.choice(self.points))))
                else:
                    lyr.changeAttributeValue(fid, lyr.fields().indexFromName(name),
                                             rng.choice(VALUES))
        rest = [p for p in ids if p not in touched]
        for pin in rng.sample(rest, min(len(rest), rng.randint(0, 2) if len(ids) > 20 else 0)):
            lyr.deleteFeature(feats[pin].id())
            deleted.append(pin)
        assert lyr.commitChanges(), lyr.commitErrors()
        return new, deleted

    def _child(self, table):
        from qgis.core import QgsVectorLayer

        from citizen_pins.core.service_tables import table_uri

        lyr = QgsVectorLayer(table_uri(self.path, table), table, "ogr")
        assert lyr.isValid(), table
        return lyr

    def local_services_edit(self, run: int, pins_new, hot=(), deleted_pins=()):
        """The office's edits of services, through the tables' layers as a person does: adds
        (to new and existing pins), edits (a service's field, a document's, a document added or
        removed), deletes; and the services of the pins it deleted go with them."""
        from qgis.core import QgsFeature

        rng = self.rng
        svc, docs, steps = (self._child(t) for t in ("services", "service_documents",
                                                      "service_steps"))
        services = {f["service_id"]: f for f in svc.getFeatures()}
        for lyr in (svc, docs, steps):
            assert lyr.startEditing()

        def delete_service(sid):
            for lyr in (docs, steps):
                for f in lyr.getFeatures(f"\"service_id\" = '{sid}'"):
                    lyr.deleteFeature(f.id())
            svc.deleteFeature(services[sid].id())

        for pin in deleted_pins:  # composition: a pin's services go with it
            for sid, f in list(services.items()):
                if f["pin_id"] == pin:
                    delete_service(sid)
                    del services[sid]
        pins = sorted(self.local_states())
        for k in range(rng.randint(0, 2)):
            pin = rng.choice(list(pins_new) + pins) if (pins or pins_new) else None
            if pin is None:
                break
            sid = str(uuid.uuid4())
            f = QgsFeature(svc.fields())
            for name, value in (("service_id", sid), ("pin_id", pin),
                                ("name_th", f"บริการใหม่ {run}-{k}"), ("name_en", f"new {run}-{k}"),
                                ("fee_kind", "none"), ("active", True)):
                f[name] = value
            assert svc.addFeature(f)
            for i in range(rng.randint(1, 3)):
                g = QgsFeature(docs.fields())
                for name, value in (("document_id", str(uuid.uuid4())), ("service_id", sid),
                                    ("name_th", f"เอกสาร {i}"), ("originals", 1), ("copies", 0),
                                    ("copy_status", "no_copy")):
                    g[name] = value
                assert docs.addFeature(g)
            g = QgsFeature(steps.fields())
            for name, value in (("step_id", str(uuid.uuid4())), ("service_id", sid),
                                ("step_order", 1), ("title_th", "ยื่นคำขอ")):
                g[name] = value
            assert steps.addFeature(g)
        ids = sorted(services)
        chosen = rng.sample(ids, min(len(ids), rng.randint(0, 3)))
        chosen += [x for x in hot if x in services and x not in chosen and rng.random() < 0.6]
        for sid in chosen:
            what = rng.choice(("service", "document", "add", "remove"))
            their_docs = list(docs.getFeatures(f"\"service_id\" = '{sid}'"))
            if what == "service" or not their_docs:
                svc.changeAttributeValue(services[sid].id(), svc.fields().indexFromName(
                    rng.choice(SERVICE_FIELDS_TO_EDIT)), rng.choice(VALUES))
            elif what == "document":
                docs.changeAttributeValue(rng.choice(their_docs).id(), docs.fields().indexFromName(
                    rng.choice(DOCUMENT_FIELDS_TO_EDIT)), rng.choice(VALUES))
            elif what == "add":
                g = QgsFeature(docs.fields())
                for name, value in (("document_id", str(uuid.uuid4())), ("service_id", sid),
                                    ("name_th", "เอกสารของสำนักงาน"), ("copies", 0),
                                    ("copy_status", "no_copy")):
                    g[name] = value
                assert docs.addFeature(g)
            else:
                docs.deleteFeature(rng.choice(their_docs).id())
        rest = [x for x in ids if x not in chosen]
        for sid in rng.sample(rest, min(len(rest), 1 if rng.random() < 0.3 else 0)):
            delete_service(sid)
        for lyr in (svc, docs, steps):
            assert lyr.commitChanges(), lyr.commitErrors()

    def _local(self, kind):
        from citizen_pins.registry.sync_store import SyncStore

        with SyncStore(self.path) as st:
            out, problems = st.local_items(kind)
        assert not problems, problems
        return {k: v.state for k, v in out.items()}

    def local_services(self):
        from citizen_pins.core import diff as d

        return self._local(d.SERVICES)

    def registry_services(self):
        from citizen_pins.core import diff as d

        rows = self.reg.query("SELECT * FROM services_published WHERE province_code = %s",
                              (PROVINCE,))
        return {r["service_id"]: d.service_state(r, r["steps"], r["documents"]) for r in rows}

    def local_states(self):
        from citizen_pins.core import diff as d

        return self._local(d.PINS)

    def registry_truth(self):
        from citizen_pins.core import diff as d

        cols = ", ".join(d.DATA_FIELDS)
        rows = self.reg.query(f"SELECT pin_id, {cols}, ST_X(geom) AS x, ST_Y(geom) AS y FROM "
                              "service_points WHERE province_code = %s", (PROVINCE,))
        return {r["pin_id"]: d.make_state(r, (r["x"], r["y"])) for r in rows}

    # publishing through the faults ----------------------------------------------------------
    def publish_until_complete(self, rate: float, kills: bool, concurrent=None) -> None:
        from citizen_pins.registry.sync import publish

        use_bulk = self.rng.random() < 0.6
        for attempt in range(self.args.max_attempts):
            self.reg.ensure_up()
            self.proxy.rate = rate
            killer = None
            if kills and self.rng.random() < self.args.kill_rate:
                delay = self.rng.uniform(0.0, 0.6)
                killer = threading.Timer(delay, self.reg.kill_gunicorn)
                killer.start()
                self.kills += 1
            if kills and self.rng.random() < self.args.client_kill_rate:
                self.client_kills += 1
                self.publish_in_child_and_kill(rate)
                if killer:
                    killer.join()
                    self.reg.restart_after_kill()
                continue
            if concurrent is not None and not concurrent.is_alive() and concurrent.ident is None:
                concurrent.start()
            try:
                res = publish(self.path, self.client, use_bulk=use_bulk, in_flight=3,
                              backoff_s=0.05, max_rounds=4)
            finally:
                self.proxy.rate = 0.0
                if killer:
                    killer.join()
                    self.reg.restart_after_kill()
            if res.stopped:
                raise AssertionError(f"publish stopped: {res.stopped}")
            if res.failed:
                raise AssertionError(f"refused: {res.failed}")
            if res.complete:
                return
        raise AssertionError(f"no complete publish after {self.args.max_attempts} attempts")

    def publish_in_child_and_kill(self, rate: float) -> None:
        """A QGIS that dies mid-publish: a child process publishes and is SIGKILLed."""
        env = dict(os.environ, CP_FAULTS_MASTER=self.master, CP_FAULTS_PROFILE=str(self.profile))
        self.proxy.rate = rate
        child = subprocess.Popen(
            [sys.executable, __file__, "--child", self.path, self.proxy.url, self.authcfg,
             str(self.args.timeout)], env=env, cwd=str(REPO),
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(self.rng.uniform(0.5, 3.0))  # QGIS starts in ~1 s, then publishes
        child.kill()
        child.wait()
        self.proxy.rate = 0.0

    # one run --------------------------------------------------------------------------------
    def expectations(self, S, L, R0, SV, LV, RV0):
        """What both editors intended: the registry's expected pins and services (keyed
        (collection, id)) and the conflicts a person must be asked about."""
        from citizen_pins.core import diff as d

        expected, conflicts = {}, set()

        def of_pin(states, pin):
            return {k: v for k, v in states.items() if v.get("pin_id") == pin}

        def services_touched(pin):  # the office added or changed one of its services
            mine, was = of_pin(LV, pin), of_pin(SV, pin)
            return any(k not in was or not d.same_service(was[k], mine[k]) for k in mine)

        def services_changed_there(pin):  # editor2 added or changed one (deleting is no risk)
            there, was = of_pin(RV0, pin), of_pin(SV, pin)
            return any(k not in was or not d.same_service(was[k], there[k]) for k in there)

        existence = set()  # pins whose existence is the question: their services wait
        gone = set()       # pins gone without a question: their services with them
        for p in set(S) | set(L) | set(R0):
            s, l_, r = S.get(p), L.get(p), R0.get(p)
            if s is None:
                if l_ is not None and r is None:
                    expected[(PINS_C, p)] = l_
                elif r is not None and l_ is None:
                    expected[(PINS_C, p)] = r          # created by editor2
                elif l_ is not None and r is not None:
                    raise AssertionError("same new id on both sides")
                continue
            if l_ is None and r is None:
                gone.add(p)
                continue
            if l_ is None:
                if d.same_state(s, r) and not services_changed_there(p):
                    gone.add(p)                         # deleted, with its services
                    continue
                conflicts.add((PINS_C, p))
                existence.add(p)
                expected[(PINS_C, p)] = r
                continue
            if r is None:
                existence_question = not d.same_state(s, l_) or services_touched(p)
                if existence_question:
                    conflicts.add((PINS_C, p))
                    existence.add(p)
                gone.add(p)
                continue
            m = d.merge3(s, l_, r)
            if m.conflicts:
                conflicts.add((PINS_C, p))
                expected[(PINS_C, p)] = r
            else:
                expected[(PINS_C, p)] = m.merged
        for k in set(SV) | set(LV) | set(RV0):
            s, l_, r = SV.get(k), LV.get(k), RV0.get(k)
            pin = (l_ or r or s).get("pin_id")
            if pin in existence:
                if r is not None and pin in R0:
                    expected[(SERVICES_C, k)] = r       # untouched until a person decides
                continue
            if pin in gone:
                continue
            if s is None:
                if l_ is not None and r is None:
                    expected[(SERVICES_C, k)] = l_
                elif r is not None and l_ is None:
                    expected[(SERVICES_C, k)] = r
                continue
            if l_ is None and r is None:
                continue
            if l_ is None:
                if not d.same_service(s, r):
                    conflicts.add((SERVICES_C, k))
                    expected[(SERVICES_C, k)] = r
                continue
            if r is None:
                if not d.same_service(s, l_):
                    conflicts.add((SERVICES_C, k))
                continue
            m = d.merge_service(s, l_, r)
            if m.conflicts:
                conflicts.add((SERVICES_C, k))
                expected[(SERVICES_C, k)] = r
            else:
                expected[(SERVICES_C, k)] = m.merged
        return expected, conflicts

    def truth(self):
        out = {(PINS_C, k): v for k, v in self.registry_truth().items()}
        out.update({(SERVICES_C, k): v for k, v in self.registry_services().items()})
        return out

    def local_truth(self):
        out = {(PINS_C, k): v for k, v in self.local_states().items()}
        out.update({(SERVICES_C, k): v for k, v in self.local_services().items()})
        return out

    @staticmethod
    def same(key, a, b):
        from citizen_pins.core import diff as d

        return (d.same_state if key[0] == PINS_C else d.same_service)(a, b)

    def run(self, run: int) -> None:
        from citizen_pins.registry.pull import pull_province
        from citizen_pins.registry.sync import open_conflicts, resolve_conflict

        rng = self.rng
        S, SV = self.S, self.SV
        # 1. editor2 before: pins and services, some of them those the office edits too
        hot = rng.sample(sorted(S), min(len(S), rng.randint(0, 3)))
        for pin in hot:
            self.e2_edit(pin, rng, allow_delete=len(S) > 20)
        hot_services = rng.sample(sorted(SV), min(len(SV), rng.randint(0, 3)))
        for sid in hot_services:
            self.e2_service_edit(sid, rng, allow_delete=True)
        created_by_e2 = set()
        if rng.random() < 0.3:
            created_by_e2.add((PINS_C, self.e2_create(f"e2 {run}")))
        R0 = self.registry_truth()
        if R0 and rng.random() < 0.4:
            created_by_e2.add((SERVICES_C, self.e2_service_create(rng.choice(sorted(R0)), rng)))
        R0, RV0 = self.registry_truth(), self.registry_services()
        # 2. the office
        new_pins, deleted_pins = self.local_edit(run, hot)
        self.local_services_edit(run, new_pins, hot_services, deleted_pins)
        L, LV = self.local_states(), self.local_services()
        expected, conflicts = self.expectations(S, L, R0, SV, LV, RV0)
        # editor2 during the publish, on pins and services nobody else touches
        touched_pins = {v.get("pin_id") for states in (SV, LV, RV0) for k, v in states.items()
                        if not (k in SV and k in LV and k in RV0
                                and self.same((SERVICES_C, k), SV[k], LV[k])
                                and self.same((SERVICES_C, k), SV[k], RV0[k]))}
        safe = [p for p in sorted(S) if p in L and p in R0 and self.same((PINS_C, p), S[p], L[p])
                and self.same((PINS_C, p), S[p], R0[p]) and p not in touched_pins]
        safe_services = [k for k in sorted(SV) if k in LV and k in RV0
                         and SV[k].get("pin_id") in safe]
        chosen = rng.sample(safe, min(len(safe), rng.randint(0, 2)))
        chosen_services = rng.sample(safe_services, min(len(safe_services), rng.randint(0, 1)))
        during = {}
        crng = random.Random(rng.random())

        unknown = set()

        def concurrently():
            work = [((PINS_C, p), self.e2_edit) for p in chosen] + \
                [((SERVICES_C, k), self.e2_service_edit) for k in chosen_services]
            for key, edit in work:
                time.sleep(crng.uniform(0.0, 0.3))
                try:
                    got = edit(key[1], crng, allow_delete=False)
                    if isinstance(got, str):  # "gone": the registry did not answer the read
                        raise AssertionError(got)
                    during[key] = got
                except (requests.RequestException, AssertionError):
                    # the registry was killed under editor2's request: whether it committed is
                    # editor2's business (the office never touches this item); read it after
                    unknown.add(key)

        conc = threading.Thread(target=concurrently) if chosen or chosen_services else None
        # 3. sometimes pull first (through the faults)
        if rng.random() < 0.3:
            for _ in range(self.args.max_attempts):
                self.reg.ensure_up()
                self.proxy.rate = self.args.rate
                try:
                    pull_province(self.client, self.path, PROVINCE)
                    break
                except Exception as e:  # noqa: BLE001 - network faults: pull again
                    last = e
                finally:
                    self.proxy.rate = 0.0
            else:
                raise AssertionError(f"pull never succeeded: {last}")
        self.publish_until_complete(self.args.rate, True, conc)
        if conc is not None:
            conc.join()
        expected.update(during)
        # 4. compare
        T = self.truth()
        for k in unknown:
            if k in T:
                expected[k] = T[k]
        lost = sum(1 for k, st in expected.items() if k not in T or not self.same(k, T[k], st))
        extra = sum(1 for k in T if k not in expected)
        names = [st.get("name_en") for k, st in T.items()]
        dup = extra + sum(names.count(n) - 1 for n in set(names)
                          if isinstance(n, str) and n.startswith(("add ", "new "))
                          and names.count(n) > 1)
        surfaced = {(c.collection, c.pin_id) for c in open_conflicts(self.path)}
        self.expected_conflicts += len(conflicts)
        self.surfaced_conflicts += len(surfaced)
        self.service_conflicts += sum(1 for k in conflicts if k[0] == SERVICES_C)
        self.pin_deletions_with_services += sum(
            1 for p in deleted_pins if any(v.get("pin_id") == p for v in SV.values()))
        self.services_checked += sum(1 for k in expected if k[0] == SERVICES_C)
        if lost or dup or surfaced != conflicts:
            log(f"run {run}: lost={lost} dup={dup} conflicts expected={sorted(conflicts)} "
                f"surfaced={sorted(surfaced)}")
            for k, st in expected.items():
                if k not in T or not self.same(k, T[k], st):
                    log(f"  {k}: expected {st} registry {T.get(k)}")
            for k in T:
                if k not in expected:
                    log(f"  extra {k}: {T[k]}")
        self.lost += lost
        self.duplicated += dup
        # 5. resolve at random, publish (faults on), then registry == working copy
        for c in open_conflicts(self.path):
            if c.resolution is None and any(x.id == c.id for x in open_conflicts(self.path)):
                resolve_conflict(self.path, c.pin_id, c.field, rng.choice(("local", "remote")),
                                 c.collection)
        self.publish_until_complete(self.args.rate, False)
        T = self.truth()
        L2 = self.local_truth()
        before = {(PINS_C, k): v for k, v in S.items()}
        before.update({(SERVICES_C, k): v for k, v in SV.items()})
        mine = {(PINS_C, k): v for k, v in L.items()}
        mine.update({(SERVICES_C, k): v for k, v in LV.items()})
        remote0 = {(PINS_C, k): v for k, v in R0.items()}
        remote0.update({(SERVICES_C, k): v for k, v in RV0.items()})
        # the office's intent (its changes, conflicts as resolved) must now be the registry's
        touched = {k for k in set(before) | set(mine)
                   if (k in before) != (k in mine) or (k in before and k in mine
                                                      and not self.same(k, before[k], mine[k]))}
        check = touched | conflicts | (set(L2) - set(before) - set(mine) - set(remote0))
        lost2 = sum(1 for k in check if (k in L2) != (k in T)
                    or (k in L2 and not self.same(k, T[k], L2[k])))
        dup2 = sum(1 for k in T if k not in L2 and k not in created_by_e2)
        if lost2 or dup2:
            log(f"run {run} after resolving: lost={lost2} dup={dup2}")
            for k in check:
                if (k in L2) != (k in T) or (k in L2 and not self.same(k, T[k], L2[k])):
                    log(f"  {k}: local {L2.get(k)} registry {T.get(k)}")
        self.lost += lost2
        self.duplicated += dup2
        # a pull (no faults) brings editor2's concurrent edits; then both sides are equal
        pull_province(self.client, self.path, PROVINCE)
        L3 = self.local_truth()
        T = self.truth()
        if set(L3) != set(T) or any(not self.same(k, L3[k], T[k]) for k in T):
            bad = [k for k in set(L3) | set(T) if k not in L3 or k not in T
                   or not self.same(k, L3[k], T[k])]
            log(f"run {run}: after pull the working copy differs from the registry: {bad[:5]}")
            self.lost += len(bad)
        if open_conflicts(self.path):
            log(f"run {run}: conflicts open after the pull")
        self.S = self.registry_truth()
        self.SV = self.registry_services()


def child_publish(argv) -> int:
    """--child PATH URL AUTHCFG TIMEOUT: publish once (killed by the harness at some point)."""
    from qgis.core import QgsApplication

    from citizen_pins.core.qgis_compat import standalone_app

    app = standalone_app(os.environ["CP_FAULTS_PROFILE"])  # noqa: F841 (QGIS lives while it does)
    QgsApplication.authManager().setMasterPassword(os.environ["CP_FAULTS_MASTER"], True)
    from citizen_pins.registry.client import RegistryClient
    from citizen_pins.registry.sync import publish

    path, url, authcfg, timeout = argv[0], argv[1], argv[2], float(argv[3])
    client = RegistryClient(url, authcfg, timeout_s=timeout, retries=2, backoff_s=0.05)
    publish(path, client, in_flight=3, backoff_s=0.05, max_rounds=4)
    return 0


def main(argv=None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv and argv[0] == "--child":
        return child_publish(argv[1:])
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=int(os.environ.get("FAULT_RUNS", 1000)))
    ap.add_argument("--seed", type=int, default=int(os.environ.get("FAULT_SEED", 20250131)))
    ap.add_argument("--rate", type=float, default=0.25, help="fault probability per request")
    ap.add_argument("--kill-rate", type=float, default=0.03,
                    help="probability per publish attempt of SIGKILLing the registry")
    ap.add_argument("--client-kill-rate", type=float, default=0.02,
                    help="probability per publish attempt of SIGKILLing the publishing process")
    ap.add_argument("--timeout", type=float, default=1.5, help="client timeout (s)")
    ap.add_argument("--seed-pins", type=int, default=40)
    ap.add_argument("--max-attempts", type=int, default=40)
    ap.add_argument("--keep", action="store_true", help="keep the temporary folder")
    args = ap.parse_args(argv)
    h = Harness(args)
    t0 = time.monotonic()
    try:
        h.setup()
        for run in range(args.runs):
            h.run(run)
            if (run + 1) % 50 == 0:
                log(f"  {run + 1} runs, {time.monotonic() - t0:.0f} s: lost={h.lost} "
                    f"duplicated={h.duplicated} conflicts {h.surfaced_conflicts}/"
                    f"{h.expected_conflicts}, registry kills {h.kills} "
                    f"(restarts {h.reg.restarts}), client kills {h.client_kills}, "
                    f"faults {dict(h.proxy.counts)}")
    finally:
        h.close()
    log(f"services: {h.services_checked} checked in the registry, {h.service_conflicts} of the "
        f"{h.expected_conflicts} expected conflicts about a service, "
        f"{h.pin_deletions_with_services} pins with services deleted by the office")
    log(f"{args.runs} runs in {time.monotonic() - t0:.0f} s; registry kills {h.kills} "
        f"(restarts {h.reg.restarts}), client kills {h.client_kills}; faults injected "
        f"{sum(v for k, v in h.proxy.counts.items() if k != 'none')} of "
        f"{sum(h.proxy.counts.values())} requests: {dict(h.proxy.counts)}")
    print(f"faults: runs={args.runs} lost={h.lost} duplicated={h.duplicated} "
          f"conflicts_expected={h.expected_conflicts} conflicts_surfaced={h.surfaced_conflicts} "
          f"services={h.services_checked}", flush=True)
    return 0 if h.lost == 0 and h.duplicated == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
