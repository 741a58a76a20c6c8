#!/usr/bin/env bash
# RCPSP: the deviation from the critical path of the values in an
# `evosched bench` results.csv, next to that of the best known solutions
# (bounds.csv's upper_bound) of the same instances, as the literature
# compares them.
#
#   bench/best_known.sh RESULTS.csv BOUNDS.csv
set -euo pipefail
awk -F, '
  FNR == 1 { next }
  FILENAME == ARGV[1] { ub[$1] = $3; cp[$1] = $4; next }
  $5 == "ok" {
    n = split($2, parts, "/"); name = parts[n]
    if (!(name in cp)) { print "no bounds for " name > "/dev/stderr"; exit 1 }
    runs++; ours += ($6 - cp[name]) / cp[name]; best += (ub[name] - cp[name]) / cp[name]; at += ($6 <= ub[name])
  }
  END {
    if (!runs) exit 1
    printf "| runs | deviation from the critical path %% | best known, same instances %% | at or below best known |\n"
    printf "|---:|---:|---:|---:|\n| %d | %.2f | %.2f | %d |\n", runs, 100 * ours / runs, 100 * best / runs, at
  }' "$2" "$1"
