#!/usr/bin/env bash
# A plugin author's own Bazel workspace builds a plugin with clout's macro,
# as docs/plugins.md ("Building with Bazel") tells: a fresh workspace that
# declares this repository as @clout (plus the offline stand-ins), loads
# @clout//bazel:clout_plugin.bzl and builds the example plugin; the result
# must export clout_plugin_entry_v1 alone and not need libstdc++
# (tests/plugins/plugin_exports_test.sh).
#
#   outside_workspace_test.sh [CLOUT_DIR]    (default: this repository)
#
# The workspace and its Bazel output base live in a temporary folder, removed
# at the end. bazel/ci.sh runs it.
set -euo pipefail
clout=$(cd "${1:-$(dirname "$0")/..}" && pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/clout_outside.XXXXXX")
ws="$work/my_plugins"
bzl() { (cd "$ws" && bazel --output_base="$work/output_base" "$@"); }
cleanup() {
  if [ -d "$work/output_base" ]; then
    bzl clean --expunge >/dev/null 2>&1 || true
    bzl shutdown >/dev/null 2>&1 || true
  fi
  chmod -R u+w "$work" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

mkdir -p "$ws/posting_frequency"
cat >"$ws/WORKSPACE" <<WS
workspace(name = "my_plugins")

CLOUT = "$clout"

local_repository(name = "clout", path = CLOUT)

# Offline stand-ins of the rule repositories Bazel 4.2.3 would download.
local_repository(name = "rules_cc", path = CLOUT + "/bazel/stubs/rules_cc")
local_repository(name = "rules_java", path = CLOUT + "/bazel/stubs/rules_java")
local_repository(name = "remote_coverage_tools", path = CLOUT + "/bazel/stubs/remote_coverage_tools")
WS
cat >"$ws/.bazelrc" <<'RC'
build --nosandbox_debug
build --cxxopt=-std=c++17 --host_cxxopt=-std=c++17
RC
cp "$clout/plugins/examples/posting_frequency/posting_frequency.cc" "$ws/posting_frequency/"
cat >"$ws/posting_frequency/BUILD.bazel" <<'BUILD'
load("@clout//bazel:clout_plugin.bzl", "clout_plugin")

clout_plugin(
    name = "posting_frequency",
    srcs = ["posting_frequency.cc"],
)
BUILD

if ! bzl build --curses=no --noshow_progress //posting_frequency >"$work/build.log" 2>&1; then
  cat "$work/build.log"
  echo "FAIL: an outside workspace cannot build a plugin with @clout//bazel:clout_plugin.bzl"
  exit 1
fi
so="$ws/bazel-bin/posting_frequency/posting_frequency.so"
bash "$clout/tests/plugins/plugin_exports_test.sh" nm readelf "$work/none" "$so"
echo "outside_workspace_test: an outside workspace builds posting_frequency.so with @clout//bazel:clout_plugin.bzl"
