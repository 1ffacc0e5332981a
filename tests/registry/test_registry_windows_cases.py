"""Files a layer holds open while the registry's data is pulled into them, under Thai folder names
with spaces.  Windows refuses to replace (or delete) a file that is open: a pull must write into
the same file, which the layer then shows; the file's inode tells whether it was replaced."""
import os

from qgis.core import QgsVectorLayer
from registry_helpers import new_feature

from citizen_pins.core.working_copy import layer_uri
from citizen_pins.registry.client import RegistryClient


def test_pull_writes_into_a_working_copy_a_layer_holds_open(registry, authcfgs, tmp_path):
    from citizen_pins.registry.pull import pull_province

    client = RegistryClient(registry.url, authcfgs["korat"], timeout_s=30)
    folder = tmp_path / "สำนักงาน จังหวัด" / "นครราชสีมา"
    folder.mkdir(parents=True)
    wc = folder / "หมุด นครราชสีมา.gpkg"
    first = new_feature(registry.point_in("300101"), "30", amphoe="3001", tambon="300101",
                        name_th="จุดบริการ ก")
    client.create(first)
    pull_province(client, str(wc), "30")
    layer = QgsVectorLayer(layer_uri(str(wc)), "sp", "ogr")
    before = layer.featureCount()
    assert before >= 1
    inode = os.stat(wc).st_ino
    second = new_feature(registry.point_in("300102"), "30", amphoe="3001", tambon="300102",
                         name_th="จุดบริการ ข")
    client.create(second)
    result = pull_province(client, str(wc), "30")
    assert result.added == 1
    assert os.stat(wc).st_ino == inode, "the working copy was replaced, not written in place"
    layer.reload()
    assert layer.featureCount() == before + 1
    assert {f["name_th"] for f in layer.getFeatures()} >= {"จุดบริการ ก", "จุดบริการ ข"}


def test_boundary_cache_refresh_writes_into_the_file_a_layer_holds(registry, tmp_path):
    from osgeo import ogr

    from citizen_pins.registry.boundaries import LAYER, cache_tambons

    folder = tmp_path / "ที่เก็บ ขอบเขต"
    folder.mkdir()
    path = folder / "boundaries registry.gpkg"
    client = RegistryClient(registry.url, timeout_s=60)
    n = cache_tambons(client, str(path))
    layer = QgsVectorLayer(f"{path}|layername={LAYER}", "tambons", "ogr")
    assert layer.featureCount() == n == 7425
    # the cache gets out of date (a tambon lost), then is refreshed while the layer is open
    ds = ogr.Open(str(path), update=1)
    ds.ExecuteSQL(f"DELETE FROM {LAYER} WHERE code = '210101'")
    ds = None
    layer.reload()
    assert layer.featureCount() == n - 1
    inode = os.stat(path).st_ino
    assert cache_tambons(client, str(path)) == n
    assert os.stat(path).st_ino == inode, "the cache was replaced, not written in place"
    assert not list(folder.glob("*.part.gpkg*"))
    layer.reload()
    assert layer.featureCount() == n
    assert next(layer.getFeatures("\"code\" = '210101'"))["name_th"] == "ท่าประดู่"
