"""The reference deployment of the national service-point registry.

pygeoapi serves OGC API - Features (reads: landing page, collections, items, paging, CQL filters)
from PostgreSQL/PostGIS; a thin WSGI gateway (:mod:`registry.gateway`) in front of it, in the same
gunicorn, owns what pygeoapi lacks: authentication, authorization by province, ETags and
``If-Match``, idempotent POST by ``pin_id``, validation, JSON errors, audit, and the bulk endpoint.

Server-side code: Debian 12's Python 3.11, never loaded by the QGIS plugin.
"""
