"""Pull: a province's pins from the registry into a working copy, keeping the base.

The first pull (no watermark yet) reads every pin of the province, paging; later pulls ask only
for what changed since the last one (``datetime=<watermark - 5 min>/..`` on ``service_points``
and on the tombstones ``deleted_service_points``; the overlap covers transactions that committed
late, and pins whose version the base already has are skipped).  Each remote pin is reconciled
with the base (the registry's state at the last sync) and the layer (the local state):

* unchanged locally -> the layer and the base take the remote state;
* changed locally too -> three-way merge per field (:func:`core.diff.merge3`): one-sided changes
  merge, fields changed on both sides become conflicts (the layer keeps the local value, the
  conflicts table keeps base / local / remote), the base becomes the remote state;
* deleted locally and changed remotely -> a conflict about the pin's existence;
* deleted remotely (a tombstone, or missing from a complete listing) and untouched locally ->
  removed from the layer and the base; edited locally -> a conflict, nothing removed;
* new to this working copy, while a pin added here and never published is the same service
  point (same name, within a few metres: :mod:`core.duplicates`) -> the local pin **becomes**
  the registry's pin (it takes its pin_id) instead of the registry's pin being added beside it:
  so importing a list, then pulling, gives the same working copy as pulling, then importing.
  Their values are merged field by field as if both had started empty: a field only one side
  has is kept, one both have with different values is a conflict (nothing is lost, nothing
  published twice).  Pins a person said are a different service point are never merged.

Services (each with its steps and documents) come after the pins, the same way and with the same
guarantees, from ``services`` and the tombstones ``deleted_services`` (watermarks of their own):
one-sided changes merge record by record and field by field, both-sided ones become conflicts
(``documents/<id>/copies``); a service the registry changed or added under a pin deleted here is a
conflict about that PIN's existence (deleting the pin would delete it unseen); a pin deleted in
the registry while one of its services was edited here is kept, as a conflict about its
existence, with its services.

Every page is applied in ONE SQLite transaction (layer + base + conflicts together) and the
watermark is advanced only when the whole pull finished, so an interrupted pull is simply run
again.  A pull is refused while a publish's journal has operations whose outcome is unknown
(publish first: it finishes them).
"""
from __future__ import annotations

import datetime as _dt
import os
from dataclasses import dataclass, field
from typing import Dict, List, Optional

from ..core import diff as d
from ..core import duplicates
from ..core.dopa import codes, normalize_code
from ..core.working_copy import WorkingCopyError, create_working_copy, open_working_copy
from .client import RegistryClient
from .errors import RegistryError
from .sync_store import PINS, SERVICES, LocalPin, StoreError, SyncStore

BATCH = 1000
#: How far back a "changes since" query reaches before the watermark (commit-time overlap).
OVERLAP = _dt.timedelta(minutes=5)
WATERMARK_KEY = "registry_newest_updated_at"
TOMBSTONE_WATERMARK_KEY = "registry_newest_deleted_at"
DELETED_COLLECTION = "deleted_service_points"
SERVICES_WATERMARK_KEY = "registry_services_newest_updated_at"
SERVICES_TOMBSTONE_WATERMARK_KEY = "registry_services_newest_deleted_at"


@dataclass
class PullResult:
    path: str
    province_code: str
    received: int
    added: int
    updated: int
    local_only: int
    newest_updated_at: str
    removed: int = 0
    merged: int = 0
    conflicts: int = 0
    unchanged: int = 0
    incremental: bool = False
    conflict_pins: List[str] = field(default_factory=list)
    #: local pins never published that were the registry's pins: (registry pin_id, name)
    adopted: List[tuple] = field(default_factory=list)
    #: services (with their steps and documents), as for pins
    services_received: int = 0
    services_added: int = 0
    services_updated: int = 0
    services_merged: int = 0
    services_removed: int = 0
    services_unchanged: int = 0
    service_conflicts: int = 0
    conflict_services: List[str] = field(default_factory=list)


def to_qdatetime(text: Optional[str]):
    """An ISO timestamp as a UTC QDateTime (None when empty or unreadable)."""
    from qgis.PyQt.QtCore import QDateTime, Qt

    if not text:
        return None
    try:
        value = _dt.datetime.fromisoformat(str(text).replace("Z", "+00:00"))
    except ValueError:
        return None
    if value.tzinfo is not None:
        value = value.astimezone(_dt.timezone.utc).replace(tzinfo=None)
    qdt = QDateTime.fromString(value.strftime("%Y-%m-%dT%H:%M:%S.") + f"{value.microsecond // 1000:03d}",
                               Qt.DateFormat.ISODateWithMs)
    qdt.setTimeSpec(Qt.TimeSpec.UTC)
    return qdt


def _since(watermark: str) -> Optional[str]:
    try:
        t = _dt.datetime.fromisoformat(watermark.replace("Z", "+00:00"))
    except ValueError:
        return None
    if t.tzinfo is None:
        t = t.replace(tzinfo=_dt.timezone.utc)
    return (t - OVERLAP).astimezone(_dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


class Reconciler:
    """Applies remote pins and remote deletions to the layer and the base (one store)."""

    def __init__(self, store: SyncStore, detected_by: str = "pull"):
        self.store = store
        self.detected_by = detected_by
        self.local, _problems = store.read_layer()
        self.base = store.read_base()
        self.open_conflicts = set(store.conflicted_pins())
        self.slocal, _sproblems = store.read_services()
        self.sbase = store.read_service_base()
        self.sconflicts = set(store.conflicted(SERVICES.collection))
        #: pins deleted in the registry (with their services) and kept here as conflicts
        self.kept_gone: set = set()
        self.result = PullResult(store.path, "", 0, 0, 0, 0, "")
        self._unpublished = None  # PointGrid of local pins not in the base (built when needed)

    def _unpublished_grid(self) -> "duplicates.PointGrid":
        if self._unpublished is None:
            grid = duplicates.PointGrid()
            distinct = self.store.distinct()
            for pin_id, pin in self.local.items():
                geom = pin.state.get(d.GEOMETRY)
                if pin_id in self.base or pin_id in distinct or geom is None \
                        or pin_id in self.open_conflicts:
                    continue
                grid.add(geom[0], geom[1], pin_id)
            self._unpublished = grid
        return self._unpublished

    def same_unpublished(self, remote: d.State) -> Optional[str]:
        """The local pin never published that is the same service point as ``remote``."""
        geom = remote.get(d.GEOMETRY)
        if geom is None:
            return None
        best = None
        for lon, lat, pin_id in self._unpublished_grid().near(geom[0], geom[1]):
            local = self.local.get(pin_id)
            if local is None:
                continue
            metres = duplicates.distance_m(geom[0], geom[1], lon, lat)
            if metres <= duplicates.SAME_POINT_M and (best is None or metres < best[0]) \
                    and duplicates.same_name(local.state.get("name_th"), remote.get("name_th")):
                best = (metres, pin_id, lon, lat)
        if best is None:
            return None
        self._unpublished.remove(best[2], best[3], best[1])
        return best[1]

    def adopt(self, local_id: str, pin_id: str) -> "LocalPin":
        """The local pin ``local_id`` takes the registry's ``pin_id`` (the import report too)."""
        local = self.local.pop(local_id)
        self.store.change_pin_id(local_id, pin_id)  # its services follow
        self.store.repoint_import_report(local_id, pin_id)
        for sid in self._local_services_of(local_id):
            self.slocal[sid].state["pin_id"] = pin_id
        self.local[pin_id] = local
        return local

    def conflict(self, pin_id: str, fields: List[str], base: Optional[d.State],
                 local: Optional[d.State], remote: Optional[d.State],
                 remote_version: Optional[int]) -> None:
        for f in fields:
            if f == d.EXISTENCE:
                self.store.add_conflict(pin_id, f, "exists" if base is not None else None,
                                        "exists" if local is not None else "deleted",
                                        "exists" if remote is not None else "deleted",
                                        remote_version, self.detected_by)
            else:
                self.store.add_conflict(pin_id, f, (base or {}).get(f), (local or {}).get(f),
                                        (remote or {}).get(f), remote_version, self.detected_by)
        self.open_conflicts.add(pin_id)
        self.result.conflicts += 1
        self.result.conflict_pins.append(pin_id)

    def remote_pin(self, feature: dict) -> None:
        pin_id = feature.get("id")
        props = feature.get("properties") or {}
        if not isinstance(pin_id, str) or props.get("version") is None:
            return
        version = int(props["version"])
        updated_at = props.get("updated_at")
        remote = d.state_from_feature(feature)
        base = self.base.get(pin_id)
        local = self.local.get(pin_id)
        st = self.store
        if base is not None and base.version == version:
            self.result.unchanged += 1
            return
        twin = self.same_unpublished(remote) if base is None and local is None else None
        if twin is not None:
            local = self.adopt(twin, pin_id)
            m = d.merge3(_EMPTY, local.state, remote)
            st.write_layer_pin(pin_id, m.merged, version, updated_at, fid=_fid(local))
            self.local[pin_id] = LocalPin(local.fid, m.merged, version)
            if m.conflicts:
                self.conflict(pin_id, m.conflicts, _EMPTY, local.state, remote, version)
            self.result.adopted.append((pin_id, remote.get("name_th") or ""))
        elif base is None and local is None:
            st.write_layer_pin(pin_id, remote, version, updated_at, insert=True)
            self.local[pin_id] = LocalPin(-1, remote, version)
            self.result.added += 1
        elif local is None:
            # deleted locally (still in the base); remote changed since the base
            if pin_id in self.open_conflicts or not d.same_state(base.state, remote):
                self.conflict(pin_id, [d.EXISTENCE], base.state, None, remote, version)
            # (an unchanged remote: the local delete is still to publish, with the new version)
        else:
            ancestor = base.state if base is not None else None
            if ancestor is not None and d.same_state(ancestor, local.state) \
                    and pin_id not in self.open_conflicts:
                st.write_layer_pin(pin_id, remote, version, updated_at, fid=_fid(local))
                self.result.updated += 1
            else:
                m = d.merge3(ancestor, local.state, remote)
                st.write_layer_pin(pin_id, m.merged, version, updated_at, fid=_fid(local))
                self.local[pin_id] = LocalPin(local.fid, m.merged, version)
                if m.conflicts:
                    self.conflict(pin_id, m.conflicts, ancestor, local.state, remote, version)
                else:
                    self.result.merged += 1
        st.set_base(pin_id, version, updated_at, remote)
        self.base[pin_id] = _Base(version, updated_at, remote)

    def remote_delete(self, pin_id: str, version: Optional[int] = None) -> None:
        """The registry deleted a pin (and its services with it)."""
        base = self.base.get(pin_id)
        local = self.local.get(pin_id)
        st = self.store
        if local is None:
            if base is not None:
                st.delete_base(pin_id)
                del self.base[pin_id]
                self.result.removed += 1
            self._drop_service_base(pin_id)
            return
        if base is not None and d.same_state(base.state, local.state) \
                and pin_id not in self.open_conflicts and not self.services_touched(pin_id):
            for sid in self._local_services_of(pin_id):
                st.delete_local_service(sid)
                del self.slocal[sid]
            self._drop_service_base(pin_id)
            st.delete_layer_pin(pin_id)
            st.delete_base(pin_id)
            del self.base[pin_id]
            del self.local[pin_id]
            self.result.removed += 1
            return
        # edited locally, or one of its services (or never in the base): keep it -- with its
        # services -- as a conflict about its existence
        self.conflict(pin_id, [d.EXISTENCE], base.state if base else None, local.state, None,
                      version)
        self.kept_gone.add(pin_id)
        self._drop_service_base(pin_id)
        if base is not None:
            st.delete_base(pin_id)
            del self.base[pin_id]

    # -- services ------------------------------------------------------------------------------
    def _local_services_of(self, pin_id: str) -> List[str]:
        return [sid for sid, s in self.slocal.items() if s.state.get("pin_id") == pin_id]

    def _drop_service_base(self, pin_id: str) -> None:
        for sid in [sid for sid, b in self.sbase.items() if b.state.get("pin_id") == pin_id]:
            self.store.delete_service_base(sid)
            del self.sbase[sid]

    def services_touched(self, pin_id: str) -> bool:
        """A service of the pin added or changed here since the last sync (a service deleted
        here is no work to keep when the registry deleted the pin too)."""
        for sid in self._local_services_of(pin_id):
            base = self.sbase.get(sid)
            if base is None or sid in self.sconflicts \
                    or not SERVICES.same_state(base.state, self.slocal[sid].state):
                return True
        return False

    def _pin_deleted_here(self, pin_id: Optional[str]) -> bool:
        return bool(pin_id) and pin_id in self.base and pin_id not in self.local

    def pin_existence_conflict(self, pin_id: str, version: Optional[int]) -> None:
        """A pin deleted here whose services the registry changed: deleting it would delete
        them unseen; a person decides."""
        if any(c.field == d.EXISTENCE for c in self.store.conflicts(True, pin_id,
                                                                    PINS.collection)):
            return
        self.conflict(pin_id, [d.EXISTENCE], self.base[pin_id].state, None,
                      self.base[pin_id].state, version)

    def service_conflict(self, service_id: str, fields: List[str], base, local, remote,
                         version: Optional[int]) -> None:
        for f in fields:
            self.store.add_conflict(service_id, f, d.value_at(base, f), d.value_at(local, f),
                                    d.value_at(remote, f), version, self.detected_by,
                                    SERVICES.collection)
        self.sconflicts.add(service_id)
        self.result.service_conflicts += 1
        self.result.conflict_services.append(service_id)

    def remote_service(self, feature: dict) -> None:
        sid = feature.get("id")
        props = feature.get("properties") or {}
        if not isinstance(sid, str) or props.get("version") is None:
            return
        version = int(props["version"])
        updated_at = props.get("updated_at")
        remote = SERVICES.state_from_feature(feature)
        base = self.sbase.get(sid)
        local = self.slocal.get(sid)
        st = self.store
        res = self.result
        if base is not None and base.version == version:
            res.services_unchanged += 1
            return
        pin = remote.get("pin_id")
        if local is None and self._pin_deleted_here(pin):
            # deleting the pin here would delete this service, new or changed in the registry
            if base is None or not SERVICES.same_state(base.state, remote):
                self.pin_existence_conflict(pin, self.base[pin].version)
        elif base is None and local is None:
            st.write_service(sid, remote, version, updated_at)
            self.slocal[sid] = LocalPin(-1, remote, version)
            res.services_added += 1
        elif local is None:
            # deleted here (its pin kept); changed in the registry since the base
            if sid in self.sconflicts or not SERVICES.same_state(base.state, remote):
                self.service_conflict(sid, [d.EXISTENCE], base.state, None, remote, version)
        else:
            ancestor = base.state if base is not None else None
            if ancestor is not None and SERVICES.same_state(ancestor, local.state) \
                    and sid not in self.sconflicts:
                st.write_service(sid, remote, version, updated_at)
                self.slocal[sid] = LocalPin(local.fid, remote, version)
                res.services_updated += 1
            else:
                m = SERVICES.merge3(ancestor, local.state, remote)
                st.write_service(sid, m.merged, version, updated_at)
                self.slocal[sid] = LocalPin(local.fid, m.merged, version)
                if m.conflicts:
                    self.service_conflict(sid, m.conflicts, ancestor, local.state, remote,
                                          version)
                else:
                    res.services_merged += 1
        st.set_service_base(sid, version, updated_at, remote)
        self.sbase[sid] = _Base(version, updated_at, remote)

    def remote_service_delete(self, service_id: str, version: Optional[int] = None) -> None:
        """The registry deleted a service (or it left the province with its pin)."""
        base = self.sbase.get(service_id)
        local = self.slocal.get(service_id)
        st = self.store
        if base is not None:
            st.delete_service_base(service_id)
            del self.sbase[service_id]
        if local is None:
            if base is not None:
                self.result.services_removed += 1
            return
        if local.state.get("pin_id") in self.kept_gone:
            return  # its pin is a conflict about its existence: it stays with its pin
        if base is not None and SERVICES.same_state(base.state, local.state) \
                and service_id not in self.sconflicts:
            st.delete_local_service(service_id)
            del self.slocal[service_id]
            self.result.services_removed += 1
            return
        self.service_conflict(service_id, [d.EXISTENCE], base.state if base else None,
                              local.state, None, version)


#: The common ancestor of a local pin and the registry's pin it turns out to be: nothing.
_EMPTY: d.State = d.make_state({})


@dataclass
class _Base:
    version: int
    updated_at: Optional[str]
    state: d.State


def _fid(local: LocalPin) -> Optional[int]:
    return local.fid if local.fid >= 0 else None


def _canceled(feedback) -> None:
    if feedback is not None and feedback.isCanceled():
        raise RegistryError(0, "canceled", "Pull canceled; the pins received so far are kept "
                            "(pull again to finish).",
                            "ยกเลิกการดึงข้อมูลแล้ว หมุดที่ได้รับแล้วยังเก็บไว้ (ดึงข้อมูลอีกครั้งเพื่อให้ครบ)")


def upgrade(path: str) -> None:
    """Upgrade an existing working copy to the current schema in place (keeps every edit)."""
    from ..core.service_tables import UpgradeError, upgrade_working_copy

    try:
        upgrade_working_copy(path)
    except UpgradeError as e:
        raise WorkingCopyError(str(e)) from None


def pull_province(client: RegistryClient, path: str, province: str, feedback=None,
                  plugin_version: str = "", full: bool = False) -> PullResult:
    """Bring the working copy at ``path`` (created if missing) up to date with the registry.

    ``full`` reads every pin of the province even when a watermark exists (also detects remote
    deletions by absence).
    """
    n = normalize_code(province, digits=2)
    if n.code is None or not codes().is_current(n.code):
        raise WorkingCopyError(
            f"'{province}' is not a DOPA province code (2 digits, e.g. 21 for Rayong).")
    province = n.code
    path = os.path.abspath(path)
    if os.path.exists(path):
        info = open_working_copy(path)
        if info.province_code and info.province_code != province:
            raise WorkingCopyError(
                f"{path} is the working copy of province {info.province_code}, not {province}. "
                "Choose another file for this province.")
        upgrade(path)  # a working copy made before services existed gets their tables, in place
    else:
        create_working_copy(path, province, plugin_version)
    try:
        store = SyncStore(path)
    except StoreError as e:
        raise WorkingCopyError(str(e))
    try:
        return _pull(client, store, province, feedback, full)
    except StoreError as e:
        raise WorkingCopyError(str(e))
    finally:
        store.close()


def _pull(client: RegistryClient, store: SyncStore, province: str, feedback, full: bool
          ) -> PullResult:
    if store.pending():
        raise WorkingCopyError(
            "A publish of this working copy was interrupted and the registry's answer to some of "
            "its changes is not known yet. Publish again (it finishes them), then pull. / "
            "การเผยแพร่ครั้งก่อนถูกขัดจังหวะ กรุณาเผยแพร่อีกครั้งเพื่อให้เสร็จก่อน แล้วจึงดึงข้อมูล")
    meta = store.meta()
    if meta.get("registry_url") and meta["registry_url"].rstrip("/") != client.base_url:
        # another registry: its versions mean nothing here
        full = True
    rec = Reconciler(store, "pull")
    res = rec.result
    res.province_code = province

    def progress(done, matched):
        if feedback is not None and matched:
            feedback.setProgress(min(99.0, 100.0 * done / max(1, int(matched))))

    # the pins first, then their services (a service's questions may be about its pin)
    pins = _Listing(PINS, WATERMARK_KEY, TOMBSTONE_WATERMARK_KEY, rec.remote_pin,
                    rec.remote_delete, lambda: (rec.base, rec.local),
                    has_base=bool(store.read_base()))
    values = pins.run(client, store, province, feedback, meta, full, progress)
    res.incremental = pins.incremental
    res.received = pins.received
    res.newest_updated_at = pins.newest
    res.local_only = len([p for p in rec.local if p not in rec.base])
    services = _Listing(SERVICES, SERVICES_WATERMARK_KEY, SERVICES_TOMBSTONE_WATERMARK_KEY,
                        rec.remote_service, rec.remote_service_delete,
                        lambda: (rec.sbase, rec.slocal), has_base=True)
    values.update(services.run(client, store, province, feedback, meta, full))
    res.services_received = services.received
    now = _dt.datetime.now(_dt.timezone.utc).replace(microsecond=0).isoformat()
    values.update({"province_code": province, "registry_url": client.base_url,
                   "pulled_at": now})
    store.set_meta(values)
    if feedback is not None:
        feedback.setProgress(100)
    return res


class _Listing:
    """One kind of item pulled: everything of the province the first time (or when ``full``),
    then what changed since its watermark and its tombstones since theirs; each page applied in
    one transaction; the watermarks to keep are returned, only once it all went through."""

    def __init__(self, kind, watermark_key: str, tombstone_key: str, on_item, on_delete,
                 known, has_base: bool):
        self.kind = kind
        self.keys = (watermark_key, tombstone_key)
        self.on_item = on_item
        self.on_delete = on_delete
        self.known = known          # () -> (base, local) dicts of the reconciler
        self.has_base = has_base
        self.incremental = False
        self.received = 0
        self.newest = ""

    def run(self, client: RegistryClient, store: SyncStore, province: str, feedback,
            meta: Dict[str, str], full: bool, progress=None) -> Dict[str, str]:
        wkey, tkey = self.keys
        started = _dt.datetime.now(_dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
        watermark = "" if full else meta.get(wkey, "")
        since = _since(watermark) if watermark else None
        self.incremental = incremental = since is not None and self.has_base
        newest = meta.get(wkey, "") if incremental else ""
        newest_deleted = meta.get(tkey, "")
        seen = set()
        params = {"province_code": province}
        if incremental:
            params["datetime"] = f"{since}/.."
        batch: List[dict] = []

        def flush():
            if batch:
                with store.transaction():
                    for feat in batch:
                        self.on_item(feat)
                batch.clear()

        for feature in client.iter_items(self.kind.collection, params=params, on_page=progress):
            _canceled(feedback)
            item = feature.get("id")
            if not isinstance(item, str) or item in seen:
                continue
            seen.add(item)
            self.received += 1
            stamp = (feature.get("properties") or {}).get("updated_at") or ""
            if isinstance(stamp, str) and stamp > newest:
                newest = stamp
            batch.append(feature)
            if len(batch) >= BATCH:
                flush()
        flush()
        _canceled(feedback)

        # remote deletions
        if incremental or newest_deleted:
            tparams = {"province_code": province}
            t_since = _since(newest_deleted or watermark) if (newest_deleted or watermark) \
                else None
            if t_since:
                tparams["datetime"] = f"{t_since}/.."
            with store.transaction():
                for t in client.iter_items(self.kind.deleted_collection, params=tparams):
                    props = t.get("properties") or {}
                    item = props.get(self.kind.key) or t.get("id")
                    stamp = props.get("deleted_at") or ""
                    if isinstance(stamp, str) and stamp > newest_deleted:
                        newest_deleted = stamp
                    base, local = self.known()
                    if isinstance(item, str) and (item in base or item in local):
                        if item in seen:  # re-created? (ids are never reused) -- trust the item
                            continue
                        self.on_delete(item, props.get("version"))
        if not incremental:
            # a complete listing: base items the registry no longer lists were deleted (or moved
            # away with their pin to another province)
            with store.transaction():
                for item in sorted(set(self.known()[0]) - seen):
                    self.on_delete(item)
            if not newest_deleted:
                newest_deleted = started
        self.newest = newest
        values = {tkey: newest_deleted}
        if newest:
            values[wkey] = newest
        elif not incremental:
            values[wkey] = started
        return values
