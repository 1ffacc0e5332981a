"""A service point's Zero Copy status (ยกเลิกการเรียกสำเนาเอกสาร), derived, never typed.

* ``zero_copy``: the point has active services and none of them demands a copy;
* ``partial``: some of its active services demand copies, others none;
* ``copies_demanded``: every active service demands at least one copy;
* ``no_services``: no active service is recorded at the point.

A document **demands a copy** when its copy status is ``copy_demanded``, or when it asks for
copies (``copies`` > 0) without being ``exempt`` -- so a contradictory ``no_copy`` with copies
(an error of its own, ``documents.copy_contradiction``) never makes a point look Zero Copy.  An
``exempt`` document (a copy a law still requires, e.g. a power of attorney) does not count
against the point.  The copies demanded by a document are its ``copies`` (at least 1 when it
demands a copy).  Inactive services count for nothing.

Pure Python: validation, the report and the registry use :func:`point_statuses`.  In QGIS the
working copy's view :data:`STATUS_VIEW` computes the same in SQLite for every pin at once (the map
and the pin's form join it; a service's own copies are a live virtual field from
:func:`service_copies_expression`).  Tests check that they agree on the same working copy.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Dict, Iterable, List, Optional, Tuple

from . import schema
from .sql import Fragment, compose, ident, literal
from .services import ServiceSet, is_active, number

ZERO_COPY, PARTIAL, COPIES_DEMANDED, NO_SERVICES = (
    "zero_copy", "partial", "copies_demanded", "no_services")
#: In legend order.
STATUSES: Tuple[schema.Choice, ...] = (
    schema.Choice(ZERO_COPY, "ไม่เรียกสำเนาเอกสาร (Zero Copy)", "Zero Copy: no copies demanded"),
    schema.Choice(PARTIAL, "ยังเรียกสำเนาบางงานบริการ", "Partial: some services demand copies"),
    schema.Choice(COPIES_DEMANDED, "ทุกงานบริการยังเรียกสำเนา", "Every service demands copies"),
    schema.Choice(NO_SERVICES, "ยังไม่บันทึกงานบริการ", "No services recorded"),
)
STATUS_KEYS: Tuple[str, ...] = tuple(c.key for c in STATUSES)
#: The colours of the statuses on every map (the plugin's style and the report).
STATUS_COLOURS: Dict[str, str] = {ZERO_COPY: "#1a9641", PARTIAL: "#fdae61",
                                  COPIES_DEMANDED: "#d7191c", NO_SERVICES: "#bdbdbd"}


def status_label(key: str, lang: str = "th") -> str:
    for c in STATUSES:
        if c.key == key:
            return c.label(lang)
    return key


def demands_copy(document: dict) -> bool:
    status = document.get("copy_status")
    if status == schema.COPY_DEMANDED:
        return True
    return status != schema.EXEMPT and (number(document.get("copies")) or 0) > 0


def copies_of(document: dict) -> int:
    """Copies a document demands (0 when it demands none; at least 1 when it does)."""
    if not demands_copy(document):
        return 0
    return max(int(number(document.get("copies")) or 0), 1)


@dataclass
class PointZeroCopy:
    status: str
    #: Active services at the point.
    services: int = 0
    #: Active services demanding at least one copy.
    demanding: int = 0
    #: Copies demanded over all active services.
    copies: int = 0
    #: Documents of active services exempt by law.
    exempt: int = 0


def service_copies(documents: Iterable[dict]) -> int:
    return sum(copies_of(d) for d in documents)


def point_statuses(pin_ids: Iterable[str], data: ServiceSet) -> Dict[str, PointZeroCopy]:
    """The status of every pin in ``pin_ids`` (a pin without active services: ``no_services``)."""
    docs = data.by_parent(schema.SERVICE_DOCUMENTS)
    per_pin: Dict[str, PointZeroCopy] = {}
    for s in data.services:
        if not is_active(s):
            continue
        p = per_pin.setdefault(s.get("pin_id") or "", PointZeroCopy(NO_SERVICES))
        mine = docs.get(s.get("service_id") or "", [])
        copies = service_copies(mine)
        p.services += 1
        p.demanding += copies > 0
        p.copies += copies
        p.exempt += sum(1 for d in mine if d.get("copy_status") == schema.EXEMPT)
    out: Dict[str, PointZeroCopy] = {}
    for pin in pin_ids:
        p = per_pin.get(pin) or PointZeroCopy(NO_SERVICES)
        if p.services:
            p.status = (ZERO_COPY if p.demanding == 0 else
                        COPIES_DEMANDED if p.demanding == p.services else PARTIAL)
        out[pin] = p
    return out


# -- documents national policy says must not be demanded as copies --------------------------------

#: The DOPA circular behind the rule (as the programme cites it).
CIRCULAR_TH = "หนังสือกรมการปกครอง ที่ มท 0309.4/ว 25043 (พ.ศ. 2564)"
CIRCULAR_EN = "DOPA circular มท 0309.4/ว 25043 (2021)"


@dataclass(frozen=True)
class PolicyDocument:
    key: str
    label_th: str
    label_en: str
    #: Words that name it, compared after :func:`document_key` (spaces, dots, case removed).
    words: Tuple[str, ...]


def document_key(name: Optional[str]) -> str:
    """A document name compared by its words: lower case, Thai digits as ASCII, no spaces,
    dots, brackets or dashes ('สำเนา ท.ร. 14' -> 'สำเนาทร14')."""
    if not name:
        return ""
    t = name.casefold().translate(str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789"))
    return re.sub(r"[\s.\-()\[\]/'\"“”]+", "", t)


NO_COPY_DOCUMENTS: Tuple[PolicyDocument, ...] = (
    PolicyDocument("id_card", "บัตรประจำตัวประชาชน", "ID card",
                   ("บัตรประจำตัวประชาชน", "บัตรประชาชน", "บัตรปชช", "idcard", "identitycard",
                    "identificationcard", "citizencard")),
    PolicyDocument("house_registration", "ทะเบียนบ้าน", "house registration",
                   ("ทะเบียนบ้าน", "ทร14", "houseregistration", "householdregistration",
                    "tabienbaan", "tabianban")),
)


def policy_document(name: Optional[str]) -> Optional[PolicyDocument]:
    """The document national policy says must not be demanded as a copy that ``name`` names."""
    k = document_key(name)
    if not k:
        return None
    for p in NO_COPY_DOCUMENTS:
        if any(w in k for w in p.words):
            return p
    return None


# -- the same status as QGIS expressions (virtual fields of the working copy's layers) ---------

#: "This document demands a copy", on a service_documents feature.
DEMANDS_EXPRESSION = (f"(\"copy_status\" = '{schema.COPY_DEMANDED}' OR "
                      f"(coalesce(\"copy_status\", '') <> '{schema.EXEMPT}' AND "
                      "coalesce(\"copies\", 0) > 0))")
COPIES_EXPRESSION = f"if({DEMANDS_EXPRESSION}, max(coalesce(\"copies\", 0), 1), 0)"


def service_copies_expression(documents_relation: str) -> str:
    """On a service: the copies its documents demand (a relation service -> documents)."""
    return f"coalesce(relation_aggregate('{documents_relation}', 'sum', {COPIES_EXPRESSION}), 0)"


#: The view of the working copy that gives every pin its status and copies, computed by SQLite
#: in one query (the map and the pin's form join it): the same rules as :func:`point_statuses`.
STATUS_VIEW = "citizen_pins_zero_copy"


def status_view_sql(pins: str = "service_points", services: str = "services",
                    documents: str = "service_documents") -> str:
    """``CREATE VIEW`` of :data:`STATUS_VIEW` (SQLite): fid, pin_id, zero_copy_status,
    zero_copy_copies for every pin."""
    demands = compose("d.copy_status = {demanded} OR (COALESCE(d.copy_status, '') <> {exempt} "
                      "AND COALESCE(d.copies, 0) > 0)", demanded=literal(schema.COPY_DEMANDED),
                      exempt=literal(schema.EXEMPT))
    return compose("""CREATE VIEW {view} AS
WITH svc AS (
  SELECT s.pin_id AS pin_id, COALESCE(s.active, 1) <> 0 AS active,
         COALESCE((SELECT SUM(CASE WHEN {demands} THEN MAX(COALESCE(d.copies, 0), 1) ELSE 0 END)
                   FROM {documents} d WHERE d.service_id = s.service_id), 0) AS copies
  FROM {services} s),
agg AS (
  SELECT pin_id, SUM(active) AS n, SUM(active AND copies > 0) AS k,
         SUM(CASE WHEN active THEN copies ELSE 0 END) AS c
  FROM svc GROUP BY pin_id)
SELECT p.fid AS fid, p.pin_id AS pin_id,
       CASE WHEN COALESCE(a.n, 0) = 0 THEN {no_services} WHEN a.k = 0 THEN {zero_copy}
            WHEN a.k < a.n THEN {partial} ELSE {copies_demanded} END AS zero_copy_status,
       COALESCE(a.c, 0) AS zero_copy_copies
FROM {pins} p LEFT JOIN agg a ON a.pin_id = p.pin_id""",
                   view=ident(STATUS_VIEW), demands=Fragment(demands), documents=ident(documents),
                   services=ident(services), pins=ident(pins),
                   no_services=literal(NO_SERVICES), zero_copy=literal(ZERO_COPY),
                   partial=literal(PARTIAL), copies_demanded=literal(COPIES_DEMANDED))


def most_demanded(data: ServiceSet, pins_in_scope: Optional[Iterable[str]] = None,
                  limit: Optional[int] = None) -> List[Tuple[str, int, int, int]]:
    """Documents most often still demanded as copies, over active services (of the pins in
    scope): (document name, services demanding it, points, copies), most services first.
    Names are grouped by :func:`document_key`; the most frequent spelling is shown."""
    scope = set(pins_in_scope) if pins_in_scope is not None else None
    services = {s.get("service_id"): s for s in data.services if is_active(s)
                and (scope is None or s.get("pin_id") in scope)}
    groups: Dict[str, dict] = {}
    for d in data.documents:
        s = services.get(d.get("service_id"))
        if s is None or not demands_copy(d):
            continue
        k = document_key(d.get("name_th")) or "?"
        g = groups.setdefault(k, {"names": {}, "services": set(), "points": set(), "copies": 0})
        name = (d.get("name_th") or "?").strip()
        g["names"][name] = g["names"].get(name, 0) + 1
        g["services"].add(s.get("service_id"))
        g["points"].add(s.get("pin_id"))
        g["copies"] += copies_of(d)
    rows = []
    for g in groups.values():
        name = sorted(g["names"].items(), key=lambda kv: (-kv[1], len(kv[0]), kv[0]))[0][0]
        rows.append((name, len(g["services"]), len(g["points"]), g["copies"]))
    rows.sort(key=lambda r: (-r[1], -r[3], r[0]))
    return rows[:limit] if limit else rows
