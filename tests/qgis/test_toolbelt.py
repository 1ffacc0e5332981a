"""Typed settings under the plugin's QgsSettings group, and the logger."""
from qgis.core import QgsApplication, QgsSettings

from citizen_pins.toolbelt.log import TAG, WARNING, log
from citizen_pins.toolbelt.settings import GROUP, PluginSettings


def test_defaults_when_nothing_is_stored():
    s = PluginSettings.load()
    assert s == PluginSettings()
    assert isinstance(s.tolerance_m, float) and isinstance(s.show_dock, bool)


def test_round_trip_keeps_types_under_the_plugin_group():
    PluginSettings().set(working_copy="/data/rayong.gpkg", tolerance_m=250.0, show_dock=False,
                         auth_config_id="abc1234")
    raw = QgsSettings()
    assert raw.value(f"{GROUP}/working_copy") == "/data/rayong.gpkg"
    s = PluginSettings.load()
    assert s.working_copy == "/data/rayong.gpkg"
    assert s.tolerance_m == 250.0 and s.show_dock is False
    assert s.auth_config_id == "abc1234"


def test_no_password_field_exists():
    names = set(PluginSettings.__dataclass_fields__)
    assert not {n for n in names if "pass" in n or "secret" in n or "token" in n}


def test_unknown_setting_is_refused():
    import pytest

    with pytest.raises(AttributeError):
        PluginSettings().set(password="x")


def test_log_writes_to_the_message_log_under_the_plugin_tab():
    seen = []

    def record(message, tag, level):
        seen.append((message, tag, level))

    QgsApplication.messageLog().messageReceived.connect(record)
    try:
        log("ทดสอบ", WARNING)
    finally:
        QgsApplication.messageLog().messageReceived.disconnect(record)
    assert ("ทดสอบ", TAG, WARNING) in seen
