#!/usr/bin/env bash
# Run a command inside a Debian root of another release (trixie: QGIS 3.40, sid: QGIS 3.44), with
# a copy of this checkout at /src/citizen_pins and the shared data read-only at /src/shared.
#
#   scripts/matrix/root.sh SUITE [COMMAND...]       (as root; default command: bash)
#   e.g. scripts/matrix/root.sh trixie make test PYTEST_ARGS="tests/core -q"
#
# The root is made once by debootstrap from the host's own Debian mirror, with the packages of
# scripts/install-system-deps.sh installed, and kept in $CITIZEN_PINS_ROOTS/SUITE (default
# /var/cache/citizen_pins/roots); it is made again when that package list (or this script's
# ROOT_FORMAT) changes, or when CITIZEN_PINS_ROOT_REBUILD is set (sid changes every day).  Its
# .venv lives in the copy of the checkout, kept between runs.
#
# Inside, pip uses the host's configuration: its PIP_* environment, its pip.conf files and every
# local path they name (find-links, file: indexes, constraints, certificates), bind-mounted
# read-only at the same place.  Everything runs in a private mount and PID namespace: the mounts
# (proc, sys, dev, the shared data, the pip paths, the checkout's git objects) are undone on exit
# by a trap, and whatever happens (failure, Ctrl-C, kill), the kernel drops them with the
# namespace, together with any process left inside (a PostgreSQL server, Xvfb).
set -euo pipefail

ROOT_FORMAT=1   # bump to rebuild every cached root
EXTRA_PKGS=(make ca-certificates)  # what the host has and debootstrap's minbase lacks

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
ROOTS=${CITIZEN_PINS_ROOTS:-/var/cache/citizen_pins/roots}
SHARED_SRC=${CITIZEN_PINS_SHARED:-$REPO/../shared}
SRC=/src/citizen_pins        # the checkout inside the root
SHARED_DST=/src/shared       # ../shared of the checkout

die() { echo "root.sh: $*" >&2; exit 1; }

# ---------------------------------------------------------------------------------------------
# Inside the private namespace (see the end of this file): mount, chroot, run, unmount.
if [ "${1:-}" = __inside ]; then
  shift
  root=$1; shift
  mounted=()
  cleanup() {
    local rc=$? i
    trap - EXIT INT TERM
    for ((i = ${#mounted[@]} - 1; i >= 0; i--)); do
      umount -R "${mounted[$i]}" 2>/dev/null || umount -R -l "${mounted[$i]}" 2>/dev/null || true
    done
    if grep -qE " $root(/| )" /proc/self/mountinfo; then
      echo "root.sh: still mounted under $root:" >&2
      grep -E " $root(/| )" /proc/self/mountinfo >&2
      rc=1
    else
      echo "root.sh: ${#mounted[@]} mounts undone (exit status $rc)" >&2
    fi
    exit "$rc"
  }
  trap cleanup EXIT
  trap 'exit 130' INT
  trap 'exit 143' TERM
  mnt() {  # mnt TARGET MOUNT-ARGS...: mount and remember it
    local target=$1; shift
    mount "$@" "$target"
    mounted+=("$target")
  }
  bind_ro() {  # bind_ro PATH: the host's PATH at the same place in the root, read-only
    local src=$1 dst=$root$1
    if [ -d "$src" ]; then mkdir -p "$dst"; else mkdir -p "$(dirname "$dst")"; [ -e "$dst" ] || : > "$dst"; fi
    mnt "$dst" --bind "$src"
    mount -o remount,bind,ro "$dst"
  }
  # the root a mount point of its own, so that inside it "/" is one too: a root.sh run inside
  # (CI's trixie root made in a fresh Debian 12 root) can make its mounts private
  mnt "$root" --bind "$root"
  mnt "$root/proc" -t proc proc
  mnt "$root/sys" -t sysfs sysfs
  mnt "$root/dev" --rbind /dev
  mount --make-rslave "$root/dev"
  mnt "$root/dev/shm" -t tmpfs -o mode=1777 shm
  if [ -d "$SHARED_SRC" ]; then
    mkdir -p "$root$SHARED_DST"
    mnt "$root$SHARED_DST" --bind "$SHARED_SRC"
    mount -o remount,bind,ro "$root$SHARED_DST"
  fi
  while IFS= read -r p; do bind_ro "$p"; done < <(printf '%s\n' "${CP_ROOT_PIP_PATHS:-}" "${CP_ROOT_HISTORY:-}" | sed '/^$/d' | sort -u)
  cp -L /etc/resolv.conf "$root/etc/resolv.conf" 2>/dev/null || true
  cp -L /etc/hosts "$root/etc/hosts" 2>/dev/null || true
  # a clean environment: the host's pip and proxy settings, nothing else
  envs=(PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin HOME=/root LANG=C.UTF-8
        TERM="${TERM:-dumb}" DEBIAN_FRONTEND=noninteractive QT_QPA_PLATFORM=offscreen
        CITIZEN_PINS_SHARED="$SHARED_DST")
  while IFS= read -r v; do envs+=("$v"); done < <(env | grep -E '^(PIP_[A-Z_]+|SSL_CERT_FILE|SSL_CERT_DIR|REQUESTS_CA_BUNDLE|CURL_CA_BUNDLE|(http|https|no|HTTP|HTTPS|NO)_PROXY|PYTEST_ADDOPTS)=' || true)
  set +e
  chroot "$root" /usr/bin/env -i "${envs[@]}" /bin/bash -c 'cd "$0" 2>/dev/null || cd /; exec "$@"' "$SRC" "$@"
  exit $?
fi

# ---------------------------------------------------------------------------------------------
[ $# -ge 1 ] || die "usage: $0 SUITE [COMMAND...]"
suite=$1; shift
[ $# -ge 1 ] || set -- bash
[ "$(id -u)" = 0 ] || die "needs root (debootstrap, mount, chroot)."
root=$ROOTS/$suite
mkdir -p "$ROOTS"
# one run per root at a time (a second one waits): each run replaces the checkout's copy
exec 9>"$ROOTS/$suite${CITIZEN_PINS_ROOT_BARE:+-bare}.lock"
flock 9

# The host's Debian mirror (the first one apt uses for Debian's main archive), never a fixed host.
host_mirror() {
  local codename
  codename=$(. /etc/os-release && echo "${VERSION_CODENAME:-}")
  apt-get indextargets --format '$(SITE) $(RELEASE) $(COMPONENT) $(TARGET_OF)' 2>/dev/null |
    awk -v c="$codename" '$2 == c && $3 == "main" && $4 == "deb" {print $1; exit}'
}

# Local paths the host's pip configuration names (find-links, file: indexes, constraint, cert)
# and the configuration files themselves.
pip_paths() {
  local files=() f dir
  IFS=: read -ra dirs <<< "${XDG_CONFIG_DIRS:-/etc/xdg}"
  for dir in "${dirs[@]}"; do files+=("$dir/pip/pip.conf"); done
  files+=(/etc/pip.conf "$HOME/.config/pip/pip.conf" "$HOME/.pip/pip.conf" "${PIP_CONFIG_FILE:-}")
  for f in "${files[@]}"; do
    [ -n "$f" ] && [ -f "$f" ] || continue
    echo "$f"
    grep -v '^[[:space:]]*[#;]' "$f" | grep -oE "(file://)?/[^[:space:]\"',]+" || true
  done
  env | grep -E '^PIP_[A-Z_]+=' | cut -d= -f2- | tr ' ' '\n' | grep -oE "^(file://)?/.+" || true
} 2>/dev/null

# A file: index's pages link to their files relatively (e.g. ../../files/x.whl): where one
# package's page points, resolved, is bound too.
index_file_dirs() {
  local page href
  page=$(find "$1" -mindepth 2 -maxdepth 2 -name 'index.html' -print -quit 2>/dev/null)
  [ -n "$page" ] || return 0
  grep -oE 'href="[^"#]+' "$page" | cut -d'"' -f2 | head -1 | while IFS= read -r href; do
    case "$href" in
      file://*) dirname "${href#file://}" ;;
      /*) dirname "$href" ;;
      *://*) ;;
      *) realpath -m "$(dirname "$page")/$(dirname "$href")" ;;
    esac
  done
}

PIP_PATHS=()
while IFS= read -r p; do
  url=$p
  p=${p#file://}
  p=${p%/}
  case "$p" in /proc* | /sys* | /dev* | /src* | "") continue ;; esac
  [ -e "$p" ] || continue
  PIP_PATHS+=("$p")
  if [ "$url" != "$p" ] && [ -d "$p" ]; then
    while IFS= read -r d; do [ -d "$d" ] && PIP_PATHS+=("$d"); done < <(index_file_dirs "$p")
  fi
done < <(pip_paths)

# CITIZEN_PINS_ROOT_BARE=1: only debootstrap's minbase and EXTRA_PKGS (a fresh machine, for
# scripts/matrix/fresh-ci.sh), kept apart from the full root of the same suite.
BARE=${CITIZEN_PINS_ROOT_BARE:-}
[ -z "$BARE" ] || root=$root-bare
package_list() {
  [ -n "$BARE" ] || "$REPO/scripts/install-system-deps.sh" --list
  printf '%s\n' "${EXTRA_PKGS[@]}"
}
want_key() { { echo "format=$ROOT_FORMAT suite=$suite bare=$BARE"; package_list | sort -u; } | sha256sum | cut -c1-16; }

build_root() {
  local key=$1 new=$root.new mirror
  command -v debootstrap >/dev/null || { apt-get update -q && apt-get install -y -q debootstrap; }
  mirror=$(host_mirror)
  [ -n "$mirror" ] || die "cannot tell the host's Debian mirror (apt-get indextargets found none: run apt-get update)."
  echo "root.sh: making the $suite root in $root from $mirror (debootstrap, then apt)"
  grep -q " $new/" /proc/self/mountinfo && die "something is mounted under $new: unmount it first."
  rm -rf "$new"
  mkdir -p "$ROOTS"
  # in a private mount namespace too: what debootstrap mounts in the target goes with it
  unshare --mount --propagation private \
    debootstrap --variant=minbase --include="$(IFS=,; echo "${EXTRA_PKGS[*]}")" "$suite" "$new" "$mirror"
  echo "deb $mirror $suite main" > "$new/etc/apt/sources.list"
  # sid's Release file on a mirror snapshot may be past its Valid-Until date; a test root needs
  # no recommended packages (a bare root is a fresh machine: apt's defaults)
  echo 'Acquire::Check-Valid-Until "false";' > "$new/etc/apt/apt.conf.d/90citizen-pins"
  [ -n "$BARE" ] || echo 'APT::Install-Recommends "false";' >> "$new/etc/apt/apt.conf.d/90citizen-pins"
  mkdir -p "$new/tmp/deps"
  cp "$REPO/scripts/install-system-deps.sh" "$new/tmp/deps/"
  if [ -z "$BARE" ]; then
    unshare --mount --pid --fork --kill-child --propagation private \
      env CP_ROOT_PIP_PATHS= "$0" __inside "$new" bash -c \
        'apt-get update -q && /tmp/deps/install-system-deps.sh && apt-get clean'
  fi
  rm -rf "$new/tmp/deps"
  echo "$key" > "$new/.citizen_pins-root"
  if [ -d "$root" ]; then
    grep -q " $root/" /proc/self/mountinfo && die "something is mounted under $root: unmount it first."
    rm -rf "$root"
  fi
  mv "$new" "$root"
}

key=$(want_key)
if [ -n "${CITIZEN_PINS_ROOT_REBUILD:-}" ] || [ "$(cat "$root/.citizen_pins-root" 2>/dev/null)" != "$key" ]; then
  build_root "$key"
fi
echo "root.sh: $suite root $root ($(chroot "$root" dpkg-query -W -f='QGIS ${Version}' qgis 2>/dev/null || echo 'no QGIS'))"

# The checkout (tracked and untracked files, not the ignored ones) into $SRC; the root's .venv
# and build products of the last run are kept (make rebuilds what is out of date).
dst=$root$SRC
mkdir -p "$dst"
keep=(.venv .venv-qt6 .venv-release citizen_pins/ext_libs out/geos-shapely)
tmpkeep=$root/src/.keep
rm -rf "$tmpkeep"; mkdir -p "$tmpkeep"
for k in "${keep[@]}"; do
  [ -e "$dst/$k" ] && { mkdir -p "$tmpkeep/$(dirname "$k")"; mv "$dst/$k" "$tmpkeep/$k"; }
done
rm -rf "$dst"; mkdir -p "$dst"
if git -C "$REPO" rev-parse --git-dir >/dev/null 2>&1; then
  git -C "$REPO" ls-files -z --cached --others --exclude-standard |
    (cd "$REPO" && xargs -0 -r sh -c 'for f; do [ -e "$f" ] && printf "%s\0" "$f"; done' sh) |
    tar -C "$REPO" --null -T - -cf - | tar -C "$dst" -xf -
else
  tar -C "$REPO" --exclude=.venv --exclude=.registry --exclude=dist --exclude=out \
      --exclude=citizen_pins/ext_libs --exclude=.qgis-settings --exclude=__pycache__ -cf - . |
    tar -C "$dst" -xf -
fi
for k in "${keep[@]}"; do
  [ -e "$tmpkeep/$k" ] && { mkdir -p "$dst/$(dirname "$k")"; mv "$tmpkeep/$k" "$dst/$k"; }
done
rm -rf "$tmpkeep"

# The checkout's history, read-only: tests run old versions of the plugin (`git archive` of a
# commit).  The copy becomes a repository of its own at the checkout's commit, whose objects are
# the checkout's (objects/info/alternates), bound read-only at the same path inside.
HISTORY=()
if objects=$(git -C "$REPO" rev-parse --path-format=absolute --git-common-dir 2>/dev/null) &&
   objects=$objects/objects && [ -d "$objects" ]; then
  git init -q "$dst"
  { echo "$objects"; cat "$objects/info/alternates" 2>/dev/null || true; } \
    > "$dst/.git/objects/info/alternates"
  git -C "$REPO" rev-parse HEAD > "$dst/.git/HEAD"
  while IFS= read -r o; do [ -d "$o" ] && HISTORY+=("$o"); done < "$dst/.git/objects/info/alternates"
fi

CP_ROOT_PIP_PATHS=$(printf '%s\n' "${PIP_PATHS[@]}")
CP_ROOT_HISTORY=$(printf '%s\n' "${HISTORY[@]}")
export CP_ROOT_PIP_PATHS CP_ROOT_HISTORY
exec unshare --mount --pid --fork --kill-child --propagation private "$0" __inside "$root" "$@"
