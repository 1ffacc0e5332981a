"""The pin table's per-pin geometry problems: held sparsely, read like the list they replace."""
import numpy as np
import pytest

from citizen_pins.core.pins import (GEOM_EMPTY, GEOM_MULTIPART, GEOM_NONE, GeometryIssues,
                                    PinTable)


def _table(issues):
    n = len(issues)
    return PinTable(np.arange(10, 10 + n, dtype=np.int64), np.zeros(n), np.zeros(n), issues, {})


def test_geometry_issues_hold_only_the_problems_and_read_as_the_list():
    values = [None] * 1000
    values[3], values[999] = GEOM_EMPTY, GEOM_MULTIPART
    t = _table(values)
    g = t.geom_issue
    assert isinstance(g, GeometryIssues) and g.at == {3: GEOM_EMPTY, 999: GEOM_MULTIPART}
    assert len(g) == 1000 and list(g) == values and g == values
    assert g[3] == GEOM_EMPTY and g[4] is None and g[-1] == GEOM_MULTIPART
    assert g[2:5] == [None, GEOM_EMPTY, None]
    assert g.items() == [(3, GEOM_EMPTY), (999, GEOM_MULTIPART)]
    with pytest.raises(IndexError):
        g[1000]
    # a million usable points hold nothing per pin
    assert GeometryIssues.of([None] * 1_000_000).at == {}


def test_concat_and_take_keep_each_pins_problem():
    a = _table([None, GEOM_NONE, None])
    b = _table([GEOM_EMPTY, None])
    both = PinTable.concat([a, b])
    assert list(both.geom_issue) == [None, GEOM_NONE, None, GEOM_EMPTY, None]
    kept = both.take(np.array([3, 1, 0]))
    assert kept.geom_issue == [GEOM_EMPTY, GEOM_NONE, None]
    assert _table([None, GEOM_NONE]).geom_issue == _table([None, GEOM_NONE]).geom_issue
    assert _table([None, GEOM_NONE]).geom_issue != _table([GEOM_NONE, None]).geom_issue
