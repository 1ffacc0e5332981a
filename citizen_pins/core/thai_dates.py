"""Dates as Thai officials write them: the Buddhist era (BE = CE + 543), Thai month names.

Two forms are used in reports:

* long, in Thai numerals, as in a letter or a report's cover: ``๕ มิถุนายน ๒๕๖๑``;
* short, in Arabic numerals, as in a table: ``5 มิ.ย. 2561``.

Pure Python (no Qt), so the registry and the tests use it as they are.
"""
from __future__ import annotations

import datetime as _dt
from typing import Union

BE_OFFSET = 543

MONTHS_TH = ("มกราคม", "กุมภาพันธ์", "มีนาคม", "เมษายน", "พฤษภาคม", "มิถุนายน", "กรกฎาคม",
             "สิงหาคม", "กันยายน", "ตุลาคม", "พฤศจิกายน", "ธันวาคม")
MONTHS_TH_ABBR = ("ม.ค.", "ก.พ.", "มี.ค.", "เม.ย.", "พ.ค.", "มิ.ย.", "ก.ค.", "ส.ค.", "ก.ย.",
                  "ต.ค.", "พ.ย.", "ธ.ค.")

MONTHS_EN = ("January", "February", "March", "April", "May", "June", "July", "August",
             "September", "October", "November", "December")

_TO_THAI_DIGITS = str.maketrans("0123456789", "๐๑๒๓๔๕๖๗๘๙")

DateLike = Union[_dt.date, _dt.datetime, str]


def thai_digits(text: object) -> str:
    """``2561`` -> ``๒๕๖๑`` (everything else unchanged)."""
    return str(text).translate(_TO_THAI_DIGITS)


def buddhist_year(year: int) -> int:
    """The Buddhist-era year of a Common-era year (2018 -> 2561)."""
    return int(year) + BE_OFFSET


def _as_date(value: DateLike) -> _dt.date:
    if isinstance(value, _dt.datetime):
        return value.date()
    if isinstance(value, _dt.date):
        return value
    text = str(value).strip()
    try:
        return _dt.date.fromisoformat(text[:10])
    except ValueError:
        raise ValueError(f"not a date (expected YYYY-MM-DD): {value!r}") from None


def thai_date_long(value: DateLike, numerals: str = "thai") -> str:
    """``๕ มิถุนายน ๒๕๖๑`` (``numerals="arabic"``: ``5 มิถุนายน 2561``)."""
    d = _as_date(value)
    text = f"{d.day} {MONTHS_TH[d.month - 1]} {buddhist_year(d.year)}"
    return thai_digits(text) if numerals == "thai" else text


def thai_date_short(value: DateLike, numerals: str = "arabic") -> str:
    """``5 มิ.ย. 2561`` (``numerals="thai"``: ``๕ มิ.ย. ๒๕๖๑``)."""
    d = _as_date(value)
    text = f"{d.day} {MONTHS_TH_ABBR[d.month - 1]} {buddhist_year(d.year)}"
    return thai_digits(text) if numerals == "thai" else text


def thai_datetime_long(value: _dt.datetime, numerals: str = "thai") -> str:
    """``๕ มิถุนายน ๒๕๖๑ เวลา ๑๔.๓๐ น.`` (the Thai way of writing a time of day)."""
    text = f"{thai_date_long(value, 'arabic')} เวลา {value.hour:02d}.{value.minute:02d} น."
    return thai_digits(text) if numerals == "thai" else text


def english_date(value: DateLike) -> str:
    """``5 June 2018`` (for the English parts of a report)."""
    d = _as_date(value)
    return f"{d.day} {MONTHS_EN[d.month - 1]} {d.year}"  # not strftime: locale-independent
