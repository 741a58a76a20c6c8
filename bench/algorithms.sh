#!/usr/bin/env bash
# GA alone, ant colony alone and the hybrid at equal budgets over several
# seeds, on OR-Library wt100, PSPLIB j60/j120 (every EVERY-th instance, at
# 5,000 and 50,000 schedules) and the satellite classes M and L, through
# `evosched bench`. Prints one table; each configuration's full report stays
# in OUT/<set>-<budget>-<algorithm>/.
#
#   bench/algorithms.sh [BUILD_DIR [OUT_DIR]]
#   env: SHARED (../shared/instances), SEEDS (10), EVERY (10), WT_TIME (2),
#        SAT_M_EVALS (10000), SAT_L_EVALS (3000), SETS ("wt100 j60 j120 sat")
set -euo pipefail
case ${1:-} in -h | --help) sed -n '2,/^set /s/^# \{0,1\}//p' "$0"; exit 0 ;; esac
build=${1:-build}
out=${2:-algorithms-results}
[ -x "$build/solver/evosched" ] || { echo "$0: no $build/solver/evosched: build first (cmake -S . -B $build && cmake --build $build)" >&2; exit 2; }
evo=$build/solver/evosched
shared=${SHARED:-../shared/instances}
seeds=${SEEDS:-10}
every=${EVERY:-10}
here=$(cd "$(dirname "$0")/.." && pwd)
mkdir -p "$out"

# The rows of report.md's set table, prefixed by the configuration.
rows() {
  awk -v algo="$1" -v budget="$2" '
    /^## Sets/ { on = 1; next }
    on && /^\*at bound/ { exit }
    on && /^\| set / { next }
    on && /^\|---/ { next }
    on && /^\|/ { printf "| %s | %s %s\n", algo, budget, $0 }'
}

run() { # name budget-label bench-arguments...
  local name=$1 label=$2
  shift 2
  for algo in ga aco hybrid; do
    "$evo" bench "$@" --algorithm "$algo" --seeds "$seeds" --out "$out/$name-$algo" >/dev/null
    rows "$algo" "$label" <"$out/$name-$algo/report.md"
  done
}

echo "| algorithm | budget | set | problem | instances | runs | at bound | mean gap % | max gap % | literature dev. % | mean value | mean s | s to best | evaluations/s |"
echo "|---|---|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
for set in ${SETS:-wt100 j60 j120 sat}; do
  case $set in
    wt100)
      run wt100 "${WT_TIME:-2} s" "$shared/orlib-wt/wt100.txt" --time "${WT_TIME:-2}" ;;
    j60 | j120)
      for s in 5000 50000; do
        # activity lists for all three: ants build lists (RCPSP files are
        # otherwise detected as rcpsp-keys)
        run "$set-$s" "$s schedules" "$shared/psplib/$set" --problem rcpsp --every "$every" --schedules "$s"
      done ;;
    sat)
      for class in M L; do
        ls "$here"/instances/satellite/"$class"-*.csg >"$out/$class.list"
        evals=SAT_${class}_EVALS
        default=$([ "$class" = M ] && echo 10000 || echo 3000)
        run "sat-$class" "${!evals:-$default} evaluations" "@$out/$class.list" --evals "${!evals:-$default}"
      done ;;
  esac
done
