"""The service-point schema: one definition that everything reads."""
from citizen_pins.core import schema


def test_fields_are_the_issue_list_in_order():
    assert schema.FIELD_NAMES == (
        "pin_id", "name_th", "name_en", "point_type", "agency", "province_code", "amphoe_code",
        "tambon_code", "address", "phone", "opening_hours", "version", "updated_at")


def test_required_and_registry_managed():
    assert set(schema.REQUIRED_FIELDS) == {"pin_id", "name_th", "point_type"}
    managed = {f.name for f in schema.FIELDS if f.registry_managed}
    assert managed == {"version", "updated_at"}
    assert not set(schema.EDITABLE_FIELDS) & managed


def test_point_types_initial_list_with_labels():
    assert schema.POINT_TYPE_KEYS == (
        "lao_office", "district_office", "provincial_hall", "health_facility", "police_station",
        "land_office", "post_office", "school", "other")
    for p in schema.POINT_TYPES:
        assert p.label_th and p.label_en
        assert any("\u0e00" <= ch <= "\u0e7f" for ch in p.label_th)  # Thai script
    assert schema.point_type_label("school", "en") == "School"
    assert schema.point_type_label("nope") is None


def test_code_fields_carry_their_digits():
    assert [(f.name, f.digits) for f in schema.FIELDS if f.kind == schema.CODE] == [
        ("province_code", 2), ("amphoe_code", 4), ("tambon_code", 6)]


def test_pin_ids_are_lowercase_uuid4_and_unique():
    ids = {schema.new_pin_id() for _ in range(1000)}
    assert len(ids) == 1000
    assert all(schema.is_pin_id(i) for i in ids)
    assert not schema.is_pin_id("{" + next(iter(ids)) + "}")
    assert not schema.is_pin_id(next(iter(ids)).upper())
    assert not schema.is_pin_id(None)


def test_every_field_has_thai_and_english_labels():
    for f in schema.FIELDS:
        assert f.label_th and f.label_en, f.name
        assert schema.field_label(f.name, "en") == f.label_en
