"""The provider in qgis_process, from the packaged zip (as a coordinator's batch job runs it)."""
import json

from qgis.core import QgsVectorLayer


def test_provider_lists_in_qgis_process(qgis_process):
    out = qgis_process("list").stdout
    assert "citizen_pins:create_working_copy" in out


def test_create_working_copy_runs_in_qgis_process(qgis_process, tmp_path):
    target = tmp_path / "rayong.gpkg"
    proc = qgis_process("--json", "run", "citizen_pins:create_working_copy", "--",
                        f"OUTPUT={target}", "PROVINCE=TH21")
    result = json.loads(proc.stdout[proc.stdout.index("{"):])
    assert result["results"]["OUTPUT"] == str(target)
    assert result["results"]["PIN_COUNT"] == 0
    layer = QgsVectorLayer(f"{target}|layername=service_points", "sp", "ogr")
    assert layer.isValid() and layer.crs().authid() == "EPSG:4326"


def test_qgis_process_refuses_to_overwrite_with_a_clear_message(qgis_process, tmp_path):
    target = tmp_path / "wc.gpkg"
    qgis_process("run", "citizen_pins:create_working_copy", "--", f"OUTPUT={target}")
    proc = qgis_process("run", "citizen_pins:create_working_copy", "--", f"OUTPUT={target}",
                        check=False)
    assert proc.returncode != 0
    assert "already exists" in proc.stdout + proc.stderr
    assert "nothing was overwritten" in proc.stdout + proc.stderr


def test_help_describes_the_algorithm(qgis_process):
    out = qgis_process("help", "citizen_pins:create_working_copy").stdout
    assert "GeoPackage" in out and "PROVINCE" in out
