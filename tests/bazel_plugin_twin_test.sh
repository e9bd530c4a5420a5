#!/usr/bin/env bash
# A plugin built with Bazel loads into the CMake-built server and computes the
# same values as its CMake twin.
#
#   bazel_plugin_twin_test.sh CMAKE_BUILD_DIR BAZEL_PLUGIN [CMAKE_PLUGIN]
#
# BAZEL_PLUGIN is the Bazel-built plugin (e.g. bazel-bin/plugins/
# engagement_rate/engagement_rate.so), CMAKE_PLUGIN its CMake twin (default:
# CMAKE_BUILD_DIR/plugins/<same file name>). For each of the two, the test
# starts CMAKE_BUILD_DIR/cloutd with a plugin folder holding that file alone,
# writes the same small fixture with CMAKE_BUILD_DIR/clout, and records with
# --json what `clout metrics`, `clout reload` and a set of `clout compute`
# calls of the plugin's metric(s) print. The two records must be identical.
# bazel/ci.sh runs it after `bazel build`.
set -euo pipefail

usage() { echo "usage: $0 CMAKE_BUILD_DIR BAZEL_PLUGIN [CMAKE_PLUGIN]" >&2; exit 2; }
[ $# -ge 2 ] && [ $# -le 3 ] || usage
build=$(cd "$1" && pwd)
bazel_so=$2
file=$(basename "$bazel_so")
cmake_so=${3:-$build/plugins/$file}
metric=${file%.so}
for f in "$build/cloutd" "$build/clout" "$bazel_so" "$cmake_so"; do
  [ -f "$f" ] || { echo "FAIL: $f does not exist (build both first)"; exit 1; }
done

work=$(mktemp -d "${TMPDIR:-/tmp}/clout_twin.XXXXXX")
pid=""
stop() {
  if [ -n "$pid" ]; then
    kill "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
    pid=""
  fi
}
trap 'stop; rm -rf "$work"' EXIT

# Fixture: one creator with hourly followers and four posts with their
# views, likes, comments, shares and saves over two days.
fixture() {
  local c=tiktok:twin
  "$build/clout" write $c followers \
    2025-01-01T00:00:00Z=10000 2025-01-01T06:00:00Z=10150 2025-01-01T12:00:00Z=10400 \
    2025-01-02T00:00:00Z=10900 2025-01-02T12:00:00Z=11200 2025-01-03T00:00:00Z=11250
  local post views likes comments shares saves
  while read -r post views likes comments shares saves; do
    "$build/clout" write "$c/$post" views 2025-01-01T01:00:00Z=0 2025-01-02T01:00:00Z="$views"
    "$build/clout" write "$c/$post" likes 2025-01-02T01:00:00Z="$likes"
    "$build/clout" write "$c/$post" comments 2025-01-02T01:00:00Z="$comments"
    "$build/clout" write "$c/$post" shares 2025-01-02T01:00:00Z="$shares"
    "$build/clout" write "$c/$post" saves 2025-01-02T01:00:00Z="$saves"
  done <<'POSTS'
v1 5400 400 20 12 9
v2 120000 9100 310 450 800
v3 800 13 1 0 2
v4 33000 2500 140 75 60
POSTS
}

# The calls whose output is compared, one per line.
calls() {
  local c=tiktok:twin w="--from=2025-01-01 --to=2025-01-04"
  echo "metrics"
  case "$metric" in
    engagement_rate)
      echo "compute $metric $c $w"
      echo "compute $metric $c $w variant=by_views"
      echo "compute $metric $c $w variant=by_views aggregation=median"
      echo "compute $metric $c $w variant=by_views include_saves=true min_views=1000"
      echo "compute $metric $c $w variant=by_followers aggregation=median include_saves=true"
      # No post in this window: an error, the same from both.
      echo "compute $metric $c --from=2025-01-01T00:00:00Z --to=2025-01-01T01:00:00Z"
      ;;
    *)
      echo "compute $metric $c $w"
      ;;
  esac
  echo "reload"
}

# JSON with sorted keys (protobuf maps such as a result's parameters come out
# in any order); other text as it is.
canonical() {
  perl -MJSON::PP -0777 -ne '
    my $json = JSON::PP->new->canonical->pretty;
    my @docs = eval { JSON::PP->new->incr_parse($_) };
    if (!$@ && @docs) { print $json->encode($_) for @docs } else { print }'
}

# Runs the fixture and the calls against cloutd with plugin file $1; writes
# the outputs to $2.
run() {
  local so=$1 out=$2 name=$3
  mkdir -p "$work/$name/plugins"
  cp "$so" "$work/$name/plugins/$file"
  "$build/cloutd" --listen=127.0.0.1:0 --data="$work/$name/data" \
    --plugins="$work/$name/plugins" --log_level=warning >"$work/$name/cloutd.out" 2>&1 &
  pid=$!
  for _ in $(seq 100); do grep -q listening "$work/$name/cloutd.out" 2>/dev/null && break; sleep 0.1; done
  CLOUT_SERVER=$(sed -n 's/^cloutd listening on //p' "$work/$name/cloutd.out")
  export CLOUT_SERVER
  [ -n "$CLOUT_SERVER" ] || { echo "FAIL: cloutd ($name) did not start:"; cat "$work/$name/cloutd.out"; exit 1; }
  fixture >"$work/$name/fixture.out"
  : >"$out"
  local call rc
  while read -r call; do
    set +e
    # shellcheck disable=SC2086  # the call is words
    "$build/clout" --json $call >"$work/$name/call.out" 2>&1
    rc=$?
    set -e
    { echo "\$ clout --json $call  (exit $rc)"; canonical <"$work/$name/call.out"; } >>"$out"
  done < <(calls)
  stop
}

run "$cmake_so" "$work/cmake.txt" cmake
run "$bazel_so" "$work/bazel.txt" bazel

n=$(calls | grep -c '^compute')
# The Bazel plugin must have loaded and computed: a result (one
# "metricVersion" each) in every compute but the empty window's.
results=$(grep -c '"metricVersion"' "$work/bazel.txt" || true)
expected=$n
[ "$metric" = engagement_rate ] && expected=$((n - 1))
if ! grep -q "\"$metric\"" "$work/bazel.txt" || [ "$results" -lt "$expected" ]; then
  echo "FAIL: the Bazel-built $file did not load or compute in cloutd ($results results for $n computations):"
  cat "$work/bazel.txt"
  exit 1
fi
if ! diff -u "$work/cmake.txt" "$work/bazel.txt" >"$work/diff"; then
  echo "FAIL: the Bazel-built $file and its CMake twin give different results:"
  cat "$work/diff"
  exit 1
fi
echo "CMake-built: $cmake_so ($(sha256sum <"$cmake_so" | cut -c1-12))"
echo "Bazel-built: $bazel_so ($(sha256sum <"$bazel_so" | cut -c1-12))"
# The values, as both computed them.
perl -MJSON::PP -0777 -ne '
  for my $part (split /^(?=\$ clout )/m) {
    my ($call, $body) = split /\n/, $part, 2;
    next unless $call =~ /^\$ clout --json (compute \S+ \S+ (.*?))\s+\(exit/;
    my $args = $2;
    my $doc = eval { JSON::PP->new->decode($body) };
    my $r = $doc && $doc->{result};
    printf "  %-70s %s\n", $args,
      $r ? sprintf("%s %s (%s)", $r->{value} // "none", $r->{unit} // "", $r->{variant} // "") : "no result";
  }' "$work/bazel.txt"
echo "bazel_plugin_twin_test: $file built by Bazel loads into the CMake-built cloutd; $n computations, metrics and reload identical to the CMake-built plugin"
