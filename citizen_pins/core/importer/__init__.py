"""Importing the lists provincial offices really have into the working copy.

The public surface (see docs/import.md)::

    from citizen_pins.core.importer import ImportOptions, import_file
    result = import_file("list.csv", "pins.gpkg", ImportOptions())
    print(result.plan.summary())

For the GUI's review path: ``open_source`` -> ``plan_import`` -> ``add_plan_to_layer`` (the edit
buffer, undoable) and ``write_report_table`` / ``write_report_csv``.

Pure domain: QGIS core and OGR for reading and writing, no widgets, no network.
"""
from __future__ import annotations

from .mapping import Mapping, MappingError, MappingStore, parse_mapping_text, shape_key, suggest_mapping
from .rows import IMPORTED, REFUSED, REPAIRED, SKIPPED, RowOutcome
from .run import (
    REPORT_TABLE,
    ExistingPins,
    ImportFailed,
    ImportOptions,
    ImportPlan,
    ImportResult,
    add_plan_to_layer,
    import_file,
    plan_import,
    prepare_mapping,
    write_pins,
    write_report_csv,
    write_report_table,
)
from .source import Source, SourceError, open_source

__all__ = [
    "IMPORTED", "REPAIRED", "REFUSED", "SKIPPED", "REPORT_TABLE",
    "ExistingPins", "ImportFailed", "ImportOptions", "ImportPlan", "ImportResult", "Mapping",
    "MappingError", "MappingStore", "RowOutcome", "Source", "SourceError",
    "add_plan_to_layer", "import_file", "open_source", "parse_mapping_text", "plan_import",
    "prepare_mapping", "shape_key", "suggest_mapping", "write_pins", "write_report_csv",
    "write_report_table",
]
