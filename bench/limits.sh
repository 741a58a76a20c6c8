#!/usr/bin/env bash
# Limits on instances far larger than the benchmarks: how long `solve --time T`
# really takes, how soon Ctrl-C ends a run without a budget, and whether the
# result passes the checker. Instances are generated (tardiness, satellite, RCPSP) or
# derived from committed files (RCPSP in finer time units, a wide project), so
# the table can be reproduced anywhere. Prints a Markdown table.
#   bench/limits.sh [BUILD_DIR] [THREADS]
set -euo pipefail
case ${1:-} in -h | --help) sed -n '2,/^set /s/^# \{0,1\}//p' "$0"; exit 0 ;; esac
build=${1:-build}
threads=${2:-2}
[ -x "$build/solver/evosched" ] || { echo "$0: no $build/solver/evosched: build first (cmake -S . -B $build && cmake --build $build)" >&2; exit 2; }
evosched="$build/solver/evosched"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

"$evosched" generate tardiness --n 2000 --tf 0.6 --rdd 0.4 --weighted --seed 3 >"$work/wt2000.txt"
"$evosched" generate tardiness --n 20000 --tf 0.6 --rdd 0.4 --weighted --seed 3 >"$work/wt20000.txt"
"$evosched" generate satellite --satellites 200 --stations 50 --tasks 50000 --seed 1 >"$work/sat50000.csg"
# The largest project the RCPSP generator writes, durations up to 50.
"$evosched" generate rcpsp --n 2000 --resources 8 --max-duration 50 --seed 3 >"$work/rcpsp2000.sm"
# j301_1 with every duration times 60 (minutes for hours): the search counts in hours.
awk 'NR <= 2 { print; next } { $1 = $1 * 60; print }' instances/rcpsp/j301_1.rcp >"$work/j301_1_minutes.rcp"
# 1,000 parallel activities of 4,800 minutes on 60 resources.
awk 'BEGIN {
  srand(5); n = 1000; K = 60
  printf "%d %d\n", n + 2, K
  for (k = 0; k < K; k++) printf "10 "; print ""
  printf "0"; for (k = 0; k < K; k++) printf " 0"; printf " %d", n
  for (j = 2; j <= n + 1; j++) printf " %d", j; print ""
  for (j = 0; j < n; j++) {
    printf "4800"; for (k = 0; k < K; k++) printf " %d", int(rand() * 4); printf " 1 %d\n", n + 2
  }
  printf "0"; for (k = 0; k < K; k++) printf " 0"; print " 0"
}' >"$work/wide_minutes.rcp"

# A population far beyond the tuned ones (at most 10,000): a generation's
# bookkeeping (niche, replacement) must not outlast the limit either.
cp instances/rcpsp/j12060_3.sm "$work/j12060_3.sm"

now() { date +%s.%N; }

echo "| instance | option | limit s | wall s | search s | checker | Ctrl-C after 5 s: exit within s |"
echo "|---|---|---:|---:|---:|---|---:|"
for c in "wt2000.txt|" "wt20000.txt|" "sat50000.csg|" "j301_1_minutes.rcp|" "wide_minutes.rcp|" "rcpsp2000.sm|" \
  "wt20000.txt|--algorithm aco" "j12060_3.sm|--population 100000"; do
  file=${c%%|*} opt=${c#*|}
  for limit in 1 5; do
    start=$(now)
    set +e
    # shellcheck disable=SC2086
    "$evosched" solve "$work/$file" --time "$limit" --threads "$threads" --quiet --json "$work/r.json" \
      --solution "$work/sol.txt" $opt 2>"$work/err.txt"
    rc=$?
    set -e
    wall=$(echo "$(now) - $start" | bc)
    if [ "$rc" != 0 ]; then
      printf '| %s | %s | %s | %.2f | – | refused: %s | – |\n' "$file" "${opt:-–}" "$limit" "$wall" \
        "$(head -c 120 "$work/err.txt")"
      continue
    fi
    search=$(sed -n 's/.*"seconds":[[:space:]]*\([0-9.]*\).*/\1/p' "$work/r.json" | head -1)
    checked=$("$evosched" check "$work/$file" "$work/sol.txt" >/dev/null 2>&1 && echo feasible || echo FAILED)
    ctrlc="–"
    if [ "$limit" = 5 ]; then
      # A script's background job starts with SIGINT ignored, and evosched
      # keeps a signal its parent ignores ignored (docs/cli.md, Interrupts):
      # env gives it the default disposition a terminal's job would have.
      # shellcheck disable=SC2086
      env --default-signal=INT "$evosched" solve "$work/$file" --threads "$threads" --quiet \
        --solution "$work/int.txt" $opt 2>/dev/null &
      pid=$!
      sleep 5
      sent=$(now)
      # a run that proved its optimum within the 5 s has nothing to interrupt
      if kill -INT "$pid" 2>/dev/null; then
        wait "$pid" || true
        ctrlc=$(printf '%.2f' "$(echo "$(now) - $sent" | bc)")
      else
        wait "$pid" || true
        ctrlc="ended before"
      fi
      "$evosched" check "$work/$file" "$work/int.txt" >/dev/null 2>&1 || ctrlc="$ctrlc (solution FAILED the checker)"
    fi
    printf '| %s | %s | %s | %.2f | %.2f | %s | %s |\n' "$file" "${opt:-–}" "$limit" "$wall" "$search" "$checked" \
      "$ctrlc"
  done
done
