"""SQL text for SQLite / GeoPackage statements whose table or column names are not fixed words.

Values are always bound as parameters (``?``); only names are put into the text.  Python's
``sqlite3`` offers no call for names (PostgreSQL's driver has ``psycopg2.sql.Identifier``), so
this module is that call: a name is quoted the way SQLite defines it (double quotes, an inner
double quote doubled), which keeps a name read from a file -- a GeoPackage's geometry or key
column -- a name even when it holds a quote.  :func:`compose` takes only fragments made here,
so a plain string (a value, a user's text) cannot reach the statement by mistake.
"""
from __future__ import annotations

from typing import Iterable


class Fragment(str):
    """SQL text made by this module (a quoted name, a list of them, placeholders)."""


def ident(name: str) -> Fragment:
    """One table or column name, quoted: ``pin_id`` -> ``"pin_id"``."""
    if not isinstance(name, str) or not name or "\x00" in name:
        raise ValueError(f"not an SQL name: {name!r}")
    return Fragment('"' + name.replace('"', '""') + '"')


def idents(names: Iterable[str]) -> Fragment:
    """Names quoted and separated by commas: ``"a", "b"``."""
    out = [ident(n) for n in names]
    if not out:
        raise ValueError("an empty list of SQL names")
    return Fragment(", ".join(out))


def assignments(names: Iterable[str]) -> Fragment:
    """``"a" = ?, "b" = ?`` for an UPDATE ... SET."""
    return Fragment(", ".join(f"{ident(n)} = ?" for n in names))


def marks(count: int) -> Fragment:
    """``?, ?, ?``: one placeholder per value."""
    if count < 1:
        raise ValueError("no placeholders")
    return Fragment(", ".join("?" * count))


def literal(text: str) -> Fragment:
    """A constant of the code as an SQL string literal, for the few statements that take no
    parameters (a view's definition): ``'it''s'``."""
    if not isinstance(text, str) or "\x00" in text:
        raise ValueError(f"not a text constant: {text!r}")
    return Fragment("'" + text.replace("'", "''") + "'")


def compose(template: str, **parts: Fragment) -> str:
    """``template`` with each ``{name}`` replaced by a fragment made by this module."""
    for key, value in parts.items():
        if not isinstance(value, Fragment):
            raise TypeError(f"{key}: only names made by citizen_pins.core.sql go into SQL text")
    return template.format(**parts)
