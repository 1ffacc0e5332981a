"""Benchmark-only plugin (scripts/bench_memory_floor.py; never packaged or shipped).

One algorithm, ``citizen_pins_floor:floor``, runs only the first steps that
``citizen_pins:validate`` takes before any rule, with the plugin's own code: reading the pins
(geometry only, or every attribute the rules read), locating them in the boundaries, loading
DOPA's code list.  Run as a whole ``qgis_process`` under ``/usr/bin/time``, its peak memory is a
floor under any validation built on those steps.  Resident memory after each step is returned.
"""
from qgis.core import (QgsApplication, QgsProcessingAlgorithm, QgsProcessingOutputString,
                       QgsProcessingParameterFile, QgsProcessingParameterString,
                       QgsProcessingProvider)

STEPS = ("run", "read_xy", "read_all", "locate", "dopa")


def _rss_mb():
    status = dict(line.split(":", 1) for line in open("/proc/self/status")
                  if line.startswith(("VmRSS", "VmHWM")))
    return tuple(int(status[k].split()[0]) / 1024 for k in ("VmRSS", "VmHWM"))


class FloorAlgorithm(QgsProcessingAlgorithm):
    def name(self):
        return "floor"

    def displayName(self):
        return "Memory floor"

    def createInstance(self):
        return FloorAlgorithm()

    def initAlgorithm(self, config=None):
        self.addParameter(QgsProcessingParameterFile("PINS", "Pins GeoPackage"))
        self.addParameter(QgsProcessingParameterFile("TAMBONS", "Tambons GeoPackage"))
        self.addParameter(QgsProcessingParameterString(
            "STEPS", "Steps, comma-separated: " + ", ".join(STEPS)))
        self.addOutput(QgsProcessingOutputString("RSS", "Resident memory after each step"))

    def processAlgorithm(self, parameters, context, feedback):
        from citizen_pins.core import boundaries as bnd
        from citizen_pins.core import pins as pins_mod
        from citizen_pins.core.dopa import codes

        steps = self.parameterAsString(parameters, "STEPS", context).split(",")
        unknown = [s for s in steps if s not in STEPS]
        if unknown:
            raise ValueError(f"unknown steps {unknown}: use {STEPS}")
        pins_path = self.parameterAsFile(parameters, "PINS", context)
        tambons = self.parameterAsFile(parameters, "TAMBONS", context)
        held, rss = [], [("start",) + _rss_mb()]
        pins = None
        for step in steps:
            if step in ("read_xy", "read_all"):
                present = list(pins_mod.PIN_FIELDS) if step == "read_all" else []
                pins = pins_mod.read_ogr_arrow(pins_path, "service_points", present=present)
                held.append(pins)
            elif step == "locate":
                if pins is None:
                    raise ValueError("locate needs read_xy or read_all before it")
                held.append(bnd.from_ogr_stream(tambons, "tambons", "ADM3_PCODE",
                                                points=(pins.x, pins.y)))
            elif step == "dopa":
                held.append(codes())
            rss.append((step,) + _rss_mb())
        return {"RSS": "; ".join(f"{s} {r:.1f}/{h:.1f}" for s, r, h in rss)}


class FloorProvider(QgsProcessingProvider):
    def id(self):
        return "citizen_pins_floor"

    def name(self):
        return "citizen_pins memory floor"

    def loadAlgorithms(self):
        self.addAlgorithm(FloorAlgorithm())


class FloorPlugin:
    def __init__(self, iface):
        self.provider = None

    def initProcessing(self):
        self.provider = FloorProvider()
        QgsApplication.processingRegistry().addProvider(self.provider)

    def initGui(self):
        self.initProcessing()

    def unload(self):
        if self.provider is not None:
            QgsApplication.processingRegistry().removeProvider(self.provider)


def classFactory(iface):
    return FloorPlugin(iface)
