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


class DamagedSource(OSError):
    """GDAL stopped part way through a file: not every feature was read (a damaged file)."""


def damaged(path: str, read: int, expected: int, detail: str) -> DamagedSource:
    import os

    name = os.path.basename(path) or path
    of = f"{read:,} of its {expected:,} features" if expected >= 0 else f"{read:,} features"
    of_th = f"{read:,} จาก {expected:,} รายการ" if expected >= 0 else f"{read:,} รายการ"
    return DamagedSource(
        f"{name} could not be read to its end: GDAL stopped after {of} ({detail or 'no reason'}). "
        "The file may be damaged (a copy cut short, a disk or network error): nothing was "
        "checked or written. Restore it from a backup, or open it in QGIS and save a copy "
        "(Export > Save Features As...), then run again. / อ่านไฟล์ "
        f"{name} ได้ไม่ครบ: GDAL หยุดอ่านหลัง {of_th} ไฟล์อาจเสียหาย ยังไม่มีการตรวจหรือบันทึกใด ๆ "
        "ให้ใช้ไฟล์สำรอง หรือเปิดใน QGIS แล้วบันทึกเป็นไฟล์ใหม่ (Export > Save Features As...) "
        "แล้วสั่งใหม่อีกครั้ง")


def last_error() -> str:
    """GDAL's last error message on this thread when it was a failure, else "" (with GDAL's
    exceptions off, a failed call only leaves this behind)."""
    from osgeo import gdal

    return gdal.GetLastErrorMsg() if gdal.GetLastErrorType() >= gdal.CE_Failure else ""


#: drivers whose feature count is the number of features a full read gives (a GeoPackage keeps
#: it up to date with triggers).  Not a shapefile: it counts records marked deleted, which a
#: read skips (measured: count 3, read 2), so there only an error GDAL reported tells damage.
EXACT_COUNT_DRIVERS = ("GPKG", "SQLite")


def count_is_exact(driver_name: Optional[str]) -> bool:
    return driver_name in EXACT_COUNT_DRIVERS


def _driver(ds) -> Optional[str]:
    d = ds.GetDriver() if ds is not None else None
    return d.GetName() if d is not None else None


def check_complete(path: str, read: int, expected: int, exact: bool, detail: str = "") -> None:
    """Raise :class:`DamagedSource` when a full read gave fewer features than the file counts and
    that means damage: the count is exact for the format, or GDAL reported an error."""
    if expected < 0 or read >= expected:
        return
    why = detail or last_error()
    if exact or why:
        raise damaged(path, read, expected, why)


def _whole(ds, lyr, path: str, items, rows) -> Iterator:
    """``items`` (read from ``lyr``, made once GDAL's last error is cleared), each holding
    ``rows(item)`` features, all of them or :class:`DamagedSource`; an empty one ends the read."""
    from osgeo import gdal

    expected = lyr.GetFeatureCount(0)
    gdal.ErrorReset()
    read = 0
    try:
        for item in items():
            n = rows(item)
            if n == 0:
                break
            read += n
            yield item
    except RuntimeError as e:  # GDAL's exceptions on (QGIS 3.40+)
        raise damaged(path, read, expected, str(e)) from None
    check_complete(path, read, expected, count_is_exact(_driver(ds)))


def arrow_batches(ds, lyr, path: str, options: List[str]) -> Iterator[dict]:
    """The layer's batches (``GetArrowStreamAsNumPy``), all of them or :class:`DamagedSource`.

    A file that cannot be read to its end (a damaged page of a GeoPackage) is never taken for a
    shorter layer: GDAL 3.6 (QGIS 3.22) answers with empty batches forever after the error (a
    reader would loop and grow without end; measured: 9.9 GB after ten minutes), GDAL 3.10 with
    its exceptions off ends the stream early, and with them on (QGIS 3.40+) raises.  The number
    read is checked against the count the file keeps (:func:`check_complete`).
    """
    return _whole(ds, lyr, path, lambda: lyr.GetArrowStreamAsNumPy(options=options),
                  lambda batch: len(next(iter(batch.values()))) if batch else 0)


def checked_features(ds, lyr, path: str) -> Iterator[object]:
    """The layer's features one by one (``for f in lyr``), all of them or
    :class:`DamagedSource` (see :func:`arrow_batches`: a read error ends OGR's loop silently
    with GDAL's exceptions off).  ``ds`` (None: unknown) tells whether the count is exact."""
    return _whole(ds, lyr, path, lambda: lyr, lambda feature: 1)
