"""What GDAL's plain KML driver leaves out, for GDALs built without LIBKML (Debian sid's).

* A KMZ is not opened at all: its main KML is read through ``/vsizip/`` instead.
* A placemark without coordinates is dropped, where LIBKML gives a feature without geometry; the
  importer must still report it as a refused row.  So the document is read here (the standard
  library's XML parser, no network, no entities) for the placemarks of each folder, in order,
  with and without a geometry.
"""
from __future__ import annotations

import os
import xml.etree.ElementTree as ET  # nosec B405 - see _check_prolog
from xml.parsers import expat
import zipfile
from dataclasses import dataclass, field
from typing import Dict, List, Optional, Tuple

#: KML elements that give a placemark a location.
GEOMETRIES = {"Point", "LineString", "LinearRing", "Polygon", "MultiGeometry", "Model", "Track",
              "MultiTrack"}


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def kmz_main_kml(path: str) -> Optional[str]:
    """The member of a KMZ that holds its document (``doc.kml``, else the first ``.kml`` at the
    top, else the first anywhere), or None when ``path`` is not such an archive."""
    try:
        with zipfile.ZipFile(path) as zf:
            names = [n for n in zf.namelist() if n.lower().endswith(".kml")]
    except (OSError, zipfile.BadZipFile):
        return None
    if not names:
        return None
    for pick in (lambda n: n.lower() == "doc.kml", lambda n: "/" not in n, lambda n: True):
        chosen = [n for n in names if pick(n)]
        if chosen:
            return chosen[0]
    return None  # pragma: no cover


def vsizip(path: str, member: str) -> str:
    return f"/vsizip/{os.path.abspath(path)}/{member}"


@dataclass
class Container:
    """A KML Folder or Document: what GDAL's KML driver makes one layer of."""
    name: str
    #: Every placemark directly in it, in document order: (has a geometry, {"Name", "Description"}).
    placemarks: List[Tuple[bool, Dict[str, Optional[str]]]] = field(default_factory=list)

    @property
    def without_geometry(self) -> int:
        return sum(1 for has, _ in self.placemarks if not has)


class _Prolog(Exception):
    """The root element has started: no entity can be declared after it."""


def _refuse_entity(*_args) -> None:
    raise ValueError("the file declares XML entities (a KML has none): not read")


def _end_of_prolog(*_args) -> None:
    raise _Prolog()


def _check_prolog(data: bytes) -> None:
    """Refuse a document that declares entities (the "billion laughs" expansion, which expat
    before 2.4.1 -- some Python 3.9 builds -- does not bound), as defusedxml does.  Only the
    prolog is read: a DTD can only come before the root element.  Python's parser never fetches
    an external entity."""
    parser = expat.ParserCreate()
    parser.EntityDeclHandler = _refuse_entity
    parser.StartElementHandler = _end_of_prolog
    try:
        parser.Parse(data, True)
    except _Prolog:
        return
    except expat.ExpatError as e:
        raise ValueError(str(e)) from None


def containers(data: bytes) -> List[Container]:
    """The containers holding placemarks, in document order.  Raises ValueError on bad XML."""
    try:
        _check_prolog(data)
        root = ET.fromstring(data)  # nosec B314 - entity declarations refused by _check_prolog
    except ET.ParseError as e:
        raise ValueError(str(e)) from None
    out: List[Container] = []

    def walk(el, current: Optional[Container]):
        for child in el:
            tag = _local(child.tag)
            if tag in ("Folder", "Document"):
                name = next(((c.text or "").strip() for c in child if _local(c.tag) == "name"), "")
                walk(child, Container(name))
            elif tag == "Placemark":
                if current is None:
                    current = Container("")
                if not current.placemarks:
                    out.append(current)
                has = any(_local(d.tag) in GEOMETRIES for d in child.iter())
                fields = {"Name": None, "Description": None}
                for c in child:
                    key = _local(c.tag).capitalize()
                    if key in fields:
                        fields[key] = (c.text or "").strip() or None
                current.placemarks.append((has, fields))

    walk(root, None)
    return out


def read_document(path: str) -> bytes:
    """The bytes of a .kml file, or of a ``/vsizip/archive/member`` path."""
    if path.startswith("/vsizip/"):
        rest = path[len("/vsizip/"):]
        archive, _, member = rest.rpartition("/")
        with zipfile.ZipFile(archive) as zf:
            return zf.read(member)
    with open(path, "rb") as fh:
        return fh.read()


def by_layer(data: bytes, layer_names: List[str]) -> Tuple[Dict[str, Container], List[Container]]:
    """Containers with placemarks lacking a geometry, matched to the driver's layers by name
    (the first unused container of that name); the rest (unnamed or renamed by the driver, e.g.
    'Layer #0', 'F (#2)') unmatched."""
    matched: Dict[str, Container] = {}
    unmatched: List[Container] = []
    for c in containers(data):
        if not c.without_geometry:
            continue
        if c.name and c.name in layer_names and c.name not in matched:
            matched[c.name] = c
        else:
            unmatched.append(c)
    return matched, unmatched
