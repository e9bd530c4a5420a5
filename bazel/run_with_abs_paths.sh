#!/usr/bin/env bash
# Runs a test script that wants absolute paths (tests/readme_tour_test.sh
# symlinks its build folder from a temporary folder):
#
#   run_with_abs_paths.sh SCRIPT [ARG...]
#
# Each argument, and SCRIPT, that names an existing file or folder relative to
# the current folder (a Bazel test's runfiles root) is made absolute.
set -euo pipefail
args=()
for a in "$@"; do
  if [[ "$a" != /* && -e "$a" ]]; then
    args+=("$PWD/$a")
  else
    args+=("$a")
  fi
done
exec "${args[@]}"
