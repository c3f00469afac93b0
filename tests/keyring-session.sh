#!/bin/sh
# keyring-session.sh TEST [ARGS…]: runs TEST in a private D-Bus session with
# an unlocked GNOME Keyring of its own (in a temporary HOME), so that the
# libsecret path is tested for real; TD_TEST_KEYRING=1 tells the test. Without
# dbus-run-session or gnome-keyring-daemon the test runs as it is and skips
# the keyring cases.
set -eu
if ! command -v dbus-run-session >/dev/null 2>&1 || ! command -v gnome-keyring-daemon >/dev/null 2>&1; then
  exec "$@"
fi
home=$(mktemp -d "${TMPDIR:-/tmp}/td-keyring.XXXXXX")
trap 'rm -rf "$home"' EXIT INT TERM
mkdir -p "$home/data/keyrings" "$home/run"
chmod 700 "$home/run"
HOME=$home XDG_DATA_HOME=$home/data XDG_RUNTIME_DIR=$home/run \
dbus-run-session -- sh -c '
  eval "$(printf tourdesk-test | gnome-keyring-daemon --unlock --components=secrets 2>/dev/null)"
  TD_TEST_KEYRING=1 "$@"
' keyring-session "$@"
