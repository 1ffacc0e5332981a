"""The publish engine: the diff of the working copy against the base, sent exactly once.

The model (see docs/sync.md):

* the **change set** is :func:`core.diff.diff` of the layer against the base -- added, changed
  (which fields), deleted -- leaving out pins with open conflicts;
* every operation is written to the **journal** (state ``pending``, with the exact feature and
  ``If-Match`` sent) BEFORE it is sent, and moved to ``done`` / ``conflict`` / ``failed`` in the
  same SQLite transaction that updates the base and the layer, only once the registry's answer is
  known;
* an operation whose answer was lost (timeout, dropped connection, cut response, 502/503,
  registry restarted, QGIS killed) stays ``pending`` and is sent again -- with the SAME payload and
  ``If-Match`` -- by the next round or the next publish, and its answer is read so that a repeat is
  harmless: a POST of the same pin is idempotent (200), a PUT answered 412 whose current content
  equals the intended one succeeded earlier, a DELETE answered 404 "deleted" succeeded earlier;
* a 412 (or a create answered 409 ``exists_different``) whose current content differs is a real
  concurrent change: the remote pin is compared with the base and the layer field by field; one-sided
  changes merge (and the merged pin is sent again, with the new ``If-Match``), both-sided ones
  become conflicts in ``citizen_pins_conflicts`` for a person to resolve
  (:func:`resolve_conflict`), after which the next publish sends the pin.

Services (each with its steps and documents) travel through the same engine: the same diff
against their base (:data:`core.diff.SERVICES`, record by record inside), the same journal, the
same reading of answers, the same conflicts (field paths such as ``documents/<id>/copies``).
Order matters where items depend on each other, so each round sends in three phases: pins
created or changed, then services (a service waits while its pin's creation has no answer), then
pins deleted.  A pin deleted here takes its services with it in the registry, in the same
transaction: its deletion names the services the working copy knows (``X-Citizen-Pins-
Services``), and if someone added or changed one meanwhile the registry refuses (412
``services_changed``) and the pin's existence becomes a conflict for a person to decide -- a
service is never deleted unseen.

Requests run in a few worker threads (QThread: ``QgsBlockingNetworkRequest`` releases the GIL
and needs a Qt thread for its timers); when the registry advertises a bulk endpoint
(``rel="bulk"``), operations go in chunks of up to 1000, one database transaction each.  Results
are applied by the calling thread only (one SQLite connection).
"""
from __future__ import annotations

import queue
import time
import uuid
from dataclasses import dataclass, field
from typing import Callable, Dict, List, Optional, Sequence, Tuple

from ..core import diff as d
from ..core import schema
from .client import RegistryClient, etag_for_version, version_from_etag
from .errors import RegistryError
from .sync_store import (
    CONFLICT, CREATE, DELETE, DONE, FAILED, PINS, REPLACE, SERVICES, JournalOp, StoreError,
    SyncStore)

#: Operations per bulk request (the registry takes up to 1000).
BULK_CHUNK = 500
#: Requests in flight at once.
IN_FLIGHT = 2
#: Rounds of re-sending operations whose answer was lost, within one publish.
MAX_ROUNDS = 6

# How a registry answer is read (per operation).
_OK, _REMOTE_CHANGED, _REMOTE_DELETED, _FAILED, _UNKNOWN, _FATAL = (
    "ok", "remote_changed", "remote_deleted", "failed", "unknown", "fatal")
#: Statuses after which the whole publish stops (nothing more would succeed).
_FATAL_STATUSES = (401,)
#: Error codes with no answer: the operation may or may not have reached the registry.
_UNKNOWN_CODES = ("network", "timeout", "bad_response", "canceled", "server_error",
                  "database_unavailable", "proxy", "host_not_found")


class PublishError(Exception):
    """A publish cannot start (the message says what to do, Thai and English)."""


@dataclass
class Blocking:
    """A validation finding that stops the publish (``record``: ``<table>/<id>`` when it is
    about a service, a step or a document of the pin)."""
    pin_id: str
    rule_id: str
    message_th: str
    message_en: str
    record: str = ""

    def text(self) -> str:
        return f"{self.pin_id} [{self.rule_id}] {self.message_th} / {self.message_en}"


@dataclass
class Preview:
    change_set: d.ChangeSet
    conflicted_pins: List[str]
    problems: List[str]
    pending: int
    #: the states compared (pin_id -> state): the registry's at the last sync, and the layer's
    base: Dict[str, d.State] = field(default_factory=dict)
    local: Dict[str, d.State] = field(default_factory=dict)
    #: the services': their change set (a service deleted with its pin is not in it), states
    #: (service_id -> state, with ``pin_id``, steps and documents) and open conflicts
    service_changes: d.ChangeSet = field(default_factory=d.ChangeSet)
    service_base: Dict[str, d.State] = field(default_factory=dict)
    service_local: Dict[str, d.State] = field(default_factory=dict)
    conflicted_services: List[str] = field(default_factory=list)
    #: pins deleted here -> their services, deleted with them (one request, one transaction)
    with_pin: Dict[str, List[str]] = field(default_factory=dict)

    def counts(self) -> Dict[str, int]:
        out = dict(self.change_set.counts())
        out.update({f"services_{k}": v for k, v in self.service_changes.counts().items()})
        out["services_deleted"] += sum(len(v) for v in self.with_pin.values())
        out["conflicts"] = len(self.conflicted_pins)
        out["service_conflicts"] = len(self.conflicted_services)
        out["pending"] = self.pending
        return out

    def lines(self, limit: int = 50) -> List[str]:
        return d.describe(self.change_set.changes + self.service_changes.changes, limit)

    def records(self, service_ids) -> Dict[str, str]:
        """``<table>/<id>`` of each service, step and document of these services -> its
        service (what validation names in its findings)."""
        out = {}
        for sid in service_ids:
            state = self.service_local.get(sid) or {}
            out[f"{schema.SERVICES}/{sid}"] = sid
            for key, table in d.NESTED:
                for rid in state.get(key) or {}:
                    out[f"{table.name}/{rid}"] = sid
        return out


@dataclass
class PublishResult:
    publish_id: str
    preview: Preview
    dry_run: bool = False
    findings: List[Blocking] = field(default_factory=list)
    resumed: int = 0
    sent: int = 0
    created: int = 0          # pins (services below)
    replaced: int = 0
    deleted: int = 0
    services_created: int = 0
    services_replaced: int = 0
    services_deleted: int = 0
    reconciled: int = 0       # lost answers found to have succeeded
    merged: int = 0           # 412s merged without conflict (and sent again)
    conflicts: List[str] = field(default_factory=list)   # items (pins, services) with new conflicts
    failed: List[Tuple[str, str, str]] = field(default_factory=list)  # (item id, op, message)
    #: the same refusals for a person: pin_id, op, status, code, name, message_th, message_en,
    #: collection; for a service also service_id and pin_name (pin_id is then its pin's)
    refused: List[dict] = field(default_factory=list)
    pending: int = 0          # operations still waiting for an answer
    canceled: bool = False
    stopped: str = ""         # why the publish stopped early (fatal error), if it did
    seconds: float = 0.0

    def count(self, kind: d.Kind, op: str) -> None:
        prefix = "" if kind is PINS else "services_"
        name = {CREATE: "created", REPLACE: "replaced", DELETE: "deleted"}[op]
        setattr(self, prefix + name, getattr(self, prefix + name) + 1)

    @property
    def complete(self) -> bool:
        return not self.dry_run and not self.findings and not self.pending and not self.stopped \
            and not self.canceled

    def summary(self) -> str:
        if self.findings:
            return (f"{len(self.findings)} blocking finding(s): nothing was sent; fix them and "
                    f"publish again. / พบข้อผิดพลาดที่ต้องแก้ {len(self.findings)} รายการ "
                    "ยังไม่ได้ส่งข้อมูลใด ๆ กรุณาแก้ไขแล้วเผยแพร่อีกครั้ง")
        if self.dry_run:
            c = self.preview.counts()
            return (f"Would publish: {c['added']} added, {c['changed']} changed, {c['deleted']} "
                    f"deleted; services: {c['services_added']} added, {c['services_changed']} "
                    f"changed, {c['services_deleted']} deleted ({c['conflicts']} pin(s) and "
                    f"{c['service_conflicts']} service(s) wait for conflicts to be resolved). / "
                    f"จะเผยแพร่: เพิ่ม {c['added']} แก้ไข {c['changed']} ลบ {c['deleted']} "
                    f"งานบริการ: เพิ่ม {c['services_added']} แก้ไข {c['services_changed']} ลบ "
                    f"{c['services_deleted']} (รอแก้ข้อขัดแย้ง {c['conflicts']} หมุด "
                    f"{c['service_conflicts']} งานบริการ)")
        text = (f"Published: {self.created} created, {self.replaced} replaced, {self.deleted} "
                f"deleted; services: {self.services_created} created, {self.services_replaced} "
                f"replaced, {self.services_deleted} deleted; {len(self.conflicts)} conflict(s), "
                f"{len(self.failed)} refused, {self.pending} waiting. / เผยแพร่แล้ว: เพิ่ม "
                f"{self.created} แก้ไข {self.replaced} ลบ {self.deleted} งานบริการ: เพิ่ม "
                f"{self.services_created} แก้ไข {self.services_replaced} ลบ "
                f"{self.services_deleted} ข้อขัดแย้ง {len(self.conflicts)} ถูกปฏิเสธ "
                f"{len(self.failed)} รอคำตอบ {self.pending}")
        if self.pending:
            text += ("\nSome changes got no answer from the registry; nothing is lost: publish "
                     "again to finish them. / บางรายการยังไม่ได้รับคำตอบจากทะเบียนกลาง ข้อมูลไม่สูญหาย "
                     "กรุณาเผยแพร่อีกครั้งเพื่อให้เสร็จ")
        if self.stopped:
            text += "\n" + self.stopped
        return text


# -- the GUI's questions --------------------------------------------------------------------------

def preview(path: str) -> Preview:
    """What a publish would send now (no network): counts and the list of changes."""
    with _open(path) as store:
        return _preview(store)


def _preview(store: SyncStore) -> Preview:
    local, problems = store.read_layer()
    base = store.read_base()
    conflicted = store.conflicted_pins()
    base_states = {k: v.state for k, v in base.items()}
    local_states = {k: v.state for k, v in local.items()}
    cs = d.diff(base_states, local_states, skip=conflicted)
    slocal, sproblems = store.read_services()
    sbase = {k: v.state for k, v in store.read_service_base().items()}
    slocal_states = {k: v.state for k, v in slocal.items()}
    sconflicted = store.conflicted(SERVICES.collection)
    # a service waits while it has an open conflict, or while its pin's existence is one (the
    # pin deleted on one side: its services go, or stay, with it)
    waiting = {c.pin_id for c in store.conflicts(True, collection=PINS.collection)
               if c.field == d.EXISTENCE}
    skip = set(sconflicted) | {sid for states in (sbase, slocal_states)
                               for sid, st in states.items() if st.get("pin_id") in waiting}
    scs = d.diff(sbase, slocal_states, skip=skip, kind=SERVICES)
    deleted_pins = {c.pin_id for c in cs.deleted}
    with_pin: Dict[str, List[str]] = {}
    kept = []
    for c in scs.deleted:
        pin = sbase[c.pin_id].get("pin_id")
        if pin in deleted_pins:
            with_pin.setdefault(pin, []).append(c.pin_id)
        else:
            kept.append(c)
    scs.deleted = kept
    return Preview(cs, conflicted, problems + sproblems, len(store.pending()), base_states,
                   local_states, scs, sbase, slocal_states, sconflicted, with_pin)


def open_conflicts(path: str, pin_id: Optional[str] = None, collection: Optional[str] = None):
    """The conflicts a person has to resolve (see :class:`sync_store.Conflict`): of pins and of
    services (``collection``), or of one item."""
    with _open(path) as store:
        return store.conflicts(True, pin_id, collection)


def resolve_conflict(path: str, pin_id: str, field: str, choice: str,
                     collection: str = PINS.collection) -> int:
    """Resolve one conflicting field of an item (``pin_id``: a pin's id, or a service's with
    ``collection="services"``): ``choice`` is ``local`` (keep the working copy's value) or
    ``remote`` (take the registry's).  For the pseudo-field ``_deleted`` (deleted on one side,
    edited on the other): ``local`` keeps the local side (a local deletion is then published; an
    item deleted in the registry but kept locally is published again under a NEW id, since a
    deleted id is never reused -- a pin with its services, each under a new id too); ``remote``
    takes the registry's side (a pin with its services).  A service's step or document
    (``documents/<id>/copies``, ``documents/<id>/_deleted``) is resolved the same way inside its
    service.

    Writes the working copy (save your edits first).  Returns the number of conflicts still open
    for the item; at 0 it is in the next publish.
    """
    if choice not in ("local", "remote"):
        raise PublishError(f"Choose 'local' or 'remote', not '{choice}'. / เลือก local หรือ remote")
    kind = d.KINDS.get(collection)
    if kind is None:
        raise PublishError(f"Unknown collection '{collection}'. / ไม่รู้จักชุดข้อมูล '{collection}'")
    with _open(path) as store:
        rows = [c for c in store.conflicts(True, pin_id, collection) if c.field == field]
        if not rows:
            raise PublishError(f"{pin_id} has no open conflict on '{field}'. / "
                               f"{pin_id} ไม่มีข้อขัดแย้งที่ '{field}'")
        c = rows[0]
        with store.transaction():
            if kind is PINS:
                _resolve_pin(store, c, choice)
            else:
                _resolve_service(store, c, choice)
            store.resolve(c.id, choice)
        return len(store.conflicts(True, pin_id, collection))


def _resolve_pin(store: SyncStore, c, choice: str) -> None:
    pin_id, field = c.pin_id, c.field
    local = store.layer_pin(pin_id)
    if field == d.EXISTENCE:
        if c.local_value == "deleted":       # deleted here, edited there
            if choice == "remote":           # the pin comes back, with its services
                base = store.base_pin(pin_id)
                if base is not None and local is None:
                    store.write_layer_pin(pin_id, base.state, base.version, base.updated_at,
                                          insert=True)
                if store.has_services():
                    have = set(store.services_of_pin(pin_id))
                    for sid, b in store.read_service_base().items():
                        if b.state.get("pin_id") == pin_id and sid not in have:
                            store.write_service(sid, b.state, b.version, b.updated_at)
        else:                                # edited here, deleted there (with its services)
            services = store.services_of_pin(pin_id)
            if choice == "remote":
                store.delete_layer_pin(pin_id)
                for sid in services:
                    store.delete_local_service(sid)
            elif local is not None:          # published again: new ids, its services too
                new_pin = str(uuid.uuid4())
                store.change_pin_id(pin_id, new_pin)
                for sid in services:
                    store.change_service_id(sid, str(uuid.uuid4()), new_pin)
            for sid in services:
                store.delete_service_base(sid)
                for other in store.conflicts(True, sid, SERVICES.collection):
                    store.resolve(other.id, choice)
            for sid in list(store.service_base_of_pin(pin_id)):
                store.delete_service_base(sid)
            store.delete_base(pin_id)
    elif choice == "remote" and local is not None:
        state = dict(local.state)
        state[field] = c.remote_value
        base = store.base_pin(pin_id)
        store.write_layer_pin(pin_id, state, base.version if base else local.version,
                              base.updated_at if base else None, fid=local.fid)


def _resolve_service(store: SyncStore, c, choice: str) -> None:
    sid, field = c.pin_id, c.field
    local = store.local_service(sid)
    base = store.service_base(sid)
    if field == d.EXISTENCE:
        if c.local_value == "deleted":       # deleted here, edited there
            if choice == "remote" and base is not None and local is None:
                store.write_service(sid, base.state, base.version, base.updated_at)
        else:                                # edited here, deleted there
            if choice == "remote":
                store.delete_local_service(sid)
            elif local is not None:
                store.change_service_id(sid, str(uuid.uuid4()))
            store.delete_service_base(sid)
        return
    if choice != "remote" or local is None:
        return                               # the local value stays, and is published
    state = _copy_state(local.state)
    parts = field.split("/")
    if len(parts) == 1:
        state[field] = c.remote_value
    else:
        key, rid = parts[0], parts[1]
        records = state.setdefault(key, {})
        if parts[2] == d.EXISTENCE:
            remote = ((base.state if base else {}).get(key) or {}).get(rid)
            if remote is None:
                records.pop(rid, None)       # deleted there: deleted here
            else:
                records[rid] = dict(remote)  # deleted here, changed there: it comes back
        elif rid in records:
            records[rid][parts[2]] = c.remote_value
    store.write_service(sid, state, base.version if base else local.version,
                        base.updated_at if base else None)


def _copy_state(state: d.State) -> d.State:
    out = dict(state)
    for key, _t in d.NESTED:
        out[key] = {rid: dict(rec) for rid, rec in (state.get(key) or {}).items()}
    return out


def mark_distinct(path: str, pin_id: str, other_pin_id: Optional[str] = None) -> None:
    """A person says the new pin ``pin_id`` is a different service point from the published pin
    ``other_pin_id`` nearby with the same name: validation stops blocking it and the publish
    tells the registry so (which otherwise refuses it as a duplicate)."""
    with _open(path) as store:
        store.set_distinct(pin_id, other_pin_id)


def check_unsaved_edits(path: str, project=None) -> None:
    """Raise PublishError when a layer of ``project`` reading this working copy has edits that
    are not saved (the GUI asks the user to save them first)."""
    import os

    if project is None:
        return
    target = os.path.normcase(os.path.abspath(path))
    for layer in project.mapLayers().values():
        source = getattr(layer, "source", lambda: "")() or ""
        file_part = source.split("|", 1)[0]
        if not file_part or os.path.normcase(os.path.abspath(file_part)) != target:
            continue
        if getattr(layer, "isEditable", lambda: False)() and layer.isModified():
            raise PublishError(
                f"The layer '{layer.name()}' has edits that are not saved. Save them (Layer > "
                "Save Layer Edits) or roll them back, then publish. / ชั้นข้อมูล "
                f"'{layer.name()}' มีการแก้ไขที่ยังไม่ได้บันทึก กรุณาบันทึกหรือยกเลิกการแก้ไขก่อนเผยแพร่")


def _open(path: str) -> SyncStore:
    try:
        return SyncStore(path)
    except StoreError as e:
        raise PublishError(str(e))


# -- workers --------------------------------------------------------------------------------------

def _make_worker_class():
    from qgis.PyQt.QtCore import QThread

    class Worker(QThread):
        """Takes jobs from a queue and sends them with its own client (its own network access
        manager); results go back to the publishing thread."""

        def __init__(self, make_client, jobs: "queue.Queue", results: "queue.Queue"):
            super().__init__()
            self.make_client = make_client
            self.jobs = jobs
            self.results = results

        def run(self):  # noqa: D401 - QThread API
            client = self.make_client()
            while True:
                job = self.jobs.get()
                if job is None:
                    return
                try:
                    out = job(client)
                except RegistryError as e:
                    out = e
                except Exception as e:  # noqa: BLE001 - reported, never lost
                    out = RegistryError(0, "network", f"Unexpected error: {e}",
                                        f"ข้อผิดพลาดที่ไม่คาดคิด: {e}")
                self.results.put((job, out))

    return Worker


_WORKER = None


def _worker_class():
    global _WORKER
    if _WORKER is None:
        _WORKER = _make_worker_class()
    return _WORKER


@dataclass
class _Answer:
    """One operation's answer as read from a single request or a bulk result."""
    status: int
    code: str = ""
    version: Optional[int] = None
    updated_at: Optional[str] = None
    current: Optional[dict] = None     # the registry's pin (412 / 409 bodies, single requests)
    message: str = ""
    message_th: str = ""
    message_en: str = ""
    services: Optional[List[dict]] = None  # a pin's services (412 services_changed, single)


class _Job:
    def __init__(self, ops: List[JournalOp], bulk: bool, distinct=frozenset(),
                 services: Optional[Dict[str, Dict[str, int]]] = None):
        self.ops = ops
        self.bulk = bulk
        #: pins a person said are a different service point (the registry is told so)
        self.distinct = distinct
        #: pins deleted -> their services as the working copy knows them (the precondition)
        self.services = services or {}
        self.collection = ops[0].collection if ops else PINS.collection

    def __call__(self, client: RegistryClient):
        if self.bulk:
            return client.bulk([_bulk_op(op, op.pin_id in self.distinct,
                                         self.services.get(op.pin_id)) for op in self.ops],
                               retry=False, collection=self.collection)
        op = self.ops[0]
        if op.op == CREATE:
            feat, etag, _created = client.create(op.payload, retry=False,
                                                 distinct=op.pin_id in self.distinct,
                                                 collection=op.collection)
            return [{"status": 201, "version": _version(feat, etag),
                     "updated_at": (feat.get("properties") or {}).get("updated_at")}]
        if op.op == REPLACE:
            feat, etag = client.replace(op.pin_id, op.payload, op.if_match or "",
                                        collection=op.collection)
            return [{"status": 200, "version": _version(feat, etag),
                     "updated_at": (feat.get("properties") or {}).get("updated_at")}]
        client.delete(op.pin_id, op.if_match or "", collection=op.collection,
                      services=self.services.get(op.pin_id))
        return [{"status": 204}]


def _version(feat: dict, etag: Optional[str]) -> Optional[int]:
    v = (feat.get("properties") or {}).get("version") if isinstance(feat, dict) else None
    return int(v) if v is not None else version_from_etag(etag or "")


def _bulk_op(op: JournalOp, distinct: bool = False,
             services: Optional[Dict[str, int]] = None) -> dict:
    if op.op == CREATE:
        out = {"op": "create", "feature": op.payload}
        if distinct:
            out["distinct"] = True
        return out
    if op.op == REPLACE:
        return {"op": "replace", "id": op.pin_id, "if_match": op.if_match, "feature": op.payload}
    out = {"op": "delete", "id": op.pin_id, "if_match": op.if_match}
    if services is not None:
        out["services"] = services
    return out


def _answer_from_result(r: dict) -> _Answer:
    ver = r.get("version")
    if ver is None and r.get("etag"):
        ver = version_from_etag(r["etag"])
    msg = r.get("message_en") or ""
    if r.get("message_th"):
        msg = f"{r['message_th']} / {msg}"
    th, en = r.get("message_th") or "", r.get("message_en") or ""
    for p in r.get("problems") or []:
        msg += f"\n- {p.get('field') or ''}: {p.get('message_th') or ''} / {p.get('message_en') or ''}"
        th += f"\n- {p.get('message_th') or ''}"
        en += f"\n- {p.get('message_en') or ''}"
    return _Answer(int(r.get("status") or 0), str(r.get("code") or ""),
                   int(ver) if ver is not None else None, r.get("updated_at"), None, msg, th, en)


def _answer_from_error(e: RegistryError) -> _Answer:
    th, en = e.message_th, e.message_en
    for p in e.problems:
        th += f"\n- {p.get('message_th') or ''}"
        en += f"\n- {p.get('message_en') or ''}"
    return _Answer(e.status, e.code, version_from_etag(e.etag or "") if e.etag else None, None,
                   e.current, str(e), th, en, e.services)


# -- the engine -----------------------------------------------------------------------------------

class Publisher:
    """One publish of one working copy.  Use from one thread (a Processing algorithm / QgsTask)."""

    def __init__(self, path: str, client: RegistryClient, feedback=None,
                 in_flight: int = IN_FLIGHT, use_bulk: Optional[bool] = None,
                 chunk: int = BULK_CHUNK, max_rounds: int = MAX_ROUNDS,
                 backoff_s: float = 0.5, log: Optional[Callable[[str], None]] = None):
        self.path = path
        self.client = client
        self.feedback = feedback
        self.in_flight = max(1, int(in_flight))
        self.use_bulk = use_bulk
        self.chunk = max(1, min(1000, int(chunk)))
        self.max_rounds = max(1, int(max_rounds))
        self.backoff_s = backoff_s
        self.log = log or (lambda text: None)
        self.result: Optional[PublishResult] = None
        self._fatal = ""
        self._total = 0
        self._answered = 0

    # -- public --------------------------------------------------------------------------------
    def run(self, dry_run: bool = False,
            validator: Optional[Callable[[Sequence[str], Dict[str, str]], List[Blocking]]] = None
            ) -> PublishResult:
        """Validate, resume what an earlier publish left pending, then send the change set.

        ``validator(pin_ids, records)`` returns the blocking findings about those pins (added or
        changed) and about the services sent (``records``: ``<table>/<id>`` of every service,
        step and document sent -> its service); any finding stops the publish before anything
        is sent.
        """
        t0 = time.monotonic()
        with _open(self.path) as store:
            self.store = store
            pv = _preview(store)
            res = PublishResult(str(uuid.uuid4()), pv, dry_run=dry_run)
            self.result = res
            if pv.problems:
                res.findings = [Blocking("", "pin_id", p, p) for p in pv.problems]
            if validator is not None:
                pending = store.pending()
                ids = [c.pin_id for c in pv.change_set.added + pv.change_set.changed]
                ids += [op.pin_id for op in pending if op.op != DELETE and op.kind is PINS]
                sids = [c.pin_id for c in pv.service_changes.added + pv.service_changes.changed]
                sids += [op.pin_id for op in pending if op.op != DELETE and op.kind is SERVICES]
                if ids or sids:
                    res.findings.extend(validator(sorted(set(ids)), pv.records(set(sids))))
            if dry_run or res.findings:
                res.seconds = time.monotonic() - t0
                return res
            # 0. the registry accepts this plugin's version (else nothing is sent, not even what
            # an earlier publish left pending: the registry could misread it)
            try:
                self.client.check_plugin_version()
            except RegistryError as e:
                if e.code == "plugin_outdated" or not (e.code in _UNKNOWN_CODES or e.status == 0
                                                       or e.status >= 500 or e.status == 429):
                    raise
                # No readable answer (a lost or cut reply, a registry restarting) is a fault
                # of the network, not a refusal: the publish goes on, as it does when the
                # bulk link cannot be read.  Sending stays safe: the registry itself refuses
                # every write of a plugin older than its minimum (400 plugin_outdated, nothing
                # written), which stops the publish below (_apply); the next publish asks again.
                self.log(f"the registry's landing page could not be read ({e.code}); "
                         "its version check is left to the registry")
            # 1. what an earlier publish left without an answer
            res.resumed = len(store.pending())
            if res.resumed:
                self.log(f"resuming {res.resumed} operation(s) of an interrupted publish")
                self._rounds()
            # 2. the change set, journaled before anything is sent
            if not store.pending() and not self._fatal and not self._is_canceled():
                pv = _preview(store)
                res.preview = pv
                # a change the registry refused a moment ago (resumed above) is not sent again
                # in the same publish: it waits for the person to change it
                refused = {pin for pin, _op, _msg in res.failed}

                def keep(cs: d.ChangeSet) -> d.ChangeSet:
                    return d.ChangeSet(*([c for c in part if c.pin_id not in refused]
                                         for part in (cs.added, cs.changed, cs.deleted)))

                self._journal(keep(pv.change_set), res.publish_id, keep(pv.service_changes))
                self._rounds()
            res.pending = len(store.pending())
            res.stopped = self._fatal
            res.canceled = self._is_canceled()
            res.seconds = time.monotonic() - t0
            return res

    # -- steps ---------------------------------------------------------------------------------
    def _is_canceled(self) -> bool:
        return self.feedback is not None and self.feedback.isCanceled()

    def _journal(self, cs: d.ChangeSet, publish_id: str,
                 scs: Optional[d.ChangeSet] = None) -> None:
        """Every operation, written (durably) before anything is sent: the pins' (``cs``) and
        the services' (``scs``); a pin's deletion takes its services along (they are not
        journaled on their own)."""
        store = self.store
        for kind, changes in ((PINS, cs), (SERVICES, scs or d.ChangeSet())):
            base = store.base_items(kind)
            local, _ = store.local_items(kind)
            ops = [(CREATE, c.pin_id, None,
                    kind.feature_from_state(c.pin_id, local[c.pin_id].state), c.fields,
                    kind.collection) for c in changes.added]
            ops += [(REPLACE, c.pin_id, etag_for_version(base[c.pin_id].version),
                     kind.feature_from_state(c.pin_id, local[c.pin_id].state), c.fields,
                     kind.collection) for c in changes.changed]
            ops += [(DELETE, c.pin_id, etag_for_version(base[c.pin_id].version), None, [],
                     kind.collection) for c in changes.deleted]
            with store.transaction():
                store.journal_add_many(publish_id, ops)

    def _rounds(self) -> None:
        for rnd in range(self.max_rounds):
            ops = self.store.pending()
            if not ops or self._fatal or self._is_canceled():
                return
            if rnd:
                delay = self.backoff_s * (2 ** (rnd - 1))
                self.log(f"{len(ops)} operation(s) without an answer; sending again in "
                         f"{delay:.1f} s")
                end = time.monotonic() + delay
                while time.monotonic() < end and not self._is_canceled():
                    time.sleep(0.05)
                if self._is_canceled():
                    return
            self._send(ops)

    def _bulk_available(self, collection: str) -> bool:
        if self.use_bulk is False:
            return False
        try:
            return bool(self.client.bulk_url(collection))
        except RegistryError as e:
            if e.code in _UNKNOWN_CODES:
                self.client._links = None  # ask again next time
                return False
            raise

    #: The phases of a round: pins created or changed, then services, then pins deleted.
    _PHASES = ((lambda op: op.kind is PINS and op.op != DELETE),
               (lambda op: op.kind is SERVICES),
               (lambda op: op.kind is PINS and op.op == DELETE))

    def _send(self, ops: List[JournalOp]) -> None:
        """One round: the operations in their phases, each phase's answers applied before the
        next phase is sent; an operation whose item depends on one still without an answer
        waits for the next round."""
        ids = {op.id for op in ops}
        self._unpublished: Optional[set] = None  # pins whose creation was refused (read once)
        self._total = len(ops)
        self._answered = 0
        for wanted in self._PHASES:
            if self._fatal or self._is_canceled():
                return
            pending = self.store.pending()
            batch = [op for op in pending if op.id in ids and wanted(op)]
            batch = [op for op in batch if self._ready(op, pending)]
            if batch:
                self._send_batch(batch)

    def _ready(self, op: JournalOp, pending: List[JournalOp]) -> bool:
        """Whether an operation may be sent now: a service whose pin's creation has no answer
        yet waits (and one whose pin the registry refused is refused with it); a pin's deletion
        waits for the operations on its services."""
        st = self.store
        if op.kind is SERVICES and op.op != DELETE:
            pin = ((op.payload or {}).get("properties") or {}).get("pin_id")
            if st.base_pin(pin) is not None:
                return True
            if any(o.kind is PINS and o.pin_id == pin and o.op == CREATE for o in pending):
                return False
            if self._unpublished is None:
                self._unpublished = {o.pin_id for o in st.journal((FAILED, CONFLICT))
                                     if o.kind is PINS and o.op == CREATE}
            if pin in self._unpublished:
                message = ("Its service point was not published: publish it first. / "
                           "จุดให้บริการของงานบริการนี้ยังไม่ได้เผยแพร่ กรุณาเผยแพร่จุดให้บริการก่อน")
                st.journal_set(op.id, FAILED, 0, None, message)
                self._refused(op, 0, "pin_not_published", message,
                              "จุดให้บริการของงานบริการนี้ยังไม่ได้เผยแพร่ กรุณาเผยแพร่จุดให้บริการก่อน",
                              "Its service point was not published: publish it first.")
                return False
            return True
        if op.kind is PINS and op.op == DELETE:
            mine = set(st.service_base_of_pin(op.pin_id))
            for o in pending:
                if o.kind is SERVICES and (o.pin_id in mine or ((o.payload or {}).get(
                        "properties") or {}).get("pin_id") == op.pin_id):
                    return False
        return True

    def _send_batch(self, ops: List[JournalOp]) -> None:
        collection = ops[0].collection
        bulk = self._bulk_available(collection)
        distinct = frozenset(self.store.distinct())
        # a pin's deletion names its services as the registry had them at the last sync
        services = {op.pin_id: self.store.service_base_of_pin(op.pin_id)
                    for op in ops if op.kind is PINS and op.op == DELETE}
        if bulk:
            jobs = [_Job(ops[i:i + self.chunk], True, distinct, services)
                    for i in range(0, len(ops), self.chunk)]
        else:
            jobs = [_Job([op], False, distinct, services) for op in ops]
        self.store.journal_attempt([op.id for op in ops])
        self.result.sent += len(ops)
        c = self.client
        # Workers get no feedback: on QGIS 3.22 aborting a QgsBlockingNetworkRequest from a
        # feedback in a worker thread can leave its event loop waiting forever (measured: a
        # hang).  Cancel stops dispatching; requests in flight end with their answer or timeout.
        make = (lambda: RegistryClient(c.base_url, c.authcfg, c.timeout_s, retries=1,
                                       backoff_s=c.backoff_s, feedback=None))
        jobs_q: "queue.Queue" = queue.Queue()
        results_q: "queue.Queue" = queue.Queue()
        workers = [_worker_class()(make, jobs_q, results_q)
                   for _ in range(min(self.in_flight, len(jobs)))]
        for job in jobs:
            jobs_q.put(job)
        for w in workers:
            w.start()
        outstanding = len(jobs)
        try:
            while outstanding:
                if self._is_canceled() or self._fatal:
                    # unstarted jobs are not sent; their operations stay pending
                    try:
                        while True:
                            if jobs_q.get_nowait() is not None:
                                outstanding -= 1
                    except queue.Empty:
                        pass
                    if not outstanding:
                        break
                try:
                    batch = [results_q.get(timeout=0.1)]
                except queue.Empty:
                    continue
                try:  # every answer already there: applied in one SQLite transaction
                    while True:
                        batch.append(results_q.get_nowait())
                except queue.Empty:
                    pass
                outstanding -= len(batch)
                with self.store.transaction(durable=False):
                    for job, out in batch:
                        self._apply(job, out)
        finally:
            for _ in workers:
                jobs_q.put(None)
            for w in workers:
                w.wait()

    # -- answers -------------------------------------------------------------------------------
    def _apply(self, job: _Job, out) -> None:
        if isinstance(out, RegistryError):
            if out.code in ("authcfg", "ssl", "plugin_outdated"):
                # plugin_outdated: the registry refused this plugin's version (nothing written);
                # every operation stays pending for the updated plugin
                self._fatal = str(out)
                return
            if out.code in _UNKNOWN_CODES or out.status == 0 or out.status >= 500 \
                    or out.status == 429:
                return  # no answer per operation: they stay pending, sent again
            if job.bulk or out.status in _FATAL_STATUSES:
                self._fatal = str(out)  # e.g. 401: nothing more would succeed
                return
            answers = [_answer_from_error(out)]
        else:
            answers = [_answer_from_result(r) for r in out]
        with self.store.transaction():
            confirmed: List[tuple] = []  # pins created / replaced: written together
            for op, ans in zip(job.ops, answers):
                if op.kind is PINS and self._confirmed(op, ans):
                    confirmed.append((op.id, op.pin_id, ans.version or 1, ans.updated_at,
                                      PINS.state_from_feature(op.payload), ans.status,
                                      ans.version))
                    continue
                self.store.confirm_pins(confirmed)
                confirmed = []
                self._apply_one(op, ans)
            self.store.confirm_pins(confirmed)
        self._answered += len(job.ops)
        if self.feedback is not None and self._total:
            self.feedback.setProgress(min(100.0, 100.0 * self._answered / self._total))

    def _confirmed(self, op: JournalOp, a: _Answer) -> bool:
        """A create answered 201 / 200 (the same pin already there) or a replace answered 200
        with its version: the base takes what was sent, the layer the version, the op is done
        (as :meth:`_apply_one` does it, counted here, written by the caller in bulk)."""
        if op.op == CREATE and a.status in (200, 201):
            if a.status == 201:
                self.result.count(op.kind, CREATE)
            else:
                self.result.reconciled += 1
            return True
        if op.op == REPLACE and a.status == 200 and a.version is not None:
            self.result.count(op.kind, REPLACE)
            return True
        return False

    def _apply_one(self, op: JournalOp, a: _Answer) -> None:
        st = self.store
        res = self.result
        kind = op.kind
        s = a.status
        if op.op == CREATE and s in (200, 201):
            state = kind.state_from_feature(op.payload)
            st.set_base_item(kind, op.pin_id, a.version or 1, a.updated_at, state)
            st.set_local_version(kind, op.pin_id, a.version or 1, a.updated_at)
            st.journal_set(op.id, DONE, s, a.version)
            if s == 201:
                res.count(kind, CREATE)
            else:
                res.reconciled += 1
            return
        if op.op == REPLACE and s == 200:
            state = kind.state_from_feature(op.payload)
            st.set_base_item(kind, op.pin_id, a.version, a.updated_at, state)
            st.set_local_version(kind, op.pin_id, a.version, a.updated_at)
            st.journal_set(op.id, DONE, s, a.version)
            res.count(kind, REPLACE)
            return
        if op.op == DELETE and (s == 204 or (s == 404 and a.code in (
                "deleted", "not_found", "pin_deleted"))):
            st.delete_base_item(kind, op.pin_id)
            if kind is PINS:
                res.services_deleted += self._services_went_with(op.pin_id) if s == 204 else 0
            st.journal_set(op.id, DONE, s, a.version)
            if s == 204:
                res.count(kind, DELETE)
            else:
                res.reconciled += 1
            return
        if kind is SERVICES and a.code == "pin_deleted":
            self._pin_deleted_under(op, a)
            return
        if s == 412 or (op.op == CREATE and s == 409 and a.code == "exists_different"):
            self._remote_changed(op, a)
            return
        if s == 409 and a.code == "deleted" or (op.op == REPLACE and s == 404):
            self._remote_deleted(op, a)
            return
        if s == 0 or s >= 500 or s == 429:
            return  # no answer for this operation: stays pending
        if s in _FATAL_STATUSES:
            self._fatal = a.message
            return
        st.journal_set(op.id, FAILED, s, None, a.message)
        self._refused(op, s, a.code, a.message, a.message_th or a.message,
                      a.message_en or a.message)

    def _refused(self, op: JournalOp, status: int, code: str, message: str, message_th: str,
                 message_en: str) -> None:
        st = self.store
        res = self.result
        res.failed.append((op.pin_id, op.op, message))
        local = st.local_item(op.kind, op.pin_id) or st.base_item(op.kind, op.pin_id)
        name = (local.state.get("name_th") if local is not None else None) \
            or ((op.payload or {}).get("properties") or {}).get("name_th") or ""
        entry = {"pin_id": op.pin_id, "op": op.op, "status": status, "code": code, "name": name,
                 "message_th": message_th, "message_en": message_en,
                 "collection": op.collection}
        if op.kind is SERVICES:
            pin = (local.state.get("pin_id") if local is not None else None) \
                or ((op.payload or {}).get("properties") or {}).get("pin_id")
            entry["service_id"] = op.pin_id
            entry["pin_id"] = pin or ""
            p = st.layer_pin(pin) if pin else None
            entry["pin_name"] = (p.state.get("name_th") if p is not None else None) or ""
        res.refused.append(entry)

    def _services_went_with(self, pin_id: str) -> int:
        """A pin is gone from the registry, its services with it: out of the base; the working
        copy's services of the pin that were as the registry had them go too.  Returns how
        many services the registry had."""
        st = self.store
        gone = 0
        for sid in st.service_base_of_pin(pin_id):
            b = st.service_base(sid)
            st.delete_service_base(sid)
            gone += 1
            local = st.local_service(sid)
            if local is not None and b is not None and SERVICES.same_state(local.state, b.state):
                st.delete_local_service(sid)
        return gone

    def _pin_services_now(self, pin_id: str, a: _Answer) -> Optional[Dict[str, dict]]:
        """The registry's services of a pin now (from a 412 ``services_changed`` body, else
        read); None when the registry did not answer."""
        if a.services is not None:
            items = a.services
        else:
            try:
                items = list(self.client.iter_items(SERVICES.collection,
                                                     params={"pin_id": pin_id}))
            except RegistryError:
                return None
        return {f["id"]: f for f in items if isinstance(f, dict) and isinstance(f.get("id"), str)}

    def _only_fewer(self, pin_id: str, remote: Dict[str, dict]) -> bool:
        """The registry's services of a pin are some of those of the base, at the same
        versions."""
        known = self.store.service_base_of_pin(pin_id)
        return all(sid in known and int((f.get("properties") or {}).get("version") or 0)
                   == known[sid] for sid, f in remote.items())

    def _refresh_pin_services(self, pin_id: str, remote: Dict[str, dict]) -> None:
        """The base of a pin's services becomes the registry's (a pin whose deletion was refused
        because they changed: a person decides, knowing them)."""
        st = self.store
        for sid in st.service_base_of_pin(pin_id):
            if sid not in remote:
                st.delete_service_base(sid)
        for sid, feat in remote.items():
            props = feat.get("properties") or {}
            st.set_service_base(sid, int(props.get("version") or 1), props.get("updated_at"),
                                SERVICES.state_from_feature(feat))

    def _remote_changed(self, op: JournalOp, a: _Answer) -> None:
        st = self.store
        kind = op.kind
        current = a.current
        if current is None:
            try:
                current, _etag = self.client.get_item(kind.collection, op.pin_id)
            except RegistryError as e:
                if e.status == 404:
                    if kind is SERVICES and e.code == "pin_deleted":
                        self._pin_deleted_under(op, _answer_from_error(e))
                    else:
                        self._remote_deleted(op, a)
                return  # no answer: stays pending, read again next round
        services_now = None
        if kind is PINS and op.op == DELETE:
            services_now = self._pin_services_now(op.pin_id, a)
            if services_now is None:
                return  # no answer: stays pending
        remote = kind.state_from_feature(current)
        props = current.get("properties") or {}
        rv = int(props.get("version"))
        r_at = props.get("updated_at")
        if op.op != DELETE and kind.same_state(kind.state_from_feature(op.payload), remote):
            # it reached the registry earlier (the answer was lost): success, not a conflict
            st.set_base_item(kind, op.pin_id, rv, r_at, remote)
            st.set_local_version(kind, op.pin_id, rv, r_at)
            st.journal_set(op.id, DONE, a.status, rv, "reconciled: already in the registry")
            self.result.reconciled += 1
            return
        local = st.local_item(kind, op.pin_id)
        base = st.base_item(kind, op.pin_id)
        if op.op == CREATE:
            ancestor: Optional[d.State] = kind.state_from_feature(op.payload)  # our create, v1
        else:
            ancestor = base.state if base is not None else None
        item = op.pin_id
        if local is None and services_now is not None and base is not None \
                and kind.same_state(base.state, remote) and self._only_fewer(item, services_now):
            # a pin deleted here whose services the registry only lost some of meanwhile (none
            # added, none changed): nothing would be deleted unseen -- its deletion goes again
            st.set_base_item(kind, item, rv, r_at, remote)
            self._refresh_pin_services(item, services_now)
            st.journal_set(op.id, DONE, a.status, rv, "sent again: some of its services were "
                           "already deleted in the registry")
            self.result.merged += 1
            st.journal_add(op.publish_id, DELETE, item, etag_for_version(rv), None, [],
                           kind.collection)
            return
        if local is None:
            # deleted here (the operation is a delete, or it was deleted after the journal)
            st.set_base_item(kind, item, rv, r_at, remote)
            if services_now is not None:
                self._refresh_pin_services(item, services_now)
            st.add_conflict(item, d.EXISTENCE, "exists", "deleted", "exists", rv, "publish",
                            kind.collection)
            st.journal_set(op.id, CONFLICT, a.status, rv, "deleted here, changed in the registry"
                           + (" (its services)" if a.code == "services_changed" else ""))
            self.result.conflicts.append(item)
            return
        m = kind.merge3(ancestor, local.state, remote)
        st.write_local(kind, item, m.merged, rv, r_at, fid=local.fid)
        st.set_base_item(kind, item, rv, r_at, remote)
        if m.conflicts:
            for f in m.conflicts:
                st.add_conflict(item, f, d.value_at(ancestor, f), d.value_at(local.state, f),
                                d.value_at(remote, f), rv, "publish", kind.collection)
            st.journal_set(op.id, CONFLICT, a.status, rv,
                           "changed on both sides: " + ", ".join(m.conflicts))
            self.result.conflicts.append(item)
            return
        st.journal_set(op.id, DONE, a.status, rv, "merged with the registry's changes: "
                       + ", ".join(m.remote_only))
        self.result.merged += 1
        if not kind.same_state(m.merged, remote):
            st.journal_add(op.publish_id, REPLACE, item, etag_for_version(rv),
                           kind.feature_from_state(item, m.merged),
                           kind.changed_fields(remote, m.merged), kind.collection)

    def _remote_deleted(self, op: JournalOp, a: _Answer) -> None:
        st = self.store
        kind = op.kind
        item = op.pin_id
        local = st.local_item(kind, item)
        st.delete_base_item(kind, item)
        if kind is PINS:
            for sid in st.service_base_of_pin(item):   # deleted with it
                st.delete_service_base(sid)
        if local is None:
            st.journal_set(op.id, DONE, a.status, None, "already deleted in the registry")
            self.result.reconciled += 1
            return
        st.add_conflict(item, d.EXISTENCE, "exists", "exists", "deleted", None, "publish",
                        kind.collection)
        st.journal_set(op.id, CONFLICT, a.status, None, "deleted in the registry, kept here")
        self.result.conflicts.append(item)

    def _pin_deleted_under(self, op: JournalOp, a: _Answer) -> None:
        """A service sent while its pin was deleted in the registry (with its services): the
        pin's existence is the question -- a conflict of the pin, which keeps its services here
        until a person decides (publish again under new ids, or accept the deletion)."""
        st = self.store
        local = st.local_service(op.pin_id)
        pin = ((local.state if local is not None else None)
               or (op.payload or {}).get("properties") or {}).get("pin_id")
        if not pin or st.layer_pin(pin) is None:
            self._remote_deleted(op, a)  # no pin here either: the service's own existence
            return
        st.delete_base_item(SERVICES, op.pin_id)
        for sid in st.service_base_of_pin(pin):
            st.delete_service_base(sid)
        st.delete_base(pin)
        if not any(c.field == d.EXISTENCE for c in st.conflicts(True, pin, PINS.collection)):
            st.add_conflict(pin, d.EXISTENCE, "exists", "exists", "deleted", None, "publish",
                            PINS.collection)
            self.result.conflicts.append(pin)
        st.journal_set(op.id, CONFLICT, a.status, None,
                       "its pin was deleted in the registry; the pin's existence is to decide")


def publish(path: str, client: RegistryClient, feedback=None, dry_run: bool = False,
            validator=None, **options) -> PublishResult:
    """Publish the working copy at ``path`` (see :class:`Publisher`)."""
    return Publisher(path, client, feedback, **options).run(dry_run, validator)
