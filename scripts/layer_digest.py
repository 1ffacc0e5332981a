#!/usr/bin/env python3
"""A SHA-256 over every field and the geometry of every feature of an OGR layer, in feature-id
order: proves that a speed change left an algorithm's output (findings, summary, imported pins,
the import report) byte for byte the same.

Usage: .venv/bin/python scripts/layer_digest.py FILE [LAYER ...]   (every layer when none given)
"""
from __future__ import annotations

import hashlib
import sys
from typing import Optional


def layer_digest(path: str, layer: Optional[str] = None) -> str:
    """SHA-256 of (every field value, geometry as WKB) of each feature, in feature-id order."""
    from osgeo import ogr

    ds = ogr.Open(str(path))
    if ds is None:
        raise OSError(f"GDAL cannot open {path}")
    lyr = ds.GetLayerByName(layer) if layer else ds.GetLayer(0)
    if lyr is None:
        raise OSError(f"no layer {layer!r} in {path}")
    defn = lyr.GetLayerDefn()
    names = [defn.GetFieldDefn(i).GetName() for i in range(defn.GetFieldCount())]
    h = hashlib.sha256(repr(names).encode("utf-8"))
    feats = sorted(((f.GetFID(), f) for f in lyr), key=lambda t: t[0])
    for _, f in feats:
        g = f.GetGeometryRef()
        values = [f.GetField(i) for i in range(len(names))]
        h.update(repr((values, None if g is None else bytes(g.ExportToIsoWkb()).hex()))
                 .encode("utf-8"))
    del lyr, ds
    return h.hexdigest()


def main(argv=None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if not args:
        print(__doc__, file=sys.stderr)
        return 2
    from osgeo import ogr

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
