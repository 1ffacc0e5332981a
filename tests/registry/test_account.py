"""'Test connection': the registry says who the user is and which provinces they may edit."""
import pytest

from citizen_pins.registry.account import whoami
from citizen_pins.registry.client import RegistryClient
from citizen_pins.registry.compat import plugin_version
from citizen_pins.registry.errors import RegistryError

pytestmark = pytest.mark.registry


def test_editor_sees_name_role_and_provinces(registry, authcfgs):
    info = whoami(RegistryClient(registry.url, authcfgs["rayong"], timeout_s=30))
    assert (info.name, info.role, info.provinces) == ("rayong", "editor", ("21",))
    assert info.can_edit
    assert info.describe("th") == "ลงชื่อเข้าใช้เป็น rayong (editor) แก้ไขหมุดได้ในจังหวัด ระยอง (21)"
    assert info.describe("en") == "Signed in as rayong (editor); may edit pins of Rayong (21)."
    # the handshake: which plugin versions this registry accepts (nothing published: no latest)
    assert info.plugin is not None and info.plugin.minimum_version == "0.2.0"
    assert info.plugin.accepts(plugin_version()) and not info.plugin.newer_than(plugin_version())
    assert info.plugin.repository == registry.url + "/plugins/plugins.xml"


def test_the_dock_says_when_the_plugin_must_or_may_be_updated(qgis_iface):
    """Test connection's extra line, in the user's language (here English)."""
    import citizen_pins

    plugin = citizen_pins.classFactory(qgis_iface)
    plugin.initGui()
    try:
        _notices(plugin.dock)
    finally:
        plugin.unload()


def _notices(dock):
    from citizen_pins.registry.compat import PluginSupport

    mine = plugin_version()
    assert dock._plugin_notice(None) == ""
    assert dock._plugin_notice(PluginSupport(mine, mine)) == ""
    too_old = dock._plugin_notice(PluginSupport("99.0.0", "99.0.0"))
    assert "needs Citizen Pins 99.0.0 or newer" in too_old and mine in too_old
    newer = dock._plugin_notice(PluginSupport(mine, "99.0.0"))
    assert newer.startswith("Citizen Pins 99.0.0 is available")


def test_wrong_password_says_what_to_check(registry, authcfgs):
    with pytest.raises(RegistryError) as e:
        whoami(RegistryClient(registry.url, authcfgs["wrong"], timeout_s=30))
    assert e.value.status == 401
    assert "username and password" in e.value.message_en
    assert "ชื่อผู้ใช้และรหัสผ่าน" in e.value.message_th


def test_no_account_chosen(registry):
    with pytest.raises(RegistryError) as e:
        whoami(RegistryClient(registry.url, "", timeout_s=30))
    assert e.value.status == 401


def test_coordinator_reads_only(registry, http):
    from registry_helpers import auth

    r = http.get(registry.url + "/account", auth=auth("coordinator"), timeout=30)
    assert r.status_code == 200
    assert r.json() == {"name": "coordinator", "role": "coordinator", "provinces": [],
                        "can_edit": False,
                        "citizen_pins_plugin": {"minimum_version": "0.2.0", "latest_version": None,
                                                "repository": registry.url + "/plugins/plugins.xml"}}
    assert http.get(registry.url + "/account", timeout=30).status_code == 401
