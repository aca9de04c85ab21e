#!/usr/bin/env bash
# check_plugin_exports.sh FILE.so...
#
# A plugin must export exactly one dynamic symbol, tb_plugin_entry_v1, and contain no
# STB_GNU_UNIQUE symbol (those make dlclose a no-op and so break hot reload). Prints every
# problem found and exits 1 if there is any.
set -uo pipefail

if [ $# -eq 0 ]; then
  echo "usage: $0 FILE.so..." >&2
  exit 2
fi

status=0
for file in "$@"; do
  problems=0
  if [ ! -f "$file" ]; then
    echo "$file: no such file (build the plugin first)"
    status=1
    continue
  fi
  if ! exported=$(nm -D --defined-only "$file" | awk 'NF >= 3 { print $3 }'); then
    echo "$file: nm -D failed"
    status=1
    continue
  fi
  count=$(printf '%s' "$exported" | grep -c . || true)
  if [ "$exported" != "tb_plugin_entry_v1" ]; then
    echo "$file: exports $count dynamic symbols, expected exactly tb_plugin_entry_v1:"
    printf '%s\n' "$exported" | sed 's/^/  /'
    problems=1
  fi
  if ! symbols=$(readelf -sW "$file"); then
    echo "$file: readelf -s failed"
    status=1
    continue
  fi
  unique=$(printf '%s\n' "$symbols" | awk '$5 == "UNIQUE" { print $8 }' | sort -u)
  if [ -n "$unique" ]; then
    echo "$file: has STB_GNU_UNIQUE symbols (build with -fno-gnu-unique; no function-local" \
         "statics in inline functions):"
    printf '%s\n' "$unique" | sed 's/^/  /'
    problems=1
  fi
  if [ $problems -ne 0 ]; then
    status=1
  else
    echo "$file: OK (exports only tb_plugin_entry_v1, no UNIQUE symbols)"
  fi
done
exit $status
