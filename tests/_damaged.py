"""A GeoPackage GDAL cannot read to its end, for the tests of what the plugin does with one."""
from osgeo import ogr, osr


def point(i):
    return ogr.CreateGeometryFromWkt(f"POINT ({100 + i / 1e5} 13.5)")


def damaged_gpkg(path, layer, rows, make_geometry, fields=(("pin_id", 60),), values=None):
    """A GeoPackage of ``rows`` features whose table has one b-tree page overwritten in the middle
    (what a copy cut short or a disk error leaves): SQLite reads the rows before it, then reports
    'database disk image is malformed'."""
    ds = ogr.GetDriverByName("GPKG").CreateDataSource(str(path))
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(4326)
    lyr = ds.CreateLayer(layer, srs, make_geometry(0).GetGeometryType())
    for name, width in fields:
        f = ogr.FieldDefn(name, ogr.OFTString)
        f.SetWidth(width)
        lyr.CreateField(f)
    lyr.StartTransaction()
    for i in range(rows):
        feat = ogr.Feature(lyr.GetLayerDefn())
        for name, value in (values(i) if values else {"pin_id": f"pin-{i:06d}-" + "x" * 40}).items():
            feat.SetField(name, value)
        feat.SetGeometry(make_geometry(i))
        lyr.CreateFeature(feat)
    lyr.CommitTransaction()
    ds = None
    data = bytearray(path.read_bytes())
    page_size = int.from_bytes(data[16:18], "big")
    marker = (values(rows // 2) if values else {"pin_id": f"pin-{rows // 2:06d}-"})
    at = data.find(str(next(iter(marker.values()))).encode())
    assert at > 0
    page = at // page_size
    data[page * page_size:page * page_size + 8] = b"\xff" * 8  # not a b-tree page any more
    path.write_bytes(bytes(data))
    return str(path)


def shapefile_with_a_deleted_record(folder, rows=3, deleted=1):
    """A point shapefile with one record marked deleted in its .dbf (as ArcGIS and older tools
    leave them until the file is packed): its count is ``rows``, a read gives ``rows - 1``."""
    path = str(folder / "offices.shp")
    ds = ogr.GetDriverByName("ESRI Shapefile").CreateDataSource(path)
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(4326)
    lyr = ds.CreateLayer("offices", srs, ogr.wkbPoint)
    for name in ("pin_id", "name_th"):
        lyr.CreateField(ogr.FieldDefn(name, ogr.OFTString))
    for i in range(rows):
        f = ogr.Feature(lyr.GetLayerDefn())
        f.SetField("pin_id", f"p{i}")
        f.SetField("name_th", f"office {i}")
        f.SetGeometry(ogr.CreateGeometryFromWkt(f"POINT ({101.25 + i * 0.001} 12.68)"))
        lyr.CreateFeature(f)
    ds = None
    dbf = folder / "offices.dbf"
    data = bytearray(dbf.read_bytes())
    header, record = int.from_bytes(data[8:10], "little"), int.from_bytes(data[10:12], "little")
    data[header + record * deleted] = ord("*")
    dbf.write_bytes(bytes(data))
    return path
