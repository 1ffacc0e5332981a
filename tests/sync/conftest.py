"""The sync tests reuse the registry tests' fixtures (the real registry started once per session,
the QGIS auth configs) by loading tests/registry/conftest.py under another module name; the
registry tests keep owning them."""
import importlib.util
import sys
from pathlib import Path

import pytest

_REGISTRY_TESTS = Path(__file__).resolve().parents[1] / "registry"
if str(_REGISTRY_TESTS) not in sys.path:
    sys.path.insert(0, str(_REGISTRY_TESTS))

_spec = importlib.util.spec_from_file_location("citizen_pins_registry_conftest",
                                               _REGISTRY_TESTS / "conftest.py")
_mod = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_mod)

registry = _mod.registry
http = _mod.http
authcfgs = _mod.authcfgs


@pytest.fixture(scope="module")
def points(registry):
    """Points inside eight tambons of Rayong (21), from the registry's boundary layer."""
    return [registry.point_in(t) for t in ("210101", "210102", "210103", "210104", "210105",
                                           "210106", "210107", "210108")]


@pytest.fixture
def client(registry, authcfgs):
    """The plugin's client as the editor of Rayong."""
    from citizen_pins.registry.client import RegistryClient

    return RegistryClient(registry.url, authcfgs["rayong"], timeout_s=30)
