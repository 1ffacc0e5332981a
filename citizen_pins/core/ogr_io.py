"""Opening an OGR layer for the column readers (pins and boundaries): one place, one message.

Within :func:`shared_datasets` a file is opened once for every layer read from it (the national
batch reads 77 province layers of one GeoPackage: each open of that file reads its whole
catalogue; 77 opens took 1.0 s of CPU, measured in process), and the check that GDAL's Python can
open a file at all (:func:`open_dataset`) is that same open.

GDAL's Python reports an error by raising ``RuntimeError`` or by returning None / an error code,
by a process-wide switch that QGIS sets differently by version: QGIS 3.40's Processing plugin
turns exceptions on when it loads, QGIS 3.22 leaves them off.  The helpers here
(:func:`or_none`, :func:`succeeded`) give the same answer either way.
"""
from __future__ import annotations

from contextlib import contextmanager
from typing import Dict, Iterable, Iterator, List, Optional, Tuple

_SHARED: Optional[Dict[str, object]] = None


def or_none(fn, *args):
    """``fn(*args)``, or None where GDAL reports an error (raised with exceptions on, as QGIS 3.40
    and later run; returned as None with them off, as QGIS 3.22 runs): e.g. a corrupt WKB."""
    try:
        return fn(*args)
    except RuntimeError:
        return None


def succeeded(fn, *args) -> bool:
    """Whether a GDAL call that returns an error code (0: success, e.g. ``StartTransaction``,
    ``CreateFeature``) succeeded, with GDAL's exceptions on or off."""
    try:
        return fn(*args) == 0
    except RuntimeError:
        return False


@contextmanager
def shared_datasets() -> Iterator[None]:
    """While it lasts, each file is opened once (read-only) and kept for every layer read from
    it; closed at its end.  Nested uses share the outermost one."""
    global _SHARED
    outer = _SHARED is not None
    if not outer:
        _SHARED = {}
    try:
        yield
    finally:
        if not outer:
            _SHARED = None


def open_dataset(path: str):
    """GDAL's dataset of ``path`` (read-only), or None when GDAL's Python cannot open it (e.g. a
    .zip that QGIS opens itself); shared within :func:`shared_datasets`."""
    from osgeo import ogr

    if _SHARED is not None and path in _SHARED:
        return _SHARED[path]
    try:
        ds = ogr.Open(path)
    except RuntimeError:
        ds = None
    if ds is not None and _SHARED is not None:
        _SHARED[path] = ds
    return ds


def open_layer(path: str, layer_name: Optional[str],
               keep: Iterable[str] = ()) -> Tuple[object, object, List[str]]:
    """(dataset, layer, the layer's field names) with every field but ``keep`` ignored.

    Keep the dataset referenced while the layer is used (GDAL closes it with the last reference).
    Raises OSError naming the file or the layer when GDAL cannot open it.
    """
    ds = open_dataset(path)
    if ds is None:
        raise OSError(f"GDAL cannot open {path}")
    lyr = ds.GetLayerByName(layer_name) if layer_name else ds.GetLayer(0)
    if lyr is None:
        raise OSError(f"No layer {layer_name!r} in {path}")
    lyr.ResetReading()
    defn = lyr.GetLayerDefn()
    names = [defn.GetFieldDefn(i).GetName() for i in range(defn.GetFieldCount())]
    keep = set(keep)
    lyr.SetIgnoredFields([n for n in names if n not in keep])
    return ds, lyr, names
