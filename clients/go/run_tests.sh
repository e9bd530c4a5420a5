#!/usr/bin/env bash
# Tests the Go client (what CI runs). Needs Go 1.26+ with the Go module proxy
# and the system protoc (for the generated-code check); the tests start
# <repo>/build/cloutd with <repo>/build/plugins (or $CLOUTD and
# $CLOUT_PLUGINS), so build those first.
set -euo pipefail
cd "$(dirname "$0")"

log=$(mktemp)
trap 'rm -f "$log"' EXIT
# -count=1: results depend on cloutd, which go test's cache does not track.
set +e
go test -count=1 -v ./... 2>&1 | tee "$log"
rc=${PIPESTATUS[0]}
set -e
passed=$(grep -c -- '--- PASS:' "$log" || true)
failed=$(grep -c -- '--- FAIL:' "$log" || true)
skipped=$(grep -c -- '--- SKIP:' "$log" || true)
echo "go client: $passed passed, $failed failed, $skipped skipped"
exit "$rc"
