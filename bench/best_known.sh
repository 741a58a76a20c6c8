#!/usr/bin/env bash
# RCPSP: the deviation from the critical path of the values in an
# `evosched bench` results.csv, next to that of the best known solutions
# (bounds.csv's upper_bound) of the same instances, as the literature
# compares them. `evosched bench` prints the same two figures per set (the
# "at best known" and "best known, literature dev." columns of report.md);
# this script adds the split by class.
#
#   bench/best_known.sh RESULTS.csv BOUNDS.csv [--by-class]
#
# --by-class splits the same figures by PSPLIB's design parameters, to show
# where a search loses against the best known: the resource strength RS
# (how scarce resources are), the resource factor RF (how many resources a
# job uses) and the network complexity NC. PSPLIB numbers its parameter sets
# with RS varying fastest, then RF, then NC (j30/j60: 4 RS values and 48
# sets; j120: 5 RS values and 60 sets), so an instance jXX<p>_<k> has RS
# class (p-1) % nRS, RF class ((p-1) / nRS) % 4 and NC class (p-1) / (4 nRS).
set -euo pipefail
if [ $# -lt 2 ] || [ $# -gt 3 ] || { [ $# -eq 3 ] && [ "$3" != --by-class ]; }; then
    echo "usage: $0 RESULTS.csv BOUNDS.csv [--by-class]" >&2
    exit 2
fi
awk -F, -v by_class="${3:-}" '
  function param(name,    m) {
    if (!match(name, /^j[0-9]+_/)) return 0
    m = substr(name, 1, RLENGTH - 1)
    return substr(m, length(set_prefix) + 1) + 0
  }
  FNR == 1 { next }
  FILENAME == ARGV[1] {
    ub[$1] = $3; cp[$1] = $4
    if (!set_prefix && match($1, /^j(120|30|60|90)/)) set_prefix = substr($1, 1, RLENGTH)
    p = param($1); if (p > nparams) nparams = p
    next
  }
  FILENAME != ARGV[1] && FNR == 2 { nrs = nparams > 48 ? 5 : 4 } # bounds.csv read: j120 has 60 parameter sets
  $5 == "ok" {
    n = split($2, parts, "/"); name = parts[n]
    if (!(name in cp)) { print "no bounds for " name > "/dev/stderr"; exit 1 }
    d_ours = ($6 - cp[name]) / cp[name]; d_best = (ub[name] - cp[name]) / cp[name]; hit = ($6 <= ub[name])
    runs++; ours += d_ours; best += d_best; at += hit
    if (by_class) {
      p = param(name)
      if (p < 1) { print "not a PSPLIB instance name: " name > "/dev/stderr"; exit 1 }
      key[1] = "RS " ((p - 1) % nrs + 1); key[2] = "RF " (int((p - 1) / nrs) % 4 + 1); key[3] = "NC " (int((p - 1) / (4 * nrs)) + 1)
      for (i = 1; i <= 3; i++) { k = key[i]; cr[k]++; co[k] += d_ours; cb[k] += d_best; ca[k] += hit }
    }
  }
  END {
    if (!runs) exit 1
    printf "| runs | deviation from the critical path %% | best known, same instances %% | at or below best known |\n"
    printf "|---:|---:|---:|---:|\n| %d | %.2f | %.2f | %d |\n", runs, 100 * ours / runs, 100 * best / runs, at
    if (!by_class) exit 0
    printf "\n| class (1: lowest value) | runs | deviation %% | best known %% | excess over best known, points of the set deviation | at or below best known |\n"
    printf "|---|---:|---:|---:|---:|---:|\n"
    split("RS RF NC", names, " ")
    for (i = 1; i <= 3; i++)
      for (c = 1; c <= 5; c++) {
        k = names[i] " " c
        if (!(k in cr)) continue
        printf "| %s | %d | %.2f | %.2f | %.2f | %d |\n", k, cr[k], 100 * co[k] / cr[k], 100 * cb[k] / cr[k],
               100 * (co[k] - cb[k]) / runs, ca[k]
      }
  }' "$2" "$1"
