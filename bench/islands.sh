#!/usr/bin/env bash
# Islands: 1, 2 and 4 MPI ranks on this machine at an equal total number of
# evaluations, against the single population. Prints a Markdown table.
#   bench/islands.sh [BUILD_DIR] [SEEDS]
set -euo pipefail
case ${1:-} in -h | --help) sed -n '2,/^set /s/^# \{0,1\}//p' "$0"; exit 0 ;; esac
build=${1:-build}
seeds=${2:-5}
[ -x "$build/solver/evosched" ] || { echo "$0: no $build/solver/evosched: build first (cmake -S . -B $build && cmake --build $build)" >&2; exit 2; }
export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1
shared=../shared/instances
cases=(
  "$shared/psplib/j120/j12060_3.sm 20000 --problem rcpsp --improve none"
  "instances/satellite/L-1.csg 20000 --improve none"
)
echo "| instance | ranks | evaluations per rank | mean objective | best | seconds |"
echo "|---|---|---|---|---|---|"
for c in "${cases[@]}"; do
  set -- $c
  file=$1 total=$2; shift 2
  for ranks in 1 2 4; do
    per=$((total / ranks)) sum=0 best="" secs=0
    for seed in $(seq 1 "$seeds"); do
      out=$(mktemp)
      start=$(date +%s.%N)
      if [ "$ranks" = 1 ]; then
        "$build/solver/evosched" solve "$file" --evals "$per" --seed "$seed" --no-target --threads 1 --quiet --json "$out" "$@"
      else
        mpirun --oversubscribe -n "$ranks" "$build/solver/evosched" solve "$file" --evals "$per" --seed "$seed" \
          --no-target --threads 1 --quiet --json "$out" "$@"
      fi
      end=$(date +%s.%N)
      v=$(python3 -c "import json,sys; print(json.load(open('$out'))['objective'])")
      sum=$(python3 -c "print($sum + $v)")
      best=$(python3 -c "import json; s=json.load(open('$out'))['sense']; b='$best'; v=$v; print(v if b=='' else (min(float(b),v) if s=='minimize' else max(float(b),v)))")
      secs=$(python3 -c "print($secs + $end - $start)")
      rm -f "$out"
    done
    python3 -c "print('| $(basename "$file") | $ranks | $per | %.1f | %s | %.2f |' % ($sum / $seeds, '$best', $secs / $seeds))"
  done
done
