"""The reference deployment of the national service-point registry.

pygeoapi serves OGC API - Features (reads: landing page, collections, items, paging, CQL filters)
from PostgreSQL/PostGIS as a read-only role; a thin WSGI gateway (:mod:`registry.gateway`) in front
of it, in the same gunicorn (:mod:`registry.worker`), owns what pygeoapi lacks: authentication
(:mod:`registry.auth`), authorization by province, ETags and ``If-Match``, idempotent POST by
``pin_id``, validation (:mod:`registry.validation`, :mod:`citizen_pins.core.normalize`), JSON
errors and security headers (:mod:`registry.web`), audit, the bulk endpoint and its own OpenAPI
document (:mod:`registry.openapi`); it writes through the database's functions as the writer
role (:mod:`registry.dbschema`).  The collections are declared once (:mod:`registry.collections`).

Server-side code: Debian 12's Python 3.11, never loaded by the QGIS plugin.
"""
