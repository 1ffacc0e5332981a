"""Which codes a pin should have, and how sure we are: the one decision behind every fix that
changes codes (codes.malformed / unknown / missing / abolished / hierarchy and the location rules).

A fix always sets the three codes together (province, amphoe and tambon from one tambon code), so
applying it never leaves codes that do not nest.  It is offered only when the evidence supports it:

* a code change taken from the pin's location needs a location that can be trusted: not a point
  shared with another pin (coordinates copied from another office), not contradicted by the pin's
  own name (:mod:`core.evidence`), in a tambon that is current;
* a successor of an abolished code comes from DOPA's history (geothai) and the pin's location
  and name: a successor the pin lies in, or the unit the pin lies in when it bears the abolished
  unit's name (a tambon that moved to a new province keeps its name), never a same-named unit
  chosen by name alone across provinces; without a successor, the location if it can be trusted.

``HIGH``: two independent sources agree (history and location, location and name, the location and
the pin's other codes) and nothing contradicts them: safe to apply in batch.  ``MEDIUM``: one
source and nothing against it: a person should look first.  Anything weaker is not offered.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Dict, Optional, Tuple

from .evidence import CONTRADICTS, SILENT, SUPPORTS, NameEvidence, judge, name_key
from .findings import HIGH, MEDIUM, fix_set_codes

# why a fix is proposed (the JSON's "basis", worded for the user by core/fixes.describe)
LOCATION, LOCATION_NAME = "location", "location+name"   # where the pin lies (and its name)
HISTORY, HISTORY_BY_NAME = "history", "history_by_name"  # DOPA's history (a notice / a name match)
HISTORY_LOCATION = "history+location"                   # the history names where the pin lies
SAME_NAME = "location+old_name"   # the pin lies in a unit bearing the abolished unit's name
TAMBON_LOCATION, TAMBON_CODE = "tambon+location", "tambon"  # the declared tambon (and location)


@dataclass(frozen=True)
class CodeFix:
    code: str          # the tambon (or, for an amphoe-only pin, amphoe) code to set
    confidence: str    # HIGH or MEDIUM
    basis: str         # LOCATION, LOCATION_NAME, HISTORY...

    @property
    def json(self) -> str:
        return fix_set_codes(self.code, self.confidence, self.basis)

    def triple(self) -> Tuple[str, str, Optional[str]]:
        c = self.code
        return c[:2], c[:4], (c if len(c) == 6 else None)


class _Facts:
    """What the code-fix decisions read, per pin in O(1): built once per validation."""

    def __init__(self, ctx):
        self.ctx = ctx
        self.names = NameEvidence(ctx.dopa)
        self.row_inv = ctx._code_rows()[1]
        self.located = ctx.located
        self.known = [ctx.known(f) for f in ("province_code", "amphoe_code", "tambon_code")]
        self.name_col = ctx.pins.column("name_th")
        self.shares = ctx.shares_point
        self._rows: Dict[int, Tuple[Optional[str], Optional[str], Optional[str]]] = {}
        self._here: Dict[int, str] = {}
        self._cases: Dict[Tuple[int, int], tuple] = {}
        self._verdicts: Dict[int, str] = {}
        self._row_keys: Dict[int, Tuple[str, ...]] = {}
        self._loc_keys: Dict[str, Tuple[str, ...]] = {}

    def declared(self, i: int) -> Tuple[Optional[str], Optional[str], Optional[str]]:
        r = int(self.row_inv[i])
        got = self._rows.get(r)
        if got is None:
            got = self._rows[r] = tuple(k[i] for k in self.known)
        return got

    def here(self, i: int) -> str:
        j = int(self.located[i])
        got = self._here.get(j)
        if got is None:
            L = self.ctx.located_code(i) or "" if j >= 0 else ""
            if L and not self.ctx.dopa.is_current(L):  # the layer still has a renumbered code
                now = self.ctx.dopa.replacement(L)
                L = now[0] if len(now) == 1 else ""
            got = self._here[j] = L
        return got

    def verdict(self, i: int) -> str:
        got = self._verdicts.get(i)
        if got is None:
            got = self._verdicts[i] = self._verdict(i)
        return got

    def _verdict(self, i: int) -> str:
        L = self.here(i)
        name = self.name_col[i] if L else None
        if not name:
            return SILENT
        # most names name no unit of either side: found with a few substring tests, before the
        # case (which names count) is worked out
        row = int(self.row_inv[i])
        nk = name_key(name)
        if not (self._hit(nk, self._row_keys, row, self.declared(i))
                or self._hit(nk, self._loc_keys, L, (L[:2], L[:4], L))
                or (not self.declared(i)[2] and any(k in nk for k in self.names._neighbours(L)))):
            return SILENT
        key = (row, int(self.located[i]))
        case = self._cases.get(key)
        if case is None:
            case = self._cases[key] = self.names.case(self.declared(i), L)
        return judge(case, name)

    def _hit(self, nk: str, memo: dict, key, codes_) -> bool:
        """Does the name key contain a name of these units (their keys memoised by ``key``)?"""
        keys = memo.get(key)
        if keys is None:
            u = self.names.unit_keys
            keys = memo[key] = tuple(k for c in codes_ if c for k in u(c))
        for k in keys:
            if k in nk:
                return True
        return False


def facts(ctx) -> _Facts:
    f = ctx._cache.get("codefix_facts")
    if f is None:
        f = ctx._cache["codefix_facts"] = _Facts(ctx)
    return f


def names(ctx) -> NameEvidence:
    return facts(ctx).names


def declared_triple(ctx, i: int) -> Tuple[Optional[str], Optional[str], Optional[str]]:
    return facts(ctx).declared(i)


def current_location(ctx, i: int) -> str:
    """The current tambon pin i lies in ("" if none); a layer that still has a renumbered code
    gives its one successor."""
    return facts(ctx).here(i)


def name_verdict(ctx, i: int) -> str:
    """What pin i's name says of where it lies (SUPPORTS / CONTRADICTS / SILENT)."""
    return facts(ctx).verdict(i)


def location_trust(ctx, i: int) -> Optional[Tuple[str, str]]:
    """(the current tambon pin i lies in, the name's verdict SUPPORTS / SILENT) when its location
    can be trusted for a code change: not a point shared with another pin, not contradicted by
    its name; else None."""
    f = facts(ctx)
    L = f.here(i)
    if not L or i in f.shares:
        return None
    v = f.verdict(i)
    if v == CONTRADICTS:
        return None
    return L, v


def _memo(ctx, kind: str, i: int, extra, make):
    """A decision the same for every pin with the same codes, location, shared point and name
    verdict: made once per such case."""
    f = facts(ctx)
    memo = ctx._cache.setdefault("codefix:" + kind, {})
    key = (int(f.row_inv[i]), int(f.located[i]), i in f.shares,
           f.verdict(i) if f.here(i) else "", extra)
    if key not in memo:
        memo[key] = make()
    return memo[key]


def from_location(ctx, i: int, skip_field: str = "") -> Optional[CodeFix]:
    return _memo(ctx, "from_location", i, skip_field, lambda: _from_location(ctx, i, skip_field))


def _from_location(ctx, i: int, skip_field: str = "") -> Optional[CodeFix]:
    """The codes of where pin i lies, for a pin whose code in ``skip_field`` is unusable
    (malformed, unknown, missing), when the location can be trusted and agrees with the pin's
    other current codes (HIGH when one of them, or the name, agrees too)."""
    d = declared_triple(ctx, i)
    got = location_trust(ctx, i)
    if got is None:
        return None
    L, verdict = got
    agree = 0
    for (field, digits), c in zip((("province_code", 2), ("amphoe_code", 4),
                                   ("tambon_code", 6)), d):
        if field == skip_field or not c:
            continue
        if not ctx.dopa.is_current(c) or c != L[:digits]:
            return None  # an abolished one is codes.abolished's; a disagreeing one is no support
        agree = max(agree, digits)
    sure = verdict == SUPPORTS or agree >= 4
    return CodeFix(L, HIGH if sure else MEDIUM, LOCATION_NAME if verdict == SUPPORTS else LOCATION)


def for_location_error(ctx, i: int) -> Optional[CodeFix]:
    """A pin outside its declared unit: its codes or its point are wrong, and the location alone
    does not say which.  The codes of where it lies are offered only when its name names that
    unit and not the declared one."""
    got = location_trust(ctx, i)
    if got is None or got[1] != SUPPORTS:
        return None
    return CodeFix(got[0], HIGH, LOCATION_NAME)


@dataclass(frozen=True)
class Abolished:
    """A pin's abolished code(s) and what should replace them."""
    field: str                 # the finest field whose code is abolished
    code: str                  # that code
    successors: Tuple[str, ...]
    fix: Optional[CodeFix]
    #: why no fix (or which evidence won): "conflict" (history and location disagree),
    #: "untrusted" (location shared / contradicted by the name), "unlocated", ""
    note: str = ""


def abolished(ctx, i: int) -> Optional[Abolished]:
    """The pin's finest abolished code and its replacement (None when no code is abolished)."""
    return _memo(ctx, "abolished", i, None, lambda: _abolished(ctx, i))


def _abolished(ctx, i: int) -> Optional[Abolished]:
    """The pin's finest abolished code and its replacement (None when no code is abolished)."""
    d = declared_triple(ctx, i)
    fields = ("province_code", "amphoe_code", "tambon_code")
    gone = [(f, c) for f, c in zip(fields, d) if c and ctx.dopa.abolished(c)]
    if not gone:
        return None
    field, code = gone[-1]
    digits = len(code)
    succ = ctx.dopa.replacement(code)
    a = ctx.dopa.abolished(code)
    t = d[2]

    def fix(target: str, confidence: str, basis: str) -> Abolished:
        target = _deepest(ctx, target, t, digits)
        if target is None:
            return Abolished(field, code, succ, None, "conflict")
        return Abolished(field, code, succ, CodeFix(target, confidence, basis))

    if current_location(ctx, i):
        got = location_trust(ctx, i)
        if got is None:
            return Abolished(field, code, succ, None, "untrusted")
        L, verdict = got
        here = L[:digits]
        if here in succ:  # the history names where the pin lies
            return fix(L, HIGH, HISTORY_LOCATION)
        if names(ctx).same_name(here, code):
            # the unit the pin lies in bears the abolished unit's name (a tambon moved to a new
            # amphoe or province keeps its name), whatever a name match elsewhere says
            return fix(L, HIGH, SAME_NAME)
        if not succ and _inside_declared(ctx, d, L):
            return fix(L, HIGH if verdict == SUPPORTS else MEDIUM,
                       LOCATION_NAME if verdict == SUPPORTS else LOCATION)
        return Abolished(field, code, succ, None, "conflict" if succ else "untrusted")
    if ctx.located[i] >= 0 or len(succ) != 1:
        return Abolished(field, code, succ, None, "" if succ else "unlocated")
    # no location to compare with: DOPA's history alone
    s = succ[0]
    if a.successors_basis == "notice":
        return fix(s, HIGH, HISTORY)
    # matched by name only ("likely but not proven"): never across provinces, and only where the
    # pin's own amphoe code agrees (on MOPH, name matches into another amphoe were 17-62 km from
    # the pins that declared the old code, which the simplified layer places in their amphoe)
    p, am = d[0], d[1]
    if p and ctx.dopa.is_current(p) and s[:2] != p:
        return Abolished(field, code, succ, None, "other_province")
    if digits == 6 and not (am and (am == s[:4] or s[:4] in ctx.dopa.replacement(am))):
        return Abolished(field, code, succ, None, "")
    return fix(s, MEDIUM, HISTORY_BY_NAME)


def _deepest(ctx, code: str, tambon: Optional[str], digits: int) -> Optional[str]:
    """The code to set for a replacement ``code`` at ``digits``: a tambon sets all three codes;
    an amphoe keeps the pin's own tambon when that is current and inside it, sets the amphoe alone
    when the pin has no tambon code, and cannot be applied when the tambon lies elsewhere."""
    if len(code) == 6 or digits == 6:
        return code
    if tambon and ctx.dopa.is_current(tambon):
        return tambon if tambon[:4] == code[:4] else None
    return code if not tambon else None


def _inside_declared(ctx, d, L: str) -> bool:
    """L agrees with the declared codes that are current (an abolished tambon without successor
    is taken to have stayed in its amphoe and province, as far as the pin's other codes say)."""
    return all(not c or not ctx.dopa.is_current(c) or c == L[:len(c)] for c in d)


def hierarchy(ctx, i: int) -> Optional[CodeFix]:
    return _memo(ctx, "hierarchy", i, None, lambda: _hierarchy(ctx, i))


def _hierarchy(ctx, i: int) -> Optional[CodeFix]:
    """Declared codes that do not nest: the location says which is right.  The tambon's codes
    when the pin lies in that tambon (HIGH); where it lies when that can be trusted and agrees with
    the declared amphoe or the name (HIGH) or only the province (MEDIUM); with nothing to compare
    (no boundary layer, not located), the tambon's codes (MEDIUM)."""
    p, a, t = declared_triple(ctx, i)
    L = current_location(ctx, i)
    if L:
        if t and ctx.dopa.is_current(t) and ctx.equivalent(t, L):
            return CodeFix(t, HIGH, TAMBON_LOCATION)
        got = location_trust(ctx, i)
        if got is None:
            return None
        L, verdict = got
        if (a and a == L[:4]) or verdict == SUPPORTS:
            return CodeFix(L, HIGH, LOCATION_NAME if verdict == SUPPORTS else LOCATION)
        if p and p == L[:2]:
            return CodeFix(L, MEDIUM, LOCATION)
        return None
    if ctx.located[i] < 0 and t and ctx.dopa.is_current(t):
        return CodeFix(t, MEDIUM, TAMBON_CODE)
    return None


def resolved_codes(ctx) -> Dict[int, Tuple[str, str, Optional[str]]]:
    """The codes pins with an abolished code or codes that do not nest will have once their
    fix is applied: the location is compared with these, so one stale code gives one finding
    (the codes rule's), not a second one from the location rules."""
    def make():
        out: Dict[int, Tuple[str, str, Optional[str]]] = {}
        for i in ctx.abolished_pins():
            got = abolished(ctx, i)
            if got is not None and got.fix is not None:
                out[i] = got.fix.triple()
        for i in ctx.hierarchy_pins():
            if i in out:
                continue
            fix = hierarchy(ctx, i)
            if fix is not None:
                out[i] = fix.triple()
        return out
    return ctx._cached("resolved_codes", make)
