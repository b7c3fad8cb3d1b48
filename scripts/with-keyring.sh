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
dbus-run-session -- bash -c '
  set -o pipefail
  if ! head -c 24 /dev/urandom | base64 | tr -d "\n" | gnome-keyring-daemon --unlock --components=secrets >/dev/null; then
    echo "with-keyring: gnome-keyring-daemon could not start an unlocked keyring" >&2
    exit 1
  fi
  export GARAGE_KEYRING=1
  exec "$@"
' with-keyring "$@" 2> >(grep -v "Failed to set fd limit" >&2)
