#!/usr/bin/env bash
# Checks that the CMake build and the Bazel build have the same C++ tests:
# every test registered in a CMakeLists.txt has a Bazel test target of the
# same name, and every Bazel test target has a CMake test of that name.
#
#   build_parity_test.sh [SOURCE_DIR]     (default: this script's repository)
#
# CMake side, read from every CMakeLists.txt of the source tree:
#   - add_test(NAME <name> COMMAND <command> ...)
#   - calls of a function whose body registers add_test(NAME ${<its first
#     parameter>} ...): clout_unit_test(<name> ...), clout_integration_test(...)
#   - inside foreach(<var> <word>...), names using ${<var>}, once per word
#   A test whose command is a program of another language (python, pytest,
#   node, npm, npx, go, java, mvn, cargo) or a script under clients/ or
#   tests/clients/ is not a C++ test and is left out, and so is this check.
# Bazel side, read from every BUILD.bazel (or BUILD) file: the name of each
#   cc_test(...) and sh_test(...), written as a literal `name = "<name>"`
#   (one test per call, no test made by a loop or a macro).
# Names written with ${...} or in any other form this reader cannot resolve
# fail the check too: write them literally.
set -euo pipefail

src=${1:-"$(cd "$(dirname "$0")/.." && pwd)"}
[ -f "$src/CMakeLists.txt" ] || { echo "build_parity_test: no CMakeLists.txt in $src" >&2; exit 2; }

# Files of the source tree, without build folders, Bazel's output links,
# nested Bazel repositories (bazel/stubs) and standalone example projects.
list_files() {
  (cd "$src" && find . \( -path ./.git -o -path './build*' -o -path './bazel-*' \
      -o -path ./bazel/stubs -o -path ./plugins/examples -o -name node_modules \) -prune \
      -o -type f -name "$1" -print | sed 's|^\./||' | sort)
}

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# CMake: "<name> <file> <command>" per test (command "-" for function tests).
list_files CMakeLists.txt >"$work/cmake_files"
(cd "$src" && xargs -a "$work/cmake_files" perl -0777 -ne '
  my $file = $ARGV;
  s/#[^\n]*//g;                                   # comments
  # Functions that register a test named after their first parameter; their
  # bodies are not scanned themselves.
  while (/\bfunction\s*\(\s*(\w+)\s+(\w+)[^)]*\)(.*?)\bendfunction\b/sg) {
    my ($f, $p, $body) = ($1, $2, $3);
    $funcs{$f} = 1 if $body =~ /\badd_test\s*\(\s*NAME\s+\$\{$p\}/;
  }
  s/\bfunction\s*\(.*?\bendfunction\b//sg;
  # foreach(<var> <word>...) loops: the body once per word.
  s{\bforeach\s*\(\s*(\w+)\s+([^)]*)\)(.*?)\bendforeach\s*\([^)]*\)}{
    my ($var, $items, $body) = ($1, $2, $3);
    my @items = split " ", $items;
    if (!@items || grep { /^(RANGE|IN)$/ || /\$/ } @items) { $body }
    else { join "\n", map { (my $b = $body) =~ s/\$\{$var\}/$_/g; $b } @items }
  }sge;
  push @texts, [$file, $_];
  END {
    for my $t (@texts) {
      my ($file, $text) = @$t;
      while ($text =~ /\badd_test\s*\(\s*NAME\s+(\S+?)\s+COMMAND\s+([^\s)]+)/sg) {
        print "$1 $file $2\n";
      }
      for my $f (sort keys %funcs) {
        while ($text =~ /(?<![\w])\Q$f\E\s*\(\s*([^\s)]+)/sg) {
          print "$1 $file -\n";
        }
      }
    }
  }') >"$work/cmake_raw"

# Bazel: "<name> <file>" per test.
list_files 'BUILD.bazel' >"$work/bazel_files"
list_files 'BUILD' >>"$work/bazel_files"
(cd "$src" && xargs -r -a "$work/bazel_files" perl -0777 -ne '
  my $file = $ARGV;
  s/#[^\n]*//g;
  while (/(?<![\w.])(cc_test|sh_test)\s*\((.*?)\bname\s*=\s*([^,\n]+)/sg) {
    my ($rule, $name) = ($1, $3);
    $name =~ s/\s+$//;
    if ($name =~ /^"([^"\$%{}]+)"$/) { print "$1 $file\n"; }
    else { print "!unreadable $file $rule name = $name\n"; }
  }') >"$work/bazel_raw"

status=0
fail() { echo "FAIL: $*"; status=1; }

other_language='^(.*/)?(python[0-9.]*|pytest|node|npm|npx|go|java|mvn|cargo)$|\$\{[^}]*(PYTHON|Python|NODE|Node|NPM|Npm|GO_|Go_|JAVA|Java|MAVEN|Maven)[^}]*\}|(^|/)(clients|tests/clients)/'
: >"$work/cmake"
while read -r name file command; do
  name=${name#\"}; name=${name%\"}
  [ "$name" = build_parity_test ] && continue
  if [ "$command" != - ] && [[ "$command" =~ $other_language ]]; then
    continue
  fi
  if [[ "$name" == *'$'* || "$name" == *'"'* ]]; then
    fail "$file: cannot read the CMake test name $name (write it literally)"
    continue
  fi
  echo "$name $file" >>"$work/cmake"
done <"$work/cmake_raw"

: >"$work/bazel"
while read -r name file rest; do
  if [ "$name" = '!unreadable' ]; then
    fail "$file: cannot read the Bazel test name in: $rest (write name = \"...\" literally)"
    continue
  fi
  [ "$name" = build_parity_test ] && continue
  echo "$name $file" >>"$work/bazel"
done <"$work/bazel_raw"

cut -d' ' -f1 "$work/cmake" | sort -u >"$work/cmake_names"
cut -d' ' -f1 "$work/bazel" | sort -u >"$work/bazel_names"
for dup in $(cut -d' ' -f1 "$work/bazel" | sort | uniq -d); do
  fail "Bazel test name $dup is used more than once: $(grep "^$dup " "$work/bazel" | cut -d' ' -f2 | tr '\n' ' ')"
done

while read -r name; do
  fail "C++ test $name exists in CMake ($(grep -m1 "^$name " "$work/cmake" | cut -d' ' -f2)) but not in Bazel: add a cc_test or sh_test named $name to a BUILD.bazel file"
done < <(comm -23 "$work/cmake_names" "$work/bazel_names")
while read -r name; do
  fail "C++ test $name exists in Bazel ($(grep -m1 "^$name " "$work/bazel" | cut -d' ' -f2)) but not in CMake: register it with add_test(NAME $name ...) in a CMakeLists.txt"
done < <(comm -13 "$work/cmake_names" "$work/bazel_names")

both=$(comm -12 "$work/cmake_names" "$work/bazel_names" | wc -l)
echo "build_parity_test: $(wc -l <"$work/cmake_names") CMake C++ tests, $(wc -l <"$work/bazel_names") Bazel tests, $both in both"
if [ "$status" -eq 0 ]; then
  echo "build_parity_test: the CMake and Bazel builds have the same C++ tests"
fi
exit "$status"
