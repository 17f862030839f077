#!/usr/bin/env bash
# Make sure the PostgreSQL server binaries (initdb, pg_ctl) are on this machine, so that
# `make test` can start a throwaway server for the store tests (tests/conftest.py).
# Installs the Debian package only when they are missing and we are root; otherwise it
# says why and the PostgreSQL store tests skip with that reason.
set -uo pipefail
for bin in /usr/lib/postgresql/*/bin/initdb; do
    if [ -x "$bin" ]; then exit 0; fi
done
if command -v initdb >/dev/null 2>&1; then exit 0; fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    echo "postgres_binaries: installing the Debian postgresql package for the store tests"
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null) \
        || echo "postgres_binaries: could not install postgresql; the PostgreSQL store tests will skip"
else
    echo "postgres_binaries: no initdb found and not root; the PostgreSQL store tests will skip"
fi
exit 0
