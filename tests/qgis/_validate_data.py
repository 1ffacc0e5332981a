"""Shared real inputs for the validation tests (module helpers, not fixtures)."""
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
if str(REPO / "scripts") not in sys.path:
    sys.path.insert(0, str(REPO / "scripts"))

import validation_data  # noqa: E402,F401  (scripts/validation_data.py)

#: Provinces whose full-resolution tambons the tests load: Bangkok, Rayong, Krabi, Phang Nga,
#: Phuket, Satun (coasts, islands, and the far-away cases of the MOPH register).
FULLRES_PROVINCES = ("10", "21", "81", "82", "83", "91")
