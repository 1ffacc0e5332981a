"""Opening an OGR layer for the column readers (pins and boundaries): one place, one message."""
from __future__ import annotations

from typing import Iterable, List, Optional, Tuple


def open_layer(path: str, layer_name: Optional[str],
               keep: Iterable[str] = ()) -> Tuple[object, object, List[str]]:
    """(dataset, layer, the layer's field names) with every field but ``keep`` ignored.

    Keep the dataset referenced while the layer is used (GDAL closes it with the last reference).
    Raises OSError naming the file or the layer when GDAL cannot open it.
    """
    from osgeo import ogr

    ds = ogr.Open(path)
    if ds is None:
        raise OSError(f"GDAL cannot open {path}")
    lyr = ds.GetLayerByName(layer_name) if layer_name else ds.GetLayer(0)
    if lyr is None:
        raise OSError(f"No layer {layer_name!r} in {path}")
    defn = lyr.GetLayerDefn()
    names = [defn.GetFieldDefn(i).GetName() for i in range(defn.GetFieldCount())]
    keep = set(keep)
    lyr.SetIgnoredFields([n for n in names if n not in keep])
    return ds, lyr, names
