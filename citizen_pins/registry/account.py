"""Who the registry says the signed-in user is: name, role and the provinces they may edit."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Optional, Tuple

from ..core.dopa import codes
from .client import RegistryClient
from .compat import PluginSupport
from .errors import RegistryError


@dataclass(frozen=True)
class AccountInfo:
    name: str
    role: str
    provinces: Tuple[str, ...]
    #: Which plugin versions the registry accepts (None: a registry older than the handshake).
    plugin: Optional[PluginSupport] = None

    @property
    def can_edit(self) -> bool:
        return bool(self.provinces)

    def describe(self, lang: str = "th") -> str:
        """One sentence for the dock: who, and which provinces they may edit."""
        names = ", ".join(f"{codes().name(p, lang) or p} ({p})" for p in self.provinces)
        if lang == "th":
            if not names:
                return f"ลงชื่อเข้าใช้เป็น {self.name} ({self.role}) อ่านได้อย่างเดียว แก้ไขหมุดไม่ได้"
            return f"ลงชื่อเข้าใช้เป็น {self.name} ({self.role}) แก้ไขหมุดได้ในจังหวัด {names}"
        if not names:
            return f"Signed in as {self.name} ({self.role}); read-only, may not edit pins."
        return f"Signed in as {self.name} ({self.role}); may edit pins of {names}."


def whoami(client: RegistryClient) -> AccountInfo:
    """Ask the registry who the client's credentials belong to (raises RegistryError: 401 ...)."""
    if not client.authcfg:
        raise RegistryError(401, "unauthorized",
                            "Choose an authentication configuration (your registry account) first.",
                            "กรุณาเลือกการตั้งค่าการยืนยันตัวตน (บัญชีทะเบียนกลางของคุณ) ก่อน")
    body = client.request("GET", "/account").json()
    return AccountInfo(str(body.get("name", "")), str(body.get("role", "")),
                       tuple(str(p) for p in body.get("provinces") or ()),
                       PluginSupport.from_document(body))
