"""What the plugin makes of the registry's feedback aggregates: rows per service point (or unit)
with the change against the previous period and the small-sample rule, Zero Copy in practice
(the declared status against what citizens say), and the most frequent terms of comments.

Pure Python, no QGIS: the aggregation itself ran in PostgreSQL (``/collections/feedback/summary``);
here only a few thousand groups are combined.  docs/feedback.md explains every rule.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from typing import Dict, Iterable, List, Optional, Sequence, Tuple

from . import feedback as fb
from . import zero_copy as zc

#: "Declares Zero Copy" contradicts citizens when at least this share of them (who answered) say
#: they were asked for a copy; "declares copies demanded" when fewer than ``DEMANDED_ASKED_MIN``.
ZERO_COPY_ASKED_MAX = 20.0
DEMANDED_ASKED_MIN = 5.0
NO_RESPONSES, NOT_ENOUGH, ENOUGH = "no_responses", "not_enough", "enough"
STATUS_TEXT = {NO_RESPONSES: ("ไม่มีผู้ตอบ", "no responses"),
               NOT_ENOUGH: ("ผู้ตอบไม่พอ", "not enough responses"),
               ENOUGH: ("ผู้ตอบเพียงพอ", "enough responses")}


@dataclass
class Row:
    key: str
    responses: int
    status: str
    group: Optional[dict]
    previous: Optional[dict]
    rank: Optional[int] = None

    @property
    def pct_satisfied(self) -> Optional[float]:
        return self.group["pct_satisfied"] if self.group else None

    @property
    def change(self) -> Optional[float]:
        """Percentage points of satisfied against the previous period (both periods with enough
        responses, else None)."""
        if not (self.group and self.previous and self.status == ENOUGH
                and self.previous.get("enough")):
            return None
        return round(self.group["pct_satisfied"] - self.previous["pct_satisfied"], 1)


def rows(keys: Iterable[str], current: Dict[str, dict], previous: Dict[str, dict],
         minimum: int = fb.MIN_RESPONSES) -> List[Row]:
    """One row per key (every pin or unit asked about, with responses or not), ranked by share
    satisfied (then mean satisfaction) among those with enough responses; 1 is the best."""
    out = []
    for k in keys:
        g = current.get(k)
        n = g["responses"] if g else 0
        status = NO_RESPONSES if n == 0 else ENOUGH if n >= minimum else NOT_ENOUGH
        out.append(Row(k, n, status, g, previous.get(k)))
    ranked = sorted((r for r in out if r.status == ENOUGH),
                    key=lambda r: (-r.group["pct_satisfied"],
                                   -(r.group["means"]["satisfaction"] or 0), r.key))
    for i, r in enumerate(ranked, 1):
        r.rank = i
    return out


def by_key(doc: dict, key: str) -> Dict[str, dict]:
    """The groups of a summary answer keyed by ``key`` (pin_id, amphoe_code, province_code,
    month)."""
    return {g.get(key) or "": g for g in doc.get("groups") or []}


def previous_period(first: Tuple[int, int], last: Tuple[int, int]) -> Tuple[Tuple[int, int],
                                                                              Tuple[int, int]]:
    """The months just before ``first`` .. ``last`` (as (year, month)), as many of them."""
    n = (last[0] - first[0]) * 12 + last[1] - first[1] + 1

    def shift(ym, k):
        m = ym[0] * 12 + ym[1] - 1 + k
        return (m // 12, m % 12 + 1)
    return shift(first, -n), shift(first, -1)


# -- Zero Copy in practice -------------------------------------------------------------------------

@dataclass
class Contradiction:
    pin_id: str
    declared: str
    asked: int
    answered: int
    pct_asked: float
    kind: str
    message_th: str
    message_en: str


def contradictions(statuses: Dict[str, str], groups: Dict[str, dict],
                   minimum: int = fb.MIN_RESPONSES) -> List[Contradiction]:
    """Points whose declared Zero Copy status contradicts what citizens report, among points
    where at least ``minimum`` citizens answered the copy question."""
    out = []
    for pin, declared in statuses.items():
        g = groups.get(pin)
        if not g:
            continue
        yes, answered = g["asked_copy"]["yes"], g["asked_copy"]["answered"]
        if answered < minimum:
            continue
        pct = fb.share(yes, answered)
        if declared == zc.ZERO_COPY and pct >= ZERO_COPY_ASKED_MAX:
            out.append(Contradiction(
                pin, declared, yes, answered, pct, "asked_despite_zero_copy",
                f"ระบุว่าไม่เรียกสำเนา แต่ประชาชน {pct:.1f}% ({yes}/{answered}) ตอบว่าถูกขอสำเนา",
                f"declares Zero Copy, but {pct:.1f} % ({yes}/{answered}) of citizens say they "
                "were asked for a copy"))
        elif declared == zc.COPIES_DEMANDED and pct < DEMANDED_ASKED_MIN:
            out.append(Contradiction(
                pin, declared, yes, answered, pct, "record_may_be_outdated",
                f"ระบุว่าทุกงานบริการยังเรียกสำเนา แต่ประชาชนเพียง {pct:.1f}% ตอบว่าถูกขอสำเนา "
                "(ข้อมูลงานบริการอาจไม่เป็นปัจจุบัน)",
                f"declares that every service demands copies, but only {pct:.1f} % of citizens "
                "say they were asked for one (the services record may be out of date)"))
    out.sort(key=lambda c: (c.kind, -c.pct_asked, c.pin_id))
    return out


# -- the most frequent terms of comments -------------------------------------------------------

#: Words that say nothing about the service (Thai particles, pronouns, conjunctions; English).
STOPWORDS = frozenset("""
ที่ และ แต่ หรือ ก็ ไม่ ได้ ให้ มี เป็น ของ ใน การ ความ ว่า จะ ไป มา อยู่ แล้ว นี้ นั้น กับ จาก ถึง
ด้วย อีก ยัง เพราะ ทั้ง ๆ ครับ ค่ะ คะ ค่า จ้ะ นะ น่ะ เลย มาก มากๆ ทำ ต้อง ควร คือ โดย ซึ่ง เมื่อ
ผม ฉัน ดิฉัน เรา ท่าน เขา ตัว กว่า เอง บอก ว่า ๆ the a an and or of to in is it was for with
""".split())
_WORD = re.compile(r"[\u0E00-\u0E7F]+|[A-Za-z]{3,}")
_MARKER = re.compile(r"\[[^\]]*removed\]")


def segmenter():
    """(name, tokenize) of the best Thai word segmentation available: PyThaiNLP's ``newmm``
    (dictionary-based maximal matching) when it is installed, else splitting at spaces only --
    Thai is written without spaces between words, so without PyThaiNLP a "term" is a whole
    phrase (docs/feedback.md)."""
    try:
        from pythainlp.tokenize import word_tokenize  # optional: not bundled (63 MB)

        return "pythainlp-newmm", lambda text: word_tokenize(text, engine="newmm",
                                                             keep_whitespace=False)
    except ImportError:
        return "spaces", lambda text: text.split()


def top_terms(texts: Sequence[str], limit: int = 20, tokenize=None) -> List[Tuple[str, int]]:
    """The ``limit`` most frequent terms of ``texts`` (each counted once per text), stop words,
    numbers and the markers of removed personal data left out."""
    if tokenize is None:
        tokenize = segmenter()[1]
    counts: Counter = Counter()
    for t in texts:
        if not t:
            continue
        t = _MARKER.sub(" ", t)
        words = set()
        for token in tokenize(t):
            for w in _WORD.findall(token):
                w = w.lower()
                if w not in STOPWORDS and len(w) > 1:
                    words.add(w)
        counts.update(words)
    return sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:limit]
