"""pygeoapi's configuration and OpenAPI document for the registry, written at each start."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import yaml

#: Page size limits of items requests (the client asks for 1000 per page).
DEFAULT_ITEMS = 100
MAX_ITEMS = 5000

THAILAND_EXTENT = [97.3, 5.6, 105.7, 20.5]


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
    attribution = ("Boundaries: Royal Thai Survey Department / OCHA, Thailand - Subnational "
                   "Administrative Boundaries (HDX COD-AB cod-ab-tha), CC BY-IGO 3.0")
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
            "service_points": _collection(
                "Service points", "Government service points (pins). Feature id: pin_id. "
                "Every item carries its version (ETag). Changes since t: datetime=t/.. "
                "(updated_at). Writes: POST/PUT/DELETE with HTTP Basic; PUT and DELETE need "
                "If-Match. Bulk writes: POST /collections/service_points/bulk.",
                ["service points"], _provider(dsn, "service_points", "pin_id", "updated_at"),
                editable=True),
            "deleted_service_points": _collection(
                "Deleted service points", "Tombstones of deleted pins: pin_id, province_code, "
                "deleted_at, last version. Deletions since t: datetime=t/.. (deleted_at).",
                ["tombstones"], _provider(dsn, "deleted_service_points", "pin_id", "deleted_at")),
            "provinces": _collection("Provinces", "Provinces (DOPA code). " + attribution,
                                     ["boundaries"], _provider(dsn, "provinces", "code")),
            "amphoes": _collection("Amphoes", "Districts (DOPA code). " + attribution,
                                   ["boundaries"], _provider(dsn, "amphoes", "code")),
            "tambons": _collection("Tambons", "Subdistricts (DOPA code). " + attribution,
                                   ["boundaries"], _provider(dsn, "tambons", "code")),
        },
    }


def write_config(data_dir: Path, dsn, public_url: str, port: int) -> tuple:
    """Write pygeoapi's config and generate its OpenAPI document; returns both paths."""
    ensure_proj_data()
    cfg_path = data_dir / "pygeoapi-config.yml"
    openapi_path = data_dir / "pygeoapi-openapi.yml"
    fd = os.open(cfg_path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)  # holds the DB password
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        yaml.safe_dump(build_config(dsn, public_url, port), fh, allow_unicode=True,
                       sort_keys=False)
    env = dict(os.environ, PYGEOAPI_CONFIG=str(cfg_path), PYGEOAPI_OPENAPI=str(openapi_path))
    proc = subprocess.run(
        [sys.executable, "-c",
         "import sys; from pathlib import Path; "
         "from pygeoapi.openapi import generate_openapi_document as g; "
         "Path(sys.argv[2]).write_text(g(Path(sys.argv[1]), 'yaml'), encoding='utf-8')",
         str(cfg_path), str(openapi_path)],
        env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    if proc.returncode != 0:
        raise RuntimeError("pygeoapi could not generate its OpenAPI document:\n" + proc.stdout)
    return cfg_path, openapi_path
