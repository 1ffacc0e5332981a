"""The plugin's update channel and the compatibility handshake, served by the registry.

* ``GET /plugins/plugins.xml``: a QGIS plugin repository (what ``make release`` writes and
  ``make publish-plugin`` copies into ``REGISTRY_PLUGINS``, by default ``<REGISTRY_DATA>/plugins``).
  An office adds ``<registry>/plugins/plugins.xml`` once in Plugins > Manage and Install Plugins >
  Settings, and QGIS offers every new version.  ``GET /plugins/`` is the same document.  Files
  are read from the folder at each request: publishing a version needs no restart.
* The handshake: the landing page and ``GET /account`` carry ::

      "citizen_pins_plugin": {"minimum_version": "0.2.0", "latest_version": "0.2.1",
                              "repository": "<public url>/plugins/plugins.xml"}

  ``minimum_version`` (``REGISTRY_PLUGIN_MIN_VERSION``) is the oldest plugin this registry reads
  correctly; ``latest_version`` is the repository's.  A plugin states its version in the header
  ``X-Citizen-Pins-Client``; a write from a plugin older than the minimum is refused (400
  ``plugin_outdated``, Thai and English, nothing written).  Plugins before the handshake (0.1.0)
  send ``X-Citizen-Pins-Client: 1``: they are taken as 0.1.0.  Clients that do not say they are
  the plugin (other OGC API clients, scripts) are not concerned.

The gateway routes /plugins here (registry/gateway.py: route ``plugins``); errors are the
gateway's (registry/web.py), the paths are in its OpenAPI document (registry/openapi.py).
"""
from __future__ import annotations

import os
import posixpath
import xml.etree.ElementTree as ET  # nosec B405 - the file the registry's administrator published
from pathlib import Path
from typing import List, Optional, Tuple

from .web import Reply, not_found

PATH = "/plugins"
REPOSITORY = "plugins.xml"
KEY = "citizen_pins_plugin"
#: The first plugin with the handshake.  Plugins before it send no version: this registry cannot
#: tell what they would send, nor tell them to update before a later change.
DEFAULT_MINIMUM = "0.2.0"
#: What a plugin that says "1" (before the handshake) is taken for.
BEFORE_HANDSHAKE = "0.1.0"
TYPES = {".xml": "application/xml", ".xsl": "text/xsl", ".zip": "application/zip",
         ".svg": "image/svg+xml", ".png": "image/png"}

Answer = Tuple[int, List[Tuple[str, str]], bytes]


def version_key(version: str) -> Optional[Tuple[int, ...]]:
    parts = str(version or "").strip().split(".")
    if not parts or not all(p.isdigit() and len(p) <= 6 for p in parts):
        return None
    return tuple(int(p) for p in parts)


def error_body(code: str, en: str, th: str, **extra) -> dict:
    """The gateway's error shape: ``{"code", "description", "message_en", "message_th"}``."""
    body = {"code": code, "description": en, "message_en": en, "message_th": th}
    body.update(extra)
    return body


class PluginChannel:
    def __init__(self, folder: str, public_url: str, minimum_version: str = DEFAULT_MINIMUM):
        if version_key(minimum_version) is None:
            raise ValueError(f"REGISTRY_PLUGIN_MIN_VERSION {minimum_version!r} is not x.y.z")
        self.folder = Path(folder).resolve()
        self.public_url = public_url.rstrip("/")
        self.minimum_version = minimum_version
        self._latest: Tuple[float, str] = (-1.0, "")

    @classmethod
    def from_environment(cls, public_url: str) -> "PluginChannel":
        data = os.environ.get("REGISTRY_DATA", ".registry")
        return cls(os.environ.get("REGISTRY_PLUGINS") or os.path.join(data, "plugins"),
                   public_url,
                   os.environ.get("REGISTRY_PLUGIN_MIN_VERSION") or DEFAULT_MINIMUM)

    # -- what the registry says --------------------------------------------------------------
    def latest_version(self) -> str:
        """The version plugins.xml offers ("" when nothing is published), read again when the
        file changes."""
        path = self.folder / REPOSITORY
        try:
            mtime = path.stat().st_mtime
        except OSError:
            return ""
        if mtime != self._latest[0]:
            try:
                root = ET.parse(path).getroot()  # nosec B314 - published by the administrator
                node = root.find("pyqgis_plugin")
                version = node.get("version", "") if node is not None else ""
            except (ET.ParseError, OSError):
                version = ""
            self._latest = (mtime, version if version_key(version) else "")
        return self._latest[1]

    def support(self) -> dict:
        return {"minimum_version": self.minimum_version,
                "latest_version": self.latest_version() or None,
                "repository": f"{self.public_url}{PATH}/{REPOSITORY}"}

    def add_to(self, doc: dict) -> dict:
        """The handshake in a landing page or an /account answer (and a link to the repository
        on the landing page)."""
        doc[KEY] = self.support()
        if isinstance(doc.get("links"), list):
            doc["links"].append({"rel": "plugin-repository", "type": "application/xml",
                                 "title": "QGIS plugin repository of Citizen Pins",
                                 "href": f"{self.public_url}{PATH}/{REPOSITORY}"})
        return doc

    # -- refusing what an old plugin would send ----------------------------------------------
    def refusal(self, environ) -> Optional[dict]:
        """The 400 body for a write from a plugin older than the minimum, else None."""
        said = (environ.get("HTTP_X_CITIZEN_PINS_CLIENT") or "").strip()
        if not said:
            return None  # not the plugin
        # "1" (and anything not x.y.z) is a plugin before the handshake
        version = said if version_key(said) is not None and said.count(".") == 2 \
            else BEFORE_HANDSHAKE
        if version_key(version) >= version_key(self.minimum_version):
            return None
        repo = f"{self.public_url}{PATH}/{REPOSITORY}"
        return error_body(
            "plugin_outdated",
            f"This registry needs Citizen Pins {self.minimum_version} or newer; this plugin is "
            f"{version}. Nothing was written. Update the plugin: add the registry's plugin "
            f"repository {repo} in Plugins > Manage and Install Plugins > Settings, then "
            "upgrade Citizen Pins and publish again.",
            f"ทะเบียนกลางนี้ต้องใช้ปลั๊กอิน Citizen Pins รุ่น {self.minimum_version} ขึ้นไป "
            f"ปลั๊กอินที่ใช้อยู่เป็นรุ่น {version} ยังไม่ได้บันทึกข้อมูลใด ๆ กรุณาปรับรุ่นปลั๊กอิน: "
            f"เพิ่มคลังปลั๊กอินของทะเบียนกลาง {repo} ในเมนู Plugins > Manage and Install Plugins > "
            "Settings แล้วปรับรุ่น Citizen Pins และเผยแพร่อีกครั้ง",
            **{KEY: self.support()})

    # -- the files -----------------------------------------------------------------------------
    def serve(self, rel: str) -> Answer:
        """The answer to ``GET /plugins/<rel>`` (``rel`` "" is plugins.xml)."""
        rel = rel or REPOSITORY
        clean = posixpath.normpath(rel)
        parts = clean.split("/")
        target = self.folder.joinpath(*parts)
        if (clean != rel or clean.startswith(("..", "/")) or any(p.startswith(".") for p in parts)
                or os.path.splitext(clean)[1].lower() not in TYPES):
            target = None
        elif not target.resolve().is_relative_to(self.folder):
            target = None
        if target is None or not target.is_file():
            if rel == REPOSITORY:
                raise Reply(404, "no_plugin_published",
                            "No plugin version is published on this registry yet (its "
                            "administrator runs make release and make publish-plugin).",
                            "ทะเบียนกลางนี้ยังไม่มีปลั๊กอินให้ติดตั้ง (ผู้ดูแลระบบต้องเผยแพร่ปลั๊กอินก่อน)")
            raise not_found(f"There is no file {PATH}/{rel[:200]}.", "ไม่พบไฟล์นี้ในคลังปลั๊กอิน")
        data = target.read_bytes()
        ctype = TYPES[os.path.splitext(clean)[1].lower()]
        headers = [("Content-Type", ctype + ("; charset=utf-8" if ctype.endswith(("xml", "xsl"))
                                             else "")),
                   ("Content-Length", str(len(data))),
                   # a new version must be seen at once; zips are named by version
                   ("Cache-Control", "no-cache" if rel == REPOSITORY else "max-age=3600")]
        return 200, headers, data

