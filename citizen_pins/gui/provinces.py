"""The province pickers of the dock and the dialogs: the account's provinces first, names in the
user's language, and the province to start from chosen from what is known."""
from __future__ import annotations

from typing import Iterable, Optional

from ..core.dopa import codes


def province_name(code: str, lang: str) -> str:
    """A province's name in ``lang`` (Thai or English), else its code."""
    if not code:
        return ""
    return codes().name(code, "th" if lang == "th" else "en") or code


def fill_province_combo(combo, lang: str, mine: Iterable[str] = (),
                        preferred: Optional[str] = None) -> None:
    """Every current province as "name (code)", the codes as data; ``mine`` (the account's
    provinces) first, then a separator.  The selection: ``preferred`` when given, else the one
    shown before, else the first of ``mine``, else none in particular (the first row)."""
    current = combo.currentData()
    mine = [c for c in mine if c]
    combo.blockSignals(True)
    combo.clear()
    for code in mine:
        combo.addItem(f"{province_name(code, lang)} ({code})", code)
    if mine:
        combo.insertSeparator(len(mine))
    for unit in codes().provinces():
        if unit.code not in mine:
            combo.addItem(f"{province_name(unit.code, lang)} ({unit.code})", unit.code)
    for wanted in (preferred, current, mine[0] if mine else None):
        index = combo.findData(wanted) if wanted else -1
        if index >= 0:
            combo.setCurrentIndex(index)
            break
    combo.blockSignals(False)
