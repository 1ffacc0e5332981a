"""Run the rules over prepared inputs: the same input gives the same findings in the same order."""
from __future__ import annotations

from collections import OrderedDict
from typing import Callable, Dict, Iterable, List, Optional

from .boundaries import BoundaryIndex
from .context import Settings, ValidationContext
from .dopa import DopaCodes, codes
from .findings import ERROR, WARNING, Finding
from .memory import collector_paused, release_freed
from .pins import PinTable
from .rules import RULES, Rule, run_rule


#: pins from which freed memory is handed back after every rule (else once, at the end)
TRIM_EACH_RULE_PINS = 10_000


class Cancelled(Exception):
    """The user cancelled the validation."""


def validate(pins: PinTable, boundaries: Optional[BoundaryIndex], dopa: Optional[DopaCodes] = None,
             settings: Optional[Settings] = None, rules: Optional[Iterable[str]] = None,
             progress: Optional[Callable[[float, str], bool]] = None,
             national: Optional[bool] = None, published: Optional[Iterable[str]] = None,
             distinct: Optional[Iterable[str]] = None, services=None) -> List[Finding]:
    """Every finding, ordered by pin (input order) then by rule (registration order).

    ``services`` (core/services.ServiceSet): the pins' services, steps and documents, checked too
    (their findings sort under their pin; those whose pin is missing first, with index -1).

    ``rules`` limits the run to some rule ids (default: all).  ``progress(fraction, rule_id)``
    is called before each rule; returning False cancels (raises :class:`Cancelled`).
    ``published``: the pin_ids the registry has (a working copy's base), so that a new pin where a
    published one already is can be told; ``distinct``: new pins a person said are different
    service points.
    """
    ctx = ValidationContext(pins, boundaries, dopa or codes(), settings, national=national,
                            published=published, distinct=distinct, services=services)
    chosen: List[Rule] = [r for r in RULES if rules is None or r.rule_id in set(rules)]
    order = {r.rule_id: k for k, r in enumerate(RULES)}
    findings: List[Finding] = []
    # each rule's temporaries handed back before the next rule allocates its own: worth it for
    # large layers (8 MB of peak at 100k pins); a national batch validates 77 small layers, where
    # ~2,900 calls cost 0.26 s and free nothing
    each_rule = len(pins) >= TRIM_EACH_RULE_PINS
    # tens of thousands of findings and their messages, none in a cycle (core/memory.py)
    with collector_paused():
        release_freed()  # what reading and locating freed
        try:
            for k, r in enumerate(chosen):
                if progress is not None and progress(k / max(1, len(chosen)), r.rule_id) is False:
                    raise Cancelled()
                findings.extend(run_rule(r, ctx))
                if each_rule:
                    release_freed()
        finally:
            # what the rules worked out refers back to the context (a cycle): dropped now (also
            # when cancelled), not at the collector's next full pass, so that writing the
            # findings reuses that memory
            ctx.clear()
        release_freed()
        findings.sort(key=lambda f: (f.index, order[f.rule_id]))
    return findings


def counts_per_rule(findings: Iterable[Finding]) -> "OrderedDict[str, int]":
    """Findings per rule id, every registered rule listed (0 included), in rule order."""
    out: "OrderedDict[str, int]" = OrderedDict((r.rule_id, 0) for r in RULES)
    for f in findings:
        out[f.rule_id] = out.get(f.rule_id, 0) + 1
    return out


def severity_counts(findings: Iterable[Finding]) -> Dict[str, int]:
    out = {ERROR: 0, WARNING: 0}
    for f in findings:
        out[f.severity] += 1
    return out
