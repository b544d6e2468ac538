#!/bin/sh
# Install lintkit with its test dependencies, then run the linters and the whole test suite.
# This is the README's second Quick start command and what CI runs (.ci/run).
set -eu
cd "$(dirname "$0")/.."
python3 -m pip install --quiet --disable-pip-version-check -e '.[test]'
sh scripts/setup-format-validators.sh
sh scripts/setup-browser.sh
python3 -m ruff check lintkit tests benchmarks
python3 -m mypy
python3 -m pytest -q
