#!/usr/bin/env bash
# Runs a test program that needs the real data set:
#
#   real_data_test.sh PROGRAM [ARG...]
#
# The data folder is $CLOUT_REAL_DATA_DIR when set (bazel/ci.sh passes it
# with --test_env), else shared/data/real beside the source tree (found
# through the runfiles link of //:README.md, which the test must have in its
# data). Without either the test is skipped, as CMake disables it: it passes
# with a message.
set -euo pipefail
if [ -z "${CLOUT_REAL_DATA_DIR:-}" ] && [ -e README.md ]; then
  src=$(dirname "$(readlink -f README.md)")
  if [ -d "$src/../shared/data/real" ]; then
    CLOUT_REAL_DATA_DIR=$(cd "$src/../shared/data/real" && pwd)
  fi
fi
if [ -z "${CLOUT_REAL_DATA_DIR:-}" ] || [ ! -d "$CLOUT_REAL_DATA_DIR" ]; then
  echo "SKIPPED: no real data set (set CLOUT_REAL_DATA_DIR or put it in ../shared/data/real)"
  exit 0
fi
export CLOUT_REAL_DATA_DIR
exec "$@"
