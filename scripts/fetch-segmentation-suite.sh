#!/bin/sh
# Fetch the Pragmatic Segmenter's English "golden rules" (48 hard cases of sentence
# segmentation: abbreviations, lists, quotations, parentheses, ellipses), as pySBD ships
# them in its source distribution on PyPI (MIT licence), into .cache/suites/. The tests
# (tests/test_segmentation_suite.py) measure lintkit's segmenter against them. Nothing from
# the suite is committed.
set -eu
cd "$(dirname "$0")/.."
VERSION=0.3.3
DEST=.cache/suites
[ -f "$DEST/english_golden_rules.py" ] && exit 0
mkdir -p "$DEST"
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
python3 -m pip download --quiet --disable-pip-version-check --no-deps --no-binary :all: \
    "pysbd==$VERSION" -d "$TMP"
tar -xzf "$TMP/pysbd-$VERSION.tar.gz" -C "$TMP" "pysbd-$VERSION/benchmarks/english_golden_rules.py" \
    "pysbd-$VERSION/LICENSE"
cp "$TMP/pysbd-$VERSION/benchmarks/english_golden_rules.py" "$TMP/pysbd-$VERSION/LICENSE" "$DEST/"
echo "fetch-segmentation-suite: pySBD $VERSION golden rules in $DEST"
