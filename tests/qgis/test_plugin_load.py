"""Load and unload the plugin in a QGIS iface (pytest-qgis), twice, and check it leaves no trace."""
import pytest
from qgis.core import QgsApplication, QgsProject, Qgis
from qgis.PyQt.QtCore import QEvent
from qgis.PyQt.QtWidgets import QDockWidget, QToolBar

import citizen_pins


@pytest.fixture
def message_log():
    """Every message written to QGIS's log while the test runs: (tag, level, text)."""
    seen = []

    def record(message, tag, level):
        seen.append((tag, level, message))

    QgsApplication.messageLog().messageReceived.connect(record)
    yield seen
    QgsApplication.messageLog().messageReceived.disconnect(record)


def test_load_unload_twice_leaves_no_trace(qgis_iface, qgis_new_project, message_log):
    registry = QgsApplication.processingRegistry()
    for _ in range(2):
        plugin = citizen_pins.classFactory(qgis_iface)
        plugin.initGui()
        assert registry.providerById("citizen_pins") is not None
        assert registry.algorithmById("citizen_pins:create_working_copy") is not None
        assert plugin.dock is not None and plugin.toolbar is not None
        assert len(plugin.actions) >= 2
        texts = [a.text() for a, _ in plugin.actions]
        assert any("working copy" in t.lower() or "สำเนา" in t for t in texts)

        plugin.unload()
        QgsApplication.processEvents()
        assert registry.providerById("citizen_pins") is None
        assert plugin.dock is None and plugin.toolbar is None and plugin.actions == []
    QgsApplication.sendPostedEvents(None, QEvent.DeferredDelete)
    main = qgis_iface.mainWindow()
    assert main.findChildren(QToolBar, "CitizenPinsToolbar") == []
    assert main.findChildren(QDockWidget, "CitizenPinsDock") == []
    errors = [m for m in message_log if m[1] >= Qgis.Warning]
    assert errors == [], errors


def test_init_processing_alone_registers_provider_without_gui(qgis_iface):
    plugin = citizen_pins.classFactory(qgis_iface)
    plugin.initProcessing()
    try:
        assert plugin.dock is None  # no GUI touched
        alg = QgsApplication.processingRegistry().algorithmById("citizen_pins:create_working_copy")
        assert alg is not None
        assert alg.group() and alg.displayName()
    finally:
        plugin.unload()
    assert QgsApplication.processingRegistry().providerById("citizen_pins") is None


def test_dock_reports_working_copy_and_boundary(qgis_iface, qgis_new_project, tmp_path,
                                               simplified_gpkg):
    from citizen_pins.core.working_copy import create_working_copy

    plugin = citizen_pins.classFactory(qgis_iface)
    plugin.initGui()
    try:
        dock = plugin.dock
        path = str(tmp_path / "rayong.gpkg")
        create_working_copy(path, "21")
        assert dock.use_working_copy(path)
        # the file and its province, then the count (the whole path in the tooltip)
        assert dock.workingCopyLabel.text() == "rayong.gpkg · province Rayong\n0 pin(s)"
        assert dock.workingCopyLabel.toolTip() == path
        # the layer is named after its province and file, never just "service_points"
        layers = QgsProject.instance().mapLayersByName("Rayong · rayong")
        assert len(layers) == 1 and layers[0] is dock.service_layer()
        assert dock.use_working_copy(path)  # opening again does not add a second layer
        assert len(QgsProject.instance().mapLayersByName("Rayong · rayong")) == 1

        assert dock.use_boundary_file(str(simplified_gpkg), "adm3_tambon")
        assert dock.boundaryCombo.currentLayer().name() == "adm3_tambon"
        assert "7425" in dock.boundaryLabel.text()
        assert dock.settings.boundary_source.endswith("layername=adm3_tambon")
        assert not dock.use_boundary_file(str(tmp_path / "missing.gpkg"))
    finally:
        plugin.unload()
