"""pygeoapi's configuration for the registry, written at each start from the collections table
(:mod:`registry.collections`).  pygeoapi connects as the read-only role, with a statement timeout;
the OpenAPI document is the gateway's own (:mod:`registry.openapi`), pygeoapi's is not served."""
from __future__ import annotations

import os
import sys
from pathlib import Path

import yaml

from .collections import COLLECTIONS

#: Page size limits of items requests (the client asks for 1000 per page).
DEFAULT_ITEMS = 100
MAX_ITEMS = 5000

THAILAND_EXTENT = [97.3, 5.6, 105.7, 20.5]
#: A read query (a CQL filter, a deep offset) may run this long, then it is cancelled.
READ_STATEMENT_TIMEOUT_MS = 30000


def ensure_proj_data() -> None:
    """pyproj looks for PROJ's data under ``sys.prefix``: in a venv that is the venv, so Debian's
    own pyproj (kept in the venv when it satisfies the pin, as on trixie) finds none and every
    items request that transforms coordinates fails (DataDirError, answered 500).  Point it at
    the data of the interpreter the venv was made from (``PROJ_DATA`` too, for the processes
    started from here: the OpenAPI generator, gunicorn)."""
    import pyproj.datadir
    from pyproj.exceptions import DataDirError

    try:
        pyproj.datadir.get_data_dir()
        return
    except DataDirError:
        pass
    for prefix in (sys.base_prefix, "/usr", "/usr/local"):
        share = Path(prefix) / "share" / "proj"
        if (share / "proj.db").is_file():
            pyproj.datadir.set_data_dir(str(share))
            os.environ.setdefault("PROJ_DATA", str(share))
            return


def _provider(dsn, table: str, id_field: str, time_field: str = "") -> dict:
    p = {
        "type": "feature",
        "name": "PostgreSQL",
        "data": {"host": dsn.host, "port": dsn.port, "dbname": dsn.dbname, "user": dsn.user,
                 "password": dsn.password, "search_path": ["public"]},
        # libpq options of pygeoapi's connections (its engine pings them before each use, so it
        # reconnects by itself when the database comes back)
        "options": {"connect_timeout": 5,
                    "options": f"-c statement_timeout={READ_STATEMENT_TIMEOUT_MS}"},
        "id_field": id_field,
        "table": table,
        "geom_field": "geom",
    }
    if time_field:
        p["time_field"] = time_field
    return p


def _collection(title: str, description: str, keywords, provider: dict, editable=False) -> dict:
    if editable:
        provider = dict(provider, editable=True)
    return {
        "type": "collection",
        "title": title,
        "description": description,
        "keywords": list(keywords),
        "extents": {"spatial": {"bbox": THAILAND_EXTENT,
                                "crs": "http://www.opengis.net/def/crs/OGC/1.3/CRS84"}},
        "providers": [provider],
    }


def build_config(dsn, public_url: str, port: int) -> dict:
    """pygeoapi's configuration; ``dsn`` is the reader role's."""
    return {
        "server": {
            "bind": {"host": "127.0.0.1", "port": port},
            "url": public_url.rstrip("/"),
            "mimetype": "application/json; charset=UTF-8",
            "encoding": "utf-8",
            "languages": ["en-US", "th-TH"],
            "pretty_print": False,
            "limits": {"default_items": DEFAULT_ITEMS, "max_items": MAX_ITEMS,
                       "on_exceed": "throttle"},
            "map": {"url": "https://tile.openstreetmap.org/{z}/{x}/{y}.png",
                    "attribution": "OpenStreetMap contributors"},
        },
        "logging": {"level": os.environ.get("REGISTRY_PYGEOAPI_LOG", "ERROR")},
        "metadata": {
            "identification": {
                "title": "National service-point registry (citizen_pins reference deployment)",
                "description": "Government service points of Thailand, edited by provincial "
                               "offices. Writes need an agency account (HTTP Basic).",
                "keywords": ["service points", "Thailand", "DOPA"],
                "url": public_url,
                "terms_of_service": "https://creativecommons.org/licenses/by/4.0/",
            },
            "license": {"name": "CC-BY 4.0", "url": "https://creativecommons.org/licenses/by/4.0/"},
            "provider": {"name": "citizen_pins registry", "url": public_url},
            "contact": {"name": "Registry operator", "email": "registry@example.invalid"},
        },
        "resources": {
            c.id: _collection(c.title, c.description, c.keywords,
                              _provider(dsn, c.table, c.id_field, c.time_field),
                              editable=c.writer is not None)
            for c in COLLECTIONS
        },
    }


def _private(path: Path, text: str) -> None:
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)  # holds a DB password
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        fh.write(text)


def write_config(data_dir: Path, dsn, public_url: str, port: int) -> Path:
    """Write pygeoapi's config (``dsn``: the reader's); returns its path."""
    cfg_path = data_dir / "pygeoapi-config.yml"
    _private(cfg_path, yaml.safe_dump(build_config(dsn, public_url, port), allow_unicode=True,
                                      sort_keys=False))
    return cfg_path
