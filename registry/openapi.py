"""The registry's OpenAPI 3.0 document: what the gateway really serves, built from the collections
table and the gateway's limits, self-contained (every ``$ref`` is local, so it resolves offline).

Served at ``/openapi`` (the landing page's ``service-desc``) and given to pygeoapi as its document.
``make fuzz-registry`` runs Schemathesis against it.
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Dict, List

from citizen_pins.core import schema

from .collections import (ARRAY, BOOLEAN, COLLECTIONS, DATETIME, INTEGER, MAX_FILTER_VALUE,
                          NUMBER, ONE_LINE_PATTERN, Collection, Prop)

JSON = "application/json"
GEOJSON = "application/geo+json"
OPENAPI_TYPE = "application/vnd.oai.openapi+json;version=3.0"
ERRORS = {
    400: "The request is malformed: an unknown or ill-formed parameter, malformed JSON, a bad "
         "If-Match.",
    401: "No or wrong credentials (HTTP Basic).",
    403: "The account may not make this change (the body lists allowed_provinces), or the "
         "request comes from a web page of another site.",
    404: "Nothing at this address (an item that never existed, or was deleted: code 'deleted'; "
         "a service deleted with its pin: 'pin_deleted'; feedback for a pin the registry does "
         "not have: 'unknown_pin'; or a service that is not one of that pin's: "
         "'unknown_service').",
    409: "A create whose id exists with other content (exists_different) or was deleted; a "
         "pin's duplicate; a service whose pin was deleted (pin_deleted).",
    411: "A body without Content-Length (chunked bodies are refused).",
    412: "If-Match names an old version; the body's current is the registry's item, ETag its "
         "version. A pin's deletion naming other services than the pin has: services_changed "
         "(the body's services are the pin's).",
    413: "The body is larger than allowed, or there is a body where none is allowed.",
    415: "The body is not declared as application/json or application/geo+json (UTF-8).",
    422: "The item is not valid: problems lists each, in English and Thai.",
    428: "PUT/DELETE without If-Match (or with *).",
    429: "Too many failed sign-ins for this account name or from this address, or too many "
         "feedback responses from this client or for this service point; Retry-After.",
    503: "The database is not available; Retry-After.  Nothing was changed.",
}


def _ref(name: str, kind: str = "schemas") -> dict:
    return {"$ref": f"#/components/{kind}/{name}"}


def _nullable(s: dict, nullable: bool) -> dict:
    return dict(s, nullable=True) if nullable else s


def _prop_schema(p: Prop, for_input: bool = False) -> dict:
    if p.type == INTEGER:
        s: Dict[str, object] = {"type": "integer"}
    elif p.type in (NUMBER, BOOLEAN):
        s = {"type": p.type}
    elif p.type == ARRAY:
        s = {"type": "array", "items": {
            "type": "object", "properties": {q.name: _prop_schema(q) for q in p.items},
            "required": [q.name for q in p.items if not q.nullable]}}
    elif p.type == DATETIME:
        s = {"type": "string"}
    else:
        s = {"type": "string"}
        if p.max_length:
            s["maxLength"] = p.max_length
        if p.enum:
            s["enum"] = list(p.enum)
        if p.pattern:
            s["pattern"] = p.pattern
    if p.minimum is not None and p.type in (INTEGER, NUMBER):
        s["minimum"] = p.minimum
    if p.description:
        s["description"] = p.description
    return _nullable(s, p.nullable)


def _geometry(c: Collection) -> dict:
    """(null with skipGeometry=true)"""
    if not c.geometry:
        return {"type": "object", "nullable": True,
                "description": "Always null: the item has no geometry of its own."}
    if c.id in ("service_points", "deleted_service_points"):
        return {"type": "object", "required": ["type", "coordinates"], "nullable": True,
                "properties": {"type": {"type": "string", "enum": ["Point"]},
                               "coordinates": {"type": "array", "minItems": 2, "maxItems": 3,
                                               "items": {"type": "number"}}}}
    return {"type": "object", "required": ["type", "coordinates"], "nullable": True,
            "properties": {"type": {"type": "string"}, "coordinates": {"type": "array"}}}


def _feature(c: Collection) -> dict:
    return {
        "type": "object", "required": ["type", "id", "properties"],
        "properties": {
            "type": {"type": "string", "enum": ["Feature"]},
            "id": dict(c.id_schema),
            "geometry": _geometry(c),
            "properties": {"type": "object",
                           "properties": {p.name: _prop_schema(p) for p in c.properties}},
            "links": {"type": "array", "items": _ref("Link")},
        },
    }


def _feature_collection(c: Collection) -> dict:
    return {
        "type": "object", "required": ["type", "features"],
        "properties": {
            "type": {"type": "string", "enum": ["FeatureCollection"]},
            "features": {"type": "array", "items": _ref(_name(c, "Feature"))},
            "numberMatched": {"type": "integer", "minimum": 0},
            "numberReturned": {"type": "integer", "minimum": 0},
            "timeStamp": {"type": "string"},
            "links": {"type": "array", "items": _ref("Link")},
        },
    }


def _pin_input() -> dict:
    props = {}
    for f in schema.FIELDS:
        if f.name == "pin_id":
            props[f.name] = {"type": "string", "pattern": "^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-"
                                                          "[0-9a-f]{4}-[0-9a-f]{12}$"}
        elif f.registry_managed:
            props[f.name] = {"description": "Set by the registry; ignored on input.",
                             "nullable": True}
        elif f.kind == schema.CODE:
            props[f.name] = _nullable({"type": "string", "pattern":
                                       f"^[1-9][0-9]{{{f.digits - 1}}}$"},
                                      f.name != "province_code")
        elif f.name == "point_type":
            props[f.name] = {"type": "string", "enum": list(schema.POINT_TYPE_KEYS)}
        else:
            props[f.name] = _nullable({"type": "string", "maxLength": f.length,
                                       "description": f.help_en or f.label_en},
                                      not f.required)
    required = [f.name for f in schema.FIELDS if f.required and f.name != "pin_id"]
    return {
        "type": "object", "required": ["type", "id", "geometry", "properties"],
        "additionalProperties": False,
        "properties": {
            "type": {"type": "string", "enum": ["Feature"]},
            "id": props["pin_id"],
            "geometry": {"type": "object", "required": ["type", "coordinates"],
                         "additionalProperties": False,
                         "properties": {
                             "type": {"type": "string", "enum": ["Point"]},
                             "coordinates": {"type": "array", "minItems": 2, "maxItems": 2,
                                             "items": {"type": "number", "minimum": -180,
                                                       "maximum": 180}}}},
            "properties": {"type": "object", "required": required + ["province_code"],
                           "additionalProperties": False, "properties": props},
        },
        "description": "A pin (GeoJSON Feature, WGS 84 lon/lat). Text is stored clean (NFC, "
                       "nothing blank around it); control characters, direction marks, and "
                       "tabs or line breaks in one-line fields are refused (422).",
    }


def _service_input() -> dict:
    """A service as a client writes it: the collection's item without what the registry sets."""
    from .collections import BY_ID

    c = BY_ID["services"]
    props = {}
    for p in c.properties:
        if p.name in ("version", "updated_at", "province_code"):
            props[p.name] = {"description": "Set by the registry; ignored on input.",
                             "nullable": True}
            continue
        s = _prop_schema(p)
        if p.type == ARRAY:
            s = dict(s, maxItems=500)
        props[p.name] = s
    props["service_id"] = {"type": "string", "pattern": c.id_schema["pattern"]}
    required = [p.name for p in c.properties if not p.nullable and p.name not in
                ("version", "updated_at", "province_code", "steps", "documents")]
    return {
        "type": "object", "required": ["type", "id", "properties"],
        "additionalProperties": False,
        "properties": {
            "type": {"type": "string", "enum": ["Feature"]},
            "id": dict(c.id_schema),
            "geometry": {"nullable": True, "type": "object",
                         "description": "null: a service is where its pin is."},
            "properties": {"type": "object", "required": required,
                           "additionalProperties": False, "properties": props},
        },
        "description": "A service with its steps and documents (each with its own UUID). Text "
                       "is stored clean; control characters are refused (422).",
    }


def _name(c: Collection, what: str) -> str:
    return "".join(w.capitalize() for w in c.id.split("_")) + what


def _error_responses(statuses: List[int]) -> dict:
    return {str(s): _ref(str(s), "responses") for s in sorted(statuses)}


def _params(*names: str) -> List[dict]:
    return [_ref(n, "parameters") for n in names]


def _query_param(name: str, s: dict, description: str = "", **extra) -> dict:
    p = {"name": name, "in": "query", "required": False, "schema": s}
    if description:
        p["description"] = description
    p.update(extra)
    return p


def build(public_url: str, max_body: int = 1 << 20, max_bulk_body: int = 16 << 20,
          max_bulk_ops: int = 1000) -> dict:
    basic = [{"basicAuth": []}]
    read_errors = _error_responses([400, 503])
    paths: Dict[str, dict] = {
        "/": {"get": {"summary": "Landing page", "operationId": "getLandingPage",
                      "parameters": _params("f", "lang"),
                      "responses": dict(read_errors, **{"200": {
                          "description": "Links to the API, conformance and collections.",
                          "content": {JSON: {"schema": _ref("LandingPage")}}}})}},
        "/conformance": {"get": {"summary": "Conformance classes", "operationId": "getConformance",
                                 "parameters": _params("f", "lang"),
                                 "responses": dict(read_errors, **{"200": {
                                     "description": "What the registry conforms to.",
                                     "content": {JSON: {"schema": _ref("Conformance")}}}})}},
        "/collections": {"get": {"summary": "The collections", "operationId": "getCollections",
                                 "parameters": _params("f", "lang"),
                                 "responses": dict(read_errors, **{"200": {
                                     "description": "Every collection.",
                                     "content": {JSON: {"schema": _ref("Collections")}}}})}},
        "/account": {"get": {
            "summary": "Who am I (test connection)", "operationId": "getAccount",
            "security": basic, "parameters": _params("f"),
            "responses": dict(_error_responses([400, 401, 429, 503]), **{"200": {
                "description": "The signed-in account.",
                "content": {JSON: {"schema": _ref("Account")}}}})}},
        "/plugins/plugins.xml": {"get": {
            "summary": "The plugin's update channel: a QGIS plugin repository",
            "operationId": "getPluginRepository",
            "description": "Add this address in QGIS: Plugins > Manage and Install Plugins > "
                           "Settings. Written by qgis-plugin-ci (make release), published by the "
                           "administrator (make publish-plugin). QGIS adds ?qgis=<version>.",
            "responses": dict(_error_responses([404]), **{"200": {
                "description": "The repository (404 no_plugin_published before the first).",
                "content": {"application/xml": {"schema": {"type": "string"}}}}})}},
        "/plugins/{file}": {"get": {
            "summary": "A file of the plugin repository (the zip of a version, its icon, the "
                       "stylesheet)", "operationId": "getPluginFile",
            "parameters": [{"name": "file", "in": "path", "required": True,
                            "schema": {"type": "string", "pattern":
                                       "^[^./][^/]*(/[^./][^/]*)*\\.(zip|xsl|svg|png|xml)$"}}],
            "responses": dict(_error_responses([404]), **{"200": {
                "description": "The file.",
                "content": {"application/zip": {"schema": {"type": "string",
                                                           "format": "binary"}},
                            "text/xsl": {"schema": {"type": "string"}},
                            "image/svg+xml": {"schema": {"type": "string"}}}}})}},
        "/openapi": {"get": {
            "summary": "This document", "operationId": "getOpenAPI", "parameters": _params("f"),
            "responses": dict(read_errors, **{"200": {
                "description": "The OpenAPI document.",
                "content": {OPENAPI_TYPE: {"schema": {"type": "object"}}}}})}},
    }
    schemas: Dict[str, dict] = {}
    parameters: Dict[str, dict] = {
        "f": _query_param("f", {"type": "string", "enum": ["json"]},
                          "The format (JSON; the registry serves no HTML)."),
        "fItems": _query_param("f", {"type": "string", "enum": ["json", "csv"]},
                               "The format: GeoJSON, or CSV (cells a spreadsheet would run as "
                               "a formula start with an apostrophe)."),
        "lang": _query_param("lang", {"type": "string",
                                      "pattern": "^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8}){0,2}$"},
                             "Language (en, th)."),
        "limit": _query_param("limit", {"type": "integer", "minimum": 1, "maximum": 5000}),
        "offset": _query_param("offset", {"type": "integer", "minimum": 0,
                                          "maximum": 10_000_000}),
        "bbox": _query_param("bbox", {"type": "array", "minItems": 4, "maxItems": 4,
                                      "items": {"type": "number"}},
                             "min lon, min lat, max lon, max lat (WGS 84).", style="form",
                             explode=False),
        "datetime": _query_param("datetime", {"type": "string"},
                                 "An RFC 3339 instant or interval; t/.. is 'changes since t'."),
        "skipGeometry": _query_param("skipGeometry", {"type": "boolean"}),
        "filter": _query_param("filter", {"type": "string", "minLength": 1, "maxLength": 4096},
                               "CQL2 text, e.g. province_code = '21'."),
        "filter-lang": _query_param("filter-lang", {"type": "string", "enum": ["cql2-text"]}),
        "crs": _query_param("crs", {"type": "string",
                                    "enum": ["http://www.opengis.net/def/crs/OGC/1.3/CRS84"]}),
        "bbox-crs": _query_param("bbox-crs", {"type": "string", "enum": [
            "http://www.opengis.net/def/crs/OGC/1.3/CRS84"]}),
        "distinct": {"name": "X-Citizen-Pins-Distinct", "in": "header", "required": False,
                     "schema": {"type": "string", "enum": ["true", "false"]},
                     "description": "true: the pin is a different service point from a pin of "
                                    "its province within 20 m with the same name (else such a "
                                    "create is refused: 409 duplicate, naming the pin)."},
        "ifMatch": {"name": "If-Match", "in": "header", "required": False,
                    "schema": {"type": "string", "pattern": '^"[0-9]{1,9}"$'},
                    "description": "Exactly one strong ETag: the version last pulled. Needed "
                                   "for every write (without it: 428; a list or a weak tag: "
                                   "400)."},
        "ifNoneMatch": {"name": "If-None-Match", "in": "header", "required": False,
                        "schema": {"type": "string"}},
        "servicesPrecondition": {
            "name": "X-Citizen-Pins-Services", "in": "header", "required": False,
            "schema": {"type": "string", "maxLength": 8000,
                       "pattern": "^(none|[0-9a-f-]{36}:[0-9]{1,9}(,[0-9a-f-]{36}:[0-9]{1,9})*)$"},
            "description": "The pin's services as the client knows them: 'none', or "
                           "service_id:version pairs. The pin (and its services with it) is "
                           "deleted only if they are exactly those (else 412 services_changed); "
                           "without the header its services are deleted with it whatever they "
                           "are."},
    }
    for c in COLLECTIONS:
        base = f"/collections/{c.id}"
        feature, fc = _name(c, "Feature"), _name(c, "FeatureCollection")
        schemas[feature] = _feature(c)
        schemas[fc] = _feature_collection(c)
        id_param = {"name": "featureId", "in": "path", "required": True,
                    "schema": dict(c.id_schema), "description": f"The {c.id_field}."}
        prop_params = []
        names = [p.name for p in c.properties]
        for p in c.properties:
            if p.type in (DATETIME, ARRAY):
                continue
            if p.type == INTEGER:
                s = {"type": "integer", "minimum": -999999999, "maximum": 999999999}
            elif p.type == NUMBER:
                s = {"type": "number", "minimum": -1e12, "maximum": 1e12}  # MAX_QUERY_NUMBER
            elif p.type == BOOLEAN:
                s = {"type": "boolean"}
            else:
                s = {"type": "string", "maxLength": MAX_FILTER_VALUE,
                     "pattern": p.pattern or ONE_LINE_PATTERN}
            prop_params.append(_query_param(p.name, s, f"Only items whose {p.name} is this."))
        sortable = [p.name for p in c.properties if p.type != ARRAY]
        listing = _params("fItems", "lang", "limit", "offset") + \
            (_params("bbox") if c.geometry else []) + \
            (_params("datetime") if c.time_field else []) + [
            _query_param("properties", {"type": "array", "items": {"type": "string",
                                                                   "enum": names}},
                         "Only these properties.", style="form", explode=False),
            _query_param("sortby", {"type": "array", "items": {"type": "string", "enum": [
                s + n for n in sortable for s in ("", "+", "-")]}}, style="form", explode=False),
        ] + _params("skipGeometry", "filter", "filter-lang", "crs") + \
            (_params("bbox-crs") if c.geometry else []) + prop_params
        items_get = {
            "summary": f"{c.title}: items", "operationId": f"get{_name(c, 'Items')}",
            "parameters": listing,
            "responses": dict(read_errors, **{"200": {
                "description": "A page of items; follow the next link.",
                "content": {GEOJSON: {"schema": _ref(fc)},
                            "text/csv": {"schema": {"type": "string"}}}}})}
        item_get = {
            "summary": f"{c.title}: one item", "operationId": f"get{_name(c, 'Item')}",
            "parameters": [id_param] + _params("f", "lang", "ifNoneMatch"),
            "responses": dict(_error_responses([400, 404, 503]), **{
                "200": {"description": "The item; ETag is its version.",
                        "headers": {"ETag": {"schema": {"type": "string"}}},
                        "content": {GEOJSON: {"schema": _ref(feature)}}},
                "304": {"description": "If-None-Match named the current version."}})}
        paths[base] = {"get": {
            "summary": c.title, "operationId": f"get{_name(c, 'Collection')}",
            "parameters": _params("f", "lang"),
            "responses": dict(read_errors, **{"200": {
                "description": c.description,
                "content": {JSON: {"schema": _ref("CollectionInfo")}}}})}}
        paths[base + "/queryables"] = {"get": {
            "summary": f"{c.title}: queryables", "operationId": f"get{_name(c, 'Queryables')}",
            "parameters": _params("f", "lang"),
            "responses": dict(read_errors, **{"200": {
                "description": "The properties a filter may use (JSON Schema).",
                "content": {JSON: {"schema": {"type": "object"}},
                            "application/schema+json": {"schema": {"type": "object"}}}}})}}
        paths[base + "/items"] = {"get": items_get}
        paths[base + "/items/{featureId}"] = {"get": item_get}
        if c.writer is None:
            continue
        write_errors = [400, 401, 403, 411, 413, 415, 422, 429, 503]
        body = {"required": True, "content": {GEOJSON: {"schema": _ref(c.input_schema)},
                                              JSON: {"schema": _ref(c.input_schema)}}}
        item = "pin" if c.geometry else "service"
        written = {"description": "The item as stored; ETag is its version.",
                   "headers": {"ETag": {"schema": {"type": "string"}}},
                   "content": {GEOJSON: {"schema": _ref(feature)}}}
        paths[base + "/items"]["post"] = {
            "summary": f"Create a {item} (idempotent by {c.id_field}; at most {max_body} bytes)",
            "operationId": f"create{_name(c, 'Item')}", "security": basic, "requestBody": body,
            "parameters": _params("distinct") if c.geometry else [],
            "responses": dict(_error_responses(write_errors + [409]), **{
                "201": dict(written, headers=dict(written["headers"], Location={
                    "schema": {"type": "string"}})),
                "200": dict(written, description="The same pin again: nothing changed.")})}
        paths[base + "/items/{featureId}"]["put"] = {
            "summary": f"Replace a {item} (never an upsert)",
            "operationId": f"replace{_name(c, 'Item')}", "security": basic,
            "parameters": [id_param] + _params("ifMatch"), "requestBody": body,
            "responses": dict(_error_responses(write_errors + [404, 409, 412, 428]),
                              **{"200": written})}
        paths[base + "/items/{featureId}"]["delete"] = {
            "summary": f"Delete a {item} (its id is never used again)"
                       + (" and its services" if c.id == "service_points" else ""),
            "operationId": f"delete{_name(c, 'Item')}", "security": basic,
            "parameters": [id_param] + _params("ifMatch") + (
                _params("servicesPrecondition") if c.id == "service_points" else []),
            "responses": dict(_error_responses([400, 401, 403, 404, 409, 412, 413, 428, 429,
                                                503]),
                              **{"204": {"description": "Deleted; ETag is the tombstone's "
                                                        "version.",
                                         "headers": {"ETag": {"schema": {"type": "string"}}}}})}
        if c.bulk:
            paths[base + "/bulk"] = {
                "get": {"summary": "What the bulk endpoint takes",
                        "operationId": f"get{_name(c, 'BulkDescription')}",
                        "parameters": _params("f"),
                        "responses": dict(read_errors, **{"200": {
                            "description": "Its limits and operation forms.",
                            "content": {JSON: {"schema": _ref("BulkDescription")}}}})},
                "post": {"summary": f"Up to {max_bulk_ops} creates, replaces and deletes in ONE "
                                    f"transaction (at most {max_bulk_body} bytes)",
                         "operationId": f"bulk{_name(c, 'Write')}", "security": basic,
                         "requestBody": {"required": True, "content": {
                             JSON: {"schema": _ref("BulkRequest")},
                             GEOJSON: {"schema": _ref("BulkRequest")}}},
                         "responses": dict(_error_responses([400, 401, 403, 411, 413, 415, 429,
                                                             503]), **{"200": {
                             "description": "One result per operation, in order, each with the "
                                            "status the single request would have had.",
                             "content": {JSON: {"schema": _ref("BulkResponse")}}}})}}
    schemas.update(_common_schemas(max_bulk_ops))
    from . import feedback  # citizens' feedback: its own endpoints (registry/feedback.py)

    feedback_paths, feedback_schemas = feedback.openapi(feedback.Limits().max_body,
                                                        _error_responses)
    paths.update(feedback_paths)
    schemas.update(feedback_schemas)
    responses = {}
    for status, text in ERRORS.items():
        r = {"description": text, "content": {JSON: {"schema": _ref("Error")}}}
        if status in (429, 503):
            r["headers"] = {"Retry-After": {"required": True, "schema": {"type": "string"}}}
        responses[str(status)] = r
    return {
        "openapi": "3.0.3",
        "info": {
            "title": "National service-point registry (citizen_pins reference deployment)",
            "version": "1",
            "description": "OGC API - Features (Part 1 reads, Part 4 writes) of Thailand's "
                           "government service points, plus the registry's own endpoints "
                           "(bulk writes, /account). Reads are public; writes need HTTP Basic "
                           "over TLS. Every error is JSON with message_en and message_th. The "
                           "registry serves no HTML.",
            "license": {"name": "CC-BY 4.0",
                        "url": "https://creativecommons.org/licenses/by/4.0/"},
        },
        "servers": [{"url": public_url.rstrip("/")}],
        "paths": paths,
        "components": {"schemas": schemas, "parameters": parameters, "responses": responses,
                       "securitySchemes": {"basicAuth": {"type": "http", "scheme": "basic"}}},
    }


def _common_schemas(max_bulk_ops: int) -> dict:
    string_list = {"type": "array", "items": {"type": "string"}}
    link = {"type": "object", "required": ["href"],
            "properties": {"href": {"type": "string"}, "rel": {"type": "string"},
                           "type": {"type": "string"}, "title": {"type": "string"},
                           "hreflang": {"type": "string"}}}
    problem = {"type": "object", "required": ["code", "message_en", "message_th"],
               "properties": {"field": {"type": "string", "nullable": True},
                              "code": {"type": "string"}, "message_en": {"type": "string"},
                              "message_th": {"type": "string"}}}
    return {
        "Link": link,
        "Problem": problem,
        "Error": {"type": "object", "required": ["code", "description", "message_en",
                                                 "message_th"],
                  "properties": {"code": {"type": "string"}, "description": {"type": "string"},
                                 "message_en": {"type": "string", "minLength": 1},
                                 "message_th": {"type": "string", "minLength": 1},
                                 "problems": {"type": "array", "items": _ref("Problem")},
                                 "allowed_provinces": string_list,
                                 "current": {"type": "object"},
                                 "existing": {"type": "object"},
                                 "services": {"type": "array", "items": {"type": "object"}},
                                 "parameter": {"type": "string"},
                                 "max_body_bytes": {"type": "integer"},
                                 "max_operations": {"type": "integer"},
                                 "citizen_pins_plugin": _ref("PluginSupport")}},
        "PluginSupport": {
            "type": "object", "required": ["minimum_version", "repository"],
            "description": "The compatibility handshake: the oldest plugin version this "
                           "registry accepts writes from (a plugin states its version in "
                           "X-Citizen-Pins-Client; older: 400 plugin_outdated), the version its "
                           "repository offers (null: none published) and the repository.",
            "properties": {"minimum_version": {"type": "string"},
                           "latest_version": {"type": "string", "nullable": True},
                           "repository": {"type": "string"}}},
        "LandingPage": {"type": "object", "required": ["links"],
                        "properties": {"title": {"type": "string"},
                                       "description": {"type": "string"},
                                       "links": {"type": "array", "items": _ref("Link")},
                                       "citizen_pins_plugin": _ref("PluginSupport")}},
        "Conformance": {"type": "object", "required": ["conformsTo"],
                        "properties": {"conformsTo": string_list}},
        "CollectionInfo": {"type": "object", "required": ["id", "links"],
                           "properties": {"id": {"type": "string"},
                                          "title": {"type": "string"},
                                          "description": {"type": "string"},
                                          "links": {"type": "array", "items": _ref("Link")},
                                          "extent": {"type": "object"},
                                          "itemType": {"type": "string"},
                                          "crs": string_list}},
        "Collections": {"type": "object", "required": ["collections", "links"],
                        "properties": {"collections": {"type": "array",
                                                       "items": _ref("CollectionInfo")},
                                       "links": {"type": "array", "items": _ref("Link")}}},
        "Account": {"type": "object", "required": ["name", "role", "provinces", "can_edit"],
                    "additionalProperties": False,
                    "properties": {"name": {"type": "string"},
                                   "role": {"type": "string", "enum": ["editor", "coordinator"]},
                                   "provinces": string_list, "can_edit": {"type": "boolean"},
                                   "citizen_pins_plugin": _ref("PluginSupport")}},
        "PinInput": _pin_input(),
        "ServiceInput": _service_input(),
        "BulkRequest": {
            "type": "object", "required": ["operations"], "additionalProperties": False,
            "description": "Each operation is checked on its own and answered in the results "
                           "with the status its single request would have had (a malformed "
                           "operation: 400 bad_operation, the others still run).",
            "properties": {"operations": {
                "type": "array", "description": f"At most {max_bulk_ops} (more: 413).", "items": {
                "type": "object",
                "description": "{\"op\": \"create\", \"feature\": PinInput, \"distinct\"?: "
                               "true}, "
                               "{\"op\": \"replace\", \"id\", \"if_match\", \"feature\"} "
                               "or {\"op\": \"delete\", \"id\", \"if_match\"}; if_match is "
                               "one strong ETag (\"3\").",
                "example": {"op": "delete", "id": "0b8e1c9a-3f2d-4e5a-9c1b-2d3e4f5a6b7c",
                            "if_match": '"3"'}}}}},
        "BulkResponse": {
            "type": "object", "required": ["results", "counts"],
            "properties": {
                "results": {"type": "array", "items": {
                    "type": "object", "required": ["index", "op", "id", "status"],
                    "properties": {
                        "index": {"type": "integer"},
                        "op": {"type": "string", "nullable": True},
                        "id": {"type": "string", "nullable": True},
                        "status": {"type": "integer"},
                        "etag": {"type": "string"}, "version": {"type": "integer"},
                        "updated_at": {"type": "string"}, "code": {"type": "string"},
                        "message_en": {"type": "string"}, "message_th": {"type": "string"},
                        "problems": {"type": "array", "items": _ref("Problem")},
                        "allowed_provinces": string_list,
                        "existing": {"type": "object",
                                     "description": "409 duplicate: the pin already there"}}}},
                "counts": {"type": "object", "additionalProperties": {"type": "integer"}}}},
        "BulkDescription": {"type": "object",
                            "required": ["max_operations", "max_body_bytes", "operation_forms"],
                            "properties": {"description": {"type": "string"},
                                           "max_operations": {"type": "integer"},
                                           "max_body_bytes": {"type": "integer"},
                                           "operation_forms": {"type": "array",
                                                               "items": {"type": "object"}}}},
    }


def write(path: Path, public_url: str) -> None:
    """The document as JSON at ``path`` (pygeoapi reads its own from a file)."""
    path.write_text(json.dumps(build(public_url), ensure_ascii=False), encoding="utf-8")
