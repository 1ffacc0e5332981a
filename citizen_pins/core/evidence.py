"""What speaks for or against a fix: the pin's own name.

A fix that changes a pin's codes to where the pin lies trusts the location over the codes.  The
location alone does not say which of the two is wrong (on the MOPH register the codes are right far
more often than the points: see docs/validation.md, "Fixes").  A pin's name often says where it is:
``สำนักงานสาธารณสุขอำเภอมะนัง`` (Manang district health office), ``องค์การบริหารส่วนตำบลท่าประดู่``,
``โรงพยาบาลส่งเสริมสุขภาพตำบลคลองฉนาก``.  When the name names the declared unit and not the one
the pin lies in, the location is implausible for the name: the pin is misplaced, and changing its
codes would hide that.  When it names the unit the pin lies in and not the declared one, it
corroborates the location.

Names are compared as the near-duplicate rule compares them (:func:`name_key`: case-folded, Thai
digits as ASCII, no spaces or punctuation); a unit's DOPA name (without Bangkok's ``เขต``, and
either name of ``ปอภาร (ปอพาน)``) counts when it appears in the pin's name.  Names shorter than
three characters (``นา``) would appear by chance and never count; a name both sides share (a
renumbered unit keeps its name; a province, its Mueang district and a tambon often share one)
tells nothing.

The work is done once per (declared codes, located tambon) case; per pin only the name is read.
"""
from __future__ import annotations

from typing import Dict, List, Optional, Sequence, Tuple

from .dopa import DopaCodes

SUPPORTS, CONTRADICTS, SILENT = "supports", "contradicts", "silent"
#: Shortest unit name (characters, Thai marks included) that counts as a mention.
MIN_NAME = 3

# Names are compared as core/duplicates.py normalises them (one definition for the rules, the
# fixes' evidence, the registry, the pull and the import).
from .duplicates import NAME_SPACES, name_key  # noqa: E402,F401


#: One case: (names that speak for the declared units, names that speak for the located units,
#: names of the located tambon's neighbours, the located tambon's own name): each a tuple of keys.
_Case = Tuple[Tuple[str, ...], Tuple[str, ...], Tuple[str, ...], str]
_NOTHING: _Case = ((), (), (), "")


class NameEvidence:
    """Does a pin's name speak for its declared codes or for where it lies?"""

    def __init__(self, dopa: DopaCodes):
        self.dopa = dopa
        self._unit: Dict[str, Tuple[str, ...]] = {}
        self._cases: Dict[tuple, _Case] = {}
        self._sets: Dict[str, Tuple[str, ...]] = {}

    def unit_keys(self, code: Optional[str]) -> Tuple[str, ...]:
        """The unit's Thai name(s) as compared (empty when too short to count or unknown)."""
        if not code:
            return ()
        got = self._unit.get(code)
        if got is None:
            name = self.dopa.name(code, "th")
            if len(code) == 4 and code[:2] == "10" and name.startswith("เขต"):
                name = name[3:]
            parts = [name] + ([p for p in name.replace(")", "(").split("(") if p.strip()]
                              if "(" in name else [])
            keys = {name_key(p) for p in parts}
            got = self._unit[code] = tuple(sorted(k for k in keys if len(k) >= MIN_NAME))
        return got

    def same_name(self, a: str, b: str) -> bool:
        """Do two units share a name (a tambon that moved keeps its name)?"""
        return bool(set(self.unit_keys(a)) & set(self.unit_keys(b)))

    def verdict(self, name: Optional[str], declared: Sequence[Optional[str]],
                located: str) -> str:
        """SUPPORTS the location, CONTRADICTS it (the name names a declared unit the pin is not
        in), or SILENT.  ``declared`` are the (province, amphoe, tambon) codes as declared (None
        where empty or unusable), ``located`` the tambon code where the pin lies.

        Only the levels where declared and located units differ are compared; where the declared
        tambon is unusable, the other tambons of the located amphoe stand for it (a name that
        names a neighbouring tambon and not the located one contradicts the location).
        """
        if not name or not located:
            return SILENT
        return judge(self.case(declared, located), name)

    def case(self, declared: Sequence[Optional[str]], located: str) -> _Case:
        """The names that matter for pins declaring ``declared`` and lying in ``located``."""
        key = (tuple(declared), located)
        case = self._cases.get(key)
        if case is None:
            case = self._cases[key] = self._case(declared, located) if located else _NOTHING
        return case

    def _case(self, declared: Sequence[Optional[str]], located: str) -> _Case:
        here = (located[:2], located[:4], located)
        ours = [k for d in declared if d for k in self.unit_keys(d)]
        theirs = [k for c in here for k in self.unit_keys(c)]
        kd: List[str] = []
        kl: List[str] = []
        t = declared[2] if len(declared) > 2 else None
        ours_t, theirs_t = set(self.unit_keys(t)), set(self.unit_keys(located))
        for d, h in zip(declared, here):
            if d and d != h:
                kd.extend(_told(self.unit_keys(d), theirs, theirs_t, len(d)))
                kl.extend(_told(self.unit_keys(h), ours, ours_t, len(h)))
        neighbours: Tuple[str, ...] = ()
        own = ""
        if not t:
            # no usable declared tambon: the other tambons of the located amphoe stand for it
            own = next(iter(_told(self.unit_keys(located), ours, ours_t, 6)), "")
            neighbours = tuple(k for k in self._neighbours(located)
                               if k not in theirs and k not in ours)
        if not (kd or kl or neighbours or own):
            return _NOTHING
        return (tuple(kd), tuple(kl), neighbours, own)

    def _neighbours(self, tambon: str) -> Tuple[str, ...]:
        got = self._sets.get(tambon)
        if got is None:
            got = self._sets[tambon] = tuple(k for u in self.dopa.children(tambon[:4])
                                            if u.code != tambon for k in self.unit_keys(u.code))
        return got

#: Words that make a tambon's name a tambon's (as name_key writes them: ต. is ต).
TAMBON_WORDS = ("ตำบล", "แขวง", "ต")


def _told(keys, other_side, other_tambon, digits: int) -> List[str]:
    """The keys that tell one side from the other: a name the other side has too tells nothing,
    except a tambon's that the other side has only as a coarser unit's, after a tambon word
    (``ตำบลกระสัง`` is the tambon, not amphoe กระสัง)."""
    out = []
    for k in keys:
        if k not in other_side:
            out.append(k)
        elif digits == 6 and k not in other_tambon:
            out.extend(w + k for w in TAMBON_WORDS)
    return out


def judge(case: _Case, name: Optional[str]) -> str:
    """The verdict of one pin's name in a case (see :meth:`NameEvidence.verdict`)."""
    if case is _NOTHING or not name:
        return SILENT
    for_declared_keys, for_located_keys, neighbours, own = case
    # เทศบาลตำบล (a "tambon municipality") is a kind of town, whose area need not be one tambon's
    nk = name_key(name).replace("เทศบาลตำบล", "เทศบาล")
    for k in for_declared_keys:
        if k in nk:
            return CONTRADICTS  # also when the located unit is named too: nothing settled
    named = bool(own) and own in nk
    if not named:
        for k in neighbours:
            if k in nk:
                return CONTRADICTS
    if named:
        return SUPPORTS
    for k in for_located_keys:
        if k in nk:
            return SUPPORTS
    return SILENT
