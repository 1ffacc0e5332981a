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
