#!/usr/bin/env bash
# Checks that each plugin exports exactly one dynamic symbol,
# clout_plugin_entry_v1, as data (the host reads it without running plugin
# code), and does not depend on the C++ runtime (plugins link it statically).
#
#   plugin_exports_test.sh NM READELF BUILTIN_DIR [PLUGIN.so...]
#
# Checks every *.so in BUILTIN_DIR (the built-in plugins; may be missing or
# empty) and every PLUGIN.so given (each must exist).
set -uo pipefail

nm=$1
readelf=$2
builtin_dir=$3
shift 3
files=("$@")
builtin=0
if [ -d "$builtin_dir" ]; then
  for f in "$builtin_dir"/*.so; do
    [ -e "$f" ] && files+=("$f") && builtin=$((builtin + 1))
  done
fi
echo "checking ${#files[@]} plugins (${builtin} built-in from $builtin_dir)"

bad=0
for f in "${files[@]}"; do
  if [ ! -f "$f" ]; then
    echo "FAIL $f: no such file"
    bad=$((bad + 1))
    continue
  fi
  # Lines of `nm -D --defined-only`: "<address> <type> <name>".
  if ! defined=$("$nm" -D --defined-only "$f" 2>&1); then
    echo "FAIL $f: nm failed: $defined"
    bad=$((bad + 1))
    continue
  fi
  names=$(awk 'NF >= 3 {print $3}' <<<"$defined")
  if [ "$names" != "clout_plugin_entry_v1" ]; then
    echo "FAIL $f: exports $(wc -l <<<"$defined") symbols, expected only clout_plugin_entry_v1:"
    sed 's/^/    /' <<<"$defined" | head -20
    bad=$((bad + 1))
    continue
  fi
  type=$(awk 'NF >= 3 {print $2}' <<<"$defined")
  case "$type" in
    D|d|R|r|B|b) ;;
    *) echo "FAIL $f: clout_plugin_entry_v1 has symbol type $type, expected data (D or R)"
       bad=$((bad + 1))
       continue ;;
  esac
  needed=$("$readelf" -d "$f" | awk '/\(NEEDED\)/ {print $NF}' | tr -d '[]')
  if grep -Eq '^(libstdc\+\+|libgcc_s)' <<<"$needed"; then
    echo "FAIL $f: depends on the C++ runtime: $(tr '\n' ' ' <<<"$needed")"
    bad=$((bad + 1))
    continue
  fi
  echo "ok   $f"
done

echo "plugin_exports_test: ${#files[@]} plugins checked, $bad with problems"
[ "$bad" -eq 0 ]
