#!/bin/sh
# Runs a Bazel test with its own temporary folder: TMPDIR=$TEST_TMPDIR
# (.bazelrc: test --run_under=//bazel:test_tmpdir). Bazel runs tests in
# parallel, each in its own PID namespace, so temporary names made from the
# process id alone would collide in a shared /tmp.
if [ -n "${TEST_TMPDIR:-}" ]; then
  TMPDIR=$TEST_TMPDIR
  export TMPDIR
fi
exec "$@"
