"""Agency accounts: slow salted password hashes (scrypt, standard library) and registration.

A hash is ``scrypt$N$r$p$salt$digest`` (base64).  Verifying costs about 50 ms on purpose; the
gateway remembers a successful check for a short while (keyed by a keyed hash of the password and
the stored hash, so a password change takes effect at once) so that a publish of thousands of pins
does not pay it per request.  Passwords are never logged or stored in clear.
"""
from __future__ import annotations

import base64
import hashlib
import hmac
import re
import secrets
from dataclasses import dataclass, field
from typing import List, Optional, Tuple

from citizen_pins.core.dopa import codes, normalize_code

N, R, P = 2 ** 14, 8, 1
NAME_RE = re.compile(r"^[A-Za-z0-9._@-]{1,64}$")
ROLES = ("editor", "coordinator")
MIN_PASSWORD = 8
MAX_PASSWORD = 1024


class AccountError(ValueError):
    pass


def hash_password(password: str) -> str:
    salt = secrets.token_bytes(16)
    digest = hashlib.scrypt(password.encode("utf-8"), salt=salt, n=N, r=R, p=P, maxmem=64 << 20,
                            dklen=32)
    return "scrypt${}${}${}${}${}".format(N, R, P, base64.b64encode(salt).decode(),
                                          base64.b64encode(digest).decode())


def verify_password(password: str, stored: str) -> bool:
    try:
        algo, n, r, p, salt, digest = stored.split("$")
        if algo != "scrypt":
            return False
        expected = base64.b64decode(digest)
        got = hashlib.scrypt(password.encode("utf-8"), salt=base64.b64decode(salt), n=int(n),
                             r=int(r), p=int(p), maxmem=64 << 20, dklen=len(expected))
    except (ValueError, TypeError):
        return False
    return hmac.compare_digest(got, expected)


@dataclass
class Account:
    name: str
    role: str
    provinces: Tuple[str, ...] = field(default_factory=tuple)

    def may_write(self, province_code: Optional[str]) -> bool:
        return bool(province_code) and province_code in self.provinces


def parse_provinces(text: str) -> List[str]:
    out = []
    for part in re.split(r"[,\s]+", text or ""):
        if not part:
            continue
        n = normalize_code(part, digits=2)
        if n.code is None or not codes().is_current(n.code):
            raise AccountError(f"'{part}' is not a DOPA province code (2 digits, e.g. 21).")
        if n.code not in out:
            out.append(n.code)
    return out


def check_new_account(name: str, password: str, role: str, provinces: List[str]) -> None:
    if not NAME_RE.match(name or ""):
        raise AccountError("An account name is 1-64 letters, digits or . _ @ - (no spaces).")
    if role not in ROLES:
        raise AccountError(f"ROLE is one of {', '.join(ROLES)}.")
    if role == "editor" and not provinces:
        raise AccountError("An editor needs at least one province (PROVINCES=21,50).")
    if not (MIN_PASSWORD <= len(password) <= MAX_PASSWORD):
        raise AccountError(f"A password has {MIN_PASSWORD} to {MAX_PASSWORD} characters.")


def upsert_account(conn, name: str, password: str, role: str, provinces: List[str]) -> bool:
    """Create the account, or reset its password, role and provinces.  True when created."""
    check_new_account(name, password, role, provinces)
    with conn.cursor() as cur:
        cur.execute(
            """INSERT INTO accounts (name, password_hash, role, provinces)
               VALUES (%s, %s, %s, %s)
               ON CONFLICT (name) DO UPDATE SET password_hash = EXCLUDED.password_hash,
                   role = EXCLUDED.role, provinces = EXCLUDED.provinces, disabled = false,
                   updated_at = now()
               RETURNING (xmax = 0)""",
            (name, hash_password(password), role, provinces))
        created = cur.fetchone()[0]
    conn.commit()
    return bool(created)
