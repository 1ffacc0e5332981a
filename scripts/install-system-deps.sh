#!/usr/bin/env bash
# Installs the Debian 12 packages the project needs, only those missing.  Needs root for apt
# (CI and a fresh machine run as root); otherwise prints the command to run.
set -euo pipefail
PKGS=(
  python3-qgis qgis qgis-providers       # QGIS 3.22 LTR with its Python bindings and qgis_process
  python3-venv python3-pip               # the test venv (--system-site-packages)
  xvfb xauth xdotool imagemagick         # a real QGIS window under Xvfb, screenshots
  fonts-thai-tlwg                        # Thai glyphs in screenshots and reports
  qttools5-dev-tools pyqt5-dev-tools    # lrelease (.ts -> .qm), pylupdate5 (.py/.ui -> .ts)
  postgresql-15-postgis-3 postgresql-15  # the reference registry
  gdal-bin                               # ogr2ogr: the registry loads boundaries with it
  libgeos-dev python3-dev gcc            # shapely 2 built on QGIS's own GEOS
  poppler-utils zip unzip                # pdftoppm for report checks; packaging checks
)
missing=()
for p in "${PKGS[@]}"; do
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
