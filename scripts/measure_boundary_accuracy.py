#!/usr/bin/env python3
"""Measure how accurate the real boundary layers are (the basis of the default TOLERANCE).

1. Full-resolution files against each other: every vertex of a province's outline that lies
   within 2 km of a neighbouring province's outline, and its distance to that outline
   (a gap or an overlap between two official files that should share the border).
2. Simplified national tambons against the full-resolution ones: every vertex of a simplified
   tambon, and its distance to the same tambon's full-resolution outline.

Prints percentiles in metres.  Needs shapely 2.  Usage:
    .venv/bin/python scripts/measure_boundary_accuracy.py [--shared ../shared]
"""
from __future__ import annotations

import argparse
import glob
import os
import sys
import zipfile

import numpy as np
import shapely
from osgeo import ogr

M_PER_DEG = 111_320.0


def read(path, layer=None):
    ds = ogr.Open(path)
    lyr = ds.GetLayerByName(layer) if layer else ds.GetLayer(0)
    out = {}
    for f in lyr:
        code = str(f.GetField("ADM3_PCODE"))[2:]
        out[code] = shapely.from_wkb(bytes(f.GetGeometryRef().ExportToWkb()))
    return out


def to_m(d_deg, lat):
    return d_deg * M_PER_DEG * np.sqrt((1 + np.cos(np.radians(lat)) ** 2) / 2)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--shared", default=os.environ.get("CITIZEN_PINS_SHARED", "../shared"))
    a = ap.parse_args()
    base = os.path.join(a.shared, "data", "boundaries")
    full = {}
    provinces = {}
    for z in sorted(glob.glob(os.path.join(base, "tambon_fullres", "*.zip"))):
        shp = [m for m in zipfile.ZipFile(z).namelist() if m.endswith(".shp")][0]
        t = read(f"/vsizip/{z}/{shp}")
        full.update(t)
        provinces[os.path.basename(z)[:2]] = shapely.make_valid(shapely.union_all(list(t.values())))
    print(f"full-resolution: {len(full)} tambons in {len(provinces)} provinces")

    # 1. neighbouring province files along their shared border
    codes = sorted(provinces)
    outlines = {c: shapely.boundary(provinces[c]) for c in codes}

    def segment_tree(line):
        segs = []
        for part in shapely.get_parts(line):
            xy = shapely.get_coordinates(part)
            segs.append(shapely.linestrings(np.stack([xy[:-1], xy[1:]], axis=1)))
        segs = np.concatenate(segs)
        return shapely.STRtree(segs)

    trees = {}
    tree = shapely.STRtree([provinces[c] for c in codes])
    dists = []
    overlap_m2 = 0.0
    pairs = 0
    for c in codes:
        pts_all = shapely.points(shapely.get_coordinates(outlines[c]))
        for j in tree.query(provinces[c], predicate="dwithin", distance=0.001):
            o = codes[j]
            if o == c:
                continue
            if o not in trees:
                trees[o] = segment_tree(outlines[o])
            _, d = trees[o].query_nearest(pts_all, return_distance=True, all_matches=False)
            near = d < 0.02  # vertices on the shared border (within ~2 km of the neighbour)
            if near.sum() < 10:
                continue
            pairs += 1
            dists.append(to_m(d[near], shapely.get_y(pts_all[near])))
            if o > c:
                overlap_m2 += shapely.area(shapely.intersection(provinces[c], provinces[o])) * M_PER_DEG ** 2
    d = np.concatenate(dists)
    print(f"1. shared province borders, full-res vs full-res ({pairs} neighbour pairs, {len(d)} "
          f"border vertices), distance to the neighbour's outline in metres: "
          f"P50 {np.percentile(d, 50):.1f}  P90 {np.percentile(d, 90):.1f}  "
          f"P95 {np.percentile(d, 95):.1f}  P99 {np.percentile(d, 99):.1f}  "
          f"share > 10 m {np.mean(d > 10):.3f}; overlaps {overlap_m2 / 1e6:.3f} km2")

    # 2. simplified vs full-res, same tambon.  The simplification keeps a subset of the original
    # vertices, so the offset shows from the full-resolution side: each full-res vertex's distance
    # to the simplified outline (how far a pin right on the true boundary can be misjudged).
    simp = read(os.path.join(base, "thailand_admin_simplified.gpkg"), "adm3_tambon")
    ds = []
    for code, f in full.items():
        g = simp.get(code)
        if g is None:
            continue
        pts = shapely.points(shapely.get_coordinates(shapely.boundary(f))[::5])
        ds.append(to_m(shapely.distance(pts, shapely.boundary(g)), shapely.get_y(pts)))
    d = np.concatenate(ds)
    print(f"2. full-res tambon outline vertices (every 5th, {len(d)}) to the simplified outline of "
          f"the same tambon, metres: P50 {np.percentile(d, 50):.0f}  P75 {np.percentile(d, 75):.0f}  "
          f"P90 {np.percentile(d, 90):.0f}  P95 {np.percentile(d, 95):.0f}  "
          f"P99 {np.percentile(d, 99):.0f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
