"""Input normalisation: the one place that says what a piece of text, a number or a pin id sent to
the registry is, shared by the plugin (its reading of working copies, its diff and validation) and
the registry's gateway (which imports it without QGIS).  Pure Python on purpose.

* blank: only white space and characters that show nothing (a zero-width space, a BOM, a soft
  hyphen, ...).  A required field made of those is empty.
* clean text (:func:`clean_text`): Unicode NFC, no white space or invisible marks around it, line
  breaks as ``\\n``.  What the registry stores, what the plugin sends and compares.
* text problems (:func:`text_problem`): what no clean value may hold -- control characters,
  bidirectional overrides (text that displays in another order than it reads), tabs and line
  breaks in a one-line field, lone surrogates, more characters than the field allows.
* numbers (:func:`finite_number`): a JSON number that is a finite float (an integer of 400
  digits is not a coordinate).
* spreadsheet cells (:func:`spreadsheet_safe`): text that a spreadsheet would run as a formula.
"""
from __future__ import annotations

import math
import re
import unicodedata
from typing import Any, Optional

#: White space: exactly the characters for which Python's ``str.isspace()`` is true.
WHITESPACE = ("\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680" +
              "".join(chr(c) for c in range(0x2000, 0x200B)) + "\u2028\u2029\u202f\u205f\u3000")
#: Characters that show nothing and are not white space: soft hyphen, combining grapheme joiner,
#: Mongolian vowel separator, zero-width space / non-joiner / joiner, word joiner, invisible
#: operators, Hangul fillers, byte order mark.
INVISIBLE = ("\u00ad\u034f\u180e\u200b\u200c\u200d\u2060\u2061\u2062\u2063\u2064"
             "\u115f\u1160\u3164\uffa0\ufeff")
_BLANK = WHITESPACE + INVISIBLE
#: The first UTF-8 byte of every blank character: a value whose first byte is not one of these
#: is certainly not blank (the plugin checks whole columns of bytes with it).
BLANK_LEAD_BYTES = frozenset(ch.encode("utf-8")[0] for ch in _BLANK)

_BLANK_RUN = re.compile(f"^[{re.escape(_BLANK)}]+|[{re.escape(_BLANK)}]+$")
_LINE_BREAKS = re.compile(r"\r\n?|[\x85\u2028\u2029]")
#: Code points no text holds: control characters (C0 and C1, DEL) other than tab and line breaks,
#: and the bidirectional embedding / override / isolate marks.
CONTROL_RANGES = ((0x00, 0x08), (0x0B, 0x0C), (0x0E, 0x1F), (0x7F, 0x84), (0x86, 0x9F),
                  (0x202A, 0x202E), (0x2066, 0x2069))
#: Tab and line breaks other than ``\n``: refused in any field (clean text has ``\n`` only) ...
LAYOUT_RANGES = ((0x09, 0x09), (0x0D, 0x0D), (0x85, 0x85), (0x2028, 0x2029))
#: ... and ``\n`` too in a one-line field.
NEWLINE_RANGE = ((0x0A, 0x0A),)


def refused_ranges(multiline: bool):
    """The code point ranges a clean value of a field may not hold (the database's constraints
    are built from these too)."""
    return CONTROL_RANGES + LAYOUT_RANGES + (() if multiline else NEWLINE_RANGE)


def _char_class(ranges) -> str:
    return "[" + "".join(re.escape(chr(a)) + ("-" + re.escape(chr(b)) if b > a else "")
                         for a, b in ranges) + "]"


_CONTROL = re.compile(_char_class(CONTROL_RANGES))
_LAYOUT = {True: re.compile(_char_class(LAYOUT_RANGES)),
           False: re.compile(_char_class(LAYOUT_RANGES + NEWLINE_RANGE))}
_SURROGATE = re.compile("[\ud800-\udfff]")

#: Problems of a text value: code -> (English, Thai); ``{label}`` is the field's label,
#: ``{length}`` its limit.
TEXT_PROBLEMS = {
    "invalid_text": ("{label} is not valid Unicode text (a lone surrogate).",
                     "{label} ไม่ใช่ข้อความยูนิโค้ดที่ถูกต้อง"),
    "control_characters": ("{label} contains control characters (or marks that change the "
                           "direction of the text).",
                           "{label} มีอักขระควบคุมที่ไม่อนุญาต"),
    "tab_or_line_break": ("{label} must be one line, without tabs or line breaks.",
                          "{label} ต้องเป็นข้อความบรรทัดเดียว ไม่มีแท็บหรือการขึ้นบรรทัดใหม่"),
    "too_long": ("{label} is longer than {length} characters.",
                 "{label} ยาวเกิน {length} ตัวอักษร"),
}


def is_blank(value: Any) -> bool:
    """None, or text made only of white space and invisible marks."""
    if value is None:
        return True
    if not isinstance(value, str):
        return False
    return not value.strip(_BLANK)


def clean_text(value: str, multiline: bool = False) -> str:
    """NFC, nothing blank around it, line breaks as ``\\n`` (where a field may have several
    lines; in a one-line field they stay, for :func:`text_problem` to refuse)."""
    if _SURROGATE.search(value):
        return value  # not text: refused as it is, never "repaired"
    text = unicodedata.normalize("NFC", value)
    if multiline:
        text = _LINE_BREAKS.sub("\n", text)
    return _BLANK_RUN.sub("", text)


def text_problem(value: str, length: int = 0, multiline: bool = False) -> Optional[str]:
    """The code (a key of :data:`TEXT_PROBLEMS`) of what is wrong with a clean value, or None."""
    if _SURROGATE.search(value):
        return "invalid_text"
    if _CONTROL.search(value):
        return "control_characters"
    if _LAYOUT[multiline].search(value):
        return "tab_or_line_break"
    if length and len(value) > length:
        return "too_long"
    return None


def text_message(code: str, label_en: str, label_th: str, length: int = 0):
    """(English, Thai) of a text problem."""
    en, th = TEXT_PROBLEMS[code]
    return en.format(label=label_en, length=length), th.format(label=label_th, length=length)


def has_lone_surrogate(obj: Any) -> bool:
    """True when a parsed JSON document holds a lone surrogate in any key or string (JSON's
    ``"\\ud800"`` escapes decode to one; it cannot be stored, logged or encoded as UTF-8)."""
    stack = [obj]
    while stack:
        node = stack.pop()
        if isinstance(node, str):
            if _SURROGATE.search(node):
                return True
        elif isinstance(node, dict):
            for k, v in node.items():
                if isinstance(k, str) and _SURROGATE.search(k):
                    return True
                stack.append(v)
        elif isinstance(node, list):
            stack.extend(node)
    return False


def finite_number(value: Any) -> Optional[float]:
    """The value as a finite float when it is a JSON number (not a boolean), else None."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    try:
        out = float(value)
    except OverflowError:  # an integer beyond any float
        return None
    return out if math.isfinite(out) else None


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n", "\uff1d", "\uff0b", "\uff0d", "\uff20")
_PLAIN_NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?")


def spreadsheet_safe(cell: str) -> str:
    """A CSV cell that no spreadsheet runs as a formula: text starting with ``= + - @``, a tab or
    a line break (or their full-width forms) gets a leading apostrophe; plain numbers stay."""
    if cell and cell.startswith(_FORMULA_START) and not _PLAIN_NUMBER.fullmatch(cell):
        return "'" + cell
    return cell
