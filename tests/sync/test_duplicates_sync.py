"""No duplicate reaches the registry, whatever the order of import and pull: the pull merges a pin
added here and never published into the registry's pin it is (core/duplicates.py), the registry
refuses a create that is a live pin of the province again (409 ``duplicate`` naming it) unless the
client says it is a different service point, and the publish reports the refusal by name."""
import json

import pytest

from registry_helpers import auth, new_feature
from sync_helpers import add_pin, local_states, registry_states

from citizen_pins.registry.client import RegistryClient
from citizen_pins.registry.errors import RegistryError
from citizen_pins.registry.pull import pull_province
from citizen_pins.registry.sync import mark_distinct, open_conflicts, preview, publish
from citizen_pins.registry.sync_store import SyncStore

pytestmark = pytest.mark.registry

OTHER = auth("both")
METRE = 1 / 108_000  # degrees of longitude near Rayong, roughly


@pytest.fixture(scope="module")
def places(registry):
    return [registry.point_in(t) for t in ("210301", "210302", "210303", "210304")]


@pytest.fixture
def client(registry, authcfgs):
    return RegistryClient(registry.url, authcfgs["rayong"], timeout_s=30)


def post(http, registry, feature):
    return http.post(registry.items_url(), data=json.dumps(feature), auth=OTHER, timeout=30,
                     headers={"Content-Type": "application/json"})


def test_import_then_pull_merges_instead_of_adding_twice(registry, http, client, places,
                                                         tmp_path):
    names = ["โรงพยาบาลบ้านฉาง ทดสอบนำเข้า", "สำนักงานเทศบาลเมืองบ้านฉาง ทดสอบนำเข้า"]
    remote = []
    for k, name in enumerate(names):
        f = new_feature(places[k], "21", name_th=name, agency="กระทรวงสาธารณสุข",
                        phone="038 601 000")
        assert post(http, registry, f).status_code == 201
        remote.append(f["id"])
    # the same two service points imported here (a few metres off, the name spaced otherwise),
    # one saying more (address) and one saying otherwise (phone); and one the registry lacks
    path = str(tmp_path / "wc.gpkg")
    pull_province(client, str(tmp_path / "warmup.gpkg"), "21")  # (the registry works)
    from citizen_pins.core.working_copy import create_working_copy

    create_working_copy(path, "21")
    x0, y0 = places[0]
    mine = [add_pin(path, (x0 + 3 * METRE, y0), name_th=names[0].replace(" ", "  "),
                    address="1 ถนนสุขุมวิท"),
            add_pin(path, places[1], name_th=names[1], phone="038 602 222"),
            add_pin(path, places[2], name_th="จุดบริการที่ทะเบียนยังไม่มี ทดสอบนำเข้า")]
    res = pull_province(client, path, "21")
    assert sorted(pin for pin, _name in res.adopted) == sorted(remote)
    local = local_states(path)
    assert set(remote) <= set(local) and mine[0] not in local and mine[1] not in local
    assert mine[2] in local  # not in the registry: still a new pin of this working copy
    # nothing lost: what only this side knew stays (an edit to publish); what both sides say
    # differently is a conflict for a person
    assert local[remote[0]]["address"] == "1 ถนนสุขุมวิท"
    assert local[remote[0]]["agency"] == "กระทรวงสาธารณสุข"
    assert sorted((c.pin_id, c.field) for c in open_conflicts(path)) == sorted([
        (remote[0], "name_th"), (remote[0], "geometry"), (remote[1], "phone")])
    pv = preview(path)
    assert [c.pin_id for c in pv.change_set.added] == [mine[2]]
    assert pv.change_set.changed == [] and pv.change_set.deleted == []
    before = len(registry_states(registry))
    result = publish(path, client)
    assert result.created == 1 and not result.failed
    assert len(registry_states(registry)) == before + 1


def test_the_registry_refuses_a_duplicate_create_unless_told_it_is_distinct(registry, http,
                                                                            client, places):
    name = "ที่ว่าการอำเภอบ้านฉาง ทดสอบซ้ำ"
    first = new_feature(places[3], "21", name_th=name)
    assert post(http, registry, first).status_code == 201
    x, y = places[3]
    again = new_feature([x + 5 * METRE, y], "21", name_th=name + " ")
    r = post(http, registry, again)
    assert r.status_code == 409, r.text
    body = r.json()
    assert body["code"] == "duplicate" and body["existing"]["id"] == first["id"]
    assert name in body["message_th"] and name in body["message_en"]
    # a repeated POST of the first pin is still idempotent (200, no second record)
    assert post(http, registry, first).status_code == 200
    # the plugin's client, single request and bulk: refused, then sent as distinct
    with pytest.raises(RegistryError) as e:
        client.create(again, retry=False)
    assert e.value.status == 409 and e.value.code == "duplicate"
    results = client.bulk([{"op": "create", "feature": again}])
    assert results[0]["status"] == 409 and results[0]["existing"]["id"] == first["id"]
    feat, _etag, created = client.create(again, retry=False, distinct=True)
    assert created and feat["id"] == again["id"]
    third = new_feature([x - 5 * METRE, y], "21", name_th=name)
    results = client.bulk([{"op": "create", "feature": third, "distinct": True}])
    assert results[0]["status"] == 201
    # numbered places are different places
    other = new_feature(places[3], "21", name_th=name + " 2")
    assert post(http, registry, other).status_code == 201


def test_a_refused_duplicate_is_reported_by_name_then_published_when_said_distinct(
        registry, http, client, places, tmp_path):
    name = "ศูนย์บริการร่วม ทดสอบรายงานซ้ำ"
    existing = new_feature(places[2], "21", name_th=name)
    assert post(http, registry, existing).status_code == 201
    path = str(tmp_path / "wc.gpkg")
    pull_province(client, path, "21")
    x, y = places[2]
    new = add_pin(path, (x + 6 * METRE, y), name_th=name)
    result = publish(path, client)  # no validator: the registry is the last guard
    assert [r["pin_id"] for r in result.refused] == [new]
    refused = result.refused[0]
    assert refused["name"] == name and refused["status"] == 409 and refused["code"] == "duplicate"
    assert name in refused["message_th"] and "/" not in refused["message_en"].split(".")[0]
    assert [c.pin_id for c in preview(path).change_set.added] == [new]  # kept, to decide
    mark_distinct(path, new)
    with SyncStore(path) as store:
        assert store.distinct() == {new: None}
    result = publish(path, client)
    assert result.created == 1 and not result.refused
    assert new in registry_states(registry)
