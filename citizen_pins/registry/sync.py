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
from .client import RegistryClient, etag_for_version, version_from_etag
from .errors import RegistryError
from .sync_store import (
    CONFLICT, CREATE, DELETE, DONE, FAILED, PENDING, REPLACE, JournalOp, StoreError, SyncStore)

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
    """A validation finding that stops the publish."""
    pin_id: str
    rule_id: str
    message_th: str
    message_en: str

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

    def counts(self) -> Dict[str, int]:
        out = dict(self.change_set.counts())
        out["conflicts"] = len(self.conflicted_pins)
        out["pending"] = self.pending
        return out

    def lines(self, limit: int = 50) -> List[str]:
        return d.describe(self.change_set.changes, limit)


@dataclass
class PublishResult:
    publish_id: str
    preview: Preview
    dry_run: bool = False
    findings: List[Blocking] = field(default_factory=list)
    resumed: int = 0
    sent: int = 0
    created: int = 0
    replaced: int = 0
    deleted: int = 0
    reconciled: int = 0       # lost answers found to have succeeded
    merged: int = 0           # 412s merged without conflict (and sent again)
    conflicts: List[str] = field(default_factory=list)   # pins with new conflicts
    failed: List[Tuple[str, str, str]] = field(default_factory=list)  # (pin_id, op, message)
    #: the same refusals for a person: pin_id, op, status, code, name, message_th, message_en
    refused: List[dict] = field(default_factory=list)
    pending: int = 0          # operations still waiting for an answer
    canceled: bool = False
    stopped: str = ""         # why the publish stopped early (fatal error), if it did
    seconds: float = 0.0

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
                    f"deleted ({c['conflicts']} pin(s) wait for conflicts to be resolved). / "
                    f"จะเผยแพร่: เพิ่ม {c['added']} แก้ไข {c['changed']} ลบ {c['deleted']} "
                    f"(รอแก้ข้อขัดแย้ง {c['conflicts']} หมุด)")
        text = (f"Published: {self.created} created, {self.replaced} replaced, {self.deleted} "
                f"deleted; {len(self.conflicts)} conflict(s), {len(self.failed)} refused, "
                f"{self.pending} waiting. / เผยแพร่แล้ว: เพิ่ม {self.created} แก้ไข {self.replaced} "
                f"ลบ {self.deleted} ข้อขัดแย้ง {len(self.conflicts)} ถูกปฏิเสธ {len(self.failed)} "
                f"รอคำตอบ {self.pending}")
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
    return Preview(cs, conflicted, problems, len(store.pending()), base_states, local_states)


def open_conflicts(path: str, pin_id: Optional[str] = None):
    """The conflicts a person has to resolve (see :class:`sync_store.Conflict`)."""
    with _open(path) as store:
        return store.conflicts(True, pin_id)


def resolve_conflict(path: str, pin_id: str, field: str, choice: str) -> int:
    """Resolve one conflicting field of a pin: ``choice`` is ``local`` (keep the working copy's
    value) or ``remote`` (take the registry's).  For the pseudo-field ``_deleted`` (deleted on one
    side, edited on the other): ``local`` keeps the local side (a local deletion is then
    published; a pin deleted in the registry but kept locally is published again under a NEW
    pin_id, since a deleted id is never reused); ``remote`` takes the registry's side.

    Writes the layer (save your edits first).  Returns the number of conflicts still open for the
    pin; at 0 the pin is in the next publish.
    """
    if choice not in ("local", "remote"):
        raise PublishError(f"Choose 'local' or 'remote', not '{choice}'. / เลือก local หรือ remote")
    with _open(path) as store:
        rows = [c for c in store.conflicts(True, pin_id) if c.field == field]
        if not rows:
            raise PublishError(f"Pin {pin_id} has no open conflict on '{field}'. / "
                               f"หมุด {pin_id} ไม่มีข้อขัดแย้งที่ '{field}'")
        c = rows[0]
        with store.transaction():
            local = store.layer_pin(pin_id)
            if field == d.EXISTENCE:
                if c.local_value == "deleted":       # deleted here, edited there
                    if choice == "remote":
                        base = store.base_pin(pin_id)
                        if base is not None and local is None:
                            store.write_layer_pin(pin_id, base.state, base.version,
                                                  base.updated_at, insert=True)
                else:                                # edited here, deleted there
                    if choice == "remote":
                        store.delete_layer_pin(pin_id)
                    elif local is not None:
                        store.change_pin_id(pin_id, str(uuid.uuid4()))
                    store.delete_base(pin_id)
            elif choice == "remote" and local is not None:
                state = dict(local.state)
                state[field] = c.remote_value
                base = store.base_pin(pin_id)
                store.write_layer_pin(pin_id, state, base.version if base else local.version,
                                      base.updated_at if base else None, fid=local.fid)
            store.resolve(c.id, choice)
        return len(store.conflicts(True, pin_id))


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


class _Job:
    def __init__(self, ops: List[JournalOp], bulk: bool, distinct=frozenset()):
        self.ops = ops
        self.bulk = bulk
        #: pins a person said are a different service point (the registry is told so)
        self.distinct = distinct

    def __call__(self, client: RegistryClient):
        if self.bulk:
            return client.bulk([_bulk_op(op, op.pin_id in self.distinct) for op in self.ops],
                               retry=False)
        op = self.ops[0]
        if op.op == CREATE:
            feat, etag, _created = client.create(op.payload, retry=False,
                                                 distinct=op.pin_id in self.distinct)
            return [{"status": 201, "version": _version(feat, etag),
                     "updated_at": (feat.get("properties") or {}).get("updated_at")}]
        if op.op == REPLACE:
            feat, etag = client.replace(op.pin_id, op.payload, op.if_match or "")
            return [{"status": 200, "version": _version(feat, etag),
                     "updated_at": (feat.get("properties") or {}).get("updated_at")}]
        client.delete(op.pin_id, op.if_match or "")
        return [{"status": 204}]


def _version(feat: dict, etag: Optional[str]) -> Optional[int]:
    v = (feat.get("properties") or {}).get("version") if isinstance(feat, dict) else None
    return int(v) if v is not None else version_from_etag(etag or "")


def _bulk_op(op: JournalOp, distinct: bool = False) -> dict:
    if op.op == CREATE:
        out = {"op": "create", "feature": op.payload}
        if distinct:
            out["distinct"] = True
        return out
    if op.op == REPLACE:
        return {"op": "replace", "id": op.pin_id, "if_match": op.if_match, "feature": op.payload}
    return {"op": "delete", "id": op.pin_id, "if_match": op.if_match}


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
                   e.current, str(e), th, en)


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
            validator: Optional[Callable[[Sequence[str]], List[Blocking]]] = None
            ) -> PublishResult:
        """Validate, resume what an earlier publish left pending, then send the change set.

        ``validator(pin_ids)`` returns the blocking findings about those pins (added or
        changed); any finding stops the publish before anything is sent.
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
                ids = [c.pin_id for c in pv.change_set.added + pv.change_set.changed]
                ids += [op.pin_id for op in store.pending() if op.op != DELETE]
                if ids:
                    res.findings.extend(validator(sorted(set(ids))))
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
                self._journal(d.ChangeSet(*([c for c in part if c.pin_id not in refused]
                                            for part in (pv.change_set.added,
                                                         pv.change_set.changed,
                                                         pv.change_set.deleted))),
                              res.publish_id)
                self._rounds()
            res.pending = len(store.pending())
            res.stopped = self._fatal
            res.canceled = self._is_canceled()
            res.seconds = time.monotonic() - t0
            return res

    # -- steps ---------------------------------------------------------------------------------
    def _is_canceled(self) -> bool:
        return self.feedback is not None and self.feedback.isCanceled()

    def _journal(self, cs: d.ChangeSet, publish_id: str) -> None:
        store = self.store
        base = store.read_base()
        local, _ = store.read_layer()
        with store.transaction():
            for c in cs.added:
                store.journal_add(publish_id, CREATE, c.pin_id, None,
                                  d.feature_from_state(c.pin_id, local[c.pin_id].state), c.fields)
            for c in cs.changed:
                store.journal_add(publish_id, REPLACE, c.pin_id,
                                  etag_for_version(base[c.pin_id].version),
                                  d.feature_from_state(c.pin_id, local[c.pin_id].state), c.fields)
            for c in cs.deleted:
                store.journal_add(publish_id, DELETE, c.pin_id,
                                  etag_for_version(base[c.pin_id].version), None, [])

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

    def _bulk_available(self) -> bool:
        if self.use_bulk is False:
            return False
        try:
            return bool(self.client.bulk_url())
        except RegistryError as e:
            if e.code in _UNKNOWN_CODES:
                self.client._links = None  # ask again next time
                return False
            raise

    def _send(self, ops: List[JournalOp]) -> None:
        bulk = self._bulk_available()
        distinct = frozenset(self.store.distinct())
        if bulk:
            jobs = [_Job(ops[i:i + self.chunk], True, distinct)
                    for i in range(0, len(ops), self.chunk)]
        else:
            jobs = [_Job([op], False, distinct) for op in ops]
        self._total = len(ops)
        self._answered = 0
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
            for op, ans in zip(job.ops, answers):
                self._apply_one(op, ans)
        self._answered += len(job.ops)
        if self.feedback is not None and self._total:
            self.feedback.setProgress(100.0 * self._answered / self._total)

    def _apply_one(self, op: JournalOp, a: _Answer) -> None:
        st = self.store
        res = self.result
        s = a.status
        if op.op == CREATE and s in (200, 201):
            state = d.state_from_feature(op.payload)
            st.set_base(op.pin_id, a.version or 1, a.updated_at, state)
            st.set_layer_version(op.pin_id, a.version or 1, a.updated_at)
            st.journal_set(op.id, DONE, s, a.version)
            if s == 201:
                res.created += 1
            else:
                res.reconciled += 1
            return
        if op.op == REPLACE and s == 200:
            state = d.state_from_feature(op.payload)
            st.set_base(op.pin_id, a.version, a.updated_at, state)
            st.set_layer_version(op.pin_id, a.version, a.updated_at)
            st.journal_set(op.id, DONE, s, a.version)
            res.replaced += 1
            return
        if op.op == DELETE and (s == 204 or (s == 404 and a.code in ("deleted", "not_found"))):
            st.delete_base(op.pin_id)
            st.journal_set(op.id, DONE, s, a.version)
            if s == 204:
                res.deleted += 1
            else:
                res.reconciled += 1
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
        res.failed.append((op.pin_id, op.op, a.message))
        local = st.layer_pin(op.pin_id) or st.base_pin(op.pin_id)
        res.refused.append({"pin_id": op.pin_id, "op": op.op, "status": s, "code": a.code,
                            "name": (local.state.get("name_th") if local is not None else None)
                            or ((op.payload or {}).get("properties") or {}).get("name_th") or "",
                            "message_th": a.message_th or a.message,
                            "message_en": a.message_en or a.message})

    def _remote_changed(self, op: JournalOp, a: _Answer) -> None:
        st = self.store
        current = a.current
        if current is None:
            try:
                current, _etag = self.client.get_pin(op.pin_id)
            except RegistryError as e:
                if e.status == 404:
                    self._remote_deleted(op, a)
                return  # no answer: stays pending, read again next round
        remote = d.state_from_feature(current)
        props = current.get("properties") or {}
        rv = int(props.get("version"))
        r_at = props.get("updated_at")
        if op.op != DELETE and d.same_state(d.state_from_feature(op.payload), remote):
            # it reached the registry earlier (the answer was lost): success, not a conflict
            st.set_base(op.pin_id, rv, r_at, remote)
            st.set_layer_version(op.pin_id, rv, r_at)
            st.journal_set(op.id, DONE, a.status, rv, "reconciled: already in the registry")
            self.result.reconciled += 1
            return
        local = st.layer_pin(op.pin_id)
        if op.op == CREATE:
            ancestor: Optional[d.State] = d.state_from_feature(op.payload)  # our create, v1
        else:
            base = st.base_pin(op.pin_id)
            ancestor = base.state if base is not None else None
        pin = op.pin_id
        if local is None:
            # deleted here (the operation is a delete, or it was deleted after the journal)
            st.set_base(pin, rv, r_at, remote)
            st.add_conflict(pin, d.EXISTENCE, "exists", "deleted", "exists", rv, "publish")
            st.journal_set(op.id, CONFLICT, a.status, rv, "deleted here, changed in the registry")
            self.result.conflicts.append(pin)
            return
        m = d.merge3(ancestor, local.state, remote)
        st.write_layer_pin(pin, m.merged, rv, r_at, fid=local.fid)
        st.set_base(pin, rv, r_at, remote)
        if m.conflicts:
            for f in m.conflicts:
                st.add_conflict(pin, f, (ancestor or {}).get(f), local.state.get(f),
                                remote.get(f), rv, "publish")
            st.journal_set(op.id, CONFLICT, a.status, rv,
                           "changed on both sides: " + ", ".join(m.conflicts))
            self.result.conflicts.append(pin)
            return
        st.journal_set(op.id, DONE, a.status, rv, "merged with the registry's changes: "
                       + ", ".join(m.remote_only))
        self.result.merged += 1
        if not d.same_state(m.merged, remote):
            st.journal_add(op.publish_id, REPLACE, pin, etag_for_version(rv),
                           d.feature_from_state(pin, m.merged), d.changed_fields(remote, m.merged))

    def _remote_deleted(self, op: JournalOp, a: _Answer) -> None:
        st = self.store
        pin = op.pin_id
        local = st.layer_pin(pin)
        st.delete_base(pin)
        if local is None:
            st.journal_set(op.id, DONE, a.status, None, "already deleted in the registry")
            self.result.reconciled += 1
            return
        st.add_conflict(pin, d.EXISTENCE, "exists", "exists", "deleted", None, "publish")
        st.journal_set(op.id, CONFLICT, a.status, None, "deleted in the registry, kept here")
        self.result.conflicts.append(pin)


def publish(path: str, client: RegistryClient, feedback=None, dry_run: bool = False,
            validator=None, **options) -> PublishResult:
    """Publish the working copy at ``path`` (see :class:`Publisher`)."""
    return Publisher(path, client, feedback, **options).run(dry_run, validator)
