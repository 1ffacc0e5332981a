"""Reading the lists offices really have, through QGIS and OGR (no hand-written parsers).

* CSV/TXT/TSV: QGIS's delimited-text provider (encoding detected: UTF-8, UTF-8 with BOM, UTF-16
  with BOM, Thai Windows cp874/TIS-620; the caller may override; delimiter detected).
* XLSX/XLS/ODS: OGR, every sheet selectable, read as a grid of text so that title rows and
  two-row (merged) headers are recognised here rather than guessed by the driver.
* KML/KMZ, GeoPackage, Shapefile, GeoJSON and anything else OGR opens: QgsVectorLayer; the
  geometry gives the location (reprojected to EPSG:4326).

A source is one or more tables (a sheet, a layer, a KML folder).  Each table streams
:class:`SourceRow` objects numbered as a person sees them (spreadsheet row, CSV record).
"""
from __future__ import annotations

import csv
import io
import os
import re
from dataclasses import dataclass, field
from typing import Callable, Iterator, List, Optional, Sequence, Tuple

from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsCoordinateTransformContext,
    QgsFeatureRequest,
    QgsGeometry,
    QgsVectorLayer,
    QgsWkbTypes,
)
from qgis.PyQt.QtCore import QVariant

from ..memory import collector_paused
from ..ogr_io import DamagedSource, check_complete, count_is_exact
from ..qgis_compat import REQUEST_NO_GEOMETRY
from . import kml
from .coords import CoordinateError, parse_angle
from .mapping import header_matches

CSV_EXT = (".csv", ".txt", ".tsv", ".tab")
SHEET_EXT = (".xlsx", ".xlsm", ".xls", ".ods")
#: Rows kept in memory to find the header and to suggest a mapping from values.
SAMPLE_ROWS = 60
#: How far down a sheet a header row is looked for.
HEADER_SEARCH_ROWS = 15

#: Encodings the user may name, to Qt codec names (the delimited-text provider's spelling).
ENCODINGS = {
    "utf-8": "UTF-8", "utf8": "UTF-8", "utf-8-sig": "UTF-8", "utf_8_sig": "UTF-8",
    "cp874": "windows-874", "windows-874": "windows-874", "tis-620": "windows-874",
    "tis620": "windows-874", "iso-8859-11": "windows-874", "x-windows-874": "windows-874",
    "ms874": "windows-874", "utf-16": "UTF-16", "utf-16le": "UTF-16LE", "utf-16be": "UTF-16BE",
    "latin-1": "ISO-8859-1", "iso-8859-1": "ISO-8859-1", "cp1252": "windows-1252",
}
#: Python codec for each Qt codec name above (to check an override decodes).
_PY_CODEC = {"UTF-8": "utf-8", "windows-874": "cp874", "UTF-16": "utf-16", "UTF-16LE": "utf-16-le",
             "UTF-16BE": "utf-16-be", "ISO-8859-1": "latin-1", "windows-1252": "cp1252"}

_MAGIC = (
    (b"PK\x03\x04", "a ZIP archive (an Excel .xlsx workbook, a .kmz or an .ods?)"),
    (b"\xd0\xcf\x11\xe0", "an old Excel .xls workbook"),
    (b"%PDF", "a PDF document"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"SQLite format 3", "a SQLite/GeoPackage database"),
    (b"GIF8", "a GIF image"),
)


#: the collector paused while an import reads, converts and writes (core/memory.py)
bulk_work = collector_paused


class SourceError(Exception):
    """The source cannot be read; the message says what to fix."""


@dataclass
class SourceRow:
    #: Row number as a person sees it: the spreadsheet row, or the CSV record (header = 1).
    number: int
    values: List[Optional[str]]
    #: (lon, lat) in EPSG:4326 from the feature's geometry, for layers with geometry.
    point: Optional[Tuple[float, float]] = None
    geometry_repairs: Tuple[str, ...] = ()
    geometry_error: Optional[str] = None
    #: Values beyond the header's last column (a ragged row).
    extra: Tuple[str, ...] = ()


@dataclass
class SourceTable:
    name: str
    headers: List[str]
    #: Rows that are not data: (row number, reason), e.g. title and header rows.
    skipped: List[Tuple[int, str]]
    has_geometry: bool
    sample: List[List[Optional[str]]]
    _rows: Callable[[], Iterator[SourceRow]] = field(repr=False, default=lambda: iter(()))
    #: Feature count reported by the provider (rows, including header rows, for grids).
    count_hint: int = -1
    #: Grids (CSV, sheets): their rows as read, for column-wise conversion (GridRecords).
    records: Optional[Callable[[], "GridRecords"]] = field(repr=False, default=None)

    def rows(self) -> Iterator[SourceRow]:
        return self._rows()


@dataclass
class Source:
    path: str
    format: str
    tables: List[SourceTable]
    #: Every layer/sheet the file has (to offer a choice).
    available: List[str]
    encoding: str = ""
    encoding_note: str = ""
    delimiter: str = ""


# ------------------------------------------------------------------------------------------------
# encodings


def detect_encoding(path: str) -> Tuple[str, str]:
    """(Qt codec name, how it was decided) for a text file; SourceError for binary files."""
    with open(path, "rb") as fh:
        data = fh.read()
    if not data:
        raise SourceError(f"{os.path.basename(path)} is empty (0 bytes): nothing to import.")
    if data.startswith(b"\xef\xbb\xbf"):
        return "UTF-8", "UTF-8 with BOM"
    if data.startswith(b"\xff\xfe") or data.startswith(b"\xfe\xff"):
        return "UTF-16", "UTF-16 with BOM (Excel 'Unicode text')"
    for magic, what in _MAGIC:
        if data.startswith(magic):
            raise SourceError(
                f"{os.path.basename(path)} is not a text (CSV) file: it is {what}. Save it as CSV, "
                "or give the file its real extension.")
    head = data[:65536]
    if b"\x00" in head:
        raise SourceError(
            f"{os.path.basename(path)} is not a text (CSV) file: it contains binary data. Open it "
            "in the program that made it and save it as CSV (UTF-8).")
    try:
        data.decode("utf-8")
        return "UTF-8", "UTF-8"
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("cp874")
    except UnicodeDecodeError:
        raise SourceError(
            f"{os.path.basename(path)} is neither UTF-8 nor Thai Windows (cp874/TIS-620) text. "
            "Save it as 'CSV UTF-8', or give its encoding.") from None
    # Thai text has consonants, and its vowel and tone marks sit on Thai letters; Latin-1 accents
    # read as cp874 give marks on Latin letters.
    if not re.search(r"[\u0e01-\u0e2e]", text) or re.search(
            r"(?<![\u0e01-\u0e3a\u0e47-\u0e4e])[\u0e31\u0e34-\u0e3a\u0e47-\u0e4e]", text):
        raise SourceError(
            f"{os.path.basename(path)} is not UTF-8 and has no Thai text in the Thai Windows "
            "encoding either: give its encoding (e.g. ENCODING=latin-1).")
    return "windows-874", "Thai Windows (cp874/TIS-620): not valid UTF-8"


def qt_encoding(name: str) -> str:
    """A user's encoding name as the Qt codec name; SourceError for an unknown one."""
    key = (name or "").strip().lower().replace("_", "-")
    if key in ENCODINGS:
        return ENCODINGS[key]
    raise SourceError(f"Unknown encoding '{name}'. Use one of: utf-8, utf-8-sig, cp874 (TIS-620), "
                      "utf-16, latin-1.")


def _detect_delimiter(path: str, encoding: str) -> str:
    codec = _PY_CODEC.get(encoding, "utf-8")
    with open(path, "rb") as fh:
        data = fh.read(65536)
    text = data.decode(codec, errors="replace").lstrip("\ufeff")
    lines = [ln for ln in text.splitlines()[:20] if ln.strip()]
    best, best_score = ",", -1
    for d in (",", ";", "\t", "|"):
        counts = [len(re.sub(r'"[^"]*"', "", ln).split(d)) - 1 for ln in lines]
        if not counts or max(counts) == 0:
            continue
        # consistent counts across lines are better than one long line
        common = max(set(counts), key=counts.count)
        score = common * counts.count(common)
        if score > best_score:
            best, best_score = d, score
    return best


# ------------------------------------------------------------------------------------------------
# grids (CSV and spreadsheets): find the header, stream the rows


def _numeric(cell: str) -> bool:
    try:
        parse_angle(cell)
        return True
    except (CoordinateError, ValueError, OverflowError):
        return False


def _text_only(values: Sequence[Optional[str]]) -> bool:
    return all(v is None or not _numeric(v) for v in values)


def _filled(values: Sequence[Optional[str]]) -> List[int]:
    return [i for i, v in enumerate(values) if v is not None and str(v).strip()]


def find_header(rows: Sequence[Tuple[int, List[Optional[str]]]],
                matcher: Callable[[str], int] = header_matches) -> Tuple[int, int]:
    """(first, last) index in ``rows`` of the header block, or (-1, -1) when there is no header.

    The header row is the one among the first rows whose cells look most like known headers; a
    text-only row just below it that fills cells the header row left empty (a two-row header with
    merged group titles, e.g. "พิกัด" over "ละติจูด" and "ลองจิจูด") joins the block.
    """
    window = list(rows[:HEADER_SEARCH_ROWS])
    best, best_score = -1, 0
    for i, (_, values) in enumerate(window):
        score = sum(1 for j in _filled(values) if not _numeric(values[j])
                    and matcher(values[j]))
        if score > best_score:
            best, best_score = i, score
    if best < 0:
        first = next((i for i, (_, v) in enumerate(window) if _filled(v)), -1)
        if first < 0 or not _text_only(window[first][1]):
            return -1, -1
        best = first
    last = best
    while last + 1 < len(window) and last - best < 2:
        upper, lower = window[last][1], window[last + 1][1]
        up, low = set(_filled(upper)), set(_filled(lower))
        width = max(up.union(low), default=-1) + 1
        fills_gap = any(j not in up for j in low) and any(j not in low for j in range(width))
        if low and _text_only(lower) and fills_gap:
            last += 1
        else:
            break
    # a row directly above that fills cells the header row left empty (vertically merged cells)
    first = best
    while first > 0 and last - first < 2 and window[first - 1][0] == window[first][0] - 1:
        upper, lower = window[first - 1][1], window[first][1]
        up, low = set(_filled(upper)), set(_filled(lower))
        if up and _text_only(upper) and any(j not in low for j in up) and any(
                matcher(upper[j]) for j in up):
            first -= 1
        else:
            break
    return first, last


def header_names(block: Sequence[Sequence[Optional[str]]], width: int) -> List[str]:
    """Column names from a header block: the lowest filled cell of each column; a name that
    repeats gets its group title (the filled cell to its left in the row above) or a number."""
    names: List[str] = []
    for j in range(width):
        name = ""
        for values in reversed(block):
            if j < len(values) and values[j] is not None and str(values[j]).strip():
                name = re.sub(r"\s+", " ", str(values[j])).strip().lstrip("\ufeff")
                break
        names.append(name or f"column_{j + 1}")
    seen = {}
    for j, n in enumerate(names):
        if names.count(n) > 1:
            group = ""
            for values in block[:-1]:
                for k in range(min(j, len(values) - 1), -1, -1):
                    if values[k] is not None and str(values[k]).strip():
                        group = str(values[k]).strip()
                        break
            seen[n] = seen.get(n, 0) + 1
            names[j] = f"{group} {n}".strip() if group and group != n else f"{n} ({seen[n]})"
    return names


def _grid_table(name: str, raw: Iterator[Tuple[int, List[Optional[str]]]], count_hint: int,
                matcher: Callable[[str], int] = header_matches,
                blank_is_null: bool = False) -> SourceTable:
    """A table of rows of cells; ``blank_is_null``: an empty cell ('') is a missing value (CSV:
    the reader leaves that to whoever reads a cell, which for most cells is nobody)."""
    buffered: List[Tuple[int, List[Optional[str]]]] = []
    for number, values in raw:
        buffered.append((number, [v or None for v in values] if blank_is_null else values))
        if len(buffered) >= HEADER_SEARCH_ROWS + SAMPLE_ROWS:
            break
    width = max((len(v) for _, v in buffered), default=0)
    first, last = find_header(buffered, matcher)
    skipped: List[Tuple[int, str]] = []
    if first < 0:
        headers = [f"column_{j + 1}" for j in range(width)]
        start = 0
    else:
        block = [v for _, v in buffered[first:last + 1]]
        width = max([len(v) for v in block] + [max(_filled(v), default=-1) + 1 for _, v in buffered])
        used = max(max(_filled(v), default=-1) for v in block) + 1
        headers = header_names(block, used)
        for number, values in buffered[:first]:
            skipped.append((number, "title row above the header" if _filled(values) else "empty row"))
        for number, _ in buffered[first:last + 1]:
            skipped.append((number, "header row"))
        start = last + 1
    n = len(headers)
    data = buffered[start:]
    sample = [list(v[:n]) + [None] * (n - len(v)) for _, v in data if _filled(v)][:SAMPLE_ROWS]
    data.extend(raw)  # CSV and sheets are in memory already

    def rows() -> Iterator[SourceRow]:
        for number, values in data:
            yield grid_row(number, values, n, blank_is_null)

    table = SourceTable(name, headers, skipped, False, sample, rows, count_hint)
    table.records = lambda: GridRecords(data, n, blank_is_null)
    return table


@dataclass
class GridRecords:
    """The data rows of a grid as read, for column-wise work: ``rows`` of (number, cells), rows
    ragged (shorter or longer than the ``width`` header columns); with ``blank_is_null`` an empty
    cell is a missing value."""
    rows: List[Tuple[int, List[Optional[str]]]]
    width: int
    blank_is_null: bool

    def row(self, k: int) -> SourceRow:
        number, values = self.rows[k]
        return grid_row(number, values, self.width, self.blank_is_null)


def grid_row(number: int, values: List[Optional[str]], n: int, blank_is_null: bool) -> SourceRow:
    """One row of a grid as a SourceRow: ``n`` cells (missing ones None), the rest as extra."""
    if blank_is_null:
        values = [v or None for v in values]
    extra = tuple(str(v) for v in values[n:] if v is not None and str(v).strip())
    vals = list(values[:n]) + [None] * (n - len(values))
    return SourceRow(number, vals, extra=extra)


def _text(value) -> Optional[str]:
    """A provider's value as text: None for NULL, strings as they are (the hot path)."""
    if type(value) is str:
        return value
    if value is None:
        return None
    if isinstance(value, QVariant):
        return None if value.isNull() else str(value.value())
    return str(value)


def _csv_source(path: str, encoding: Optional[str],
                matcher: Callable[[str], int] = header_matches) -> Source:
    detected, note = detect_encoding(path)
    if encoding and encoding.lower() != "auto":
        chosen = qt_encoding(encoding)
        codec = _PY_CODEC.get(chosen)
        if codec and chosen != detected:
            with open(path, "rb") as fh:
                try:
                    fh.read().decode(codec)
                except UnicodeDecodeError:
                    raise SourceError(
                        f"{os.path.basename(path)} cannot be read as {encoding}: it looks like "
                        f"{note}. Leave the encoding on automatic or pick the right one.") from None
        note = f"{chosen} (given; detected {note})"
    else:
        chosen = detected
    delimiter = "\t" if path.lower().endswith((".tsv", ".tab")) else _detect_delimiter(path, chosen)
    with bulk_work():
        records = _csv_records(path, chosen, delimiter)
    table = _grid_table("", iter(records), len(records), matcher, blank_is_null=True)
    return Source(path, "csv", [table], [""], chosen, note, delimiter)


def _csv_records(path: str, encoding: str, delimiter: str) -> List[Tuple[int, List[Optional[str]]]]:
    """Every record of a CSV file, read at once by Python's C reader (the file is decoded whole):
    numbered by the line it starts on, as QGIS's delimited-text provider numbers its features;
    a blank line is an empty record and an empty cell '' (read as the provider's NULL: the
    table is made with ``blank_is_null``).

    Unlike the provider, records with stray quotes (``b"c``, ``"d"e``) and a trailing line of
    empty cells are read, not silently left out, and a ``.tsv`` is split at its tabs."""
    codec = _PY_CODEC.get(encoding, "utf-8")
    with open(path, "rb") as fh:
        data = fh.read()
    text = data.decode("utf-8-sig" if codec == "utf-8" else codec, errors="replace")
    if text.startswith("\ufeff"):
        text = text[1:]
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, quotechar='"',
                        doublequote=True, strict=False)
    out: List[Tuple[int, List[Optional[str]]]] = []
    start = 1
    limit = csv.field_size_limit()
    csv.field_size_limit(max(limit, len(text) + 1))  # a cell may be as long as the file
    try:
        for values in reader:
            if len(values) == 1 and values[0].isspace():
                values = []  # a line of spaces is blank to the provider too
            out.append((start, values))
            start = reader.line_num + 1
    except csv.Error as e:
        raise SourceError(f"{os.path.basename(path)} cannot be read as CSV: {e} (line {start}).") \
            from None
    finally:
        csv.field_size_limit(limit)
    return out


def _sheet_source(path: str, layers: Optional[Sequence[str]],
                  matcher: Callable[[str], int] = header_matches) -> Source:
    from osgeo import gdal

    prefix = "ODS" if path.lower().endswith(".ods") else "XLSX"
    keys = (f"OGR_{prefix}_HEADERS", f"OGR_{prefix}_FIELD_TYPES")
    old = [gdal.GetThreadLocalConfigOption(k, None) for k in keys]
    gdal.SetThreadLocalConfigOption(keys[0], "DISABLE")
    gdal.SetThreadLocalConfigOption(keys[1], "STRING")
    try:
        ds = gdal.OpenEx(path, gdal.OF_VECTOR)  # read-only unless asked
    except RuntimeError as e:
        ds = None
        error = str(e)
    else:
        error = gdal.GetLastErrorMsg()
    finally:
        for k, v in zip(keys, old):
            gdal.SetThreadLocalConfigOption(k, v)
    if ds is None:
        raise SourceError(f"{os.path.basename(path)} cannot be opened as a spreadsheet: {error}. "
                          "Is it really an Excel/ODS file?")
    names = [ds.GetLayer(i).GetName() for i in range(ds.GetLayerCount())]
    if not names:
        raise SourceError(f"{os.path.basename(path)} has no sheet with data.")
    wanted = _pick(path, names, layers, default_all=False)
    # OGR holds a whole sheet in memory anyway: read the rows now and let the dataset go (no
    # OGR object outlives this function).
    grids = []
    for name in wanted:
        lyr = ds.GetLayerByName(name)
        rows = []
        for f in lyr:
            rows.append((f.GetFID(), [_text(f.GetField(j)) if f.IsFieldSetAndNotNull(j) else None
                                      for j in range(f.GetFieldCount())]))
        grids.append((name, rows))
        lyr = None
    ds = None
    tables = [_grid_table(name, iter(rows), len(rows), matcher) for name, rows in grids]
    return Source(path, "xlsx" if prefix == "XLSX" else "ods", tables, names)


def _pick(path: str, names: List[str], layers: Optional[Sequence[str]], default_all: bool) -> List[str]:
    if layers:
        missing = [n for n in layers if n not in names]
        if missing:
            raise SourceError(f"{os.path.basename(path)} has no sheet/layer "
                              f"{', '.join(repr(m) for m in missing)}; it has: "
                              + ", ".join(repr(n) for n in names) + ".")
        return list(layers)
    return list(names) if default_all else names[:1]


# ------------------------------------------------------------------------------------------------
# layers with geometry


def _to_point(geom: QgsGeometry) -> Tuple[Optional[Tuple[float, float]], Tuple[str, ...], Optional[str]]:
    if geom is None or geom.isNull() or geom.isEmpty():
        return None, (), None
    # compared by name: the geometry-type enum moved between QGIS 3.22 and QGIS 4
    gtype = QgsWkbTypes.geometryDisplayString(geom.type())
    if gtype == "Point":
        if geom.isMultipart():
            parts = geom.asMultiPoint()
            if len(parts) == 1:
                return (parts[0].x(), parts[0].y()), ("single_point_of_multipoint",), None
            return None, (), f"the geometry has {len(parts)} points; a pin is one point"
        p = geom.asPoint()
        return (p.x(), p.y()), (), None
    if gtype in ("Line", "Polygon"):
        p = geom.pointOnSurface()
        if p.isNull() or p.isEmpty():
            return None, (), "the geometry has no point on its surface"
        pt = p.asPoint()
        return (pt.x(), pt.y()), (f"point_on_{gtype.lower()}",), None
    return None, (), "the geometry is not a point, line or polygon"


def _vector_source(path: str, fmt: str, encoding: Optional[str],
                   layers: Optional[Sequence[str]]) -> Source:
    from osgeo import gdal, ogr

    shown = path
    try:
        ds = ogr.Open(path)
    except RuntimeError:
        ds = None
    member = kml.kmz_main_kml(path) if ds is None and fmt == "kml" else None
    if member:  # a GDAL without LIBKML opens no .kmz, but the KML inside it
        path = kml.vsizip(path, member)
        try:
            ds = ogr.Open(path)
        except RuntimeError:
            ds = None
    if ds is None:
        raise SourceError(f"{os.path.basename(shown)} cannot be opened by QGIS/OGR "
                          f"({gdal.GetLastErrorMsg() or 'unknown format'}).")
    names = [ds.GetLayer(i).GetName() for i in range(ds.GetLayerCount())]
    driver = ds.GetDriver().GetName()
    ds = None
    # GDAL's plain KML driver drops placemarks without coordinates: find them in the document
    lost, unplaced = {}, []
    if fmt == "kml" and driver == "KML":
        try:
            lost, unplaced = kml.by_layer(kml.read_document(path), names)
        except (OSError, ValueError, KeyError):
            pass
    if not names:
        raise SourceError(f"{os.path.basename(shown)} has no layer.")
    wanted = _pick(shown, names, layers, default_all=fmt in ("kml",))
    if fmt not in ("kml",) and not layers and len(names) > 1:
        raise SourceError(f"{os.path.basename(shown)} has {len(names)} layers "
                          f"({', '.join(repr(n) for n in names)}): choose one.")
    wgs84 = QgsCoordinateReferenceSystem("EPSG:4326")
    tables = []
    for name in wanted:
        uri = path if fmt == "shp" or len(names) == 1 else f"{path}|layername={name}"
        layer = QgsVectorLayer(uri, name, "ogr")
        if not layer.isValid():
            raise SourceError(f"{os.path.basename(shown)}: layer '{name}' cannot be read.")
        if encoding and encoding.lower() != "auto":
            layer.setProviderEncoding(qt_encoding(encoding))
        headers = [f.name() for f in layer.fields()]
        has_geom = layer.isSpatial()
        transform = None
        crs_note: Tuple[str, ...] = ()
        if has_geom:
            crs = layer.crs()
            if not crs.isValid():
                crs_note = ("no_crs_assumed_wgs84",)
            elif crs != wgs84:
                transform = QgsCoordinateTransform(crs, wgs84, QgsCoordinateTransformContext())

        def rows(layer=layer, transform=transform, crs_note=crs_note, has_geom=has_geom,
                 expected=layer.featureCount(),
                 exact=count_is_exact(layer.dataProvider().storageType())):
            req = QgsFeatureRequest()
            if not has_geom:
                req.setFlags(REQUEST_NO_GEOMETRY)
            number = 0
            for number, f in enumerate(layer.getFeatures(req), start=1):
                values = [_text(v) for v in f.attributes()]
                point, repairs, error = (None, (), None)
                if has_geom:
                    geom = f.geometry()
                    if transform is not None and geom is not None and not geom.isNull():
                        geom = QgsGeometry(geom)
                        try:
                            geom.transform(transform)
                        except Exception as e:  # QgsCsException
                            error = f"the geometry cannot be reprojected to WGS84: {e}"
                    if error is None:
                        point, repairs, error = _to_point(geom)
                    if point is not None:
                        repairs = repairs + crs_note
                yield SourceRow(number, values, point, repairs, error)
            try:
                # QGIS's reader ends at a page it cannot read, without a word: a damaged file is
                # refused, never imported short (the plan is made before anything is written)
                check_complete(shown, number, expected, exact)
            except DamagedSource as e:
                raise SourceError(str(e)) from None

        own, others = lost.get(name), (unplaced if name == wanted[0] else [])
        if own or others:
            rows = _with_placemarks_without_geometry(rows, own, others, headers,
                                                     layer.featureCount())

        sample = []
        for i, f in enumerate(layer.getFeatures(QgsFeatureRequest().setLimit(SAMPLE_ROWS).setFlags(
                REQUEST_NO_GEOMETRY))):
            sample.append([_text(v) for v in f.attributes()])
        count = layer.featureCount() + sum(c.without_geometry for c in [own] + others if c)
        t = SourceTable(name, headers, [], has_geom, sample, rows, count)
        t._layer = layer
        tables.append(t)
    return Source(shown, fmt, tables, names)


def _with_placemarks_without_geometry(rows, own, others, headers, feature_count):
    """The layer's rows with the placemarks GDAL's KML driver dropped put back (no location, so
    they are refused and reported): ``own`` is the layer's folder, ``others`` folders that match
    no layer.  Where the folder's placemarks with a geometry are exactly the layer's features,
    each row gets its placemark's position in the folder (as LIBKML numbers them); otherwise the
    dropped ones follow the layer's rows."""
    def values(fields):
        return [fields.get(h) for h in headers]

    def merged():
        aligned = own is not None and sum(1 for has, _ in own.placemarks if has) == feature_count
        it = rows()
        number = 0
        if aligned:
            for number, (has, fields) in enumerate(own.placemarks, start=1):
                if has:
                    row = next(it, None)
                    if row is None:
                        break
                    row.number = number
                    yield row
                else:
                    yield SourceRow(number, values(fields))
            later = others
        else:
            later = ([own] if own is not None else []) + others
        for row in it:
            number += 1
            row.number = number
            yield row
        for c in later:
            for has, fields in c.placemarks:
                if not has:
                    number += 1
                    yield SourceRow(number, values(fields))

    return merged


# ------------------------------------------------------------------------------------------------


def source_format(path: str) -> str:
    low = path.lower()
    if low.endswith(CSV_EXT):
        return "csv"
    if low.endswith(SHEET_EXT):
        return "xls" if low.endswith(".xls") else ("ods" if low.endswith(".ods") else "xlsx")
    if low.endswith((".kml", ".kmz")):
        return "kml"
    if low.endswith(".gpkg"):
        return "gpkg"
    if low.endswith((".shp", ".shz", ".shp.zip")):
        return "shp"
    if low.endswith((".geojson", ".json", ".geojsonl", ".geojsons")):
        return "geojson"
    return "ogr"


def open_source(path: str, encoding: Optional[str] = None,
                layers: Optional[Sequence[str]] = None,
                header_matcher: Optional[Callable[[str], int]] = None) -> Source:
    """Open a source file; SourceError says what is wrong (missing, empty, binary, unreadable).

    ``header_matcher(cell)`` says how many known columns a cell names, to find a sheet's header
    row (default: the pins' columns; the services import passes its own)."""
    matcher = header_matcher or header_matches
    if not path or not os.path.exists(path):
        raise SourceError(f"The file {path} does not exist.")
    if os.path.isdir(path):
        raise SourceError(f"{path} is a folder: give a file.")
    if os.path.getsize(path) == 0:
        raise SourceError(f"{os.path.basename(path)} is empty (0 bytes): nothing to import.")
    fmt = source_format(path)
    if fmt == "csv":
        return _csv_source(path, encoding, matcher)
    if fmt in ("xlsx", "ods"):
        return _sheet_source(path, layers, matcher)
    if fmt == "xls":
        # The XLS driver has no header option: read as a layer (its header guess is used).
        return _vector_source(path, fmt, encoding, layers)
    return _vector_source(path, fmt, encoding, layers)
