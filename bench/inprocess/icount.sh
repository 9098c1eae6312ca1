#!/usr/bin/env bash
# Instructions per call of one system (valgrind callgrind, repeatable on a busy machine):
#   bench/inprocess/icount.sh <system> <json|stream> [calls=2000] [warm-up=3000]
# Runs count.mjs with 0 and with N calls (after the same warm-up) and prints the difference / N.
# The warm-up is long because V8 is still compiling the hot functions for a while (under valgrind
# its optimising compiler shows up as a large share of the instructions otherwise).
# TK_SRC=1 in the environment: Tokligence from src/ (bench/quick-build.mjs) instead of dist/.
set -euo pipefail
cd "$(dirname "$0")/../.."
sys=$1; mode=$2; n=${3:-2000}; warm=${4:-3000}
[[ "${TK_SRC:-}" == 1 ]] && node bench/quick-build.mjs > /dev/null
count() { valgrind --tool=callgrind --callgrind-out-file=/dev/null node bench/inprocess/count.mjs "$sys" "$mode" "$1" "$warm" 2>&1 | sed -n 's/.*Collected : //p'; }
base=$(count 0); full=$(count "$n")
echo "$sys $mode: $(( (full - base) / n )) instructions/call (base $base, with $n calls $full)"
