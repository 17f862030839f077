#!/usr/bin/env bash
# Make sure the Debian Chromium is at /usr/bin/chromium, so that `make test` can drive it with
# Playwright in the browser tests (tests/test_web_browser.py). Installs the Debian package only
# when it is missing and we are root; otherwise it says why and the browser tests skip with that
# reason. NEWSGRAPH_CHROMIUM names another browser path (the tests read the same variable).
set -uo pipefail
browser="${NEWSGRAPH_CHROMIUM:-/usr/bin/chromium}"
if [ -x "$browser" ]; then exit 0; fi
if [ "$(id -u)" != "0" ]; then
    echo "chromium: $browser is missing and we are not root; the browser tests will skip"
elif ! command -v apt-get >/dev/null 2>&1; then
    echo "chromium: $browser is missing and there is no apt-get here; the browser tests will skip"
else
    echo "chromium: installing the Debian chromium package for the browser tests"
    if ! apt-get update -qq; then
        echo "chromium: apt-get update failed; the browser tests will skip"
    elif ! DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; then
        echo "chromium: could not install the chromium package; the browser tests will skip"
    elif [ ! -x "$browser" ]; then
        echo "chromium: the chromium package is installed but $browser is not there; the browser tests will skip"
    fi
fi
exit 0
