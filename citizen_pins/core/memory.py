"""Freed memory given back to the system between the steps of a long run.

Python and the libraries it calls (numpy, GEOS, GDAL) free memory to the C allocator, which on
Linux (glibc) keeps most of it: the freed blocks sit between blocks still in use and stay part of
the process.  A validation frees a few MB of temporaries in every rule; kept, they add up to the
process's peak (8 MB at 100k pins).  ``malloc_trim`` hands the free pages back; the next step
reuses what it needs.  Elsewhere (Windows, macOS, musl) this is a no-op.

Also here: :func:`index_dtype`, the integer type of index arrays a run keeps for its whole length,
and :func:`collector_paused`, Python's cyclic garbage collector held off during bulk work.
"""
from __future__ import annotations

import ctypes
import ctypes.util
import gc
import sys
import threading
from contextlib import contextmanager

import numpy as np

_trim = None  # glibc's malloc_trim, False where there is none


def _malloc_trim():
    global _trim
    if _trim is None:
        _trim = False
        if sys.platform.startswith("linux"):
            try:
                libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
                fn = libc.malloc_trim
            except (OSError, AttributeError):  # no libc by that name, or not glibc
                return _trim
            fn.argtypes = [ctypes.c_size_t]
            fn.restype = ctypes.c_int
            _trim = fn
    return _trim


def index_dtype(count: int):
    """The integer type of an array of indices into ``count`` things (pins, polygons, distinct
    codes) that a run keeps: 4 bytes a value instead of 8 while they fit."""
    return np.int32 if count < 2 ** 31 else np.int64


def release_freed() -> bool:
    """Give the allocator's free pages back to the system (a few ms); True where it can."""
    fn = _malloc_trim()
    if not fn:
        return False
    fn(0)
    return True


_pause_lock = threading.Lock()
_pauses = 0          # bulk works running now (an import and a validation may overlap in the GUI)
_resume = False      # whether the collector was on when the first of them began


@contextmanager
def collector_paused():
    """Python's cyclic garbage collector paused while bulk work runs.

    An import or a validation makes hundreds of thousands of small objects (rows, outcomes,
    findings, their messages), none in a cycle; every collection walks them all again and finds
    nothing to free.  Measured: a third of an import's planning time (docs/import.md), and 0.39 s
    of a 1M-pin validation in ``qgis_process`` (875 collections over QGIS's own 100k objects plus
    the run's, docs/validation.md).  Reference counting still frees everything as usual; only
    cycles wait until the last overlapping bulk work ends and the collector is on again.
    """
    global _pauses, _resume
    with _pause_lock:
        if _pauses == 0:
            _resume = gc.isenabled()
            gc.disable()
        _pauses += 1
    try:
        yield
    finally:
        with _pause_lock:
            _pauses -= 1
            if _pauses == 0 and _resume:
                gc.enable()
