"""The WSGI application gunicorn serves: the gateway wrapping pygeoapi's Flask app.

Configured by the environment (set by ``python -m registry serve``): ``PYGEOAPI_CONFIG`` and
``PYGEOAPI_OPENAPI`` (pygeoapi's files: its configuration, with the read-only role, and the
registry's OpenAPI document), ``REGISTRY_GATEWAY_CONFIG`` (a JSON file, mode 600: the writer
role's connection, the public URL, the tolerance).  Limits and policies, each with its default:

``REGISTRY_MAX_BODY`` (1 MiB), ``REGISTRY_MAX_BULK_BODY`` (16 MiB), ``REGISTRY_MAX_BULK_OPS``
(1000); ``REGISTRY_TRUSTED_PROXIES`` (``127.0.0.1,::1``: peers whose ``X-Forwarded-For`` names
the client); ``REGISTRY_ALLOWED_ORIGINS`` (other web origins allowed to write, comma-separated;
none); ``REGISTRY_AUTH_NAME_LIMIT`` / ``_NAME_WINDOW`` (10 failures per 3600 s),
``REGISTRY_AUTH_ADDRESS_LIMIT`` / ``_ADDRESS_WINDOW`` (30 per 60 s), ``REGISTRY_AUTH_BLOCK``
(60 s, doubling).
"""
from __future__ import annotations

import json
import logging
import os

from .auth import Limits
from .gateway import Gateway
from .pygeoapi_setup import ensure_proj_data

logging.basicConfig(level=os.environ.get("REGISTRY_LOG_LEVEL", "WARNING"),
                    format="%(asctime)s %(name)s %(levelname)s %(message)s")
# pygeoapi warns on every request without ``offset``; keep its log to real errors.
logging.getLogger("pygeoapi").setLevel(os.environ.get("REGISTRY_PYGEOAPI_LOG", "ERROR"))


def _env_int(name: str, default: int) -> int:
    return int(os.environ.get(name, str(default)))


def _env_list(name: str, default: str = "") -> tuple:
    return tuple(x.strip() for x in os.environ.get(name, default).split(",") if x.strip())


def create_app() -> Gateway:
    ensure_proj_data()
    from pygeoapi.flask_app import APP  # reads PYGEOAPI_CONFIG / PYGEOAPI_OPENAPI at import

    with open(os.environ["REGISTRY_GATEWAY_CONFIG"], encoding="utf-8") as fh:
        cfg = json.load(fh)
    return Gateway(
        APP.wsgi_app if hasattr(APP, "wsgi_app") else APP,
        cfg["database"],
        public_url=cfg["public_url"],
        tolerance_m=float(cfg.get("tolerance_m", 1500)),
        max_body=_env_int("REGISTRY_MAX_BODY", 1 << 20),
        max_bulk_body=_env_int("REGISTRY_MAX_BULK_BODY", 16 << 20),
        max_bulk_ops=_env_int("REGISTRY_MAX_BULK_OPS", 1000),
        limits=Limits(name_limit=_env_int("REGISTRY_AUTH_NAME_LIMIT", 10),
                      name_window=_env_int("REGISTRY_AUTH_NAME_WINDOW", 3600),
                      address_limit=_env_int("REGISTRY_AUTH_ADDRESS_LIMIT", 30),
                      address_window=_env_int("REGISTRY_AUTH_ADDRESS_WINDOW", 60),
                      block=_env_int("REGISTRY_AUTH_BLOCK", 60)),
        trusted_proxies=_env_list("REGISTRY_TRUSTED_PROXIES", "127.0.0.1,::1"),
        allowed_origins=_env_list("REGISTRY_ALLOWED_ORIGINS"),
    )


application = create_app()
