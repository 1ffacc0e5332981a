"""citizen_pins.core.sql: names quoted as SQLite defines them, values never in the text."""
import sqlite3

import pytest

from citizen_pins.core.sql import (Fragment, assignments, compose, ident, idents, literal,
                                   marks)


def test_a_name_holding_quotes_stays_one_name():
    db = sqlite3.connect(":memory:")
    table, col = 'pins"; DROP TABLE x; --', 'geom"'
    db.execute(compose("CREATE TABLE {t} ({c} TEXT, v INTEGER)", t=ident(table), c=ident(col)))
    db.execute(compose("INSERT INTO {t} ({cols}) VALUES ({m})", t=ident(table),
                       cols=idents([col, "v"]), m=marks(2)), ("a", 1))
    db.execute(compose("UPDATE {t} SET {s}", t=ident(table), s=assignments([col, "v"])), ("b", 2))
    assert db.execute(compose("SELECT {cols} FROM {t}", cols=idents([col, "v"]),
                              t=ident(table))).fetchall() == [("b", 2)]
    assert [r[0] for r in db.execute("SELECT name FROM sqlite_master")] == [table]


def test_only_fragments_reach_the_text():
    with pytest.raises(TypeError):
        compose("SELECT * FROM {t}", t="pins")  # a plain string: maybe a value, refused
    with pytest.raises(ValueError):
        ident("")
    with pytest.raises(ValueError):
        idents([])
    with pytest.raises(ValueError):
        marks(0)
    assert isinstance(ident("a"), Fragment) and ident('a"b') == '"a""b"'


def test_a_literal_is_one_text_constant():
    db = sqlite3.connect(":memory:")
    assert db.execute(compose("SELECT {v}", v=literal("it's; DROP"))).fetchone() == ("it's; DROP",)
