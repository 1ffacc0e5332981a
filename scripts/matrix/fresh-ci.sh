#!/usr/bin/env bash
# Time .ci/run as CI runs it: a clean clone of this repository's HEAD, on a fresh Debian 12
# machine (a bookworm root with nothing but debootstrap's minbase and make), with no cached
# trixie root: everything (QGIS 3.22, PostgreSQL, the venvs, the trixie root with QGIS 3.40) is
# installed by .ci/run itself.  As root; leaves nothing behind but its log.
#   scripts/matrix/fresh-ci.sh [LOG]      (default /tmp/citizen_pins-fresh-ci.log)
set -euo pipefail
REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
SHARED=$(cd "${CITIZEN_PINS_SHARED:-$REPO/../shared}" && pwd)
LOG=${1:-/tmp/citizen_pins-fresh-ci.log}
work=$(mktemp -d /var/cache/citizen_pins/fresh-ci.XXXXXX)
cleanup() {
  # the roots hold no mounts (private namespaces); refuse to delete if something is mounted
  if grep -q " $work/" /proc/self/mountinfo; then
    echo "fresh-ci: something is still mounted under $work; left in place" >&2
  else
    rm -rf "$work"
  fi
}
trap cleanup EXIT
git clone --quiet --no-local "$REPO" "$work/citizen_pins"
git -C "$work/citizen_pins" checkout --quiet "$(git -C "$REPO" rev-parse HEAD)"
echo "fresh-ci: $(git -C "$work/citizen_pins" log --oneline -1) in a fresh Debian 12 root" | tee "$LOG"
t0=$SECONDS
set +e
CITIZEN_PINS_ROOTS="$work/roots" CITIZEN_PINS_ROOT_BARE=1 CITIZEN_PINS_SHARED="$SHARED" \
  "$work/citizen_pins/scripts/matrix/root.sh" bookworm .ci/run 2>&1 | tee -a "$LOG"
rc=${PIPESTATUS[0]}
echo "fresh-ci: exit $rc; $((SECONDS - t0)) s including the fresh Debian 12 root" | tee -a "$LOG"
exit "$rc"
