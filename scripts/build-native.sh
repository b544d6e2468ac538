#!/bin/sh
# Build and install lintkit's native extension (native/, Rust with PyO3: the sentence-end
# scan, the name search, the paragraphs, their parts and the quotations, the word set, the word
# count and the repeated-word gate) into the Python on PATH. Optional: lintkit gives the same results
# without it, a little slower, and tests/test_native.py compares the two where it is built (and
# is skipped where it is not). Needs cargo (rustup.rs, or a distribution's cargo and rustc); pip
# fetches maturin from PyPI and cargo fetches PyO3 and memchr from crates.io. Without cargo, or
# if the build fails, it says so in one line and leaves lintkit as it is.
set -eu
cd "$(dirname "$0")/.."
if ! command -v cargo >/dev/null 2>&1; then
    echo "build-native: cargo not found: lintkit runs its Python code (tests/test_native.py is skipped)" >&2
    exit 0
fi
if ! python3 -m pip install --quiet --disable-pip-version-check ./native; then
    echo "build-native: the build failed (above): lintkit runs its Python code (tests/test_native.py is skipped)" >&2
fi
