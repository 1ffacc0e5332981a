"""The WSGI application gunicorn serves: the gateway wrapping pygeoapi's Flask app.

Configured by the environment (set by ``python -m registry serve``):
``PYGEOAPI_CONFIG`` and ``PYGEOAPI_OPENAPI`` (pygeoapi's files; the gateway takes its database
connection from the ``service_points`` provider there), ``REGISTRY_PUBLIC_URL``,
``REGISTRY_TOLERANCE_M``, ``REGISTRY_MAX_BODY``, ``REGISTRY_MAX_BULK_BODY``,
``REGISTRY_MAX_BULK_OPS``.
"""
from __future__ import annotations

import logging
import os

import yaml

from .gateway import Gateway
from .pygeoapi_setup import ensure_proj_data

logging.basicConfig(level=os.environ.get("REGISTRY_LOG_LEVEL", "WARNING"),
                    format="%(asctime)s %(name)s %(levelname)s %(message)s")
# pygeoapi warns on every request without ``offset``; keep its log to real errors.
logging.getLogger("pygeoapi").setLevel(os.environ.get("REGISTRY_PYGEOAPI_LOG", "ERROR"))


def _db_kwargs(config_path: str) -> dict:
    with open(config_path, encoding="utf-8") as fh:
        cfg = yaml.safe_load(fh)
    data = cfg["resources"]["service_points"]["providers"][0]["data"]
    return {k: data[k] for k in ("host", "port", "dbname", "user", "password")}


def create_app() -> Gateway:
    ensure_proj_data()
    from pygeoapi.flask_app import APP  # reads PYGEOAPI_CONFIG / PYGEOAPI_OPENAPI at import

    config = os.environ["PYGEOAPI_CONFIG"]
    with open(config, encoding="utf-8") as fh:
        url = yaml.safe_load(fh)["server"]["url"]
    return Gateway(
        APP.wsgi_app if hasattr(APP, "wsgi_app") else APP,
        _db_kwargs(config),
        public_url=os.environ.get("REGISTRY_PUBLIC_URL", url),
        tolerance_m=float(os.environ.get("REGISTRY_TOLERANCE_M", "1500")),
        max_body=int(os.environ.get("REGISTRY_MAX_BODY", str(1 << 20))),
        max_bulk_body=int(os.environ.get("REGISTRY_MAX_BULK_BODY", str(16 << 20))),
        max_bulk_ops=int(os.environ.get("REGISTRY_MAX_BULK_OPS", "1000")),
    )


application = create_app()
