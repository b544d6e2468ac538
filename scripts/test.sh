#!/bin/sh
# Install lintkit with its test dependencies and everything the tests use (its native scanner
# where cargo is, format validators, headless Chromium, a public sentence-segmentation suite,
# a real LanguageTool server), then run the linters and the whole test suite. This is the
# README's second Quick start command and what CI runs (.ci/run).
set -eu
cd "$(dirname "$0")/.."
# A system Python that refuses pip (Debian's "externally managed" environment): work in a
# virtual environment in .venv instead, first on PATH so every script below uses it.
if python3 -c 'import os, sys, sysconfig; sys.exit(not (sys.prefix == sys.base_prefix and os.path.exists(os.path.join(sysconfig.get_path("stdlib"), "EXTERNALLY-MANAGED"))))'; then
    [ -x .venv/bin/python3 ] || python3 -m venv .venv
    PATH="$PWD/.venv/bin:$PATH"
    export PATH
fi
python3 -m pip install --quiet --disable-pip-version-check -e '.[test]'
sh scripts/build-native.sh
sh scripts/setup-format-validators.sh
sh scripts/setup-browser.sh
sh scripts/fetch-segmentation-suite.sh
LT_PORT=${LINTKIT_LT_PORT:-8081}
sh scripts/languagetool-server.sh start "$LT_PORT" >/dev/null
trap 'sh scripts/languagetool-server.sh stop "$LT_PORT" >/dev/null 2>&1 || true' EXIT
python3 -m ruff check lintkit tests benchmarks
python3 -m mypy
python3 -m pytest -q
