"""Small text helpers shared by the importer: Thai numerals, spaces, header keys."""
from __future__ import annotations

import re
from typing import Optional

THAI_DIGITS = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")
_SPACES = re.compile(r"\s+")
#: Invisible characters that spreadsheets and web pages leave in cells.
_INVISIBLE = dict.fromkeys(map(ord, "\ufeff\u200b\u200c\u200d\u2060\u00ad"), None)
_HEADER_DROP = re.compile(r"[\s_\-.:/\\()\[\]{}*#'\"“”‘’]+")


def is_blank(value: object) -> bool:
    """None, QGIS NULL, an empty string or only spaces."""
    if value is None:
        return True
    try:
        from qgis.PyQt.QtCore import QVariant  # noqa: WPS433 (optional: core may run without QGIS)

        if isinstance(value, QVariant):
            return value.isNull()
    except ImportError:  # pragma: no cover
        pass
    return str(value).strip() == ""


def cell_text(value: object) -> Optional[str]:
    """A source cell as text (None when missing); no other change."""
    if is_blank(value) and (value is None or not isinstance(value, str)):
        return None
    return value if isinstance(value, str) else str(value)


def thai_to_ascii_digits(text: str) -> str:
    return text.translate(THAI_DIGITS)


_NEEDS_CLEANING = re.compile(r"^\s|\s$|\s\s|[\t\n\r\f\v\u00a0\ufeff\u200b\u200c\u200d\u2060\u00ad]")


def clean_spaces(text: str) -> str:
    """Leading/trailing spaces removed, inner runs of spaces (and invisible marks) collapsed."""
    if not _NEEDS_CLEANING.search(text):
        return text
    return _SPACES.sub(" ", text.translate(_INVISIBLE)).strip()


def header_key(header: str) -> str:
    """How a column header is compared: lower case, Thai digits, no spaces or punctuation."""
    t = thai_to_ascii_digits(str(header).translate(_INVISIBLE)).lower()
    return _HEADER_DROP.sub("", t)


def name_key(name: str) -> str:
    """How two names are compared when matching pins: Thai digits, case and spaces ignored."""
    return _SPACES.sub("", thai_to_ascii_digits(str(name).translate(_INVISIBLE))).lower()
