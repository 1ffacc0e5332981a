"""Freed memory handed back to the system (core/memory.py), measured in this process's own
resident memory."""
import sys

import pytest

from citizen_pins.core.memory import release_freed


def _anon_kb() -> int:
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("RssAnon:"):
                return int(line.split()[1])
    raise AssertionError("no RssAnon")


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="glibc's allocator")
def test_freed_blocks_between_live_ones_go_back_to_the_system():
    # 80k blocks of 1 KB (malloc's, not Python's small-object pools); every 64th kept, so the
    # freed ones sit between live ones and the heap cannot simply shrink from its top
    blocks = [bytearray(1024) for _ in range(80_000)]
    kept = blocks[::64]
    del blocks
    before = _anon_kb()
    assert release_freed() is True
    after = _anon_kb()
    assert before - after > 30_000, (before, after)  # most of the ~80 MB freed come back
    assert len(kept) == 1250 and all(len(b) == 1024 for b in kept)  # the live ones untouched


# -- the collector paused during bulk work --------------------------------------------------------

import gc  # noqa: E402
import threading  # noqa: E402

from citizen_pins.core.memory import collector_paused  # noqa: E402


def test_collector_paused_inside_and_back_on_after_even_on_error():
    assert gc.isenabled()
    with collector_paused():
        assert not gc.isenabled()
        with collector_paused():  # nested: still paused, and not resumed by the inner one
            assert not gc.isenabled()
        assert not gc.isenabled()
    assert gc.isenabled()
    with pytest.raises(ValueError):
        with collector_paused():
            raise ValueError("bad row")
    assert gc.isenabled()


def test_collector_left_off_when_it_was_off_before():
    gc.disable()
    try:
        with collector_paused():
            assert not gc.isenabled()
        assert not gc.isenabled()  # not switched on behind the caller's back
    finally:
        gc.enable()


def test_overlapping_bulk_works_in_threads_resume_only_when_the_last_ends():
    # an import in the GUI's task thread and a validation in another: the first to end must not
    # switch the collector on under the other, and the last one must
    a_in, b_in, a_out = threading.Event(), threading.Event(), threading.Event()
    seen = {}

    def first():
        with collector_paused():
            a_in.set()
            b_in.wait(5)
        a_out.set()

    def second():
        a_in.wait(5)
        with collector_paused():
            b_in.set()
            a_out.wait(5)
            seen["after the first ended"] = gc.isenabled()

    threads = [threading.Thread(target=first), threading.Thread(target=second)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(10)
    assert seen == {"after the first ended": False}
    assert gc.isenabled()


def test_validation_pauses_the_collector_and_switches_it_back_on_even_when_cancelled():
    from citizen_pins.core.context import Settings
    from citizen_pins.core.dopa import codes
    from citizen_pins.core.validate import Cancelled, validate

    from _validation_helpers import centre, square_boundaries, table

    states = []

    def progress(fraction, rule_id):
        states.append(gc.isenabled())
        return rule_id != "codes.unknown"  # cancelled part way

    pins = table([{"x": centre("210101")[0], "y": centre("210101")[1]},
                  {"x": centre("210102")[0], "y": centre("210101")[1], "tambon_code": "21O1O2"}])
    with pytest.raises(Cancelled):
        validate(pins, square_boundaries(), codes(), Settings(), progress=progress)
    assert states and not any(states)  # off while every rule ran
    assert gc.isenabled()
    states.clear()
    found = validate(pins, square_boundaries(), codes(), Settings(),
                     progress=lambda f, r: states.append(gc.isenabled()) or True)
    assert [f.rule_id for f in found] == ["codes.malformed"]
    assert states and not any(states) and gc.isenabled()
