#!/usr/bin/env bash
# Tests of the language clients against a real cloutd, then the cross-language test.
#
#   tests/clients/run_all.sh
#
# 1. A virtual environment in <repo>/build/clients-venv with the Python client (editable, with
#    pandas), pytest and the pinned grpcio-tools (reinstalled only when clients/python/pyproject.toml
#    changes).
# 2. The Python client's tests (clients/python/tests).
# 3. The Node.js and Go clients' own scripts, clients/node/run_tests.sh and clients/go/run_tests.sh,
#    when present.
# 4. The cross-language test (tests/clients/test_cross_language.py).
#
# Needs <repo>/build/cloutd and the built-in plugins in <repo>/build/plugins (or $CLOUTD and
# $CLOUT_PLUGINS): cmake --build build -j2 --target cloutd engagement_rate follower_quality like_velocity
# Every step runs even if an earlier one failed; the exit code is non-zero if any failed.
set -uo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$repo"
export CLOUTD="${CLOUTD:-$repo/build/cloutd}"
export CLOUT_PLUGINS="${CLOUT_PLUGINS:-$repo/build/plugins}"
venv="$repo/build/clients-venv"
# Node.js and Go as scripts/setup leaves them (in /usr/local/bin), or the official Go tarball in
# /usr/local/go, which non-login shells often lack on PATH.
export PATH="/usr/local/bin:$PATH"
if [ -x /usr/local/go/bin/go ]; then export PATH="$PATH:/usr/local/go/bin"; fi
python="${PYTHON:-python3}"

if [ ! -x "$CLOUTD" ]; then
  echo "run_all.sh: no cloutd at $CLOUTD; build it first:" >&2
  echo "  cmake --build build -j2 --target cloutd engagement_rate follower_quality like_velocity" >&2
  exit 1
fi
for plugin in engagement_rate follower_quality like_velocity; do
  if [ ! -f "$CLOUT_PLUGINS/$plugin.so" ]; then
    echo "run_all.sh: no $plugin.so in $CLOUT_PLUGINS; build the built-in plugins first" >&2
    exit 1
  fi
done

failed=()
summary=()
step() {  # step NAME COMMAND...: runs one step, records its outcome and duration.
  local name="$1"
  shift
  echo
  echo "=== $name"
  local t0=$SECONDS
  "$@"
  local rc=$?
  local took=$((SECONDS - t0))
  if [ $rc -eq 0 ]; then
    summary+=("ok      $name (${took}s)")
  else
    summary+=("FAILED  $name (exit $rc, ${took}s)")
    failed+=("$name")
  fi
  return 0
}

setup_venv() {
  if [ ! -x "$venv/bin/python" ]; then
    "$python" -m venv "$venv" || return 1
  fi
  # Reinstall only when the package's requirements (or the interpreter) changed.
  local stamp
  stamp="$( (cat clients/python/pyproject.toml; "$venv/bin/python" --version) | sha256sum | cut -d' ' -f1)"
  if [ -f "$venv/.clout-stamp" ] && [ "$(cat "$venv/.clout-stamp")" = "$stamp" ]; then
    echo "venv $venv is up to date"
    return 0
  fi
  "$venv/bin/python" -m pip install --quiet --upgrade pip &&
    "$venv/bin/python" -m pip install --quiet -e "clients/python[pandas,dev]" &&
    echo "$stamp" >"$venv/.clout-stamp" &&
    "$venv/bin/python" -m pip list --format=freeze 2>/dev/null | grep -iE '^(grpcio|grpcio-tools|protobuf|pytest|pandas|numpy|clout-client)=='
}

other_client() {  # other_client DIR: the client's own test script, when it exists.
  if [ -f "$1/run_tests.sh" ]; then
    bash "$1/run_tests.sh"
  else
    echo "skipped: $1/run_tests.sh does not exist"
  fi
}

step "python venv (build/clients-venv)" setup_venv
if [ ${#failed[@]} -gt 0 ]; then
  echo "run_all.sh: could not set up the Python environment" >&2
  exit 1
fi
step "python client tests" "$venv/bin/python" -m pytest clients/python/tests -p no:cacheprovider
step "node client tests" other_client clients/node
step "go client tests" other_client clients/go
step "cross-language test" "$venv/bin/python" -m pytest tests/clients -c tests/clients/pytest.ini --rootdir tests/clients -v

echo
echo "=== summary"
printf '%s\n' "${summary[@]}"
if [ ${#failed[@]} -gt 0 ]; then
  echo "run_all.sh: ${#failed[@]} step(s) failed: ${failed[*]}"
  exit 1
fi
echo "run_all.sh: all client tests passed"
