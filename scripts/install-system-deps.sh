#!/usr/bin/env bash
# Installs the Debian packages the project needs, only those missing.  Needs root for apt
# (CI and a fresh machine run as root); otherwise prints the command to run.
# Debian 12 (QGIS 3.22), trixie (3.40) and sid (3.44) alike: no package names a PostgreSQL
# version, the `postgresql` and `postgresql-postgis` metapackages pick the release's own.
#   install-system-deps.sh            everything (make test, the registry, screenshots)
#   install-system-deps.sh package    only what `make package` needs (lrelease, pip)
#   install-system-deps.sh --list [package]   print the package names, install nothing
set -euo pipefail
PACKAGE=(
  python3-pip python3-venv               # pip --target for the bundled geothai
  qttools5-dev-tools                     # lrelease (.ts -> .qm)
)
PKGS=(
  "${PACKAGE[@]}"
  python3-qgis qgis qgis-providers       # QGIS with its Python bindings and qgis_process
  xvfb xauth xdotool imagemagick         # a real QGIS window under Xvfb, screenshots
  fonts-thai-tlwg                        # Thai glyphs in screenshots and reports
  libthai0                               # Thai line breaking: Qt 5 loads libthai at run time
                                         # (without it a Thai text wraps only at its spaces)
  pyqt5-dev-tools                        # pylupdate5 (.py/.ui -> .ts)
  postgresql postgresql-postgis          # the reference registry (the release's PostgreSQL)
  gdal-bin                               # ogr2ogr: the registry loads boundaries with it
  libgeos-dev python3-dev gcc            # shapely 2 built on QGIS's own GEOS
  poppler-utils zip unzip                # pdftotext / pdftoppm for report checks; packaging checks
  python3-matplotlib                     # charts of the executive report (QGIS's Python has it)
  python3-scipy                          # access: KD-tree and road-graph shortest paths (QGIS's
                                         # Python has it; without it a slower numpy path runs)
  chromium chromium-driver               # the citizens' feedback form tested in a real browser
  git                                    # tests run old versions of the plugin, from history
)
list=false
if [ "${1:-}" = --list ]; then list=true; shift; fi
case "${1:-all}" in
  all) want=("${PKGS[@]}") ;;
  package) want=("${PACKAGE[@]}") ;;
  *) echo "usage: $0 [--list] [all|package]" >&2; exit 2 ;;
esac
if $list; then printf '%s\n' "${want[@]}"; exit 0; fi
missing=()
for p in "${want[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" != 0 ]; then
  echo "Missing Debian packages: ${missing[*]}" >&2
  echo "Run as root: apt-get update && apt-get install -y ${missing[*]}" >&2
  exit 1
fi
echo "Installing: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -q
apt-get install -y -q "${missing[@]}"
