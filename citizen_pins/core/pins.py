"""The pins to validate, read once into columns (the prepared input of every rule).

Two readers give the same :class:`PinTable`:

* :func:`read_features` walks QGIS features (any provider, edit buffers, selections, other CRS);
* :func:`read_ogr_arrow` reads an unmodified GDAL/OGR file (GeoPackage, shapefile...) in EPSG:4326
  column by column through GDAL's Arrow interface (GDAL >= 3.6, either engine): about 60 times
  faster than walking features in Python, which is what lets a million pins validate in seconds.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Callable, Dict, Iterable, List, Optional, Sequence

try:
    from collections.abc import Sequence as SequenceABC
except ImportError:  # pragma: no cover
    from collections import Sequence as SequenceABC  # type: ignore

import numpy as np

from .normalize import BLANK_LEAD_BYTES, is_blank

#: Rows per batch of the column reader (GDAL's default, 65,536, keeps bigger buffers).
ARROW_BATCH = 8192
#: The attributes validation reads (the plugin's schema names).
PIN_FIELDS = ("pin_id", "name_th", "point_type", "province_code", "amphoe_code", "tambon_code")

# Geometry problems, per pin (None = a usable single point).
GEOM_NONE, GEOM_EMPTY, GEOM_NOT_POINT, GEOM_MULTIPART, GEOM_TRANSFORM = (
    "none", "empty", "not_point", "multipart", "transform")


class GeometryIssues(SequenceABC):
    """Each pin's geometry problem (None for a usable single point), holding only the problems:
    a list of None per pin took 8 bytes a pin (0.8 MB at 100k pins, 8 MB at a million)."""

    __slots__ = ("n", "at")

    def __init__(self, n: int, at: Dict[int, str]):
        self.n = n
        self.at = at  # pin -> problem

    @classmethod
    def of(cls, values: Iterable[Optional[str]]) -> "GeometryIssues":
        if isinstance(values, GeometryIssues):
            return values
        values = list(values)
        return cls(len(values), {i: v for i, v in enumerate(values) if v is not None})

    def __len__(self) -> int:
        return self.n

    def __getitem__(self, i):
        if isinstance(i, slice):
            return [self[k] for k in range(*i.indices(self.n))]
        i = int(i)
        if i < 0:
            i += self.n
        if not 0 <= i < self.n:
            raise IndexError(i)
        return self.at.get(i)

    def __iter__(self):
        at = self.at
        return (at.get(i) for i in range(self.n))

    def __eq__(self, other) -> bool:
        if isinstance(other, GeometryIssues):
            return self.n == other.n and self.at == other.at
        return isinstance(other, SequenceABC) and list(self) == list(other)

    __hash__ = None  # type: ignore[assignment]

    def items(self):
        """(pin, problem) of the pins with one, in pin order."""
        return sorted(self.at.items())


@dataclass
class PinTable:
    feature_id: np.ndarray                       # int64
    x: np.ndarray                                # float64, EPSG:4326; NaN without a usable point
    y: np.ndarray
    #: per pin (a list is taken and kept as :class:`GeometryIssues`)
    geom_issue: Sequence[Optional[str]]
    #: attribute name -> one value per pin (text, or None when empty / NULL)
    attrs: Dict[str, List[Optional[str]]] = field(default_factory=dict)

    def __post_init__(self):
        self.geom_issue = GeometryIssues.of(self.geom_issue)

    def __len__(self) -> int:
        return len(self.feature_id)

    def column(self, name: str) -> List[Optional[str]]:
        col = self.attrs.get(name)
        return col if col is not None else [None] * len(self)

    @staticmethod
    def concat(tables: Sequence["PinTable"]) -> "PinTable":
        """One table of several (pins in order), each column joined as it is held: text stays
        GDAL's bytes (no list of a million ``str``), a column some tables lack is blank there."""
        names: List[str] = []
        for t in tables:
            names += [n for n in t.attrs if n not in names]
        attrs = {n: concat_columns([t.attrs.get(n) if n in t.attrs else [None] * len(t)
                                    for t in tables]) for n in names}

        def joined(parts, dtype):
            return np.concatenate(parts) if parts else np.empty(0, dtype)

        return PinTable(joined([t.feature_id for t in tables], np.int64),
                        joined([t.x for t in tables], float), joined([t.y for t in tables], float),
                        [g for t in tables for g in t.geom_issue], attrs)

    def take(self, keep) -> "PinTable":
        """The pins at the indices ``keep``, in that order, columns kept as they are held."""
        keep = np.asarray(keep, dtype=np.int64)
        return PinTable(self.feature_id[keep], self.x[keep], self.y[keep],
                        [self.geom_issue[i] for i in keep.tolist()],
                        {n: take_column(c, keep) for n, c in self.attrs.items()})


def to_text(value) -> Optional[str]:
    """A QGIS / Python attribute value as text; None for NULL and blanks."""
    if value is None:
        return None
    try:  # QGIS NULL (a null QVariant on Qt5)
        if hasattr(value, "isNull") and value.isNull():
            return None
    except TypeError:  # pragma: no cover
        pass
    if isinstance(value, float):
        if math.isnan(value):
            return None
        text = repr(value)
    else:
        text = str(value)
    return None if is_blank(text) else text


def read_features(features: Iterable, total: int, field_names: Sequence[str] = PIN_FIELDS,
                  transform=None, progress: Optional[Callable[[float], bool]] = None,
                  field_map: Optional[Dict[str, str]] = None) -> PinTable:
    """Read QGIS features (``QgsFeature``) into a PinTable.

    ``field_names`` are schema names to read; ``field_map`` maps a schema name to the source's
    own field name where they differ (e.g. ``{"pin_id": "hoscode"}``).

    ``transform`` (a QgsCoordinateTransform to EPSG:4326) is applied to each point.
    ``progress(fraction)`` is called now and then; returning False stops the reading (cancel).
    """
    from qgis.core import QgsPointXY, QgsWkbTypes

    from .qgis_compat import GEOMETRY_POINT

    fids: List[int] = []
    xs: List[float] = []
    ys: List[float] = []
    issues: List[Optional[str]] = []
    cols: Dict[str, List[Optional[str]]] = {n: [] for n in field_names}
    names = list(field_names)
    source_names = [(field_map or {}).get(n, n) for n in names]
    point_type = GEOMETRY_POINT
    nan = float("nan")
    step = max(1, total // 100) if total else 10000
    for i, f in enumerate(features):
        if progress is not None and i % step == 0 and progress(i / total if total else 0.0) is False:
            break
        fids.append(f.id())
        for n, sn in zip(names, source_names):
            cols[n].append(to_text(f.attribute(sn)))
        g = f.geometry()
        issue = None
        x = y = nan
        if g is None or g.isNull():
            issue = GEOM_NONE
        elif g.isEmpty():
            issue = GEOM_EMPTY
        elif QgsWkbTypes.geometryType(g.wkbType()) != point_type:
            issue = GEOM_NOT_POINT
        else:
            geom = g.constGet()
            if QgsWkbTypes.isMultiType(g.wkbType()):
                parts = geom.numGeometries()
                if parts > 1:
                    issue = GEOM_MULTIPART
                geom = geom.geometryN(0)
            x, y = geom.x(), geom.y()
            if transform is not None:
                try:
                    p = transform.transform(QgsPointXY(x, y))
                    x, y = p.x(), p.y()
                except Exception:  # QgsCsException
                    issue, x, y = GEOM_TRANSFORM, nan, nan
            if issue == GEOM_MULTIPART:
                # keep where it is for the findings layer, but no rule trusts a multi-part point
                pass
        xs.append(x)
        ys.append(y)
        issues.append(issue)
    return PinTable(np.asarray(fids, dtype=np.int64), np.asarray(xs, dtype=float),
                    np.asarray(ys, dtype=float), issues, cols)


# -- the fast path ------------------------------------------------------------------------------

def arrow_available() -> bool:
    """GDAL's Arrow-to-numpy reader is there (GDAL >= 3.6).  Either geometry engine uses it:
    points are read from their WKB in numpy, and the rare other geometries through shapely (its
    engine) or OGR (the QGIS engine: shapely may then be on another GEOS than QGIS's)."""
    try:
        from osgeo import ogr
    except ImportError:
        return False
    return hasattr(ogr.Layer, "GetArrowStreamAsNumPy")


# Only values starting with the first UTF-8 byte of a blank character (white space or an invisible
# mark, core/normalize.py) can be blank; every other value is certainly text.
_BLANK_LEAD = np.zeros(256, dtype=bool)
_BLANK_LEAD[sorted(BLANK_LEAD_BYTES)] = True


def _text_or_none(raw: bytes) -> Optional[str]:
    v = raw.decode("utf-8", "replace")
    return None if is_blank(v) else v


class _TextSequence(SequenceABC):
    """A read-only text column that compares equal to the list of its values."""

    def tolist(self) -> List[Optional[str]]:
        return list(self)

    def __eq__(self, other):
        try:
            return self.tolist() == list(other)
        except TypeError:
            return NotImplemented

    __hash__ = None  # type: ignore[assignment]


class TextColumn(_TextSequence):
    """A text column kept as GDAL's fixed-width bytes, decoded only where read.

    Behaves as the list of ``str`` / None (blank) that the readers give, so rules can index it,
    while whole-column checks (blank, duplicates, categories) work on :attr:`raw` in numpy.
    """

    def __init__(self, raw: np.ndarray):
        self.raw = raw

    def __len__(self) -> int:
        return len(self.raw)

    def __getitem__(self, i):
        if isinstance(i, slice):
            return [_text_or_none(v) for v in self.raw[i].tolist()]
        return _text_or_none(self.raw[i])

    def __iter__(self):
        return iter(self.tolist())

    def tolist(self) -> List[Optional[str]]:
        return [_text_or_none(v) for v in self.raw.tolist()]

    def blank(self) -> np.ndarray:
        """True where the value is empty or only whitespace (None in the list view)."""
        raw = self.raw
        out = raw == b""
        if raw.dtype.itemsize and len(raw):
            lead = raw.view(np.uint8).reshape(len(raw), raw.dtype.itemsize)[:, 0]
            maybe = np.nonzero(_BLANK_LEAD[lead] & ~out)[0]
            for i in maybe.tolist():
                out[i] = _text_or_none(raw[i]) is None
        return out


#: Rows of a bytes column looked at at once (hashes, byte tests): each slice's temporaries are
#: rows x width bytes (65,536 rows of a 36-byte pin_id made 5.5 MB of a 100k layer's peak)
SLICE_ROWS = 16_384


def row_hash(columns: Sequence[np.ndarray]) -> Optional[np.ndarray]:
    """A 64-bit hash of each row of fixed-width bytes columns (None if one is not), in numpy:
    each column zero-padded to whole 8-byte words, mixed word by word."""
    if not columns or any(getattr(c, "dtype", None) is None or c.dtype.kind != "S"
                          for c in columns):
        return None
    n = len(columns[0])
    out = np.empty(n, dtype=np.uint64)
    mul = np.uint64(0xBF58476D1CE4E5B9)
    with np.errstate(over="ignore"):
        for k in range(0, n, SLICE_ROWS):  # in slices: small temporaries
            h = np.full(min(SLICE_ROWS, n - k), 0x9E3779B97F4A7C15, dtype=np.uint64)
            for col in columns:
                size = col.dtype.itemsize
                if not size:
                    continue
                part = col[k:k + SLICE_ROWS]
                words = (size + 7) // 8
                padded = np.zeros((len(part), words * 8), dtype=np.uint8)
                padded[:, :size] = part.view(np.uint8).reshape(len(part), size)
                for w in padded.view(np.uint64).T:
                    h = (h ^ w) * mul
                    h ^= h >> np.uint64(31)
                h = (h ^ np.uint64(size)) * mul
            out[k:k + len(h)] = h
    return out


def factorize_rows(columns: Sequence[np.ndarray]):
    """(first row of each distinct row, index of each row's group) over several fixed-width bytes
    columns at once, or None when a column is not fixed-width bytes.

    Rows are hashed to 64 bits in numpy (each column zero-padded to whole 8-byte words), the
    hashes factorised with one sort, and every row compared with its group's first row: should
    two different rows share a hash, None is returned and the caller factorises exactly.  Groups
    come in no particular order; the result is deterministic.
    """
    h = row_hash(columns)
    if h is None:
        return None
    _, first, inv = np.unique(h, return_index=True, return_inverse=True)
    inv = inv.reshape(-1)
    for col in columns:
        if not np.array_equal(col, col[first][inv]):
            return None  # a hash collision: extremely unlikely, handled exactly by the caller
    return first, inv


class PackedTextColumn(_TextSequence):
    """A text column packed end to end (one bytes buffer and offsets), for free text whose longest
    value would make GDAL's fixed-width bytes wasteful: one 300-character name among a million
    would otherwise cost 900 bytes per pin (measured: 97 MB instead of 4 MB at 100k).

    The same read-only sequence as :class:`TextColumn`, without its ``raw`` array (the
    vectorised paths that need fixed width fall back to the values).
    """

    def __init__(self, parts: Sequence[np.ndarray]):
        lengths = [np.char.str_len(p).astype(np.int64) for p in parts if len(p)]
        self.offsets = np.zeros(sum(len(x) for x in lengths) + 1, dtype=np.int64)
        if lengths:
            np.cumsum(np.concatenate(lengths), out=self.offsets[1:])
        # numpy drops each value's trailing NUL padding in tolist(): exactly str_len bytes
        self.data = b"".join(b"".join(p.tolist()) for p in parts if len(p))

    @classmethod
    def join(cls, columns: Sequence, keep: Optional[np.ndarray] = None) -> "PackedTextColumn":
        """Text columns (fixed-width or packed) packed end to end as one; ``keep``: only those
        rows of the joined column, in that order."""
        out = cls([])
        datas, lengths = [], []
        for c in columns:
            if isinstance(c, TextColumn):
                lengths.append(np.char.str_len(c.raw).astype(np.int64) if len(c.raw)
                               else np.empty(0, np.int64))
                datas.append(b"".join(c.raw.tolist()))
            else:
                lengths.append(np.diff(c.offsets))
                datas.append(c.data)
        length = np.concatenate(lengths) if lengths else np.empty(0, np.int64)
        data = b"".join(datas)
        if keep is not None:
            starts = np.concatenate([[0], np.cumsum(length)[:-1]]).astype(np.int64)
            o = starts.tolist()
            data = b"".join(data[o[i]:o[i] + int(length[i])] for i in keep.tolist())
            length = length[keep]
        out.offsets = np.zeros(len(length) + 1, dtype=np.int64)
        np.cumsum(length, out=out.offsets[1:])
        out.data = data
        return out

    def __len__(self) -> int:
        return len(self.offsets) - 1

    def _bytes(self, i: int) -> bytes:
        return self.data[self.offsets[i]:self.offsets[i + 1]]

    def __getitem__(self, i):
        if isinstance(i, slice):
            return [self[k] for k in range(*i.indices(len(self)))]
        if i < 0:
            i += len(self)
        if not 0 <= i < len(self):
            raise IndexError(i)
        return _text_or_none(self._bytes(int(i)))

    def __iter__(self):
        o, data = self.offsets.tolist(), self.data
        return (_text_or_none(data[a:b]) for a, b in zip(o[:-1], o[1:]))

    def blank(self) -> np.ndarray:
        """True where the value is empty or only whitespace (None in the list view)."""
        lengths = np.diff(self.offsets)
        out = lengths == 0
        starts = self.offsets[:-1][~out]
        lead = np.frombuffer(self.data, dtype=np.uint8)[starts] if len(starts) else starts
        maybe = np.nonzero(~out)[0][_BLANK_LEAD[lead]] if len(starts) else starts
        for i in maybe.tolist():
            out[i] = _text_or_none(self._bytes(i)) is None
        return out


def text_column(parts: Sequence[np.ndarray]):
    """GDAL's fixed-width text batches as one column: :class:`TextColumn` (fixed width, the fast
    vectorised paths), or :class:`PackedTextColumn` when the longest value would more than double
    the memory of the values themselves."""
    parts = [p for p in parts if len(p)]
    n = sum(len(p) for p in parts)
    width = max((p.dtype.itemsize for p in parts), default=0)
    if width > 32 and n:
        # the values' own size, estimated from up to 1,024 values of each batch
        sample = [p[:1024] for p in parts]
        mean = sum(int(np.char.str_len(p).sum()) for p in sample) / sum(len(p) for p in sample)
        if width > 2 * (mean + 8):
            return PackedTextColumn(parts)
    return TextColumn(np.concatenate(parts) if len(parts) > 1 else
                      (parts[0] if parts else np.empty(0, dtype="S1")))


def concat_columns(columns: Sequence) -> "Sequence[Optional[str]]":
    """Columns of several tables as one: fixed-width text joined in numpy (widened to the
    longest, or packed end to end as :func:`text_column` decides), packed text joined as
    bytes, anything else as a list."""
    if columns and all(isinstance(c, TextColumn) for c in columns):
        return text_column([c.raw for c in columns])
    if columns and all(isinstance(c, (TextColumn, PackedTextColumn)) for c in columns):
        return PackedTextColumn.join(columns)
    return [v for c in columns for v in c]


def take_column(col, keep: np.ndarray):
    """The values of a column at ``keep``, held as the column is."""
    if isinstance(col, TextColumn):
        return TextColumn(col.raw[keep])
    if isinstance(col, PackedTextColumn):
        return PackedTextColumn.join([col], keep)
    return [col[i] for i in keep.tolist()]


def blank_mask(col) -> np.ndarray:
    """True where a column's value is None or blank (a text column's blanks, or a list's Nones
    and blank texts: only white space or invisible marks, core/normalize.py)."""
    blank = getattr(col, "blank", None)
    if blank is not None:
        return blank()
    return np.fromiter((is_blank(v) for v in col), dtype=bool, count=len(col))


def _decode_column(values: np.ndarray) -> List[Optional[str]]:
    """A batch's column that is not fixed-width text (those stay bytes: :func:`text_column`)."""
    if values.dtype.kind == "O":
        out: List[Optional[str]] = []
        for v in values.tolist():
            if isinstance(v, bytes):
                v = v.decode("utf-8", "replace")
            out.append(to_text(v))
        return out
    return [to_text(v) for v in values.tolist()]


#: little-endian 2D WKB point: byte order, type, x, y (21 bytes)
_WKB_POINT = np.dtype([("order", "u1"), ("type", "<u4"), ("x", "<f8"), ("y", "<f8")])


def _wkb_points(wkb: np.ndarray):
    """x, y and geometry issues straight from GDAL's fixed-width 21-byte WKB points, or None.

    GDAL hands a geometry column as fixed-width bytes when every value has the same size: for
    2D points that is 21 bytes, read here without building any geometry.  Anything else (other
    sizes, big-endian, NaN coordinates...) returns None and goes through shapely.
    """
    if wkb.dtype.kind != "V" or wkb.dtype.itemsize != _WKB_POINT.itemsize:
        return None
    rec = np.ascontiguousarray(wkb).view(_WKB_POINT)
    if not (np.all(rec["order"] == 1) and np.all(rec["type"] == 1)):
        return None
    x = rec["x"].astype(float)
    y = rec["y"].astype(float)
    empty = np.isnan(x) & np.isnan(y)
    if np.any(np.isnan(x) != np.isnan(y)):
        return None
    issues: List[Optional[str]] = [None] * len(x)
    for i in np.nonzero(empty)[0].tolist():
        issues[i] = GEOM_EMPTY
    return x, y, issues


def _batch_points(wkb: np.ndarray):
    """x, y and geometry issues of one batch's geometry column (WKB): 2D points in numpy, anything
    else through shapely (ImportError without it)."""
    fast = _wkb_points(wkb)
    if fast is not None:
        return fast
    from .boundaries import SHAPELY, default_engine

    if default_engine() != SHAPELY:
        return _ogr_points(wkb)
    import shapely

    try:
        geoms = shapely.from_wkb(wkb, on_invalid="ignore")
    except (TypeError, ValueError):  # nulls in an object column
        wkb_list = [bytes(w) if w is not None and len(bytes(w)) else None for w in wkb.tolist()]
        geoms = shapely.from_wkb(np.asarray(wkb_list, dtype=object), on_invalid="ignore")
    type_id = shapely.get_type_id(geoms)            # -1 for missing
    empty = shapely.is_empty(geoms)
    nparts = shapely.get_num_geometries(geoms)
    first = np.where(type_id == 4, shapely.get_geometry(geoms, 0), geoms)
    x = np.asarray(shapely.get_x(first), dtype=float)
    y = np.asarray(shapely.get_y(first), dtype=float)
    issues: List[Optional[str]] = [None] * len(geoms)
    bad = np.nonzero((type_id < 0) | empty | ~np.isin(type_id, (0, 4)) | (nparts > 1))[0]
    for i in bad.tolist():
        if type_id[i] < 0:
            issues[i] = GEOM_NONE
        elif empty[i]:
            issues[i] = GEOM_EMPTY
        elif type_id[i] not in (0, 4):
            issues[i] = GEOM_NOT_POINT
        else:
            issues[i] = GEOM_MULTIPART
    bad_xy = np.array([i for i in bad.tolist() if issues[i] != GEOM_MULTIPART], dtype=np.int64)
    if len(bad_xy):
        x[bad_xy] = np.nan
        y[bad_xy] = np.nan
    return x, y, issues


def _ogr_points(wkb: np.ndarray):
    """:func:`_batch_points` through OGR, one geometry at a time (no shapely): the same x, y and
    issues."""
    from osgeo import ogr

    from .ogr_io import or_none

    n = len(wkb)
    x = np.full(n, np.nan)
    y = np.full(n, np.nan)
    issues: List[Optional[str]] = [None] * n
    for i, w in enumerate(wkb.tolist()):
        # a corrupt WKB is no geometry, whether GDAL raises (QGIS 3.40+) or returns None
        g = or_none(ogr.CreateGeometryFromWkb, bytes(w)) if w is not None and len(bytes(w)) else None
        if g is None:
            issues[i] = GEOM_NONE
            continue
        if g.IsEmpty():
            issues[i] = GEOM_EMPTY
            continue
        flat = ogr.GT_Flatten(g.GetGeometryType())
        if flat not in (ogr.wkbPoint, ogr.wkbMultiPoint):
            issues[i] = GEOM_NOT_POINT
            continue
        first = g.GetGeometryRef(0) if flat == ogr.wkbMultiPoint else g
        if flat == ogr.wkbMultiPoint and g.GetGeometryCount() > 1:
            issues[i] = GEOM_MULTIPART  # kept where it is, as the other readers keep it
        x[i], y[i] = first.GetX(), first.GetY()
    return x, y, issues


def read_ogr_arrow(path: str, layer_name: Optional[str], field_names: Sequence[str] = PIN_FIELDS,
                   present: Optional[Sequence[str]] = None) -> PinTable:
    """Read an OGR layer (already known to be EPSG:4326 points) column-wise.

    Batch by batch: each of GDAL's batches is turned into compact columns (points, own copies of
    the text) and released before the next is read, so the reader never holds the whole layer
    twice (measured at 1M pins: peak +315 MB when every batch was kept until the end).
    """
    from .ogr_io import arrow_batches, open_layer

    ds, lyr, all_names = open_layer(path, layer_name, field_names)
    wanted = [n for n in field_names if n in all_names and (present is None or n in present)]
    lyr.SetIgnoredFields([n for n in all_names if n not in wanted])
    # every batch, or DamagedSource: a damaged file is never read as a shorter layer
    stream = arrow_batches(ds, lyr, path, ["USE_MASKED_ARRAYS=NO", "GEOMETRY_ENCODING=WKB",
                                       f"MAX_FEATURES_IN_BATCH={ARROW_BATCH}"])
    geom_col = lyr.GetGeometryColumn() or "wkb_geometry"
    fid_col = lyr.GetFIDColumn() or "OGC_FID"
    fids: List[np.ndarray] = []
    xs: List[np.ndarray] = []
    ys: List[np.ndarray] = []
    issues: List[Optional[str]] = []
    parts: Dict[str, list] = {name: [] for name in wanted}
    for batch in stream:
        if geom_col not in batch:
            geom_col = [k for k in batch if k not in wanted and k != fid_col][0]
        fids.append(np.asarray(batch[fid_col], dtype=np.int64).copy())
        x, y, issue = _batch_points(batch[geom_col])
        xs.append(x)
        ys.append(y)
        issues += issue
        for name in wanted:
            v = batch.get(name)
            if v is not None:  # text: this batch's own copy (the batch's memory is GDAL's)
                parts[name].append(v.copy() if v.dtype.kind == "S" else _decode_column(v))
        del batch
    del stream, lyr, ds

    def joined(chunks, dtype):
        return np.concatenate(chunks) if chunks else np.empty(0, dtype)

    attrs = {}
    for name in wanted:
        chunks = parts.pop(name)
        if chunks and all(isinstance(c, np.ndarray) for c in chunks):
            attrs[name] = text_column(chunks)  # text: never widened to the longest batch
        else:  # batches of different kinds (text, NULL-only...): values decoded one by one
            attrs[name] = [v for c in chunks
                           for v in (TextColumn(c).tolist() if isinstance(c, np.ndarray) else c)]
        del chunks
    return PinTable(joined(fids, np.int64), joined(xs, float), joined(ys, float), issues, attrs)
