"""Fixtures of the QGIS tests."""
import pytest
from qgis.core import QgsApplication


@pytest.fixture
def provider(qgis_processing):
    """The citizen_pins Processing provider registered (for processing.run)."""
    from citizen_pins.processing.provider import CitizenPinsProvider

    registry = QgsApplication.processingRegistry()
    added = registry.providerById("citizen_pins") is None
    if added:
        registry.addProvider(CitizenPinsProvider())
    yield
    if added:
        registry.removeProvider("citizen_pins")
