"""The registry's collections, said once: pygeoapi's configuration, the gateway's routes and query
checks, and the OpenAPI document are all built from this table.

A collection is published read-only by pygeoapi (PostgreSQL provider, as the read-only role);
a collection with a ``writer`` is also written through the gateway (POST/PUT/DELETE and, with
``bulk``, ``/collections/{id}/bulk``), with the same authentication, body limits, normalisation,
error rendering and database roles as every other.  A new collection is a new entry here (its
table in :mod:`registry.dbschema`, its write handler if it is written).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Dict, Optional, Tuple

from citizen_pins.core import normalize, schema

STRING, INTEGER, DATETIME = "string", "integer", "datetime"
#: A decimal number, true/false, and a list of nested records (not filterable, not sortable).
NUMBER, BOOLEAN, ARRAY = "number", "boolean", "array"
#: Longest value of a property filter in a query (``province_code=21``).
MAX_FILTER_VALUE = 256
#: One line of text, as core/normalize.py says (a JSON Schema pattern).
ONE_LINE_PATTERN = "^[^" + "".join(
    f"\\u{a:04x}" + (f"-\\u{b:04x}" if b > a else "")
    for a, b in normalize.refused_ranges(False)) + "]*$"


@dataclass(frozen=True)
class Prop:
    name: str
    type: str = STRING
    max_length: int = 0
    nullable: bool = True
    enum: Tuple[str, ...] = ()
    pattern: str = ""
    description: str = ""
    minimum: Optional[float] = None
    #: the properties of each record of a nested list (type ARRAY)
    items: Tuple["Prop", ...] = ()


@dataclass(frozen=True)
class Collection:
    id: str
    title: str
    description: str
    keywords: Tuple[str, ...]
    table: str
    id_field: str
    #: the JSON Schema of a feature id ({"type": "string", ...})
    id_schema: Dict[str, object]
    properties: Tuple[Prop, ...]
    #: the property ``datetime=`` filters on (none: the parameter is refused)
    time_field: str = ""
    #: the name of the gateway's write handler (None: read-only)
    writer: Optional[str] = None
    bulk: bool = False
    extra: Dict[str, object] = field(default_factory=dict)
    #: items have a point (bbox filters); else their geometry is always null
    geometry: bool = True
    #: the OpenAPI schema of a written item (components/schemas)
    input_schema: str = "PinInput"

    @property
    def prop(self) -> Dict[str, Prop]:
        return {p.name: p for p in self.properties}


ATTRIBUTION = ("Boundaries: Royal Thai Survey Department / OCHA, Thailand - Subnational "
               "Administrative Boundaries (HDX COD-AB cod-ab-tha), CC BY-IGO 3.0")
UUID_PATTERN = "^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"


def _code(name: str, digits: int, nullable: bool = True, description: str = "") -> Prop:
    return Prop(name, STRING, digits, nullable, pattern=f"^[1-9][0-9]{{{digits - 1}}}$",
                description=description)


def _pin_props() -> Tuple[Prop, ...]:
    out = []
    for f in schema.FIELDS:
        if f.name == "pin_id":
            continue
        if f.kind == schema.CODE:
            out.append(_code(f.name, f.digits, f.name != "province_code", f.help_en))
        elif f.kind == schema.INTEGER:
            out.append(Prop(f.name, INTEGER, nullable=False, description=f.help_en))
        elif f.kind == schema.DATETIME:
            out.append(Prop(f.name, DATETIME, nullable=False, description=f.help_en))
        elif f.name == "point_type":
            out.append(Prop(f.name, STRING, f.length, False, enum=schema.POINT_TYPE_KEYS,
                            description=f.help_en))
        else:
            out.append(Prop(f.name, STRING, f.length, not f.required, description=f.help_en))
    return tuple(out)


_KINDS = {schema.INTEGER: INTEGER, schema.REAL: NUMBER, schema.BOOLEAN: BOOLEAN,
          schema.DATETIME: DATETIME}


def _child_prop(f: schema.Field, nullable: Optional[bool] = None) -> Prop:
    """A property of a service (or of a nested step / document) from the schema."""
    kind = _KINDS.get(f.kind, STRING)
    return Prop(f.name, kind, f.length if kind == STRING else 0,
                (not f.required and not f.registry_managed) if nullable is None else nullable,
                enum=tuple(c.key for c in f.choices),
                pattern=UUID_PATTERN if f.kind == schema.UUID else "",
                description=f.help_en or f.label_en, minimum=f.minimum)


def _nested(table: schema.ChildTable) -> Tuple[Prop, ...]:
    """The properties of one nested record (a step, a document) as the registry publishes it."""
    return tuple(_child_prop(f) for f in table.fields if f.name != table.parent_key)


def _service_props() -> Tuple[Prop, ...]:
    t = schema.SERVICES_TABLE
    out = [_child_prop(f) for f in t.fields if f.name != t.key and not f.registry_managed]
    out.append(_code("province_code", 2, False, "The province of the service's pin (set by "
                                                "the registry)."))
    for key, child in (("steps", schema.STEPS_TABLE), ("documents", schema.DOCUMENTS_TABLE)):
        out.append(Prop(key, ARRAY, nullable=False, description=f"{child.label_en} of the "
                        "service, each with its own UUID.", items=_nested(child)))
    out += [_child_prop(f, False) for f in t.fields if f.registry_managed]
    return tuple(out)


def _names() -> Tuple[Prop, ...]:
    return (Prop("name_th"), Prop("name_en"))


COLLECTIONS: Tuple[Collection, ...] = (
    Collection(
        "service_points", "Service points",
        "Government service points (pins). Feature id: pin_id. Every item carries its version "
        "(ETag). Changes since t: datetime=t/.. (updated_at). Writes: POST/PUT/DELETE with HTTP "
        "Basic; PUT and DELETE need If-Match (one strong ETag). Bulk writes: POST "
        "/collections/service_points/bulk.",
        ("service points",), "service_points", "pin_id",
        {"type": "string", "pattern": UUID_PATTERN}, _pin_props(), time_field="updated_at",
        writer="pins", bulk=True),
    Collection(
        "deleted_service_points", "Deleted service points",
        "Tombstones of deleted pins: pin_id, province_code, deleted_at, last version. "
        "Deletions since t: datetime=t/.. (deleted_at).",
        ("tombstones",), "deleted_service_points", "pin_id",
        {"type": "string", "pattern": UUID_PATTERN},
        (_code("province_code", 2), Prop("version", INTEGER, nullable=False),
         Prop("deleted_at", DATETIME, nullable=False)), time_field="deleted_at"),
    Collection(
        "services", "Services",
        "The services offered at service points, each with its steps and the documents a "
        "citizen brings (from the agency's citizen manual) and which are still demanded as "
        "copies (Zero Copy). Feature id: service_id; no geometry (a service is where its pin "
        "is: pin_id). One version (ETag) per service, its steps and documents included. "
        "Changes since t: datetime=t/.. (updated_at). Writes: as service points, authorized by "
        "the pin's province; bulk writes: POST /collections/services/bulk.",
        ("services", "Zero Copy"), "services_published", "service_id",
        {"type": "string", "pattern": UUID_PATTERN}, _service_props(), time_field="updated_at",
        writer="services", bulk=True, geometry=False, input_schema="ServiceInput"),
    Collection(
        "deleted_services", "Deleted services",
        "Tombstones of deleted services (directly, or with their pin): service_id, pin_id, "
        "province_code, deleted_at, last version. Deletions since t: datetime=t/.. "
        "(deleted_at).",
        ("tombstones",), "deleted_services", "service_id",
        {"type": "string", "pattern": UUID_PATTERN},
        (Prop("pin_id", STRING, 36, False, pattern=UUID_PATTERN), _code("province_code", 2),
         Prop("version", INTEGER, nullable=False), Prop("deleted_at", DATETIME, nullable=False)),
        time_field="deleted_at", geometry=False),
    Collection("provinces", "Provinces", "Provinces (DOPA code). " + ATTRIBUTION,
               ("boundaries",), "provinces", "code",
               {"type": "string", "pattern": "^[1-9][0-9]$"}, _names()),
    Collection("amphoes", "Amphoes", "Districts (DOPA code). " + ATTRIBUTION, ("boundaries",),
               "amphoes", "code", {"type": "string", "pattern": "^[1-9][0-9]{3}$"},
               (_code("province_code", 2, False),) + _names()),
    Collection("tambons", "Tambons", "Subdistricts (DOPA code). " + ATTRIBUTION,
               ("boundaries",), "tambons", "code",
               {"type": "string", "pattern": "^[1-9][0-9]{5}$"},
               (_code("amphoe_code", 4, False), _code("province_code", 2, False)) + _names()),
)
BY_ID: Dict[str, Collection] = {c.id: c for c in COLLECTIONS}
