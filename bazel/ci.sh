#!/usr/bin/env bash
# The Bazel route, as CI runs it after the CMake tests (.ci/run):
#   1. bazel build //...   every target: API code, server, plugins, CLI,
#                          tests, benchmarks
#   2. bazel test //...    every test (tests/build_parity_test.sh, run by
#                          ctest, checks they are the CMake ones)
#   3. tests/bazel_plugin_twin_test.sh: the Bazel-built engagement_rate.so in
#      the CMake-built cloutd computes what the CMake-built one computes
#      (needs the CMake build folder: $CLOUT_BUILD_DIR, default build)
#   4. bazel/outside_workspace_test.sh: a plugin author's own workspace
#      builds a plugin with @clout//bazel:clout_plugin.bzl
# It works offline (see docs/plugins.md, "Building with Bazel"). Bazel 4.2.3
# is Debian's package bazel-bootstrap; this script installs it if missing.
# Set CLOUT_BAZEL_JOBS to change the parallelism (default 2).
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v bazel >/dev/null 2>&1; then
  echo "bazel/ci.sh: installing bazel-bootstrap"
  SUDO=""
  [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y bazel-bootstrap
fi

# Bazel keeps its output base under $HOME/.cache/bazel.
if [ -z "${HOME:-}" ]; then
  HOME=$(getent passwd "$(id -u)" | cut -d: -f6)
  export HOME
fi

build_dir=${CLOUT_BUILD_DIR:-build}
jobs=${CLOUT_BAZEL_JOBS:-2}
opts=(--jobs="$jobs" --local_cpu_resources="$jobs" --curses=no
      --show_progress_rate_limit=30)
test_opts=()
# The real data set sits beside the repository (../shared/data/real); the
# tests that read it get its absolute path, as under CMake.
if [ -d ../shared/data/real ]; then
  test_opts+=(--test_env=CLOUT_REAL_DATA_DIR="$(cd ../shared/data/real && pwd)")
else
  echo "bazel/ci.sh: ../shared/data/real not found: the real-data tests skip"
fi

log=$(mktemp)
trap 'rm -f "$log"; [ "${CI:-}" = true ] && bazel shutdown >/dev/null 2>&1 || true' EXIT
start=$SECONDS
summary() {  # passed failed
  echo "bazel/ci.sh: $((SECONDS - start)) s"
  echo "bazel: $1 passed, $2 failed"
}

echo "== bazel build //..."
if ! bazel build "${opts[@]}" //...; then
  summary 0 1
  exit 1
fi

echo "== bazel test //..."
set +e
bazel test "${opts[@]}" --test_output=errors "${test_opts[@]}" //... 2>&1 | tee "$log"
rc=${PIPESTATUS[0]}
set -e
# Passed: every test target less those the summary lists as not passed.
total=$(bazel query 'tests(//...)' 2>/dev/null | wc -l)
failed=$(grep -cE '^//.* (FAILED|TIMEOUT|NO STATUS|FAILED TO BUILD|INCOMPLETE)' "$log" || true)
passed=$((total - failed))
if [ "$rc" -ne 0 ]; then
  summary "$passed" "$((failed > 0 ? failed : 1))"
  exit "$rc"
fi

echo "== tests/bazel_plugin_twin_test.sh"
bazel_bin=$(bazel info "${opts[@]}" bazel-bin 2>/dev/null)
if ! bash tests/bazel_plugin_twin_test.sh "$build_dir" \
    "$bazel_bin/plugins/engagement_rate/engagement_rate.so"; then
  summary "$passed" 1
  exit 1
fi

echo "== bazel/outside_workspace_test.sh"
if ! bash bazel/outside_workspace_test.sh; then
  summary "$((passed + 1))" 1
  exit 1
fi
summary "$((passed + 2))" 0
