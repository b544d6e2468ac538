#!/usr/bin/env bash
# Build Vale, a pinned version, from the Go module proxy into .cache/bench/bin/vale, for
# benchmarks/compare.py. Nothing else is fetched: compare.py gives Vale a .vale.ini that uses
# only its built-in style (BasedOnStyles = Vale), so `vale sync` is never needed.
#
#     bash benchmarks/setup-vale.sh          # build once (about 2 minutes; the binary is kept)
#     VALE_VERSION=v3.18.0 bash benchmarks/setup-vale.sh
#
# Where Go is missing it says so on one line and exits 0 without a binary; compare.py then
# reports Vale as skipped. The module is github.com/errata-ai/vale/v3: its versions from
# v3.20.0 on declare the path github.com/vale-cli/vale/v3 and cannot be installed under the
# old name, so the pin is the newest one that still builds as errata-ai (v3.19.0).
set -euo pipefail

VALE_MODULE="github.com/errata-ai/vale/v3"
VALE_VERSION="${VALE_VERSION:-v3.19.0}"

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bin="$root/.cache/bench/bin"
stamp="$bin/vale.version"

if ! command -v go >/dev/null 2>&1; then
    echo "setup-vale: skipped: go is not installed, so Vale cannot be built (compare.py will skip Vale)"
    exit 0
fi

if [[ -x "$bin/vale" && -f "$stamp" && "$(cat "$stamp")" == "$VALE_MODULE@$VALE_VERSION" ]]; then
    echo "setup-vale: $bin/vale is already $VALE_MODULE@$VALE_VERSION"
    exit 0
fi

mkdir -p "$bin"
rm -f "$stamp"
echo "setup-vale: building $VALE_MODULE/cmd/vale@$VALE_VERSION with $(go version) ..." >&2
# Run outside any module so that the checkout's own files play no part in the build.
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
(cd "$work" && GOFLAGS=-mod=mod GOBIN="$bin" go install "$VALE_MODULE/cmd/vale@$VALE_VERSION")
echo "$VALE_MODULE@$VALE_VERSION" > "$stamp"
echo "setup-vale: built $bin/vale ($VALE_MODULE@$VALE_VERSION)"
