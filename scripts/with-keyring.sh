#!/usr/bin/env bash
# Runs a command inside a throw-away OS keychain: a private D-Bus session with gnome-keyring's Secret
# Service, unlocked with a random password, its files in a fresh XDG_DATA_HOME. Tests then use the real
# keychain (keytar → libsecret → Secret Service) without touching the developer's own keyring.
# Usage: bash scripts/with-keyring.sh <command> [args…]   (exit code of the command is passed through)
set -euo pipefail
if [ "${GARAGE_KEYRING:-}" = "1" ]; then exec "$@"; fi
# No silent fallback: without these tools the keychain suite would skip and `npm test` would pass untested.
if ! command -v dbus-run-session >/dev/null || ! command -v gnome-keyring-daemon >/dev/null; then
  echo "with-keyring: dbus-run-session or gnome-keyring-daemon missing (Debian/Ubuntu: apt-get install dbus gnome-keyring); the keychain tests cannot run" >&2
  exit 1
fi
data_home="$(mktemp -d)"
trap 'rm -rf "$data_home"' EXIT
export XDG_DATA_HOME="$data_home" GARAGE_KEYRING_DATA="$data_home"
# The inner script unlocks a new login keyring, then runs the command; dbus-run-session ends the daemon.
# The daemon can outlive the bus dbus-run-session ends: it gets no stream of ours (whoever waits for our
# output would wait for it too), and the inner script stops it once the command is done.
dbus-run-session -- bash -c '
  set -o pipefail
  if ! head -c 24 /dev/urandom | base64 | tr -d "\n" | gnome-keyring-daemon --unlock --components=secrets >/dev/null 2>&1; then
    echo "with-keyring: gnome-keyring-daemon could not start an unlocked keyring" >&2
    exit 1
  fi
  export GARAGE_KEYRING=1
  status=0
  "$@" || status=$?
  for environ in /proc/[0-9]*/environ; do
    pid="${environ#/proc/}"; pid="${pid%/environ}"
    [ "$(tr -d "\0" < "/proc/$pid/comm" 2>/dev/null)" = "gnome-keyring-d" ] || continue
    if tr "\0" "\n" < "$environ" 2>/dev/null | grep -qxF "DBUS_SESSION_BUS_ADDRESS=$DBUS_SESSION_BUS_ADDRESS"; then kill "$pid" 2>/dev/null || true; fi
  done
  exit "$status"
' with-keyring "$@" 2> >(grep -v "Failed to set fd limit" >&2)
