#!/usr/bin/env python3
"""The daily workflow of issue 17 in a real QGIS desktop at 1366x768 (the commonest office screen),
under Xvfb, with the plugin installed from its zip into a throwaway profile and a real registry on
127.0.0.1 seeded with Rayong's MOPH facilities, reached through a proxy that can hold a request
(so the session sees what the dialog shows while the registry does not answer).

Three QGIS runs (scripts/gui/daily_session.py): Thai (``first``), the same profile opened again
(``restart``), and a fresh profile in English.  Screenshots go to ``--shots``
(docs/screenshots/daily_*_{th,en}.png with `make screenshots`).
"""
from __future__ import annotations

import argparse
import asyncio
import json
import os
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(REPO / "scripts" / "faults"))

import run_qgis  # noqa: E402
import seed_registry  # noqa: E402
from proxy import FaultProxy  # noqa: E402
from registry import launcher  # noqa: E402
from registry.cluster import free_port  # noqa: E402

USER, PASSWORD = "rayong", "demo-password-rayong"
SCREEN = "1366x768"


class HoldProxy(FaultProxy):
    """Forwards every request; while the file ``control`` says ``hold``, writes (POST, PUT,
    DELETE) wait (and ``control``.seen is written); while it says ``drop``, writes are closed
    without being forwarded (no answer, and nothing reached the registry -- also Qt's own retry
    of a closed connection); no file: forwarded."""

    def __init__(self, upstream_port: int, control: Path, listen_port: int = 0):
        super().__init__(upstream_port, listen_port)
        self.control = control

    def _mode(self) -> str:
        try:
            return self.control.read_text().strip()
        except OSError:
            return ""

    async def _gate(self, request: bytes) -> bool:
        if request.split(b" ", 1)[0] in (b"POST", b"PUT", b"DELETE") and self._mode():
            Path(str(self.control) + ".seen").write_text("1")
            while self._mode() == "hold":
                await asyncio.sleep(0.1)
            return self._mode() != "drop"
        return True


def run(plugin_zip: Path, shots: Path, shared: Path = None, modes=("first", "restart", "english"),
        keep: Path = None) -> dict:
    shared = shared or Path(os.environ.get("CITIZEN_PINS_SHARED", REPO.parent / "shared"))
    boundaries = shared / "data" / "boundaries" / "thailand_admin_simplified.gpkg"
    moph = shared / "data" / "service_points" / "moph_health_facilities.csv"
    out = {"runs": {}}
    with tempfile.TemporaryDirectory(prefix="citizen_pins_daily_") as tmp:
        tmp = Path(tmp)
        os.chmod(tmp, 0o755)  # as root, PostgreSQL runs as 'postgres' and must enter it
        # the registry's own links (the bulk endpoint) name the proxy, so every write goes
        # through it
        upstream, listen = free_port(), free_port()
        control = tmp / "hold"
        proxy = HoldProxy(upstream, control, listen).start()
        os.environ["REGISTRY_PUBLIC_URL"] = proxy.url
        try:
            reg = launcher.start(tmp / "registry", boundaries, port=upstream)
        except Exception:
            proxy.stop()
            raise
        finally:
            os.environ.pop("REGISTRY_PUBLIC_URL", None)
        try:
            reg.add_user(USER, PASSWORD, "21")
            out["seed"] = seed_registry.seed(reg.url, USER, PASSWORD, moph, "21")
            env = {"CITIZEN_PINS_REGISTRY_URL": proxy.url, "CITIZEN_PINS_DIRECT_URL": reg.url,
                   "CITIZEN_PINS_DOWN_URL": f"http://127.0.0.1:{free_port()}",
                   "CITIZEN_PINS_USER": USER, "CITIZEN_PINS_PASSWORD": PASSWORD,
                   "CITIZEN_PINS_MOPH": str(moph), "CITIZEN_PINS_HOLD": str(control)}
            thai_profile = keep / "th" if keep else tmp / "profile_th"
            for mode in modes:
                lang = "en" if mode == "english" else "th"
                work = keep / lang if keep else (thai_profile if lang == "th"
                                                 else tmp / "profile_en")
                result = run_qgis.run(HERE / "daily_session.py", plugin_zip, lang, shots,
                                      extra_env=dict(env, CITIZEN_PINS_DAILY_MODE=mode),
                                      timeout=900, screen=SCREEN, work=work)
                result.pop("log", None)
                out["runs"][mode] = result
        finally:
            proxy.stop()
            out["registry_exit"] = reg.stop()
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--zip", type=Path, required=True)
    ap.add_argument("--shots", type=Path, default=REPO / "docs" / "screenshots")
    ap.add_argument("--keep", type=Path, help="keep the QGIS profiles in this folder")
    ap.add_argument("--modes", default="first,restart,english")
    args = ap.parse_args()
    result = run(args.zip, args.shots, modes=tuple(args.modes.split(",")), keep=args.keep)
    json.dump(result, sys.stdout, ensure_ascii=False, indent=1)
    print()
    return 1 if any(r.get("errors") for r in result["runs"].values()) else 0


if __name__ == "__main__":
    sys.exit(main())
