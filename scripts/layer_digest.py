#!/usr/bin/env python3
"""A SHA-256 over every field and the geometry of every feature of an OGR layer, in feature-id
order: proves that a speed change left an algorithm's output (findings, summary, imported pins,
the import report) byte for byte the same.

Usage: .venv/bin/python scripts/layer_digest.py FILE [LAYER ...]   (every layer when none given)
       .venv/bin/python scripts/layer_digest.py --import WORKING_COPY.gpkg   (an import's result)
"""
from __future__ import annotations

import hashlib
import re
import sys
from typing import Dict, Iterable, Optional


_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", re.I)


def layer_digest(path: str, layer: Optional[str] = None, skip: Iterable[str] = (),
                 uuids: Optional[Dict[str, str]] = None) -> str:
    """SHA-256 of (every field value, geometry as WKB) of each feature, in feature-id order.

    ``skip``: fields left out (times of the run).  ``uuids``: when given, every UUID in a value
    is replaced by its number of first appearance (a dict shared across layers keeps a pin's
    id in the pins the same as in the report), so random ids made by the run do not change
    the digest while which row refers to which pin still does."""
    from osgeo import ogr

    ds = ogr.Open(str(path))
    if ds is None:
        raise OSError(f"GDAL cannot open {path}")
    lyr = ds.GetLayerByName(layer) if layer else ds.GetLayer(0)
    if lyr is None:
        raise OSError(f"no layer {layer!r} in {path}")
    defn = lyr.GetLayerDefn()
    names = [defn.GetFieldDefn(i).GetName() for i in range(defn.GetFieldCount())]
    keep = [i for i, n in enumerate(names) if n not in set(skip)]
    h = hashlib.sha256(repr([names[i] for i in keep]).encode("utf-8"))

    def plain(v):
        if uuids is None or not isinstance(v, str):
            return v
        return _UUID.sub(lambda m: uuids.setdefault(m.group(0).lower(), f"uuid#{len(uuids)}"), v)

    feats = sorted(((f.GetFID(), f) for f in lyr), key=lambda t: t[0])
    for _, f in feats:
        g = f.GetGeometryRef()
        values = [plain(f.GetField(i)) for i in keep]
        h.update(repr((values, None if g is None else bytes(g.ExportToIsoWkb()).hex()))
                 .encode("utf-8"))
    del feats, lyr, ds
    return h.hexdigest()


#: An import's working copy: what its digest covers (the pins, the admin units, the per-row
#: report) and leaves out (the run's time; random ids are numbered, see layer_digest).
IMPORT_LAYERS = ("service_points", "admin_units", "import_report")
IMPORT_SKIP = ("imported_at",)


def import_digest(path: str) -> str:
    """One digest of an import's working copy (pins, admin units, report), the same for the same
    import whenever and however often it runs."""
    uuids: Dict[str, str] = {}
    h = hashlib.sha256()
    for name in IMPORT_LAYERS:
        h.update(layer_digest(path, name, IMPORT_SKIP, uuids).encode("ascii"))
    return h.hexdigest()


def main(argv=None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if not args:
        print(__doc__, file=sys.stderr)
        return 2
    from osgeo import ogr

    if args[0] == "--import":
        print(f"import: {import_digest(args[1])}")
        return 0
    path, layers = args[0], args[1:]
    if not layers:
        ds = ogr.Open(path)
        layers = [ds.GetLayer(i).GetName() for i in range(ds.GetLayerCount())]
        del ds
    for name in layers:
        print(f"{name}: {layer_digest(path, name)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
