#!/bin/sh
# The system programs the test suite drives, installed from Debian's packages when missing:
# redis-server (the shared-cache tests start their own on a free loopback port) and chromium
# (the grade report's browser tests, driven by Playwright; no browser download).
set -eu
missing=""
command -v redis-server >/dev/null 2>&1 || missing="$missing redis-server"
command -v chromium >/dev/null 2>&1 || [ -x /usr/bin/chromium ] || missing="$missing chromium"
[ -z "$missing" ] && exit 0
if ! command -v apt-get >/dev/null 2>&1; then
    echo "tests need:$missing (not installed, and no apt-get here: install them, then run pytest)" >&2
    exit 1
fi
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
$SUDO apt-get update -q >/dev/null
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q $missing >/dev/null
