"""The pure diff / three-way merge (core/diff.py) and the GeoPackage point blobs: no Qt, no network."""
import math
import struct

from hypothesis import given, settings
from hypothesis import strategies as st

from citizen_pins.core import diff as d
from citizen_pins.registry.sync_store import blob_point, point_blob


def state(**values):
    base = {"name_th": "จุด", "point_type": "other", "province_code": "21", "geometry": (101.2, 12.7)}
    base.update(values)
    return d.make_state(base)


def test_blank_text_is_none_and_points_compare_to_a_tenth_of_a_millimetre():
    a = state(name_en="", phone="   ")
    assert a["name_en"] is None and a["phone"] is None
    assert d.same_state(a, state())
    assert d.same_state(state(geometry=(101.2, 12.7)), state(geometry=(101.2 + 1e-10, 12.7)))
    assert d.changed_fields(state(), state(geometry=(101.2 + 1e-6, 12.7))) == ["geometry"]
    assert d.changed_fields(None, None) == []


def test_diff_lists_added_changed_with_fields_and_deleted():
    base = {"a": state(), "b": state(), "c": state()}
    local = {"a": state(), "b": state(name_en="B", geometry=(101.3, 12.7)), "n": state()}
    cs = d.diff(base, local)
    assert [c.pin_id for c in cs.added] == ["n"]
    assert [(c.pin_id, c.fields) for c in cs.changed] == [("b", ["name_en", "geometry"])]
    assert [c.pin_id for c in cs.deleted] == ["c"]
    assert cs.counts() == {"added": 1, "changed": 1, "deleted": 1}
    assert d.describe(cs.changes) == ["+ n จุด", "~ b จุด: name_en, geometry", "- c จุด"]
    assert len(d.diff(base, local, skip=["b", "c"])) == 1


def test_merge3_one_sided_changes_merge_both_sided_conflict_keeping_local():
    base = state()
    local = state(name_en="local", phone="1", address="same")
    remote = state(name_en="remote", agency="DOPA", address="same")
    m = d.merge3(base, local, remote)
    assert m.conflicts == ["name_en"]
    assert m.local_only == ["phone"] and m.remote_only == ["agency"]
    assert m.merged["name_en"] == "local" and m.merged["agency"] == "DOPA"
    assert m.merged["phone"] == "1" and m.merged["address"] == "same"
    # no common ancestor: every difference is a conflict
    assert d.merge3(None, local, remote).conflicts == ["name_en", "agency", "phone"]


def test_features_round_trip_and_values_as_text():
    s = state(name_en="x", geometry=(100.123456789, 13.5))
    f = d.feature_from_state("id-1", s)
    assert f["id"] == "id-1" and f["geometry"]["coordinates"] == [100.123456789, 13.5]
    assert set(f["properties"]) == set(d.DATA_FIELDS)
    assert d.same_state(d.state_from_feature(f), s)
    text = d.value_to_text("geometry", s["geometry"])
    assert text == "POINT(100.123456789 13.5)"
    assert d.value_from_text("geometry", text) == (100.123456789, 13.5)
    assert d.value_to_text("name_en", "") is None


def test_point_blobs():
    blob = point_blob(101.25, 12.5)
    assert blob_point(blob) == (101.25, 12.5)
    # big-endian with an XY envelope, as other writers may store it
    env = struct.pack(">dddd", 1, 2, 3, 4)
    big = b"GP\x00\x02" + struct.pack(">i", 4326) + env + struct.pack(">BIdd", 0, 1, 1.5, 2.5)
    assert blob_point(big) == (1.5, 2.5)
    empty = b"GP\x00\x11" + struct.pack("<i", 4326) + struct.pack("<BIdd", 1, 1, math.nan, math.nan)
    assert blob_point(empty) is None and blob_point(None) is None


TEXT = st.one_of(st.none(), st.sampled_from(["", " ", "a", "b", "ก", "ข"]))
POINT = st.one_of(st.none(), st.sampled_from([(100.0, 13.0), (100.5, 13.0), (100.0, 13.5)]))


@st.composite
def states(draw):
    values = {n: draw(TEXT) for n in d.DATA_FIELDS}
    return d.make_state(values, draw(POINT))


@settings(max_examples=300, deadline=None)
@given(states(), states(), states())
def test_merge3_properties(base, local, remote):
    m = d.merge3(base, local, remote)
    for n in d.MERGE_FIELDS:
        lc = not d.same_value(n, base[n], local[n])
        rc = not d.same_value(n, base[n], remote[n])
        if n in m.conflicts:
            # both changed, differently; the local value is kept, never dropped
            assert lc and rc and not d.same_value(n, local[n], remote[n])
            assert d.same_value(n, m.merged[n], local[n])
        elif lc:
            assert d.same_value(n, m.merged[n], local[n])
        else:
            assert d.same_value(n, m.merged[n], remote[n])
    # symmetric conflicts; merging with no local change takes the remote state; idempotent
    assert d.merge3(base, remote, local).conflicts == m.conflicts
    assert d.same_state(d.merge3(base, base, remote).merged, remote)
    assert d.same_state(d.merge3(base, local, base).merged, local)
    assert d.merge3(base, local, local).conflicts == []


@settings(max_examples=200, deadline=None)
@given(st.dictionaries(st.sampled_from("abcdef"), states(), max_size=6),
       st.dictionaries(st.sampled_from("abcdef"), states(), max_size=6))
def test_diff_properties(base, local):
    cs = d.diff(base, local)
    assert {c.pin_id for c in cs.added} == set(local) - set(base)
    assert {c.pin_id for c in cs.deleted} == set(base) - set(local)
    for c in cs.changed:
        assert c.fields == d.changed_fields(base[c.pin_id], local[c.pin_id]) != []
    unchanged = set(base) & set(local) - {c.pin_id for c in cs.changed}
    assert all(d.same_state(base[p], local[p]) for p in unchanged)
    assert len(d.diff(local, local)) == 0
