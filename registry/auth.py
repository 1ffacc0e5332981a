"""Who is asking: HTTP Basic against the accounts, in constant time, throttled in PostgreSQL.

* Constant time: an unknown (or disabled) name costs the same scrypt as a wrong password (a dummy
  hash of the same parameters), and both answer the same 401; the database is asked for the
  account and the throttle in one function call either way.
* Throttled across processes and hosts: failures are counted in the ``auth_throttle`` table (by
  account name, whether it exists or not, and by client address).  After
  ``name_limit`` failures of a name since its last success within ``name_window`` seconds, or
  ``address_limit`` failures from one address within ``address_window`` seconds, that name (or
  address) is refused with 429 and ``Retry-After`` for ``block`` seconds, doubling with each
  failure past the limit (at most 16 times).  A refused attempt costs no scrypt and proves
  nothing, the right password included.
* At most ``concurrency`` password checks run at once per process, so a flood of guesses cannot
  take every CPU from readers.
* A successful check is remembered in this process for ``cache_seconds`` (keyed by a keyed hash of
  the password and the stored hash): a publish of thousands of pins does not pay scrypt each time,
  and a password change, a disabled account or a lock takes effect at once, in every process (the
  account and the throttle are read from the database on every request).
"""
from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import secrets
import threading
import time
from typing import Dict, Tuple

from .accounts import Account, hash_password, verify_password
from .web import Reply


class Limits:
    def __init__(self, name_limit: int = 10, name_window: int = 3600, address_limit: int = 30,
                 address_window: int = 60, block: int = 60):
        self.name_limit = name_limit
        self.name_window = name_window
        self.address_limit = address_limit
        self.address_window = address_window
        self.block = block


class Authenticator:
    def __init__(self, limits: Limits = None, cache_seconds: float = 300.0, concurrency: int = 2):
        self.limits = limits or Limits()
        self.cache_seconds = cache_seconds
        self._cache: Dict[str, Tuple[str, bytes, float]] = {}
        self._key = secrets.token_bytes(32)
        self._dummy = hash_password(secrets.token_urlsafe(16))
        self._checks = threading.BoundedSemaphore(max(1, concurrency))

    @staticmethod
    def unauthorized(environ) -> Reply:
        challenge = {}
        if not environ.get("HTTP_X_CITIZEN_PINS_CLIENT"):
            # Our own client asks for no challenge, so that Qt does not pop up a login dialog.
            challenge = {"WWW-Authenticate": 'Basic realm="citizen_pins registry", charset="UTF-8"'}
        return Reply(401, "unauthorized", "Sign-in failed: check the username and password of "
                     "your registry account (QGIS authentication configuration).",
                     "เข้าสู่ระบบไม่สำเร็จ กรุณาตรวจสอบชื่อผู้ใช้และรหัสผ่านของบัญชีทะเบียนกลาง",
                     headers=challenge)

    @staticmethod
    def throttled(seconds: int) -> Reply:
        minutes = max(1, (seconds + 59) // 60)
        return Reply(429, "too_many_attempts",
                     f"Too many failed sign-ins for this account or from this address; try again "
                     f"in {minutes} minute(s).",
                     f"เข้าสู่ระบบไม่สำเร็จหลายครั้งเกินไปสำหรับบัญชีนี้หรือจากที่อยู่นี้ กรุณาลองใหม่ใน {minutes} นาที",
                     headers={"Retry-After": str(max(1, seconds))})

    @staticmethod
    def credentials(environ):
        header = environ.get("HTTP_AUTHORIZATION", "")
        if not header[:6].lower() == "basic ":
            return None
        try:
            decoded = base64.b64decode(header[6:].strip(), validate=True).decode("utf-8")
        except (binascii.Error, ValueError):
            return None
        name, sep, password = decoded.partition(":")
        if not sep or not name or len(name) > 64 or len(password) > 1024:
            return None
        return name, password

    def authenticate(self, environ, cur, address: str) -> Account:
        """The account, or raises 401 / 429.  ``cur`` is a dict cursor of the gateway's
        connection; failures are committed at once (they must outlive the request)."""
        creds = self.credentials(environ)
        if creds is None:
            raise self.unauthorized(environ)
        name, password = creds
        lim = self.limits
        cur.execute("SELECT * FROM citizen_pins_login(%s, %s)", (name, address))
        row = cur.fetchone()
        if row["retry_after"] > 0:
            raise self.throttled(row["retry_after"])
        stored = row["password_hash"] or self._dummy
        token = hmac.new(self._key, password.encode("utf-8") + b"\0" + stored.encode(),
                         hashlib.sha256).digest()
        cached = self._cache.get(name) if row["name"] else None
        now = time.monotonic()
        if cached and cached[0] == stored and hmac.compare_digest(cached[1], token) \
                and cached[2] > now:
            ok = True
        else:
            with self._checks:
                ok = verify_password(password, stored) and row["name"] is not None
            if ok:
                if len(self._cache) > 1000:
                    self._cache.clear()
                self._cache[name] = (stored, token, now + self.cache_seconds)
        if not ok:
            cur.execute("SELECT citizen_pins_login_failed(%s, %s, %s, %s, %s, %s, %s)",
                        (name, address, lim.name_limit, lim.name_window, lim.address_limit,
                         lim.address_window, lim.block))
            cur.connection.commit()
            raise self.unauthorized(environ)
        if row["name_failures"]:
            cur.execute("SELECT citizen_pins_login_ok(%s)", (name,))
            cur.connection.commit()
        environ["citizen_pins.account"] = row["name"]
        return Account(row["name"], row["role"], tuple(row["provinces"] or ()))
