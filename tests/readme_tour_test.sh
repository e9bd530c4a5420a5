#!/usr/bin/env bash
# Runs the README's tour as written against a fresh cloutd and checks what
# each step promises. Usage: readme_tour_test.sh SOURCE_DIR BUILD_DIR
set -euo pipefail
src="$1"
build="$2"
work=$(mktemp -d)
trap 'kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; rm -rf "$work"' EXIT

"$build/cloutd" --listen=127.0.0.1:0 --data="$work/data" --plugins="$build/plugins" --log_level=warning >"$work/out" &
pid=$!
for _ in $(seq 100); do grep -q listening "$work/out" 2>/dev/null && break; sleep 0.1; done
export CLOUT_SERVER=$(sed -n 's/^cloutd listening on //p' "$work/out")
[ -n "$CLOUT_SERVER" ] || { echo "cloutd did not start"; exit 1; }

# The tour: the shell lines of the README's "A short tour" block.
awk '/^## A short tour/{on=1} on&&/^```sh/{inblock=1;next} inblock&&/^```/{exit} inblock' \
  "$src/README.md" | grep -v '^#' | grep -v '^$' >"$work/tour"
[ "$(wc -l <"$work/tour")" -eq 12 ] || { echo "tour not found in README"; exit 1; }

cd "$work"
ln -s "$build" build
n=0
while IFS= read -r line; do
  n=$((n + 1))
  set +e
  bash -c "$line" >"$work/step$n.out" 2>&1
  echo $? >"$work/step$n.rc"
  set -e
  echo "\$ $line"; cat "$work/step$n.out"
done <"$work/tour"

fail() { echo "FAIL: $*"; exit 1; }
rc() { cat "$work/step$1.rc"; }
[ "$(rc 1)" = 0 ] && grep -q "stored 3 samples" step1.out || fail "write followers"
[ "$(rc 2)" = 0 ] && grep -q "stored 2 samples" step2.out || fail "write views"
for i in 3 4 5; do [ "$(rc $i)" = 0 ] && grep -q "stored 1 samples" step$i.out || fail "write step $i"; done
grep -q "2025-01-01T02:00:00Z *1025" step6.out && grep -q "(3 points)" step6.out || fail "read raw"
grep -q "2025-01-01T00:00:00Z *25" step7.out || fail "read per day"
[ "$(rc 8)" = 1 ] && grep -q "values\[0\]: -4 is negative" step8.out || fail "bad input refused"
for m in engagement_rate follower_quality like_velocity; do grep -q "^$m " step9.out || fail "metrics lists $m"; done
grep -q "engagement_rate of tiktok:42: 8.0000 percent" step10.out || fail "compute engagement_rate"
grep -q "variant by_views" step10.out || fail "compute names the variant"
grep -q "samples *8" step11.out && grep -q "series *5" step11.out || fail "stats"
grep -q "tiktok:42" step12.out || fail "creators"
echo "README tour: all steps behaved as documented"
