#!/usr/bin/env bash
# Instructions per call of overhead.mjs cases (no network; valgrind callgrind, repeatable):
#   bench/inprocess/icount-local.sh [calls=2000] case…
# For each case: overhead.mjs with --n=0 and --n=N (same warm-up), difference / N.
set -euo pipefail
cd "$(dirname "$0")/../.."
n=$1; shift
node bench/quick-build.mjs > /dev/null
count() { valgrind --tool=callgrind --callgrind-out-file=/dev/null node bench/inprocess/overhead.mjs "$1" --n="$2" --rounds=1 --no-build 2>&1 | sed -n 's/.*Collected : //p'; }
for c in "$@"; do
  base=$(count "$c" 0); full=$(count "$c" "$n")
  echo "$c: $(( (full - base) / n )) instructions/call"
done
