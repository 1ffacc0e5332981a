"""Typed settings, stored with QgsSettings under the plugin's group.

Secrets never live here: the registry's credentials are a QGIS authentication config, and only its
id is stored.
"""
from __future__ import annotations

from dataclasses import dataclass, fields

from qgis.core import QgsSettings

GROUP = "citizen_pins"


@dataclass
class PluginSettings:
    #: The GeoPackage working copy in use ("" until one is created or opened).
    working_copy: str = ""
    #: The boundary (tambon) layer in use: a data source URI, "" for none.
    boundary_source: str = ""
    #: When the boundary layer was chosen or last refreshed (ISO-8601, UTC).
    boundary_loaded_at: str = ""
    #: The national registry's base URL (OGC API - Features landing page).
    registry_url: str = ""
    #: Id of the QGIS authentication config holding the registry account (never a password).
    auth_config_id: str = ""
    #: Its name as the user gave it (shown instead of the id; read when it was chosen, so the
    #: authentication database is not touched at start-up).
    auth_config_name: str = ""
    #: The folder where new working copies go ("": Documents/Citizen Pins).
    working_copy_folder: str = ""
    #: The findings of the last validation (a GeoPackage next to the working copy) and a
    #: fingerprint of the pins they were made from (to tell when they are out of date).
    findings_path: str = ""
    findings_fingerprint: str = ""
    #: Tolerance of the "outside the declared tambon" check, metres.
    tolerance_m: float = 0.0  # 0: the validator's documented default
    #: Open the dock when QGIS starts.
    show_dock: bool = True

    @classmethod
    def load(cls) -> "PluginSettings":
        s = QgsSettings()
        out = cls()
        for f in fields(cls):
            default = getattr(out, f.name)
            value = s.value(f"{GROUP}/{f.name}", default, type=type(default))
            setattr(out, f.name, value)
        return out

    def save(self) -> None:
        s = QgsSettings()
        for f in fields(self):
            s.setValue(f"{GROUP}/{f.name}", getattr(self, f.name))

    def set(self, **changes) -> "PluginSettings":
        """Change some values and save at once."""
        for k, v in changes.items():
            if not hasattr(self, k):
                raise AttributeError(k)
            setattr(self, k, v)
        self.save()
        return self
