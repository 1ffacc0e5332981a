"""Real inputs for validation tests, the demo and the benchmark (needs a running QGIS application).

* :func:`moph_layer` — the MOPH facility register read through QGIS's delimited-text provider and
  mapped to the service-point schema (hoscode -> pin_id, hosname -> name_th, provcode / amcode /
  tmcode -> the codes, lat / lon -> the point; every facility is a ``health_facility``).
* :func:`fullres_layer` — full-resolution tambons of some (or all) provinces merged into one layer.
* :func:`write_gpkg` — a layer written to a GeoPackage.
"""
from __future__ import annotations

import glob
import os
import zipfile
from pathlib import Path
from typing import Iterable, Optional
from urllib.parse import quote

from qgis.core import (QgsCoordinateTransformContext, QgsFeature, QgsFields,
                       QgsVectorFileWriter, QgsVectorLayer)

import sys

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from citizen_pins.core.qgis_compat import STRING as _STRING, make_field  # noqa: E402

MOPH_MAP = (("pin_id", "hoscode"), ("name_th", "hosname"), ("province_code", "provcode"),
            ("amphoe_code", "amcode"), ("tambon_code", "tmcode"))
SCHEMA_FIELDS = ("pin_id", "name_th", "point_type", "agency", "province_code", "amphoe_code",
                 "tambon_code")


def shared_dir() -> Path:
    here = Path(__file__).resolve().parents[1]
    return Path(os.environ.get("CITIZEN_PINS_SHARED", here.parent / "shared")).resolve()


def moph_csv_layer(csv_path) -> QgsVectorLayer:
    uri = (f"file://{quote(str(Path(csv_path).resolve()))}?type=csv&delimiter=,&quote=%22"
           "&xField=lon&yField=lat&crs=EPSG:4326&detectTypes=no&geomType=point")
    layer = QgsVectorLayer(uri, "moph_csv", "delimitedtext")
    if not layer.isValid():
        raise OSError(f"cannot read {csv_path} with the delimited-text provider")
    return layer


def moph_layer(csv_path, province: Optional[str] = None, name: str = "moph") -> QgsVectorLayer:
    """A memory point layer in the service-point schema (optionally one declared province)."""
    src = moph_csv_layer(csv_path)
    out = QgsVectorLayer("Point?crs=EPSG:4326", name, "memory")
    fields = QgsFields()
    for n in SCHEMA_FIELDS:
        fields.append(make_field(n, _STRING))
    out.dataProvider().addAttributes(fields.toList())
    out.updateFields()
    feats = []
    for f in src.getFeatures():
        values = {k: f[v] for k, v in MOPH_MAP}
        if province and str(values["province_code"]).strip() != province:
            continue
        g = QgsFeature(out.fields())
        for k, v in values.items():
            g[k] = v
        g["point_type"] = "health_facility"
        g["agency"] = "MOPH"
        g.setGeometry(f.geometry())
        feats.append(g)
    out.dataProvider().addFeatures(feats)
    out.updateExtents()
    return out


def fullres_zips(fullres_dir, provinces: Optional[Iterable[str]] = None):
    wanted = set(provinces) if provinces else None
    for z in sorted(glob.glob(os.path.join(str(fullres_dir), "*.zip"))):
        if wanted is None or os.path.basename(z)[:2] in wanted:
            yield z


def zip_uri(z: str) -> str:
    shp = [m for m in zipfile.ZipFile(z).namelist() if m.endswith(".shp")][0]
    return f"/vsizip/{z}/{shp}"


def fullres_layer(fullres_dir, provinces: Optional[Iterable[str]] = None,
                  name: str = "tambon_fullres") -> QgsVectorLayer:
    """Full-resolution tambons of the given provinces (all 68 files if None) in one memory layer."""
    out = None
    for z in fullres_zips(fullres_dir, provinces):
        src = QgsVectorLayer(zip_uri(z), "t", "ogr")
        if out is None:
            out = QgsVectorLayer("MultiPolygon?crs=EPSG:4326", name, "memory")
            out.dataProvider().addAttributes(src.fields().toList())
            out.updateFields()
        out.dataProvider().addFeatures(list(src.getFeatures()))
    if out is None:
        raise FileNotFoundError(f"no full-resolution zips for {provinces} in {fullres_dir}")
    out.updateExtents()
    return out


def write_gpkg(layer: QgsVectorLayer, path, layer_name: str) -> str:
    options = QgsVectorFileWriter.SaveVectorOptions()
    options.driverName = "GPKG"
    options.layerName = layer_name
    options.fileEncoding = "UTF-8"
    options.actionOnExistingFile = (QgsVectorFileWriter.CreateOrOverwriteLayer if os.path.exists(path)
                                    else QgsVectorFileWriter.CreateOrOverwriteFile)
    err = QgsVectorFileWriter.writeAsVectorFormatV3(layer, str(path), QgsCoordinateTransformContext(),
                                                    options)
    if err[0] != QgsVectorFileWriter.NoError:
        raise OSError(f"cannot write {path}: {err}")
    return f"{path}|layername={layer_name}"
