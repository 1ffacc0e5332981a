#!/usr/bin/env python3
"""QGIS 3 names in the plugin's code that QGIS 4 (Qt6) does not have, found with the QGIS that is
installed (run it with QGIS's Python; the test tests/qgis/test_qgis4_readiness.py runs it):

* compatibility aliases: QGIS 3.x keeps the old spelling of every enum it moved (e.g.
  ``QgsWkbTypes.Point`` -> ``Qgis.WkbType.Point``, ``QgsProcessing.TypeVectorPoint`` ->
  ``Qgis.ProcessingSourceType.VectorPoint``) as assignments in its generated
  ``qgis/{core,gui,analysis}/__init__.py``; QGIS 4 drops them.  Read from QGIS >= 3.40 (3.22 lists
  only a few).
* unscoped enum values: ``QgsFeatureSink.FastInsert`` or ``Qt.AlignLeft`` resolve on PyQt5 but
  PyQt6 knows only ``QgsFeatureSink.Flag.FastInsert`` / ``Qt.AlignmentFlag.AlignLeft``: every
  attribute chain of the code that starts at a QGIS or Qt class is resolved here, and a value of
  an enum reached through a class rather than through its enum is reported.

``citizen_pins/core/qgis_compat.py`` is where the spellings of older QGIS versions live (each
behind a version test): it is not scanned.  Prints one line per finding; exit status 1 if any.
"""
from __future__ import annotations

import ast
import enum
import re
import sys
from pathlib import Path
from typing import Dict, Iterator, List, Optional, Tuple

REPO = Path(__file__).resolve().parents[1]
PLUGIN = REPO / "citizen_pins"
EXEMPT = {PLUGIN / "core" / "qgis_compat.py"}

_ALIAS = re.compile(r"^((?:Qgs|Qgis)\w*(?:\.\w+)+) = ((?:Qgs|Qgis)\w*(?:\.\w+)*)\s*$", re.M)
_NOT_NAMES = ("__doc__", "baseClass", "is_monkey_patched", "__repr__", "__str__")


def compat_aliases() -> Dict[str, str]:
    """Old spelling -> the name it stands for, from the installed QGIS's generated modules."""
    import qgis

    out: Dict[str, str] = {}
    for sub in ("core", "gui", "analysis"):
        init = Path(qgis.__file__).parent / sub / "__init__.py"
        if not init.is_file():
            continue
        for old, new in _ALIAS.findall(init.read_text(encoding="utf-8")):
            if old.rsplit(".", 1)[-1] in _NOT_NAMES or old == new:
                continue
            out[old] = new
    return out


def plugin_files() -> List[Path]:
    return sorted(p for p in PLUGIN.rglob("*.py")
                  if "ext_libs" not in p.parts and p not in EXEMPT)


def _chain(node: ast.AST) -> Optional[List[str]]:
    parts = []
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    if isinstance(node, ast.Name):
        parts.append(node.id)
        return parts[::-1]
    return None


_DOTTED = re.compile(r"^(?:Qgs|Qgis)\w*(?:\.\w+)+$")


def attribute_chains(path: Path) -> Iterator[Tuple[int, str, bool]]:
    """(line, "A.B.C", in a string) for each outermost attribute chain starting at a name, and
    for each string that spells one (``"QgsProcessing.TypeVectorPoint"``, looked up later)."""
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    inner = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute):
            inner.add(id(node.value))
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and id(node) not in inner:
            parts = _chain(node)
            if parts and len(parts) >= 2:
                yield node.lineno, ".".join(parts), False
        elif (isinstance(node, ast.Constant) and isinstance(node.value, str)
              and _DOTTED.match(node.value)):
            yield node.lineno, node.value, True


def _namespaces() -> Dict[str, object]:
    import qgis.analysis
    import qgis.core
    import qgis.gui
    from qgis.PyQt import QtCore, QtGui, QtNetwork, QtWidgets

    names: Dict[str, object] = {}
    for mod in (QtCore, QtGui, QtWidgets, QtNetwork, qgis.analysis, qgis.gui, qgis.core):
        for k in dir(mod):
            if k.startswith(("Q", "Qgs", "Qgis")):
                names[k] = getattr(mod, k)
    return names


def _is_enum_type(t) -> bool:
    if isinstance(t, type) and issubclass(t, enum.Enum):
        return True
    return type(t).__name__ == "enumtype"  # sip's enums (PyQt5)


def unscoped(chain: str, names: Dict[str, object]) -> Optional[str]:
    """The scoped spelling if ``chain`` reaches an enum value through a class, else None."""
    parts = chain.split(".")
    if parts[0] not in names:
        return None
    obj = names[parts[0]]
    parent = None
    for i, part in enumerate(parts[1:], start=1):
        try:
            parent, obj = obj, getattr(obj, part)
        except AttributeError:
            return None
        etype = type(obj)
        if _is_enum_type(etype) and isinstance(parent, type) and not _is_enum_type(parent):
            if getattr(parent, etype.__name__, None) is etype:
                return ".".join(parts[:i] + [etype.__name__] + parts[i:i + 1])
            return None
        if _is_enum_type(etype):
            return None
    return None


def findings(aliases: Optional[Dict[str, str]] = None) -> List[str]:
    aliases = compat_aliases() if aliases is None else aliases
    names = _namespaces()
    out = []
    for path in plugin_files():
        rel = path.relative_to(REPO)
        for line, chain, quoted in attribute_chains(path):
            parts = chain.split(".")
            for n in range(len(parts), 1, -1):
                old = ".".join(parts[:n])
                if old in aliases:
                    out.append(f"{rel}:{line}: {old}{' (in a string)' if quoted else ''} is a QGIS 3 "
                               f"alias, QGIS 4 has only {aliases[old]} (route it through "
                               f"core/qgis_compat.py)")
                    break
            else:
                scoped = unscoped(chain, names)
                if scoped:
                    out.append(f"{rel}:{line}: {chain} is unscoped, Qt6 needs {scoped}")
    return out


def main() -> int:
    from qgis.core import Qgis

    aliases = compat_aliases()
    found = findings(aliases)
    for f in found:
        print(f)
    print(f"QGIS {Qgis.QGIS_VERSION}: {len(aliases)} QGIS 3 aliases known, "
          f"{len(plugin_files())} files scanned, {len(found)} findings", file=sys.stderr)
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
