"""The compatibility handshake with the registry.

The plugin states its version on every request (header ``X-Citizen-Pins-Client``).  The registry
says which plugin versions it accepts, on its landing page and in ``GET /account``::

    "citizen_pins_plugin": {"minimum_version": "0.2.0", "latest_version": "0.2.1",
                            "repository": "https://registry.example/plugins/plugins.xml"}

A plugin older than ``minimum_version`` publishes nothing: it could send what this registry would
misread, so it asks the user, in Thai and English, to update first (from ``repository``, the
registry's plugin repository in QGIS's Plugin Manager).  A registry that says nothing (one older
than the handshake) is taken as accepting every version.  Pure Python, no Qt.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Optional, Tuple

KEY = "citizen_pins_plugin"


def plugin_version() -> str:
    """This plugin's version (metadata.txt, the one place it is written)."""
    from ..toolbelt.resources import plugin_metadata

    return plugin_metadata("version") or "0"


def version_key(version: str) -> Optional[Tuple[int, ...]]:
    """(0, 2, 1) for "0.2.1"; None when it is not dotted numbers."""
    parts = str(version or "").strip().split(".")
    if not parts or not all(p.isdigit() for p in parts):
        return None
    return tuple(int(p) for p in parts)


@dataclass(frozen=True)
class PluginSupport:
    """What the registry says about plugin versions."""
    minimum_version: str
    latest_version: str = ""
    repository: str = ""

    @classmethod
    def from_document(cls, doc) -> Optional["PluginSupport"]:
        """From a landing page or an /account answer; None when the registry says nothing."""
        block = doc.get(KEY) if isinstance(doc, dict) else None
        if not isinstance(block, dict) or version_key(block.get("minimum_version")) is None:
            return None
        latest = block.get("latest_version")
        return cls(str(block["minimum_version"]),
                   str(latest) if version_key(latest) is not None else "",
                   str(block.get("repository") or ""))

    def accepts(self, version: str) -> bool:
        mine = version_key(version)
        return mine is not None and mine >= version_key(self.minimum_version)

    def newer_than(self, version: str) -> bool:
        """The registry's repository has a version newer than ``version``."""
        mine, latest = version_key(version), version_key(self.latest_version)
        return latest is not None and mine is not None and latest > mine


def outdated_error(support: PluginSupport, version: str):
    """The refusal a plugin too old for this registry shows before it sends anything."""
    from .errors import RegistryError

    where_en = (f" Add the registry's plugin repository {support.repository} in Plugins > Manage "
                "and Install Plugins > Settings if it is not there yet." if support.repository
                else "")
    where_th = (f" หากยังไม่มี ให้เพิ่มคลังปลั๊กอินของทะเบียนกลาง {support.repository} ในเมนู Plugins > "
                "Manage and Install Plugins > Settings" if support.repository else "")
    return RegistryError(
        400, "plugin_outdated",
        f"This registry needs Citizen Pins {support.minimum_version} or newer; this is "
        f"{version}. Nothing was sent. Update the plugin (Plugins > Manage and Install Plugins > "
        f"Upgradeable), then publish again.{where_en}",
        f"ทะเบียนกลางนี้ต้องใช้ปลั๊กอิน Citizen Pins รุ่น {support.minimum_version} ขึ้นไป "
        f"ปลั๊กอินที่ใช้อยู่เป็นรุ่น {version} ยังไม่ได้ส่งข้อมูลใด ๆ กรุณาปรับรุ่นปลั๊กอิน "
        f"(Plugins > Manage and Install Plugins > Upgradeable) แล้วเผยแพร่อีกครั้ง{where_th}")


def check(support: Optional[PluginSupport], version: Optional[str] = None) -> None:
    """Raise the refusal when the registry does not accept this plugin's version."""
    version = version or plugin_version()
    if support is not None and not support.accepts(version):
        raise outdated_error(support, version)
