#!/usr/bin/env bash
# Instructions per call of one system (valgrind callgrind, repeatable on a busy machine):
#   bench/inprocess/icount.sh <system> <json|stream> [calls=1000]
# Runs count.mjs with 0 and with N calls (after the same warm-up) and prints the difference / N.
# TK_SRC=1 in the environment: Tokligence from src/ (tsx) instead of dist/.
set -euo pipefail
cd "$(dirname "$0")/../.."
sys=$1; mode=$2; n=${3:-1000}
exec_args=()
[[ "${TK_SRC:-}" == 1 ]] && exec_args=(--import tsx)
count() { valgrind --tool=callgrind --callgrind-out-file=/dev/null node "${exec_args[@]}" bench/inprocess/count.mjs "$sys" "$mode" "$1" 2>&1 | sed -n 's/.*Collected : //p'; }
base=$(count 0); full=$(count "$n")
echo "$sys $mode: $(( (full - base) / n )) instructions/call (base $base, with $n calls $full)"
