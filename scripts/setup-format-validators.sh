#!/bin/sh
# Install the real tools that tests/test_formats.py validates lintkit's CI output formats with,
# at pinned versions, into .cache/validators/ under the repository root. Idempotent: a second
# run with the same versions does nothing (it checks a stamp file and the installed tools).
#
#   SARIF   npm @microsoft/sarif-multitool (+ -linux): Microsoft's SARIF SDK Multitool, whose
#           package also ships the SDK's SARIF 2.1.0 JSON schema (sarif-2.1.0.json)
#   github  npm @actions/core: the toolkit GitHub's own actions use to write workflow commands
#   junit   PyPI junitparser
#   rdjson  Go module github.com/reviewdog/reviewdog: the reviewdog binary, and the rdjson JSON
#           schema (proto/rdf/jsonschema/) from the same module's source
#   gitlab  no registry package ships GitLab's Code Quality schema; the test carries it
#
# Needs node/npm, go and python3 with pip; reaches only the npm registry, the Go module proxy
# and PyPI.
set -eu

SARIF_MULTITOOL_VERSION=5.7.0
ACTIONS_CORE_VERSION=3.0.1
REVIEWDOG_VERSION=v0.21.0
JUNITPARSER_VERSION=5.0.3

cd "$(dirname "$0")/.."
ROOT=$(pwd)
CACHE="$ROOT/.cache/validators"
STAMP="$CACHE/versions.txt"
WANT="sarif-multitool=$SARIF_MULTITOOL_VERSION actions-core=$ACTIONS_CORE_VERSION reviewdog=$REVIEWDOG_VERSION"
MULTITOOL="$CACHE/npm/node_modules/@microsoft/sarif-multitool-linux/Sarif.Multitool"

# Go is in /usr/local/go/bin on these machines; a non-login shell may not have it on PATH.
if ! command -v go >/dev/null 2>&1 && [ -x /usr/local/go/bin/go ]; then
    PATH="$PATH:/usr/local/go/bin"
fi

# --- Python: junitparser (also listed in pyproject.toml's `test` extra) -----------------------
if ! python3 -c "import importlib.metadata as m, sys; sys.exit(m.version('junitparser') != '$JUNITPARSER_VERSION')" \
    2>/dev/null; then
    echo "setup-format-validators: installing junitparser==$JUNITPARSER_VERSION" >&2
    python3 -m pip install --quiet --disable-pip-version-check "junitparser==$JUNITPARSER_VERSION"
fi

if [ -f "$STAMP" ] && [ "$(cat "$STAMP")" = "$WANT" ] && [ -x "$MULTITOOL" ] \
    && [ -f "$CACHE/npm/node_modules/@actions/core/package.json" ] \
    && [ -x "$CACHE/bin/reviewdog" ] && [ -f "$CACHE/reviewdog/DiagnosticResult.json" ]; then
    echo "setup-format-validators: up to date in $CACHE ($WANT)" >&2
    exit 0
fi
rm -f "$STAMP"
mkdir -p "$CACHE/npm" "$CACHE/bin" "$CACHE/reviewdog"

# --- npm: SARIF Multitool and @actions/core ----------------------------------------------------
echo "setup-format-validators: installing npm packages into $CACHE/npm" >&2
if [ ! -f "$CACHE/npm/package.json" ]; then
    printf '{\n  "name": "lintkit-format-validators",\n  "private": true\n}\n' >"$CACHE/npm/package.json"
fi
# The -linux package is named explicitly so that its version is pinned too (the Multitool only
# lists it as an optional dependency with a caret range).
(cd "$CACHE/npm" && npm install --no-audit --no-fund --save-exact --loglevel=error \
    "@microsoft/sarif-multitool@$SARIF_MULTITOOL_VERSION" \
    "@microsoft/sarif-multitool-linux@$SARIF_MULTITOOL_VERSION" \
    "@actions/core@$ACTIONS_CORE_VERSION")
# npm does not run the package's postinstall script that would set the execute bit.
chmod u+x "$MULTITOOL"

# --- Go: reviewdog and its rdjson schema -------------------------------------------------------
echo "setup-format-validators: installing reviewdog $REVIEWDOG_VERSION into $CACHE/bin" >&2
GOBIN="$CACHE/bin" GOFLAGS="-buildvcs=false" go install "github.com/reviewdog/reviewdog/cmd/reviewdog@$REVIEWDOG_VERSION"
MODDIR=$(go mod download -json "github.com/reviewdog/reviewdog@$REVIEWDOG_VERSION" \
    | python3 -c "import json, sys; print(json.load(sys.stdin)['Dir'])")
cp "$MODDIR"/proto/rdf/jsonschema/*.json "$CACHE/reviewdog/"
chmod u+w "$CACHE"/reviewdog/*.json

echo "$WANT" >"$STAMP"
echo "setup-format-validators: done ($WANT)" >&2
