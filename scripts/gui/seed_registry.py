"""Seed a registry with one province's real facilities from the MOPH register (demo data).

Rows the registry refuses (e.g. a point outside its declared province) are counted, not hidden.
"""
from __future__ import annotations

import csv
import uuid
from pathlib import Path
from typing import Dict

import requests

NAMESPACE = uuid.UUID("5f1c0a6e-3b7a-4f7e-9a3e-0c1b2d3e4f50")
TYPES = {"18": "health_facility", "07": "health_facility", "02": "other", "01": "other"}


def moph_features(csv_path: Path, province: str):
    with open(csv_path, encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            if row["provcode"] != province:
                continue
            try:
                lat, lon = float(row["lat"]), float(row["lon"])
            except ValueError:
                continue
            props = {"name_th": row["hosname"].strip(),
                     "point_type": TYPES.get(row["hostype"], "health_facility"),
                     "agency": "กระทรวงสาธารณสุข", "province_code": row["provcode"]}
            if row["amcode"].isdigit():
                props["amphoe_code"] = row["amcode"]
            if row["tmcode"].isdigit():
                props["tambon_code"] = row["tmcode"]
            yield {"type": "Feature", "id": str(uuid.uuid5(NAMESPACE, row["hoscode"])),
                   "geometry": {"type": "Point", "coordinates": [lon, lat]},
                   "properties": props}


def seed(url: str, user: str, password: str, csv_path: Path, province: str,
         limit: int = 0) -> Dict[str, int]:
    feats = list(moph_features(csv_path, province))
    if limit:
        feats = feats[:limit]
    counts = {"sent": len(feats), "created": 0, "refused": 0}
    for start in range(0, len(feats), 500):
        ops = [{"op": "create", "feature": f} for f in feats[start:start + 500]]
        r = requests.post(f"{url}/collections/service_points/bulk", json={"operations": ops},
                          auth=(user, password), timeout=120)
        r.raise_for_status()
        for res in r.json()["results"]:
            counts["created" if res["status"] in (200, 201) else "refused"] += 1
    return counts
